"""A write never leaves a whip count the dashboard cannot build: an event that would shrink a party below a
part recorded for it, or leave a party without seats, on the day of its stance, is refused like an event that
does not replay (nothing written; a later event only shrinks the part or makes the stance lapse), and so is a scenario file whose current stances do not fit its chamber. And one
position has one spelling, so two writers naming it two ways still meet at one version."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import text

from storage_fixtures import PK, loaded, store  # noqa: F401
from whipcount.errors import ConflictError, InputError, ModelError
from whipcount.io.scenario import load_scenario
from whipcount.model import Event, Stance
from whipcount.storage import Store, Subject
from whipcount.web.board import compute_board

VOTE_EVE = dt.date(2022, 4, 9)


def _counts(s: Store) -> dict[str, int]:
    with s.engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                for t in ("events", "stances", "stance_history", "audit")}


def test_a_later_event_that_shrinks_a_party_below_its_recorded_part_is_taken_and_the_part_shrinks(
        loaded: Store) -> None:  # noqa: F811
    """A part recorded on 1 April (10 of PPP's 56 seats lean no), then 52 of its seats resign on 9 April: the
    event is taken, and the part counts for the 4 seats left, with a note saying so."""
    loaded.set_stance(PK, "party:ppp/part", stance="lean-no", seats=10, version=0, user="ed",
                      date=dt.date(2022, 4, 1))
    loaded.append_event(PK, Event(date=VOTE_EVE, kind="resign", party="ppp", seats=52), user="ed", confirm=True)
    loaded.set_stance(PK, "party:mma", stance="no", version=0, user="ed")  # later writes still go through
    sc = loaded.scenario(PK, history=False)
    board, _ = compute_board(sc, list(sc.stances), loaded.stances(PK), [], revision=loaded.revision(PK), on=VOTE_EVE)
    assert not board["problems"]
    ppp = [(p["seats"], p["stance"]) for p in board["positions"] if p["party"] == "ppp"]
    assert ppp == [(4, "lean-no")], ppp  # 56 - 52, all of them the part's
    assert any("52 fewer than on 2022-04-01" in n and "the stance for 10 of them counts for 4" in n
               for n in board["notes"]), board["notes"]


def test_an_event_that_shrinks_a_party_below_its_part_on_the_parts_own_day_is_refused(loaded: Store) -> None:  # noqa: F811
    loaded.set_stance(PK, "party:ppp/part", stance="lean-no", seats=10, version=0, user="ed", date=VOTE_EVE)
    before, rev = _counts(loaded), loaded.revision(PK)
    resign = Event(date=VOTE_EVE, kind="resign", party="ppp", seats=52)
    with pytest.raises(ModelError, match=r"nothing was written: party:ppp/part: stance for 10 seats .* only 4"):
        loaded.append_event(PK, resign, user="ed", confirm=True)
    assert _counts(loaded) == before and loaded.revision(PK) == rev
    # with the part made smaller first, the same event is taken
    loaded.set_stance(PK, "party:ppp/part", stance="lean-no", seats=4, version=1, user="ed", date=VOTE_EVE)
    assert loaded.append_event(PK, resign, user="ed", confirm=True) > 0


def test_an_event_that_empties_a_party_with_a_stance_is_refused(loaded: Store) -> None:  # noqa: F811
    loaded.set_stance(PK, "party:anp", stance="yes", version=0, user="ed")
    held = loaded.scenario(PK).state(VOTE_EVE).party("anp").seats
    with pytest.raises(ModelError, match=r"party:anp: party .anp. holds no seats"):
        loaded.append_event(PK, Event(date=VOTE_EVE, kind="resign", party="anp", seats=held), user="ed",
                            confirm=True)


def test_a_later_event_that_unseats_a_party_with_a_stance_is_taken_and_the_stance_lapses(loaded: Store) -> None:  # noqa: F811
    """The newsroom records the de-seating of members whose stance it recorded days before (Punjab, 20 May
    2022): the event is taken, the count goes on without them, and the board says the stance lapsed."""
    loaded.set_stance(PK, "party:anp", stance="yes", version=0, user="ed", date=dt.date(2022, 4, 1))
    held = loaded.scenario(PK).state(VOTE_EVE).party("anp").seats
    loaded.append_event(PK, Event(date=VOTE_EVE, kind="disqualify", party="anp", seats=held), user="ed",
                        confirm=True)
    sc = loaded.scenario(PK)
    assert sc.state(VOTE_EVE).vacancies == sc.state(dt.date(2022, 4, 8)).vacancies + held
    loaded.set_stance(PK, "party:ppp", stance="no", version=0, user="ed")  # later writes still go through
    sc = loaded.scenario(PK, history=False)
    board, _ = compute_board(sc, list(sc.stances), loaded.stances(PK), [], revision=loaded.revision(PK), on=VOTE_EVE)
    assert not board["problems"]
    assert any("'anp' holds no seats" in n and "the stance of 2022-04-01 lapses" in n for n in board["notes"])
    assert all(p["party"] != "anp" for p in board["positions"])


def test_a_scenario_whose_current_stances_do_not_fit_is_not_loaded(store: Store) -> None:  # noqa: F811
    pk = load_scenario(PK)
    too_many = Stance(dt.date(2022, 4, 10), "no", party="pti", seats=400)
    with pytest.raises(InputError, match=r"stances: party:pti/part: stance for 400 seats.*nothing was written"):
        store.save_scenario(dataclasses.replace(pk, stances=(*pk.stances, too_many)))
    assert not store.has_scenario(PK)
    # only the current entry of a subject counts: a later entry that fits replaces the one that did not
    fixed = Stance(dt.date(2022, 4, 10), "no", party="pti", seats=10)
    store.save_scenario(dataclasses.replace(pk, stances=(*pk.stances, too_many, fixed)))
    assert store.stance(PK, "party:pti/part").seats == 10  # type: ignore[union-attr]


def test_a_scenario_with_a_stance_that_fits_the_vote_but_not_its_own_day_is_not_loaded(store: Store) -> None:  # noqa: F811
    """MQM-P's 7 seats moved to the opposition on 30 March 2022 (the file's event): a stance on them there
    dated 20 March fits the vote's day, but that day's dashboard (and ``count --on 2022-03-20``) cannot count it."""
    pk = load_scenario(PK)
    early = Stance(dt.date(2022, 3, 20), "yes", party="mqm-p", side="opposition")
    with pytest.raises(InputError, match=r"^stances: party:mqm-p@opposition: 'mqm-p' holds no seats on the "
                                         r"opposition side on 2022-03-20 .*nothing was written$"):
        store.save_scenario(dataclasses.replace(pk, stances=(*pk.stances, early)))
    assert not store.has_scenario(PK)
    store.save_scenario(dataclasses.replace(pk, stances=(*pk.stances, dataclasses.replace(early, date=VOTE_EVE))))


# -- one position, one spelling: the version check cannot be passed twice ------------------------------------
def test_two_spellings_of_one_position_share_one_version(loaded: Store) -> None:  # noqa: F811
    loaded.set_stance(PK, "party:ppp", stance="no", version=0, user="ed")
    # PPP sits in opposition: party:ppp@opposition is the same position, already at version 1
    with pytest.raises(ConflictError) as caught:
        loaded.set_stance(PK, "party:ppp@opposition", stance="yes", version=0, user="ed2")
    assert caught.value.current.subject == "party:ppp"  # type: ignore[attr-defined]
    row = loaded.set_stance(PK, "party:ppp@opposition", stance="yes", version=1, user="ed2")
    assert (row.subject, row.version) == ("party:ppp", 2)
    assert [r.subject for r in loaded.stances(PK) if "ppp" in r.subject] == ["party:ppp"]
    assert loaded.check_subject(PK, "party:ppp@opposition/part") == Subject.parse("party:ppp/part")
    # a side that is not the party's main one is a position of its own
    assert str(loaded.check_subject(PK, "party:bap@government")) == "party:bap@government"


def test_a_spelling_stored_from_a_file_is_the_one_written_to(store: Store) -> None:  # noqa: F811
    pk = load_scenario(PK)
    spelled = Stance(dt.date(2022, 4, 1), "lean-no", party="ppp", side="opposition")
    store.save_scenario(dataclasses.replace(pk, stances=(*pk.stances, spelled)))
    with pytest.raises(ConflictError):
        store.set_stance(PK, "party:ppp", stance="yes", version=0, user="ed")
    row = store.set_stance(PK, "party:ppp", stance="yes", version=1, user="ed")
    assert (row.subject, row.version) == ("party:ppp@opposition", 2)
    assert [r.subject for r in store.stances(PK) if "ppp" in r.subject] == ["party:ppp@opposition"]


_FURTHER = """
id: further
chamber: {id: c, name: C, rules: pk-na, seats: 20, as_of: 2022-01-01}
parties: [{id: a, name: A, seats: 11, side: government}, {id: b, name: B, seats: 9, side: opposition}]
members: [{id: ann, name: Ann One, party: a}]
motion: {id: nc, kind: no-confidence, vote: 2022-01-20}
motions:
  - id: pm
    kind: pm-election
    vote: 2022-03-10
    stances:
      - {date: 2022-01-10, member: ann, stance: absent}
      - {date: 2022-03-01, party: b, seats: 6, stance: "yes"}
"""


def test_a_further_motions_recorded_stances_must_still_fit_after_an_event(store: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """`count --motion pm` reads the election's own stances: an event that leaves one of them unable to be
    counted (B's part of 6 after B falls to 4) is refused as it is for the main motion's, and a file whose
    further motion's stance never fitted is not loaded; a member unseated after her stance still lapses."""
    path = tmp_path / "further.yaml"
    path.write_text(_FURTHER, encoding="utf-8")
    store.save_scenario(load_scenario(path))
    before = _counts(store)
    with pytest.raises(ModelError, match=r"nothing was written: motion pm: party:b/part: stance for 6 seats"):
        store.append_event("further", Event(date=dt.date(2022, 2, 16), kind="resign", party="b", seats=5),
                           user="ed", confirm=True)
    assert _counts(store) == before
    store.append_event("further", Event(date=dt.date(2022, 2, 15), kind="resign", party="a", members=("ann",)),
                       user="ed", confirm=True)  # after her stance of 10 January: it lapses
    late = _FURTHER.replace("2022-01-10, member: ann", "2022-03-01, member: ann").replace("id: further", "id: late")
    late += "events: [{date: 2022-02-15, kind: resign, party: a, members: [ann]}]\n"
    path.write_text(late, encoding="utf-8")
    with pytest.raises(InputError, match=r"motion pm: member:ann: member 'ann' holds no seat"):
        store.save_scenario(load_scenario(path))


# -- sides named by stored stances across a change of government (Punjab, 30 April 2022) ---------------------------
PUNJAB = "pk-pa-punjab-2022"


def test_the_board_shows_each_stored_row_on_the_seats_it_was_recorded_for(store: Store) -> None:  # noqa: F811
    """On 16 April the 25 PTI dissidents sat with the PML-N-led opposition (party:pti@opposition) and the other
    158 with Buzdar's government (party:pti@government); Hamza's oath on 30 April swapped the sides' names. On
    1 May the dissidents' row must be the one behind the government-side position, the 158's behind the other."""
    store.save_scenario(load_scenario(PUNJAB), user="loader")
    sc = store.scenario(PUNJAB, history=False)
    board, _ = compute_board(sc, list(sc.stances), store.stances(PUNJAB), [], revision=store.revision(PUNJAB),
                             on=dt.date(2022, 5, 1))
    rows = {p["key"]: (p["subject"], p["seats"], p["stance"]) for p in board["positions"] if p["party"] == "pti"}
    assert rows["pti@government"] == ("party:pti@opposition", 25, "yes")
    assert rows["pti@opposition"] == ("party:pti@government", 158, "absent")


def test_a_write_cannot_carry_a_stored_side_across_a_change_of_government(store: Store) -> None:  # noqa: F811
    """After 30 April 'party:pti@government' names the 25 dissidents, while the stored row of that spelling
    (16 April) is the 158's: a write must neither overwrite the 158's stance nor give the row to other seats."""
    store.save_scenario(load_scenario(PUNJAB), user="loader")
    before = _counts(store), [(r.subject, r.stance, r.version) for r in store.stances(PUNJAB)]
    may = dt.date(2022, 5, 2)
    with pytest.raises(InputError, match=r"before the change of government of 2022-04-30.*nothing was written"):
        store.set_stance(PUNJAB, "party:pti@government", stance="no", version=1, user="ed", date=may)
    assert (_counts(store), [(r.subject, r.stance, r.version) for r in store.stances(PUNJAB)]) == before
    # the 158 now sit on PTI's main side, the opposition: a write there is the party's own row (party:pti),
    # dated later than the row of 16 April, so it is theirs; the dissidents' stance stays as it was
    store.set_stance(PUNJAB, "party:pti@opposition", stance="lean-no", version=1, user="ed", date=may)
    sc = store.scenario(PUNJAB, history=False)
    board, _ = compute_board(sc, list(sc.stances), store.stances(PUNJAB), [], revision=store.revision(PUNJAB), on=may)
    stances = {p["key"]: (p["seats"], p["stance"]) for p in board["positions"] if p["party"] == "pti"}
    assert stances == {"pti@government": (25, "yes"), "pti@opposition": (158, "lean-no")}
