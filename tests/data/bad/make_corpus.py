"""Write the corpus of malformed inputs next to this file: ``python tests/data/bad/make_corpus.py``.

Each file's name says which reader it is for (``scenario-``, ``constitution-``, ``popolo-``, ``ocd-``,
``csv-``); tests/test_bad_inputs.py runs every file through the command line and checks the refusal.
Special files (a FIFO, a directory, a symlink loop) cannot live in git: the test makes those itself.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

GOOD = """\
chamber: {name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}
parties:
  - {id: red, name: Red Party, seats: 6, side: government}
  - {id: blue, name: Blue Party, seats: 4, side: opposition}
members:
  - {id: ann, name: Ann, party: red}
events:
  - {date: 2020-02-01, kind: switch-side, party: red, seats: 2, to: opposition, source: "https://example.org/a"}
motion: {kind: no-confidence, target: Someone, filed: 2020-01-20, moved: 2020-02-01, vote: 2020-02-05}
"""

SCENARIOS: dict[str, str] = {
    "not-yaml": "chamber: [unclosed\n",
    "tab-indent": "chamber:\n\tname: x\n",
    "empty": "",
    "a-list": "- a\n- b\n",
    "plain-text": "hello world\n",
    "duplicate-key": GOOD.replace("parties:", "title: a\ntitle: b\nparties:"),
    "unknown-field": GOOD.replace("chamber:", "chambr: {}\nchamber:"),
    "no-chamber": GOOD.split("parties:")[0].replace("chamber", "title") + "parties: []\n",
    "no-parties": GOOD.split("parties:")[0],
    "unknown-rules": GOOD.replace("rules: pk-na", "rules: xx-nowhere"),
    "missing-rules-file": GOOD.replace("rules: pk-na", "rules: ./nowhere.yaml"),
    "seats-negative": GOOD.replace("seats: 6,", "seats: -6,"),
    "seats-bool": GOOD.replace("seats: 6,", "seats: true,"),
    "division-over-sitting": GOOD.replace("events:\n", "events:\n  - {date: 2020-01-25, kind: resign, party: blue, "
                                          "seats: 2, source: \"https://example.org/r\"}\n")
                             + "division: {date: 2020-02-05, yes: 6, no: 4}\n",
    "chamber-seats-bool": GOOD.replace("seats: 11,", "seats: true,"),
    "sides-twice": GOOD.replace("as_of: 2020-01-01}", "as_of: 2020-01-01, sides: [government, opposition, government]}"),
    "from-party-not-theirs": GOOD.replace("events:\n", "events:\n  - {date: 2020-01-15, kind: join-party, party: blue, "
                                          "from_party: blue, members: [ann], source: \"https://example.org/b\"}\n"),
    "seats-text": GOOD.replace("seats: 6,", "seats: six,"),
    "seats-float": GOOD.replace("seats: 6,", "seats: 6.5,"),
    "seats-over-chamber": GOOD.replace("seats: 6,", "seats: 60,"),
    "chamber-seats-zero": GOOD.replace("seats: 11,", "seats: 0,"),
    "bad-date": GOOD.replace("date: 2020-02-01", "date: 2020-13-01"),
    "date-words": GOOD.replace("date: 2020-02-01", "date: next tuesday"),
    "unknown-party-in-event": GOOD.replace("party: red, seats: 2", "party: green, seats: 2"),
    "event-moves-too-many": GOOD.replace("party: red, seats: 2", "party: red, seats: 20"),
    "unknown-event-kind": GOOD.replace("kind: switch-side", "kind: teleport"),
    "unknown-side": GOOD.replace("side: opposition}", "side: sideways}"),
    "duplicate-party": GOOD.replace("id: blue", "id: red"),
    "duplicate-sides": GOOD.replace("as_of: 2020-01-01}", "as_of: 2020-01-01, sides: [government, government]}"),
    "bad-colour": GOOD.replace("side: government}", "side: government, colour: 'url(javascript:x)'}", 1),
    "javascript-source": GOOD.replace("https://example.org/a", "javascript:alert(1)"),
    "unknown-motion-kind": GOOD.replace("kind: no-confidence", "kind: impeachment"),
    "vote-before-filing": GOOD.replace("vote: 2020-02-05", "vote: 2020-01-10"),
    "division-too-many": GOOD + "division: {yes: 8, no: 8}\n",
    "division-negative": GOOD + "division: {yes: -1}\n",
    "division-before-filing": GOOD + "division: {yes: 5, date: 2020-01-01}\n",
    "member-votes-twice": GOOD + "division: {yes: 2, votes: [{member: ann, vote: 'yes'}, {member: ann, vote: 'no'}]}\n",
    "candidates-over-seats": GOOD.replace("kind: no-confidence", "kind: pm-election")
    + "division: {yes: 9, candidates: {A: 9, B: 9}}\n",
    "unknown-member": GOOD.replace("kind: switch-side, party: red, seats: 2",
                                   "kind: leave-party, member: bob, party: red"),
    "member-from-wrong-party": GOOD.replace("kind: switch-side, party: red, seats: 2, to: opposition",
                                            "kind: leave-party, member: ann, party: blue, to: other"),
    "member-unknown-party": GOOD.replace("{id: ann, name: Ann, party: red}", "{id: ann, name: Ann, party: teal}"),
    "stance-unknown": GOOD + "stances:\n  - {party: red, stance: maybe, date: 2020-02-01}\n",
    "stance-unknown-party": GOOD + "stances:\n  - {party: teal, stance: 'yes', date: 2020-02-01}\n",
    "probability-over-one": GOOD + "stance_probabilities: {undecided: 1.5}\n",
    "forecast-bad-swing": GOOD + "forecast: {swing: -1}\n",
    "alias-bomb": "a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8)),
    "self-alias": "chamber: &c [*c]\n",
    "deep-nesting": "chamber: " + "[" * 3000 + "]" * 3000 + "\n",
    "deep-mapping": "chamber:\n" + "".join("  " * i + "  a:\n" for i in range(200)),
    "complex-key": "? [a, b]\n: 1\n",
    "merge-key": "base: &b {name: x}\nchamber:\n  <<: *b\n  seats: 3\n",
    "two-documents": GOOD + "---\n" + GOOD,
    "huge-number": GOOD.replace("seats: 6,", "seats: " + "9" * 5000 + ","),
    "long-value": GOOD.replace("party: red, seats: 2", "party: " + "r" * 6000 + ", seats: 2"),
    "custom-tag": GOOD.replace("seats: 6,", "seats: !!python/object:os.system 6,"),
    "binary-bytes": "chamber: \x00\x01\n",
}

CONSTITUTION = """\
id: mine
name: Mine
country: Somewhere
seats: 101
motions:
  - kind: no-confidence
    threshold: {basis: total, fraction: "1/2"}
    source: {article: "Art. 1", url: "https://example.org/c"}
    effect: the government resigns
"""

CONSTITUTIONS: dict[str, str] = {
    "not-yaml": "id: [x\n",
    "empty": "",
    "no-motions": CONSTITUTION.split("motions:")[0],
    "fraction-inf": CONSTITUTION.replace('"1/2"', ".inf"),
    "fraction-tiny": CONSTITUTION.replace('"1/2"', "1e-999999999"),
    "fraction-over-one": CONSTITUTION.replace('"1/2"', '"3/2"'),
    "fraction-text": CONSTITUTION.replace('"1/2"', "half"),
    "unknown-basis": CONSTITUTION.replace("basis: total", "basis: everyone"),
    "unknown-kind": CONSTITUTION.replace("kind: no-confidence", "kind: coup"),
    "seats-negative": CONSTITUTION.replace("seats: 101", "seats: -1"),
    "seat-period-backwards": CONSTITUTION.replace(
        "seats: 101", 'seats: [{seats: 101, start: 2020-01-01, end: 2010-01-01, source: "https://example.org/s"}]'),
    "movers-over-seats": CONSTITUTION.replace("    effect:", "    movers: {count: 500}\n    effect:"),
    "window-backwards": CONSTITUTION.replace("    effect:", "    window: {min_days: 10, max_days: 3}\n    effect:"),
    "duplicate-motion": CONSTITUTION + CONSTITUTION.split("motions:\n")[1],
    "defection-backwards": CONSTITUTION.replace(
        "    effect:", '    defection: [{start: 2024-01-01, end: 2020-01-01, counted: false, '
                      'source: {article: "x", url: "https://example.org/d"}}]\n    effect:'),
    "unknown-field": CONSTITUTION.replace("country:", "continent: x\ncountry:"),
    "bad-url": CONSTITUTION.replace("https://example.org/c", "javascript:alert(1)"),
    "alias-bomb": SCENARIOS["alias-bomb"],
    "duplicate-key": CONSTITUTION.replace("name: Mine", "name: Mine\nname: Again"),
}

POPOLO_GOOD = {
    "persons": [{"id": "p1", "name": "Ann"}],
    "organizations": [{"id": "red", "name": "Red", "classification": "party"},
                      {"id": "house", "name": "House", "classification": "legislature"}],
    "memberships": [{"person_id": "p1", "organization_id": "house", "on_behalf_of_id": "red",
                     "start_date": "2020-01-01"}],
}


def _popolo(change: dict[str, object]) -> str:
    doc = json.loads(json.dumps(POPOLO_GOOD))
    doc.update(change)
    return json.dumps(doc)


POPOLO: dict[str, str] = {
    "not-json": "{persons: [}",
    "empty": "",
    "an-array": "[1, 2]",
    "duplicate-key": '{"persons": [], "persons": []}',
    "nan": '{"persons": [{"id": "p", "name": "x", "n": NaN}]}',
    "infinity": '{"persons": [{"id": "p", "name": "x", "n": -Infinity}]}',
    "huge-integer": '{"persons": [{"id": "p", "name": "x", "n": ' + "9" * 5000 + "}]}",
    "deep-array": '{"persons": ' + "[" * 5000 + "]" * 5000 + "}",
    "no-persons": _popolo({"persons": "nobody"}),
    "unknown-organization": _popolo({"memberships": [{"person_id": "p1", "organization_id": "nowhere"}]}),
    "unknown-person": _popolo({"memberships": [{"person_id": "zz", "organization_id": "house",
                                                "on_behalf_of_id": "red"}]}),
    "bad-date": _popolo({"memberships": [{"person_id": "p1", "organization_id": "house", "on_behalf_of_id": "red",
                                          "start_date": "2020-02-30"}]}),
    "end-before-start": _popolo({"memberships": [{"person_id": "p1", "organization_id": "house",
                                                  "on_behalf_of_id": "red", "start_date": "2021-01-01",
                                                  "end_date": "2020-01-01"}]}),
    "overlapping-memberships": _popolo({
        "organizations": POPOLO_GOOD["organizations"] + [{"id": "blue", "name": "Blue", "classification": "party"}],
        "memberships": [{"person_id": "p1", "organization_id": "house", "on_behalf_of_id": "red",
                         "start_date": "2020-01-01", "end_date": "2021-12-31"},
                        {"person_id": "p1", "organization_id": "house", "on_behalf_of_id": "blue",
                         "start_date": "2021-06-01"}]}),
}

OCD: dict[str, str] = {
    "not-json": "{",
    "duplicate-key": '{"counts": [], "counts": []}',
    "nan": '{"counts": [{"option": "yes", "value": NaN}]}',
    "negative-count": '{"counts": [{"option": "yes", "value": -4}], "start_date": "2022-04-10"}',
    "bad-date": '{"counts": [{"option": "yes", "value": 4}], "start_date": "April"}',
    "not-an-object": '"vote"',
    "decades-early": '{"motion_classification": ["pm-election"], "counts": [{"option": "yes", "value": 174}], '
                     '"start_date": "1990-04-11"}',
}

CSV: dict[str, str] = {
    "empty": "",
    "header-only": "party,seats,side\n",
    "seats-text": "party,seats,side\nred,many,government\n",
    "seats-negative": "party,seats,side\nred,-4,government\n",
    "duplicate-party": "party,seats,side\nred,4,government\nred,3,government\n",
    "no-party": "party,seats,side\n,4,government\n",
    "ragged": "party,seats,side\nred,4,government,extra,cells\n",
    "binary": "party,seats\x00,side\n",
}


def main() -> None:
    for group, entries, suffix in (("scenario", SCENARIOS, "yaml"), ("constitution", CONSTITUTIONS, "yaml"),
                                   ("popolo", POPOLO, "json"), ("ocd", OCD, "json"), ("csv", CSV, "csv")):
        for name, text in entries.items():
            (HERE / f"{group}-{name}.{suffix}").write_text(text, encoding="utf-8")
    (HERE / "popolo-not-utf8.json").write_bytes(b'{"persons": [{"id": "\xff\xfe"}]}')
    (HERE / "scenario-latin1.yaml").write_bytes(GOOD.replace("Red Party", "R\xe9d").encode("latin-1"))


if __name__ == "__main__":
    main()
