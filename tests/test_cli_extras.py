"""A command whose optional dependencies will not import says what is wrong, in one line.

Two cases: the web extra is not installed (say how to install it), or it is installed and a module still
fails to import (say the installation is broken: repeating the install advice could not help).
"""

from __future__ import annotations

import builtins
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

from whipcount.cli import extras


def _hide_module(monkeypatch: pytest.MonkeyPatch, hidden: str) -> None:
    real_import = builtins.__import__

    def fake_import(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == hidden or name.startswith(hidden + "."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)


def test_serve_without_the_web_extra_says_how_to_install_it(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    real_distribution = metadata.distribution

    def no_uvicorn_distribution(name: str) -> Any:
        if name.lower() == "uvicorn":
            raise metadata.PackageNotFoundError(name)
        return real_distribution(name)

    monkeypatch.setattr(extras.metadata, "distribution", no_uvicorn_distribution)
    _hide_module(monkeypatch, "uvicorn")
    r = run_cli("serve", "--db", "sqlite://")
    assert r.code == 1
    assert "pip install 'whipcount[web]'" in r.err and "uvicorn" in r.err
    assert "broken" not in r.err
    assert "Traceback" not in r.err and len(r.err.strip().splitlines()) == 1


def test_a_module_missing_from_an_installed_extra_is_called_a_broken_installation(
    run_cli, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    if not extras.extra_is_installed("web"):
        pytest.fail("the test command installs the web extra; it is not installed here")
    _hide_module(monkeypatch, "uvicorn")
    r = run_cli("serve", "--db", "sqlite://")
    assert r.code == 1
    assert "uvicorn" in r.err and "installation is broken" in r.err
    assert "--force-reinstall" in r.err
    assert "Traceback" not in r.err and len(r.err.strip().splitlines()) == 1


def test_the_web_extra_declares_distributions() -> None:
    """The check reads the installed metadata: the web extra lists fastapi and itsdangerous among others."""
    names = {n.lower() for n in extras._requirements("web")}
    assert {"fastapi", "itsdangerous", "uvicorn", "sqlalchemy"} <= names


def test_modules_outside_the_web_extra_are_not_explained_as_such() -> None:
    assert extras.missing_module_message("numpy") is None
    assert extras.missing_module_message("nonexistent_module") is None


@pytest.mark.parametrize("extra", sorted(extras.EXTRA_MODULES))
def test_the_install_the_cli_asks_for_is_the_one_the_readme_gives(
        extra: str, run_cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    # a base install following the README met `serve` without a word of the web extra before the error
    monkeypatch.setattr(extras, "extra_is_installed", lambda name: False)
    said = extras.missing_module_message(sorted(extras.EXTRA_MODULES[extra])[0])
    assert said is not None
    install = said.rpartition(": ")[2]
    assert install == f"pip install 'whipcount[{extra}]'"
    root = Path(__file__).parent.parent
    assert install in (root / "README.md").read_text(encoding="utf-8")
    if extra == "web":
        assert install in (root / "docs" / "web.md").read_text(encoding="utf-8")
        for command in ("serve", "users", "db"):
            r = run_cli(command, "--help")
            assert r.code == 0 and install in " ".join(r.out.split()), command
