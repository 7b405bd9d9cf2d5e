"""The model's words for readers: each event kind as a sentence, kind labels, probabilities as percentages.

The expected strings are the sentences a reader should see, written here by hand from the inputs; the
probability edges follow the rule in :mod:`whipcount.model.formats` (one decimal, ``< 0.1%`` and ``> 99.9%``
at the ends, ``0%`` and ``100%`` only for exact zero and one, a hair of float error tolerated)."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from whipcount.model import Event, NewParty
from whipcount.model.events import KIND_LABELS, SEAT_KINDS, kind_label
from whipcount.model.formats import format_probability

D = dt.date(2022, 3, 30)


@pytest.mark.parametrize(("event", "sentence"), [
    (Event(D, "switch-side", party="mqm-p", seats=7, to="opposition"), "7 of mqm-p to the opposition"),
    (Event(D, "defect", party="pti", members=("a", "b"), to="opposition"), "a, b of pti to the opposition"),
    (Event(D, "resign", party="pti", seats=3), "3 of pti: seat vacated (resign)"),
    (Event(D, "death", party="pti"), "1 of pti: seat vacated (death)"),
    (Event(D, "disqualify", party="pti", members=("x",)), "x of pti: seat vacated (disqualify)"),
    (Event(D, "by-election", party="pml-n"), "1 seat(s) filled for pml-n"),
    (Event(D, "fill-seat", party="pml-n", seats=4), "4 seat(s) filled for pml-n"),
    (Event(D, "merge", parties=("a", "b"), into="c"), "a, b merge into c"),
    (Event(D, "government-change"), "change of government: the government and the opposition swap sides"),
    (Event(D, "split", party="pml", seats=5, new_party=NewParty("pml-q", "PML (Q)")), "5 of pml split off as PML (Q)"),
    (Event(D, "split", party="pml", seats=5), "5 of pml split off as a new party"),
    (Event(D, "leave-party", party="pti", seats=2, to_party="independent"), "2 of pti leave the party as independents"),
    (Event(D, "leave-party", party="pti", seats=2, to_party="pml-n"), "2 of pti leave the party for pml-n"),
    # members elected are named, as the members who leave a seat are
    (Event(D, "by-election", party="tjo", members=("bjort",)), "bjort of tjo: seat filled (by-election)"),
    # join-party: `party` is the party joined, the seats come from `from_party` (independents by default)
    (Event(D, "join-party", party="pti", seats=1), "1 of independent joins pti"),
    (Event(D, "join-party", party="cdu-csu", from_party="fdp", seats=3), "3 of fdp join cdu-csu"),
    (Event(D, "join-party", party="cdu", members=("hupka",)), "hupka joins cdu"),
    (Event(D, "leave-party", party="pti", seats=2), "2 of pti leave the party as independents"),
    (Event(D, "leave-party", party="pti", members=("ali",)), "ali of pti leaves the party as an independent"),
    (Event(D, "leave-party", party="pti", seats=1, to_party="pml-n"), "1 of pti leaves the party for pml-n"),
    (Event(D, "ruling", effect="dismiss"), "ruling: dismiss"),
    (Event(D, "court-order"), "court order"),
    (Event(D, "vote", summary="the motion passes, 174 votes"), "the motion passes, 174 votes"),
])
def test_each_kind_of_event_reads_as_a_sentence(event: Event, sentence: str) -> None:
    assert event.describe() == sentence


def test_every_seat_kind_has_a_label_and_an_unlabelled_kind_reads_as_words() -> None:
    assert SEAT_KINDS <= set(KIND_LABELS)
    assert kind_label("defect") == "Crossed the floor"
    assert kind_label("government-change") == "Change of government"
    assert kind_label("party-ban") == "Party ban"


def test_an_event_is_named_by_its_origin_or_else_by_its_kind_and_date() -> None:
    assert Event(D, "resign", party="pti", origin="f.yaml:3: events[0]").where == "f.yaml:3: events[0]"
    assert Event(D, "resign", party="pti").where == "event resign on 2022-03-30"
    assert Event(D, "resign").changes_seats and not Event(D, "ruling").changes_seats


@pytest.mark.parametrize(("p", "text"), [
    (0.0, "0%"), (1.0, "100%"), (-1e-9, "0%"), (1 + 1e-9, "100%"),
    (1e-12, "< 0.1%"), (0.000999, "< 0.1%"), (0.001, "0.1%"), (0.5, "50.0%"), (0.9876, "98.8%"),
    (0.999, "99.9%"), (0.999001, "> 99.9%"), (1 - 1e-12, "> 99.9%"),
])
def test_a_probability_reads_as_a_percentage_that_is_never_falsely_certain(p: float, text: str) -> None:
    assert format_probability(p) == text


@pytest.mark.parametrize("p", [-2e-9, 1 + 2e-9, -0.5, 1.5, math.nan])
def test_a_number_that_is_no_probability_is_refused(p: float) -> None:
    with pytest.raises(ValueError, match="a probability is between 0 and 1"):
        format_probability(p)
