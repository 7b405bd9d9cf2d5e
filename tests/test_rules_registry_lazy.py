"""A built-in profile asked for by its id loads its own module alone, and the answer is the one a full load
of the registry (every built-in module, every outside package's entry point) gives."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import pytest

from whipcount.errors import NotFound, RulesError
from whipcount.rules import Constitution, get_constitution, register
from whipcount.rules.registry import BUILTIN_MODULES, builtin_module_of

OTHERS = [m for m in BUILTIN_MODULES if not m.endswith(".pk")]


def _after(code: str) -> dict[str, object]:
    """What a fresh interpreter reports after running ``code`` (which sets ``out``)."""
    script = code + "\nimport json, sys\nout['modules'] = sorted(sys.modules)\nprint(json.dumps(out))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60)
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize("module", BUILTIN_MODULES)
def test_each_built_in_id_names_the_module_that_holds_it(module: str) -> None:
    # the truth is each module's own CONSTITUTIONS, read without the registry
    ids = [c.id for c in importlib.import_module(module).CONSTITUTIONS]
    assert ids
    for rules_id in ids:
        assert builtin_module_of(rules_id) == module, rules_id


def _builtin_ids() -> list[str]:
    return [c.id for m in BUILTIN_MODULES for c in importlib.import_module(m).CONSTITUTIONS]


def test_ids_of_no_built_in_module_name_none() -> None:
    assert builtin_module_of("my-parliament") is None
    assert builtin_module_of("zz") is None
    assert builtin_module_of("") is None
    assert builtin_module_of("in-ls") == "whipcount.rules.constitutions.in_"  # `in` is a keyword


def test_a_built_in_id_loads_its_module_alone() -> None:
    out = _after("from whipcount.rules import get_constitution\n"
                 "out = {'name': get_constitution('pk-na').name}")
    loaded = set(out["modules"])  # type: ignore[call-overload]
    assert "whipcount.rules.constitutions.pk" in loaded
    assert not loaded & set(OTHERS)
    assert "importlib.metadata" not in loaded  # no outside package's entry point was read
    assert out["name"] == get_constitution("pk-na").name


def test_a_lazy_answer_is_the_full_registry_s_answer() -> None:
    # in a fresh interpreter: each id asked before the full load is the very object the full load lists
    out = _after("from whipcount.rules import get_constitution, all_constitutions\n"
                 "early = {i: get_constitution(i) for i in ('pk-na', 'pk-pa-sindh', 'in-ls', 'gb-hc')}\n"
                 "full = {c.id: c for c in all_constitutions()}\n"
                 "out = {'same': [i for i, c in early.items() if full[i] is c], 'ids': sorted(full)}")
    assert out["same"] == ["pk-na", "pk-pa-sindh", "in-ls", "gb-hc"]
    assert set(_builtin_ids()) <= set(out["ids"])  # type: ignore[arg-type]


def test_an_unknown_id_still_lists_every_profile() -> None:
    # a built-in module's prefix does not make an id known: the full registry is searched and listed
    out = _after("from whipcount.rules import get_constitution\n"
                 "try:\n    get_constitution('pk-xx')\n    out = {}\n"
                 "except Exception as exc:\n    out = {'error': str(exc), 'kind': type(exc).__name__}\n"
                 "from whipcount.rules import all_constitutions\n"
                 "out['ids'] = [c.id for c in all_constitutions()]")
    assert out["kind"] == "NotFound"
    known = str(out["error"]).split("known: ", 1)[1].split(")", 1)[0].split(", ")  # then the nearest, if any
    assert known == out["ids"]  # all of them, sorted, as the full registry lists them
    assert set(_builtin_ids()) <= set(known)
    with pytest.raises(NotFound, match="unknown rules profile 'pk-xx'"):
        get_constitution("pk-xx")


def test_a_built_in_id_stays_the_built_in_s_after_a_lazy_lookup() -> None:
    out = _after("from whipcount.rules import get_constitution, register, Constitution\n"
                 "pk = get_constitution('pk-na')\n"
                 "try:\n    register(Constitution(id='pk-na', name='X', country='PK', motions=pk.motions,"
                 " seats=pk.seats))\n    out = {}\n"
                 "except Exception as exc:\n    out = {'error': str(exc)}")
    assert "rules profile 'pk-na' is already registered" in str(out["error"])
    pk = get_constitution("pk-na")
    with pytest.raises(RulesError, match="already registered"):
        register(Constitution(id="pk-na", name="X", country="PK", motions=pk.motions, seats=pk.seats))
