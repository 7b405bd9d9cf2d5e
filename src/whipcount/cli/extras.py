"""What to tell a user whose command needs an optional extra that will not import.

Two different situations deserve two different messages:

* the extra is not installed (some of its distributions are missing): say which module is missing and
  how to install the extra;
* every distribution the extra declares is installed and a module still does not import: repeating the
  install advice cannot help, so say the installation is broken and how to repair it.
"""

from __future__ import annotations

import re
from importlib import metadata

__all__ = ["EXTRA_MODULES", "PNG_MODULES", "WEB_MODULES", "extra_is_installed", "missing_module_message"]

WEB_MODULES = frozenset(
    {"fastapi", "starlette", "uvicorn", "sqlalchemy", "argon2", "jinja2", "multipart", "python_multipart",
     "psycopg", "itsdangerous", "fastapi_offline", "anyio"}
)
"""Top-level modules that only the ``web`` extra brings."""

PNG_MODULES = frozenset({"resvg_py"})
"""Top-level modules that only the ``png`` extra brings (the SVG rasteriser)."""

EXTRA_MODULES = {"web": WEB_MODULES, "png": PNG_MODULES}

_EXTRA_MARKER = re.compile(r"""extra\s*==\s*["']([^"']+)["']""")
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def _requirements(extra: str) -> list[str]:
    """Distribution names the installed whipcount declares for ``extra``."""
    try:
        declared = metadata.requires("whipcount") or []
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        return []
    names: list[str] = []
    for req in declared:
        marker = _EXTRA_MARKER.search(req)
        match = _NAME.match(req)
        if marker and marker.group(1) == extra and match:
            names.append(match.group(1))
    return names


def extra_is_installed(extra: str) -> bool:
    """True when every distribution ``extra`` declares is installed (and the extra declares some)."""
    names = _requirements(extra)
    if not names:
        return False
    for name in names:
        try:
            metadata.distribution(name)
        except metadata.PackageNotFoundError:
            return False
    return True


def missing_module_message(module: str | None) -> str | None:
    """The one line to print for a ``ModuleNotFoundError`` of ``module``, or None if no extra brings it."""
    root = (module or "").split(".")[0]
    extra = next((name for name, modules in EXTRA_MODULES.items() if root in modules), None)
    if extra is None:
        return None
    if extra_is_installed(extra):
        return (f"the {extra} extra is installed but module {root!r} cannot be imported: the installation is "
                f"broken; repair it with: pip install --force-reinstall 'whipcount[{extra}]'")
    return f"this command needs the {extra} extra (missing module {root!r}): pip install 'whipcount[{extra}]'"
