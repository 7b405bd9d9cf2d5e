"""Every third-party module the code imports is declared by the extra its importing module belongs to.

The declared lists are read from pyproject.toml itself (not from whatever metadata is installed), and the
imports from the source files' syntax trees, so an undeclared dependency fails one test named after the
module that imports it, whatever happens to be installed on this machine. That the modules really import in
an environment holding nothing but the declared dependencies is checked by test_fresh_install.py.
"""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

import pytest

from depcheck import canonical, direct_imports, extra_of, package_modules

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))

# Imports that are optional by design, each guarded where it stands and explained here.
OPTIONAL = {
    "IPython": "notebook display hooks register only when IPython is already running",
    "resvg_py": "the png extra: imported only when a PNG is asked for; cli.extras names it when missing",
}


def _names(requirements: list[str]) -> set[str]:
    out = set()
    for req in requirements:
        name = req.split(";")[0].split("[")[0]
        for sep in "<>=!~ ":
            name = name.split(sep)[0]
        out.add(canonical(name))
    return out


DECLARED = {
    "base": _names(PYPROJECT["project"]["dependencies"]),
    "web": _names(PYPROJECT["project"]["dependencies"] + PYPROJECT["project"]["optional-dependencies"]["web"]),
    "png": _names(PYPROJECT["project"]["dependencies"] + PYPROJECT["project"]["optional-dependencies"]["png"]),
    "fast": _names(PYPROJECT["project"]["dependencies"] + PYPROJECT["project"]["optional-dependencies"]["fast"]),
}
OWNERS = metadata.packages_distributions()


def _module_path(module: str) -> Path:
    base = SRC.joinpath(*module.split("."))
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


@pytest.mark.parametrize("module", package_modules(SRC))
def test_every_import_is_declared_by_the_extra_of_its_module(module: str) -> None:
    extra = extra_of(module)
    for name in sorted(direct_imports(_module_path(module))):
        if name in OPTIONAL:
            continue
        dists = {canonical(d) for d in OWNERS.get(name, [])}
        assert dists, f"{module} imports {name!r}, which no installed distribution provides"
        assert dists & DECLARED[extra], (
            f"{module} imports {name!r} (distribution {', '.join(sorted(dists))}), which the {extra!r} "
            f"dependencies in pyproject.toml do not declare"
        )


def test_the_web_extra_declares_what_starlette_needs_at_run_time() -> None:
    """Sessions (itsdangerous) and forms (python-multipart) are needed by the app but imported by Starlette."""
    assert {"itsdangerous", "python-multipart"} <= DECLARED["web"]


def test_every_constraint_pins_a_declared_or_required_distribution() -> None:
    """constraints.txt pins versions; a pin for something no extra declares would hide a missing declaration."""
    pinned = set()
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            pinned.add(canonical(line.split("==")[0]))
    project = PYPROJECT["project"]
    requirements = project["dependencies"] + project["optional-dependencies"]["web"]
    requirements += project["optional-dependencies"]["png"] + project["optional-dependencies"]["test"]
    direct = _names(requirements)
    transitive: set[str] = set()
    for req in requirements:
        name = canonical(req.split("[")[0].split(">")[0].split("<")[0].split("=")[0].strip())
        extras = set(req.split("[")[1].split("]")[0].split(",")) if "[" in req else set()
        try:
            reqs = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        wanted = [r for r in reqs if "extra ==" not in r or any(f'extra == "{e}"' in r for e in extras)]
        transitive |= _names(wanted)
    loose = pinned - direct - transitive
    assert not loose, f"constraints.txt pins {sorted(loose)}, which no extra declares and nothing declared requires"


def test_license_is_an_spdx_expression() -> None:
    assert PYPROJECT["project"]["license"] == "MIT"
    assert (ROOT / "LICENSE").is_file()
