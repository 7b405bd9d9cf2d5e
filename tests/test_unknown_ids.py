"""A mistyped reference in a scenario file (a party or member id, a side) is named with the nearest id the
file has, wherever it is made: README.md promises "the nearest when one is close" for a value a field
allows. Only an event's kind said so; an event's party listed the parties without the nearest, and a
stance's, a member's, a division vote's or a coalition's reference said neither."""

from __future__ import annotations

import pytest

from whipcount.errors import InputError
from whipcount.io.scenario import parse_scenario
from whipcount.io.yamlsource import load_yaml_text

HEAD = """\
chamber: {name: X, rules: pk-na, seats: 10, as_of: 2020-01-01}
parties:
  - {id: red-party, name: Red, seats: 6, side: government}
  - {id: blue-party, name: Blue, seats: 4, side: opposition}
members:
  - {id: raja-riaz, name: Raja Riaz, party: red-party}
"""

CASES = {
    "an event's party": ("events:\n  - {date: 2020-02-01, kind: switch-side, party: red-pary, to: opposition}\n",
                         r"events\[0\]\.party: unknown party 'red-pary' \(known by then: blue-party, red-party\); "
                         r"did you mean 'red-party'\?$"),
    "an event's member": ("events:\n  - {date: 2020-02-01, kind: defect, party: red-party, members: [raja-riyaz],"
                          " to: opposition}\n",
                          r"events\[0\]\.members\[0\]: unknown member 'raja-riyaz'; did you mean 'raja-riaz'\?$"),
    "an event's side": ("events:\n  - {date: 2020-02-01, kind: switch-side, party: red-party, to: oppositon}\n",
                        r"unknown side 'oppositon' \(expected one of: government, opposition, other\); "
                        r"did you mean 'opposition'\?$"),
    "a stance's party": ("stances:\n  - {date: 2020-02-01, party: blue-pary, stance: yes}\n",
                         r"stances\[0\]\.party: unknown party 'blue-pary' \(known: blue-party, red-party\); "
                         r"did you mean 'blue-party'\?$"),
    "a stance's member": ("stances:\n  - {date: 2020-02-01, member: raja-riyaz, stance: yes}\n",
                          r"stances\[0\]\.member: unknown member 'raja-riyaz'; did you mean 'raja-riaz'\?$"),
    "a stance's side": ("stances:\n  - {date: 2020-02-01, party: red-party, side: goverment, stance: no}\n",
                        r"stances\[0\]\.side: unknown side 'goverment' \(expected one of: government, opposition, "
                        r"other\); did you mean 'government'\?$"),
    "a coalition's party": ("forecast: {together: [{parties: [red-party, blue-pary]}]}\n",
                            r"forecast\.together\[0\]\.parties\[1\]: unknown party 'blue-pary' \(known: blue-party, "
                            r"red-party\); did you mean 'blue-party'\?$"),
    "a member's side": ("  - {id: ali, name: Ali, party: blue-party, side: oppositon}\n",
                        r"^s\.yaml:7: members\[1\]\.side: unknown side 'oppositon' \(expected one of: government, "
                        r"opposition, other\); did you mean 'opposition'\?$"),
    "a far-off id": ("stances:\n  - {date: 2020-02-01, party: zzz, stance: yes}\n",
                     r"stances\[0\]\.party: unknown party 'zzz' \(known: blue-party, red-party\)$"),
}


@pytest.mark.parametrize("where", CASES)
def test_a_mistyped_reference_is_named_with_the_nearest_id(where: str) -> None:
    tail, message = CASES[where]
    with pytest.raises(InputError, match=message):
        parse_scenario(load_yaml_text(HEAD + tail, "s.yaml"))


def test_a_members_party_and_a_division_vote() -> None:
    text = HEAD.replace("party: red-party}\n", "party: red-pary}\n")
    with pytest.raises(InputError, match=r"members\[0\]\.party: unknown party 'red-pary' .*did you mean 'red-party'"):
        parse_scenario(load_yaml_text(text, "s.yaml"))
    vote = HEAD + ("motion: {kind: no-confidence, vote: 2020-03-01}\n"
                   "division: {date: 2020-03-01, yes: 1, no: 0, votes: [{member: raja-riyaz, vote: yes}]}\n")
    with pytest.raises(InputError, match=r"unknown member 'raja-riyaz'; did you mean 'raja-riaz'\?$"):
        parse_scenario(load_yaml_text(vote, "s.yaml"))


@pytest.mark.parametrize("args,message", [
    (("what-if", "pk-na-2022", "--switch", "mqmp"), "unknown party 'mqmp' (known: aml, "),
    (("forecast", "pk-na-2022", "--together", "pti,ppp2"), "unknown party 'ppp2' (known: aml, "),
    (("chart", "pk-na-2022", "--speaker", "ptii", "-o", "-"), "speaker: unknown party 'ptii' (known: aml, "),
])
def test_an_options_mistyped_party_is_named_with_the_nearest(args: tuple[str, ...], message: str,
                                                             run_cli) -> None:  # type: ignore[no-untyped-def]
    r = run_cli(*args)
    assert r.code == 1 and message in r.err
    nearest = {"mqmp": "mqm-p", "pti,ppp2": "ppp", "ptii": "pti"}[args[3]]
    assert r.err.strip().endswith(f"; did you mean '{nearest}'?"), r.err
