"""A constitution of one's own may not take a built-in profile's id, and every way of reading one refuses it in
the same words, naming the file, the line and the field: `outcome --rules` and `rules show` once judged and
listed such a file under the built-in's name ("PASSED (pk-na, ...)", "pk-na: My Parliament") while applying
the file's own rule, where a scenario, `new` and `import csv` refused it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from constitutions import my_parliament, one_party_case
from whipcount.errors import ConstitutionFileError
from whipcount.io.constitution import load_constitution_file, parse_constitution_text
from whipcount.rules import get_constitution, registry

# three fifths of 101 is 61, a bar pk-na (a majority of 342 or 336) never gives
TAKEN = my_parliament().replace("id: my-parliament", "id: pk-na")
REFUSAL = "taken.yaml:1: id: a constitution of your own cannot take the id 'pk-na' of a built-in profile"
POPOLO = Path(__file__).parent / "fixtures" / "interchange" / "ep-popolo-examplia.json"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    (tmp_path / "taken.yaml").write_text(TAKEN, encoding="utf-8")
    (tmp_path / "seats.csv").write_text("party,seats,side\nred,60,government\nblue,41,opposition\n",
                                        encoding="utf-8")
    (tmp_path / "s.yaml").write_text(one_party_case("taken.yaml"), encoding="utf-8")
    inline = one_party_case("pk-na") + "constitutions:\n" + "".join(
        f"  {'- ' if i == 0 else '  '}{line}\n" for i, line in enumerate(TAKEN.splitlines()))
    (tmp_path / "inline.yaml").write_text(inline, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    yield tmp_path


COMMANDS = {
    "outcome --rules": ["outcome", "--rules", "./taken.yaml", "--motion", "no-confidence", "--yes", "61"],
    "rules show": ["rules", "show", "./taken.yaml"],
    "new --rules": ["new", "--rules", "./taken.yaml", "out.yaml"],
    "import csv --rules": ["import", "csv", "seats.csv", "--rules", "./taken.yaml", "--as-of", "2024-01-01",
                           "-o", "out.yaml"],
    "import popolo --rules": ["import", "popolo", str(POPOLO), "--rules", "./taken.yaml", "-o", "out.yaml"],
    "a scenario's chamber.rules": ["tally", "s.yaml"],
}


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_refuses_a_built_in_id_in_the_same_words(run_cli: Callable[..., Any], folder: Path,
                                                                name: str) -> None:
    r = run_cli(*COMMANDS[name])
    assert r.code == 1, r.out
    assert r.err.strip().count("\n") == 0 and "Traceback" not in r.err
    assert REFUSAL in r.err, r.err
    assert not (folder / "out.yaml").exists()
    # the built-in profile is untouched: the National Assembly's bar, not the file's 61 of 101
    assert get_constitution("pk-na").origin == "built-in"
    judged = json.loads(run_cli("outcome", "--rules", "pk-na", "--motion", "no-confidence", "--yes", "61",
                                "--seats", "342", "--json").out)
    assert (judged["rules"], judged["needed"], judged["passed"]) == ("pk-na", 172, False)


def test_a_constitution_written_in_the_scenario_is_refused_at_its_id(run_cli: Callable[..., Any],
                                                                      folder: Path) -> None:
    r = run_cli("tally", "inline.yaml")
    assert r.code == 1
    assert "inline.yaml:6: constitutions[0].id: a constitution of your own cannot take the id 'pk-na'" in r.err, \
        r.err


def test_the_library_readers_refuse_it_too(folder: Path) -> None:
    for read in (lambda: load_constitution_file(folder / "taken.yaml"),
                 lambda: parse_constitution_text(TAKEN, "taken.yaml")):
        with pytest.raises(ConstitutionFileError, match=REFUSAL):
            read()


def test_an_id_of_ones_own_is_still_read(run_cli: Callable[..., Any], folder: Path) -> None:
    (folder / "mine.yaml").write_text(my_parliament(), encoding="utf-8")
    try:
        r = run_cli("outcome", "--rules", "./mine.yaml", "--motion", "no-confidence", "--yes", "61", "--json")
        assert r.code == 0, r.err
        judged = json.loads(r.out)
        assert (judged["rules"], judged["needed"], judged["passed"]) == ("my-parliament", 61, True)
    finally:
        registry._REGISTRY.pop("my-parliament", None)
