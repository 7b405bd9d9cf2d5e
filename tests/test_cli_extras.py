"""A command whose optional dependencies are missing says how to install them, in one line."""

from __future__ import annotations

import builtins
from typing import Any

import pytest


def test_serve_without_the_web_extra_says_how_to_install_it(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    real_import = builtins.__import__

    def no_uvicorn(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "uvicorn" or name.startswith("uvicorn."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_uvicorn)
    r = run_cli("serve", "--db", "sqlite://")
    assert r.code == 1
    assert "pip install 'whipcount[web]'" in r.err and "uvicorn" in r.err
    assert "Traceback" not in r.err and len(r.err.strip().splitlines()) == 1
