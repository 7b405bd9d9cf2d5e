"""Reading and writing scenarios: scenario YAML, Popolo JSON and CSV.

The front door for code; each name is imported on first use, so ``import whipcount.io`` alone builds
nothing::

    >>> import json
    >>> from whipcount.io import export_popolo, import_popolo, load_scenario
    >>> sc = load_scenario("pk-na-2022")               # a bundled case, or the path of a scenario file
    >>> back = import_popolo(json.loads(json.dumps(export_popolo(sc)))).scenario
    >>> back.state(sc.motion.vote).sides() == sc.state(sc.motion.vote).sides()
    True

- :func:`load_scenario` (a path or a bundled name), :func:`bundled_scenarios` (name -> title),
  :func:`dump_scenario` (the YAML ``load_scenario`` reads back);
- :func:`read_popolo` (a file) and :func:`import_popolo` (a parsed bundle), :func:`export_popolo` (a dict
  for ``json.dump``) and :func:`dump_popolo` (its text);
- :func:`read_csv` (a file) and :func:`import_csv` (its text), :func:`export_csv` (a seat table's text).

Importers return an :class:`ImportResult` (``.scenario`` and ``.warnings``). Bad input is an
:class:`~whipcount.errors.InputError` (``ScenarioError``, ``InterchangeError``) naming the file, the line or
the field; an argument of the wrong type an :class:`~whipcount.errors.ArgumentError`. The formats are in
docs/interchange.md.
"""

from typing import TYPE_CHECKING

from whipcount._lazy import lazy_names

_EXPORTS = {
    "ImportResult": "whipcount.io.popolo",
    "bundled_scenarios": "whipcount.io.scenario",
    "dump_popolo": "whipcount.io.popolo",
    "dump_scenario": "whipcount.io.writer",
    "export_csv": "whipcount.io.csvio",
    "export_popolo": "whipcount.io.popolo",
    "import_csv": "whipcount.io.csvio",
    "import_popolo": "whipcount.io.popolo",
    "load_scenario": "whipcount.io.scenario",
    "read_csv": "whipcount.io.csvio",
    "read_popolo": "whipcount.io.popolo",
}

if TYPE_CHECKING:
    from whipcount.io.csvio import export_csv, import_csv, read_csv
    from whipcount.io.popolo import ImportResult, dump_popolo, export_popolo, import_popolo, read_popolo
    from whipcount.io.scenario import bundled_scenarios, load_scenario
    from whipcount.io.writer import dump_scenario

__getattr__ = lazy_names("whipcount.io", _EXPORTS, globals())

__all__ = [
    "ImportResult",
    "bundled_scenarios",
    "dump_popolo",
    "dump_scenario",
    "export_csv",
    "export_popolo",
    "import_csv",
    "import_popolo",
    "load_scenario",
    "read_csv",
    "read_popolo",
]
