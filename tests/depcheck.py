"""Which distributions does each whipcount module load, and are they all declared for its extra?

Run as a script with the interpreter of the environment to check (stdlib only, so it also runs in a
virtual environment that holds nothing but whipcount and its declared dependencies):

    python tests/depcheck.py base|web

It imports every module of the package that belongs to the extra (``web`` includes everything), builds
the web app for ``web``, and prints one JSON object: for each module, the import error if it failed.
Exit status 1 when anything is wrong. In an environment built from nothing but the declared dependencies,
a module that imports something undeclared fails here by name.

:func:`direct_imports` and :func:`declared` serve the static check in the test suite: every third-party
module the code imports must be declared by the extra the importing module belongs to.
"""

from __future__ import annotations

import ast
import importlib
import json
import re
import sys
from importlib import metadata
from pathlib import Path

WEB_PREFIXES = ("whipcount.web", "whipcount.storage", "whipcount.cli.web")
PNG_PREFIXES = ("whipcount.charts.raster",)
FAST_PREFIXES = ("whipcount.power.kernels",)
_EXTRA = re.compile(r"""extra\s*==\s*["']([^"']+)["']""")
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def extra_of(module: str) -> str:
    """The extra a module needs: ``web`` for the dashboard and storage, ``png`` for PNG output, ``fast`` for
    the compiled power loops, else ``base``."""
    if module.startswith(WEB_PREFIXES):
        return "web"
    if module.startswith(FAST_PREFIXES):
        return "fast"
    return "png" if module.startswith(PNG_PREFIXES) else "base"


def imported_with(extra: str, module: str) -> bool:
    """Whether an install of ``extra`` imports ``module``: the base modules, the extra's own, and under
    ``web`` the PNG module too (it imports its renderer only when asked for a PNG)."""
    kind = extra_of(module)
    return kind in ("base", extra) or (extra == "web" and kind == "png")


def package_modules(src: Path) -> list[str]:
    """Every module under ``src/whipcount``, found on disk without importing anything."""
    out = []
    for path in sorted((src / "whipcount").rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__main__":
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out.append(".".join(parts))
    return out


def declared(extra: str) -> set[str]:
    """Distributions whipcount declares for ``extra`` (``web`` includes the base dependencies)."""
    try:
        reqs = metadata.requires("whipcount") or []
    except metadata.PackageNotFoundError:
        return set()
    names = set()
    for req in reqs:
        marker = _EXTRA.search(req)
        match = _NAME.match(req)
        if match and (marker is None or (extra != "base" and marker.group(1) == extra)):
            names.add(canonical(match.group(1)))
    return names


def direct_imports(path: Path) -> set[str]:
    """Top-level names of the absolute imports in one source file (wherever they stand in it)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"__future__", "whipcount"}


def check(extra: str, src: Path) -> dict[str, dict[str, str]]:
    """Import every module of ``extra`` (and build the web app); the error of each that fails."""
    report: dict[str, dict[str, str]] = {}
    for module in package_modules(src):
        if not imported_with(extra, module):
            continue
        entry: dict[str, str] = {}
        try:
            loaded = importlib.import_module(module)
            if module == "whipcount.web.app":
                loaded.create_app("sqlite://", seed_scenario=None, secret="x" * 32)
        except Exception as exc:  # report every failure, not only the first
            entry["error"] = f"{type(exc).__name__}: {exc}"
        report[module] = entry
    return report


def main() -> int:
    extra = sys.argv[1] if len(sys.argv) > 1 else "base"
    import whipcount

    src = Path(whipcount.__file__).resolve().parent.parent
    report = check(extra, src)
    print(json.dumps({"extra": extra, "modules": report}))
    failed = {module: e["error"] for module, e in report.items() if e.get("error")}
    for module, error in failed.items():
        print(f"{module}: does not import with the {extra!r} dependencies: {error}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
