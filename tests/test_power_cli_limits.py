"""``whipcount power`` on games too large to list: by default the enumerating indices (Holler-Packel,
Deegan-Packel, Johnston) are left out with the reason and the counting ones still shown; asked for by
``--index``, past ``--max-coalitions`` is an error. The limit's edge is read against a brute-force count of
the minimal winning coalitions; the counting indices against those asked for alone."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from typing import Any

import pytest

from whipcount.errors import PowerError
from whipcount.power import get_index, registered

Run = Callable[..., Any]

WEIGHTS = [3, 5, 6, 7, 9, 10, 11, 13, 14]
QUOTA = 45  # of 78


def _listed() -> tuple[int, int]:
    """By brute force: minimal winning coalitions (winning, and losing without any one member), and
    vulnerable ones (winning, and losing without at least one member), which Johnston lists."""
    minimal = vulnerable = 0
    for r in range(1, len(WEIGHTS) + 1):
        for c in itertools.combinations(WEIGHTS, r):
            total = sum(c)
            if total >= QUOTA:
                minimal += all(total - w < QUOTA for w in c)
                vulnerable += any(total - w < QUOTA for w in c)
    return minimal, vulnerable


def _power(run_cli: Run, *extra: str) -> Any:
    return run_cli("power", "--quota", str(QUOTA), *map(str, WEIGHTS), *extra)


def test_the_default_leaves_out_only_what_it_cannot_list(run_cli: Run) -> None:
    mwc, vulnerable = _listed()
    assert 1 < mwc < vulnerable
    full = _power(run_cli, "--json", "--max-coalitions", str(vulnerable))
    assert full.code == 0 and "note:" not in full.err
    shown = json.loads(full.out)
    assert list(shown["indices"]) == [ix.key for ix in registered()] and "left_out" not in shown
    johnston = json.loads(_power(run_cli, "--json", "--max-coalitions", str(vulnerable - 1)).out)
    assert set(johnston["left_out"]) == {"johnston"} and "holler_packel" in johnston["indices"]
    short = _power(run_cli, "--json", "--max-coalitions", str(mwc - 1))
    assert short.code == 0, short.err
    data = json.loads(short.out)
    assert set(data["left_out"]) == {"holler_packel", "deegan_packel", "johnston"}
    assert f"max_coalitions={mwc - 1}" in data["left_out"]["holler_packel"]
    assert "note: holler_packel, deegan_packel, johnston left out" in short.err
    counting = [ix.key for ix in registered() if ix.method == "dp"]
    assert list(data["indices"]) == counting
    alone = json.loads(_power(run_cli, "--json", "--index", ",".join(counting)).out)
    assert data["indices"] == alone["indices"] and data["swings"] == alone["swings"]
    table = _power(run_cli, "--max-coalitions", str(mwc - 1))
    assert table.code == 0 and "Bz" in table.out and "HP" not in table.out


def test_asked_for_past_the_limit_is_an_error(run_cli: Run) -> None:
    mwc, _ = _listed()
    r = _power(run_cli, "--index", "hp,banzhaf", "--max-coalitions", str(mwc - 1))
    assert r.code == 1 and "--max-coalitions" in r.err and "Traceback" not in r.err
    ok = _power(run_cli, "--index", "hp", "--max-coalitions", str(mwc), "--json")
    assert ok.code == 0 and list(json.loads(ok.out)["indices"]) == ["holler_packel"]


def test_every_column_heading_names_its_index() -> None:
    for ix in registered():
        for text in (ix.abbrev, ix.abbrev.upper(), ix.abbrev.lower(), ix.name, ix.key):
            assert get_index(text) is ix
    assert get_index("shapley") is get_index("ss")
    with pytest.raises(PowerError, match="unknown power index 'hpp'"):
        get_index("hpp")
