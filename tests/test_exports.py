"""The public surface: what `import whipcount` promises, and its docstring example."""

from __future__ import annotations

import doctest

import whipcount


def test_all_is_sorted_and_every_name_exists() -> None:
    assert whipcount.__all__ == sorted(whipcount.__all__)
    for name in whipcount.__all__:
        assert hasattr(whipcount, name), name


def test_the_package_docstring_example_runs() -> None:
    failures, tried = doctest.testmod(whipcount, verbose=False)
    assert tried >= 3 and failures == 0


def test_every_rules_name_is_its_module_s_own_in_a_fresh_interpreter() -> None:
    # whipcount.rules imports the chair, the procedure and the recorded division on first use: each public
    # name is still the object its module defines, whichever way and in whichever order it is reached
    # (a submodule imported first must not leave its module where a function of the same name belongs)
    import json
    import subprocess
    import sys

    code = ("import json, importlib, whipcount.rules.recorded, whipcount.rules.procedure\n"
            "import whipcount.rules as r\n"
            "out = {}\n"
            "for name in r.__all__:\n"
            "    value = getattr(r, name)\n"
            "    home = importlib.import_module(getattr(value, '__module__', None) or 'whipcount.rules')\n"
            "    out[name] = [type(value).__name__, getattr(home, name, None) is value]\n"
            "out['dir'] = sorted(set(r.__all__) - set(dir(r)))\n"
            "print(json.dumps(out))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    out = json.loads(done.stdout)
    assert out.pop("dir") == []
    import whipcount.rules as rules

    assert set(out) == set(rules.__all__)
    for name, (kind, at_home) in out.items():
        assert kind != "module", name
        assert at_home, name
    assert out["judge"][0] == "function" and out["motion_status"][0] == "function"


def test_io_has_a_front_door_whose_example_runs() -> None:
    # whipcount.io had no __all__ and a docstring of its own name: help() showed a list of 50 modules
    import importlib

    import whipcount.io as io

    assert io.__all__ == sorted(io.__all__)
    for name in ("load_scenario", "dump_scenario", "import_popolo", "export_popolo", "read_csv", "export_csv"):
        assert name in io.__all__
    for name in io.__all__:
        value = getattr(io, name)
        assert (value.__doc__ or "").strip(), name
        assert getattr(importlib.import_module(value.__module__), name) is value, name
    failures, tried = doctest.testmod(io, verbose=False)
    assert tried >= 4 and failures == 0
