"""An error that lists the values a field allows gives every one of them, its parenthesis closed, and says
once what it got: only the value quoted from the file is cut (to 80 characters), never the list."""

from __future__ import annotations

import pytest

from constitutions import my_parliament
from whipcount.errors import ConstitutionFileError, ScenarioError
from whipcount.io.constitution import parse_constitution_text
from whipcount.io.scenario import parse_scenario
from whipcount.io.yamlsource import load_yaml_text

BASE = """\
chamber: {name: X, rules: pk-na, seats: 5, as_of: 2020-01-01}
parties:
  - {id: a, name: A, seats: 5, side: government}
"""

# the kinds of event docs/scenario.md lists: seat events, then procedural ones, in alphabetical order
EVENT_KINDS = ("by-election, court-order, death, defect, defection-reference, disqualify, dissolution, fill-seat, "
               "government-change, join-party, leave-party, merge, motion-filed, motion-moved, pm-election, "
               "presiding-officer, requisition, resign, resignation-offered, ruling, session-summoned, split, "
               "statement, switch-side, vacate, vote")


def _scenario_error(text: str) -> str:
    with pytest.raises(ScenarioError) as exc:
        parse_scenario(load_yaml_text(text, "s.yaml"))
    return str(exc.value)


def test_an_unknown_event_kind_lists_every_kind_and_suggests_the_nearest() -> None:
    message = _scenario_error(BASE + "events:\n  - {date: 2020-02-01, kind: deathh, party: a, seats: 1}\n")
    assert message == (f"s.yaml:5: events[0].kind: unknown event kind 'deathh' (expected one of: {EVENT_KINDS}); "
                       "did you mean 'death'?")


def test_a_long_unknown_kind_is_given_with_the_whole_list() -> None:
    kind = "k" * 80  # the longest a kind may be written (an id's length)
    message = _scenario_error(BASE + f"events:\n  - {{date: 2020-02-01, kind: {kind}, party: a, seats: 1}}\n")
    assert message == f"s.yaml:5: events[0].kind: unknown event kind '{kind}' (expected one of: {EVENT_KINDS})"


def test_an_unknown_effect_and_stance_list_every_value() -> None:
    message = _scenario_error(BASE + "events:\n  - {date: 2020-02-01, kind: ruling, effect: dismised}\n")
    assert message.startswith("s.yaml:5: events[0].effect: unknown effect 'dismised' (expected one of: ")
    assert message.endswith("(expected one of: dismiss, none, restore, suspend, withdraw); did you mean 'dismiss'?")
    assert message.count("(") == message.count(")")
    assert ", got " not in message
    message = _scenario_error(BASE + "stance_probabilities: {" + "y" * 200 + ": 0.9}\n")
    assert message.endswith("(expected one of: yes, lean-yes, undecided, lean-no, no, abstain, absent)"), message


@pytest.mark.parametrize(("field", "bad", "allowed"), [
    ("kind: no-confidence", "kind: no-confidance",
     "'no-confidence', 'constructive-no-confidence', 'confidence', 'investiture' or 'pm-election'"),
    ("basis: total", "basis: totl", "'votes-cast', 'present-and-voting', 'present', 'sitting', 'total' or 'plurality'"),
])
def test_a_constitution_lists_every_value_a_field_allows(field: str, bad: str, allowed: str) -> None:
    with pytest.raises(ConstitutionFileError) as exc:
        parse_constitution_text(my_parliament().replace(field, bad), "m.yaml")
    message = str(exc.value)
    assert f"Input should be {allowed}, got '{bad.split(': ')[1]}'" in message, message
    assert message.count(", got ") == 1
    # README: the nearest value allowed is named when one is close, as an event kind's is
    assert message.endswith(f"; did you mean '{field.split(': ')[1]}'?"), message


@pytest.mark.parametrize(("bad", "near"), [
    ("kind: no-confidence, vote", "kind: no-confidance, vote"),
    ("stance: lean-yes", "stance: lean-yess"),
])
def test_a_scenario_field_of_fixed_values_names_the_nearest(bad: str, near: str) -> None:
    text = BASE + ("motion: {kind: no-confidence, vote: 2020-03-01}\n"
                   "stances:\n  - {date: 2020-02-01, party: a, stance: lean-yes}\n")
    message = _scenario_error(text.replace(bad, near))
    assert message.endswith(f", got '{near.split(': ')[1].split(',')[0]}'; did you mean "
                            f"'{bad.split(': ')[1].split(',')[0]}'?"), message


def test_a_far_value_is_given_no_nearest() -> None:
    message = _scenario_error(BASE + "stances:\n  - {date: 2020-02-01, party: a, stance: maybe}\n")
    assert message.endswith("got 'maybe'") and "did you mean" not in message, message
