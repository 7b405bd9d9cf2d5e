"""CSV in and out: EveryPolitician term CSVs, seat tables, ParlGov tables; errors name line and column."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from strategies_interchange import chambers_with_parties
from whipcount.errors import InputError, InterchangeError
from whipcount.io.csvio import export_csv, import_csv, read_csv, seat_csv, term_csv
from whipcount.io.scenario import load_scenario
from whipcount.model import Chamber, Party, Scenario

HERE = Path(__file__).parent / "fixtures" / "interchange"
TERM = HERE / "ep-term-examplia.csv"


def parties_on(sc: Scenario, day: str) -> tuple[dict[str, int], int]:
    state = sc.state(dt.date.fromisoformat(day))
    return {p.id: p.seats for p in state.parties}, state.vacancies


def test_term_csv_gives_the_same_term_as_the_popolo_bundle() -> None:
    result = read_csv(TERM, rules="pk-na")
    sc = result.scenario
    assert sc.chamber.name == "Assembly of Examplia" and sc.chamber.seats == 7
    assert parties_on(sc, "2019-05-01") == ({"red": 2, "blue": 3, "green": 1, "independent": 1}, 0)
    assert parties_on(sc, "2020-03-10") == ({"red": 2, "blue": 3, "green": 0, "independent": 1}, 1)
    assert parties_on(sc, "2021-02-01") == ({"red": 3, "blue": 2, "green": 1, "independent": 1}, 0)
    ana = next(m for m in sc.members if m.name == "Ana Arrow")
    assert ana.wikidata == "Q900001" and ana.constituency == "North"
    assert any(w.endswith("ep-term-examplia.csv:7: column 'start_date': '2020-06' has month precision; "
                          "read as 2020-06-01") for w in result.warnings)


def test_seat_table_with_a_split_party() -> None:
    result = read_csv(HERE / "seats-examplia.csv", rules="pk-na", as_of=dt.date(2019, 5, 1), seats=9)
    parties = {p.id: p for p in result.scenario.parties}
    assert parties["independent"].seats == 2
    assert dict(parties["independent"].by_side) == {"government": 1, "opposition": 1}
    assert parties["red"].colour == "#cc0000"
    assert result.scenario.state().vacancies == 1  # 9 seats, 8 held
    assert result.scenario.state().sides() == {"government": 4, "opposition": 4, "other": 0}


def test_parlgov_table_keeps_party_ids_and_picks_the_election() -> None:
    with pytest.raises(InterchangeError, match=r"2 elections \(2015-04-12, 2019-04-14\); choose one with --as-of"):
        read_csv(HERE / "parlgov-examplia.csv", rules="pk-na")
    result = read_csv(HERE / "parlgov-examplia.csv", rules="pk-na", as_of=dt.date(2019, 4, 14),
                      sides={"red": "government", "green": "government", "blue": "opposition", "ind": "other"})
    parties = {p.id: p for p in result.scenario.parties}
    assert {k: p.seats for k, p in parties.items()} == {"red": 2, "blue": 3, "green": 1, "ind": 1}
    assert parties["red"].parlgov == 9001 and parties["red"].left_right == 3.1
    assert result.scenario.chamber.seats == 7  # ParlGov's seats_total
    # the columns of the fixture's header that a scenario has no place for are named, not dropped unsaid
    (left_out,) = result.warnings
    assert left_out.endswith(":1: columns whipcount does not read, left out: 'country_name_short' (6 of 6 rows), "
                             "'election_type' (6 of 6 rows), 'vote_share' (6 of 6 rows)")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chambers_with_parties())
def test_seat_table_round_trip(drawn: tuple[Chamber, tuple[Party, ...]]) -> None:
    chamber, parties = drawn
    sc = Scenario(id="t", title="t", chamber=chamber, parties=parties)
    back = import_csv(seat_csv(sc), "t.csv", rules=chamber.rules, as_of=chamber.as_of, seats=chamber.seats,
                      chamber_name=chamber.name).scenario
    # What a seat table holds: ids, names, seats per side, colours and identifiers (notes and sources do not fit).
    def table(ps: tuple[Party, ...]) -> list[tuple[object, ...]]:
        return [(p.id, p.name, p.short, p.initial_holdings() if p.seats else {}, p.colour, p.wikidata, p.parlgov,
                 p.left_right, dict(p.identifiers)) for p in ps]  # a table keeps no order of schemes
    assert table(back.parties) == [
        (i, n, s, {k: v for k, v in h.items() if v}, c, w, pg, lr, ids)
        for i, n, s, h, c, w, pg, lr, ids in table(parties)
    ]
    assert back.state().vacancies == sc.state().vacancies


def test_term_csv_round_trip_of_the_bundled_members() -> None:
    sc = load_scenario("pk-na-2022")
    text = term_csv(sc)
    back = import_csv(text, "pk.csv", rules="pk-na", as_of=sc.chamber.as_of).scenario
    ours = {m.id: (m.name, m.party, m.constituency) for m in sc.members if m.seated}
    theirs = {m.id: (m.name, m.party, m.constituency) for m in back.members if m.seated}
    assert theirs == ours
    # the event log's party changes come back as dated memberships
    header = export_csv(sc, kind="members").splitlines()[0]
    assert header.startswith("id,name,sort_name,email,twitter,facebook,group,group_id")


def test_the_default_export_keeps_the_whole_chamber(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """25 named members of 342 seats: the default is the seat table, and a re-import gives 342 seats with
    the same sides; asking for the members warns how many seats are left out."""
    out, back = tmp_path / "pk.csv", tmp_path / "pk.yaml"
    assert run_cli("export", "csv", "pk-na-2022", "--on", "2022-03-30", "-o", str(out)).code == 0
    assert out.read_text(encoding="utf-8").startswith("party,")
    r = run_cli("import", "csv", str(out), "--rules", "pk-na", "--as-of", "2022-03-30", "-o", str(back))
    assert r.code == 0, r.err
    again = load_scenario(back).state(dt.date(2022, 3, 30))
    original = load_scenario("pk-na-2022").state(dt.date(2022, 3, 30))
    assert (again.seats, again.sides()) == (342, original.sides())
    warned = run_cli("export", "csv", "pk-na-2022", "--kind", "members", "-o", str(tmp_path / "m.csv"))
    # 342 seats less the vacant one and the 33 named members (11 others, 14 served show-cause notices, 7 more
    # of PTI's references, Ayaz Sadiq who presided) on the day of the vote
    assert "the other 308 seats held are left out" in " ".join(warned.err.split())


def test_export_on_a_date_and_kind() -> None:
    sc = load_scenario("pk-na-2022")
    rows = seat_csv(sc, dt.date(2022, 4, 1)).splitlines()
    mqm = [r for r in rows if r.startswith("mqm-p,")]
    assert len(mqm) == 1 and ",7,opposition," in mqm[0]  # MQM-P switched on 30 March
    with pytest.raises(InputError, match="has no named members"):
        export_csv(dataclasses.replace(sc, members=(), events=()), kind="members")


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("id,name,group,group_id,start_date\nm1,Ana,Red,red,2019-05-01\nm2,Ben,,,2019-05-01\n",
         r"^t.csv:3: column 'group_id': empty"),
        ("id,name,group,group_id,start_date\nm1,Ana,Red,red,2019-05-01\n,Ben,Red,red,2019-05-01\n",
         r"^t.csv:3: column 'id': empty"),
        ("id,name,group,group_id,start_date\nm1,Ana,Red,red,2019-05-01\nm2,Ben,Red,red,05/01/2019\n",
         r"^t.csv:3: column 'start_date': expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got '05/01/2019'$"),
        ("id,name,group,group_id,wikidata\nm1,Ana,Red,red,42\n", r"^t.csv:2: column 'wikidata': expected a Wikidata id"),
        ("id,name,group,group_id,start_date\nm1,Ana,Red,red,2019-05-01\nm1,Anna,Red,red,2019-05-01\n",
         r"^t.csv:3: column 'name': 'Anna', but line 2 names id 'm1' 'Ana'$"),
        ("id,name,group,group_id,start_date,end_date\nm1,Ana,Red,red,2019-05-01,2018-01-01\n",
         r"^t.csv:2: column 'end_date': ends \(2018-01-01\) before it starts \(2019-05-01\)$"),
        ("party,seats,side\nred,two,government\n",
         r"^t.csv:2: column 'seats': expected a whole number \(digits 0-9, at most 18\), got 'two'$"),
        # int() reads all three, none of which a seat table means
        ("party,seats,side\nred,1_000,government\n", r"^t.csv:2: column 'seats': expected a whole number .*'1_000'$"),
        ("party,seats,side\nred,\u0661\u0662,government\n", r"^t.csv:2: column 'seats': expected a whole number"),
        ("party,seats,side\nred,9" + "0" * 30 + ",government\n", r"^t.csv:2: column 'seats': expected a whole number"),
        ("party,seats,side\nred,-2,government\n", r"^t.csv:2: column 'seats': "),
        ("party,seats,side,colour\nred,2,government,reddish\n", r"^t.csv:2: column 'colour': expected a colour"),
        ("party,seats,side\nred,2,government\nred,1,government\n", r"^t.csv:3: column 'party': party 'red' is listed twice"),
        ("who,what\na,b\n", r"^t.csv:1: not a CSV whipcount reads"),
        ("", r"^t.csv: the file is empty"),
        ("party,seats,side\nred,2,government,extra\n", r"^t.csv:2: 4 cells but the header has 3 columns$"),
    ],
)
def test_malformed_csv_names_line_and_column(text: str, pattern: str) -> None:
    with pytest.raises(InterchangeError, match=pattern) as info:
        import_csv(text, "t.csv", rules="pk-na", as_of=dt.date(2019, 5, 1), seats=9)
    assert "\n" not in str(info.value)


def test_overlap_in_a_term_csv_names_the_line() -> None:
    text = ("id,name,group,group_id,start_date,end_date\n"
            "m1,Ana,Red,red,2019-05-01,2020-03-10\n"
            "m2,Ben,Red,red,2019-05-01,\n"
            "m3,Cleo,Red,red,2020-01-01,\n")
    with pytest.raises(InterchangeError, match=r"^t.csv:4: column 'start_date': fills 1 seat\(s\) but only 0"):
        import_csv(text, "t.csv", rules="pk-na")
    assert import_csv(text, "t.csv", rules="pk-na", seats=3).scenario.state(dt.date(2020, 3, 10)).vacancies == 1


def test_rules_are_required() -> None:
    with pytest.raises(InterchangeError, match=r"give --rules"):
        read_csv(TERM)


def test_a_new_side_is_added_with_a_warning_and_refused_when_strict() -> None:
    text = "party,seats,side\nred,2,goverment\n"
    result = import_csv(text, "t.csv", rules="pk-na", as_of=dt.date(2019, 5, 1), seats=2)
    assert result.scenario.chamber.sides == ("government", "opposition", "other", "goverment")
    assert result.warnings == ("t.csv: side 'goverment' is not one of government, opposition, other: "
                               "added to the chamber's sides",)
    with pytest.raises(InterchangeError, match=r"side 'goverment' .* \(--strict; 1 warning\(s\) in all\)"):
        import_csv(text, "t.csv", rules="pk-na", as_of=dt.date(2019, 5, 1), seats=2, strict=True)


def test_a_seat_table_keeps_the_chamber_size_and_so_the_vacancies(pakistan, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # 341 seats held of 342: without the chamber's size the number needed would drop from 172 to 171.
    import datetime as dt

    from whipcount.io.csvio import import_csv, seat_csv

    text = seat_csv(pakistan)
    assert "seats_total" in text.splitlines()[0]
    result = import_csv(text, "pk.csv", rules="pk-na", as_of=dt.date(2022, 3, 8))
    assert result.scenario.chamber.seats == 342
    assert result.scenario.state().vacancies == 1


PARLGOV_HEADER = "country_name_short,election_type,election_date,party_id,party_name_short,seats,seats_total\n"


@pytest.mark.parametrize("elections", [4, 5])
def test_a_choice_of_elections_lists_four_and_says_when_there_are_more(elections: int) -> None:
    dates = [f"20{10 + k}-05-01" for k in range(elections)]
    text = PARLGOV_HEADER + "".join(f"EXA,parliament,{d},900{k},P{k},3,7\n" for k, d in enumerate(dates))
    shown = ", ".join(dates[:4]) + (", ..." if elections > 4 else "")
    with pytest.raises(InterchangeError, match=rf"^t.csv: {elections} elections \({re.escape(shown)}\); choose one"):
        import_csv(text, "t.csv", rules="pk-na")


@pytest.mark.parametrize(("length", "kept"), [(80, 80), (81, 80)])
def test_a_seat_table_keeps_a_party_id_up_to_80_characters(length: int, kept: int) -> None:
    pid = "p" * length
    # a valid id of 80 ending in "." is kept whole too (made into an id, the dot would go)
    dotted = "q" * 79 + "."
    sc = import_csv(f"party,seats,side\n{dotted},2,government\n", "t.csv", rules="pk-na",
                    as_of=dt.date(2020, 1, 1)).scenario
    assert sc.parties[0].id == dotted
    sc = import_csv(f"party,seats,side\n{pid},2,government\nb,1,opposition\n", "t.csv", rules="pk-na",
                    as_of=dt.date(2020, 1, 1)).scenario
    assert sc.parties[0].id == "p" * kept


@pytest.mark.parametrize(("groups", "seats", "message"), [
    # two group ids that become one: the second group's line is named
    (("Red Party", "blue", "RED-PARTY"), 3,
     r"^t.csv:4: column 'group_id': organization id 'RED-PARTY' and 'Red Party' both become 'red-party'$"),
    # more members than seats: one line naming the file
    (("red", "blue", "blue"), 2, r"^t.csv: organizations: parties hold 3 seats but the chamber has only 2$"),
])
def test_a_term_csv_of_three_members_refused(groups: tuple[str, ...], seats: int, message: str) -> None:
    rows = "".join(f"m{k},P{k},G{k},{g},2019-05-01\n" for k, g in enumerate(groups))
    with pytest.raises(InterchangeError, match=message):
        import_csv("id,name,group,group_id,start_date\n" + rows, "t.csv", rules="pk-na",
                   as_of=dt.date(2020, 1, 1), seats=seats)


def test_a_term_csv_names_its_scenario_after_the_file() -> None:
    assert read_csv(TERM, rules="pk-na").scenario.id == "ep-term-examplia"
    assert read_csv(TERM, rules="pk-na", scenario_id="mine").scenario.id == "mine"


def test_a_seat_table_writes_no_row_for_a_side_without_seats(tmp_path: Path) -> None:
    # a party's side without seats gets no row; a party without any seats one row of 0 on its side
    text = ("chamber: {name: X, rules: pk-na, seats: 5, as_of: 2020-01-01}\n"
            "parties:\n  - {id: a, name: A, seats: 2, by_side: {government: 0, opposition: 2}}\n"
            "  - {id: b, name: B, seats: 3, side: government}\n"
            "  - {id: c, name: C, seats: 0, side: opposition}\n")
    (tmp_path / "s.yaml").write_text(text, encoding="utf-8")
    rows = [r.split(",")[:5] for r in seat_csv(load_scenario(tmp_path / "s.yaml")).splitlines()[1:]]
    assert [(r[0], r[3], r[4]) for r in rows] == [("a", "2", "opposition"), ("b", "3", "government"),
                                                  ("c", "0", "opposition")]


def test_a_term_csv_member_sits_for_the_area_named_with_or_without_its_id(tmp_path: Path) -> None:
    # Cleo Cole's row gives area "South" with the id area/south; without the id, the name alone still
    # makes the constituency (and a member without an area has none)
    text = TERM.read_text(encoding="utf-8")
    assert ",area/south,South," in text
    for row_text in (text, text.replace(",area/south,South,", ",,South,")):
        (tmp_path / "t.csv").write_text(row_text, encoding="utf-8")
        members = {m.name: m for m in read_csv(tmp_path / "t.csv", rules="pk-na").scenario.members}
        assert (members["Cleo Cole"].constituency, members["Ana Arrow"].constituency) == ("South", "North")
        assert members["Ben Birch"].constituency is None


def test_a_term_csv_of_two_chambers_is_refused_not_counted_as_one() -> None:
    """Rows of another chamber (two legislatures' term CSVs joined) would have been one chamber's members."""
    rows = ["id,name,group,group_id,chamber,term,start_date",
            "m1,Ana,Red,red,Lower House,1,2019-05-01",
            "m2,Ben,Red,red,Lower House,1,2019-05-01",
            "m3,Cleo,Blue,blue,Senate,1,2019-05-01",
            "m4,Dan,Blue,blue,Lower House,2,2023-05-01",
            "m5,Eve,Blue,blue,Senate,2,2023-05-01"]
    with pytest.raises(InterchangeError, match=r"^t.csv:4: column 'chamber': expected one value in every row, "
                                               r"'Lower House' as on line 2, got 'Senate'; line 6 differs too$"):
        import_csv("\n".join(rows) + "\n", "t.csv", rules="pk-na", chamber_name="Assembly")
    one = "\n".join(rows[:3]) + "\n"
    assert import_csv(one, "t.csv", rules="pk-na").scenario.chamber.name == "Lower House"
    assert import_csv(one, "t.csv", rules="pk-na", chamber_name="Assembly").scenario.chamber.name == "Assembly"
    # the term read is one chamber's, whatever the other terms hold
    term_two = "\n".join([*rows[:4], rows[4], "m6,Fay,Red,red,Lower House,2,2023-05-01"]) + "\n"
    assert import_csv(term_two, "t.csv", rules="pk-na", term="2").scenario.chamber.name == "Lower House"
    with pytest.raises(InterchangeError, match=r"^t.csv:4: column 'chamber'"):
        import_csv(term_two, "t.csv", rules="pk-na", term="1")


def test_a_column_of_one_value_lists_five_other_lines_that_differ_and_then_stops() -> None:
    head = "party,seats,side,chamber_name\n"
    rows = [f"q{i},1,government,Toyland Assembly" for i in range(9)]  # lines 2 to 10: the usual value
    rows += [f"p{i},1,opposition,Toyland Ass" for i in range(7)]  # lines 11 to 17
    opts = {"rules": "pk-na", "as_of": dt.date(2020, 1, 1), "seats": 20}
    with pytest.raises(InterchangeError, match=r"^t.csv:11: column 'chamber_name': expected one value in every row, "
                                               r"'Toyland Assembly' as on line 2, got 'Toyland Ass'; "
                                               r"lines 12, 13, 14, 15, 16, \.\.\. differ too$"):
        import_csv(head + "\n".join(rows) + "\n", "t.csv", **opts)  # type: ignore[arg-type]
    six = head + "\n".join(rows[:15]) + "\n"  # lines 11 to 16 differ: the five after the first, and no more
    with pytest.raises(InterchangeError, match=r"; lines 12, 13, 14, 15, 16 differ too$"):
        import_csv(six, "t.csv", **opts)  # type: ignore[arg-type]
    # a name given on the command line is the chamber's, whatever the table says or leaves out
    plain = "party,seats,side\nred,5,government\nblue,4,opposition\n"
    named = import_csv(plain, "t.csv", rules="pk-na", as_of=dt.date(2020, 1, 1), seats=9, chamber_name="Assembly")
    assert named.scenario.chamber.name == "Assembly"
