"""An OCD voter found by name is found as whipcount finds names everywhere: 'José' written as 'e' and a
combining accent (as a file saved on a Mac may hold it), in capitals or with a left-to-right mark is the
member 'José', never a voter counted but not attached."""

from __future__ import annotations

import unicodedata

import pytest

from whipcount.errors import InterchangeError
from whipcount.io.csvio import import_csv
from whipcount.io.ocd import import_ocd
from whipcount.model import Scenario

TERM = ("id,name,group_id,start_date\n"
        "jm,José Müller,red,2020-01-01\n"
        "ma,محمد علي,red,2020-01-01\n"
        "zn,Zoë Ñoño,blue,2020-01-01\n")


@pytest.fixture
def chamber() -> Scenario:
    return import_csv(TERM, "t.csv", rules="pk-na").scenario


def vote(*names: str) -> dict[str, object]:
    return {"motion_classification": ["no-confidence"], "start_date": "2020-05-01",
            "votes": [{"option": "yes", "voter_name": n} for n in names]}


def test_names_written_another_way_are_the_members(chamber: Scenario) -> None:
    names = (unicodedata.normalize("NFD", "José Müller"),  # decomposed
             "\u200fمحمد علي",  # a right-to-left mark before it
             "ZOË  ÑOÑO")  # capitals, two spaces
    result = import_ocd(vote(*names), "v.json", chamber)
    d = result.scenario.motions[0].division
    assert d is not None and dict(d.votes) == {"jm": "yes", "ma": "yes", "zn": "yes"}
    assert not any("not a member" in w for w in result.warnings)


def test_a_name_that_is_no_member_is_still_counted_and_not_attached(chamber: Scenario) -> None:
    result = import_ocd(vote("José Müller", "Ann Other"), "v.json", chamber)
    d = result.scenario.motions[0].division
    assert d is not None and dict(d.votes) == {"jm": "yes"} and d.yes == 2
    assert "v.json: votes[1]: 'Ann Other' is not a member of t: counted, not attached" in result.warnings


def test_two_members_whose_names_fold_alike_are_not_guessed_between() -> None:
    sc = import_csv("id,name,group_id,start_date\na,José Pérez,red,2020-01-01\nb,Jose Perez,red,2020-01-01\n",
                    "t.csv", rules="pk-na").scenario
    with pytest.raises(InterchangeError, match=r"votes\[0\]\.voter_name: 'JOSE PEREZ' matches 2 members \(a, b\)"):
        import_ocd(vote("JOSE PEREZ"), "v.json", sc)


def test_an_id_and_a_name_of_two_members_are_warned_of(chamber: Scenario) -> None:
    data = vote("José Müller")
    data["votes"] = [{"option": "no", "voter_name": "Zoë Ñoño", "voter_id": "ocd-person/jm"}]
    result = import_ocd(data, "v.json", chamber)
    d = result.scenario.motions[0].division
    assert d is not None and dict(d.votes) == {"jm": "no"}  # the id wins, as documented
    assert "v.json: votes[0].voter_name: 'Zoë Ñoño' is the name of zn, but voter_id 'ocd-person/jm' is 'jm': " \
        "attached to 'jm' by its id (check the vote)" in result.warnings


def test_an_id_with_its_member_s_name_written_another_way_is_not_warned_of(chamber: Scenario) -> None:
    data = vote()
    data["votes"] = [{"option": "no", "voter_name": "JOSE MULLER", "voter_id": "jm"}]
    assert not any("voter_name" in w for w in import_ocd(data, "v.json", chamber).warnings)
