"""Hostile YAML is refused (or read) in about the time it takes to read its bytes, never in half a minute.

Each command runs in a child process and its CPU time (the kernel's count for that process alone) is held
to a ceiling generous for a loaded two-core machine, and well below what the reader of before took.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from limited import cpu_of
from whipcount.errors import InputError
from whipcount.io.limits import Limits
from whipcount.io.yamlsource import load_yaml_text

HEAD = ("chamber: {name: Big Assembly, rules: pk-na, seats: 600, as_of: 2000-01-01}\nparties:\n"
        "  - {id: a, name: A, seats: 300, side: government}\n  - {id: b, name: B, seats: 300, side: opposition}\n")
DEEP = "[" * 60 + "1" + "]" * 60  # 61 values: 60 lists and the number


def _deep_yaml(lines: int) -> str:
    """``x:`` holding ``lines`` keys, each a number nested 60 deep: 3 + 62 * lines values (the document, the
    key ``x``, its mapping; each key, its 60 lists and its number)."""
    return "x:\n" + "".join(f"  k{i}: {DEEP}\n" for i in range(lines))


def test_a_file_of_far_more_values_than_the_bound_is_refused_in_seconds(tmp_path: Path) -> None:
    """12 MB holding 6,200,000 values nested 60 deep: the reader of before read 5,000,000 of them through
    its checks before it refused the file (17 to 19 s of CPU on the 2-core machine, whatever the file's size past
    that); past the first 200,000 values they are now counted by libyaml alone (2.3 s in all)."""
    (tmp_path / "s.yaml").write_text(HEAD + "x:\n" + "".join(f"  k{i}: {DEEP}\n" for i in range(100_000)))
    seconds, _, proc = cpu_of("tally", "s.yaml", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr[-500:]
    assert proc.stderr.strip().splitlines() == [
        "error: s.yaml: too many values: over 5,000,000 once aliases are expanded (a YAML alias bomb?)"]
    assert seconds < 8, f"{seconds:.1f} s of CPU"


@pytest.mark.parametrize(("lines", "refused"), [(4_000, False), (4_001, True), (10_000, True), (40_000, True)])
def test_values_counted_by_libyaml_keep_the_bound_exactly(lines: int, refused: bool) -> None:
    """With a bound of 248,003 values (past the first reading's 200,000): 4,000 lines hold exactly that many
    and are read; one line more is refused, as are 2.5 and 10 times as many (the last refused on libyaml's
    count alone), in the same words."""
    text = _deep_yaml(lines)
    lim = Limits(max_nodes=3 + 62 * 4_000)
    if not refused:
        data = load_yaml_text(text, "d.yaml", lim).data
        assert len(data["x"]) == lines and data["x"]["k0"] == eval(DEEP)
        return
    with pytest.raises(InputError, match=r"^d\.yaml: too many values: over 248,003 once aliases are expanded "
                                         r"\(a YAML alias bomb\?\)$"):
        load_yaml_text(text, "d.yaml", lim)


def test_a_syntax_error_past_the_first_values_is_named_without_reading_them_all() -> None:
    """A file whose marks allow more values than the bound, broken at its end: the error's line and words are
    libyaml's, as the building reports them."""
    text = _deep_yaml(10_000) + "  k: [1, 2\n"
    with pytest.raises(InputError, match=r"^d\.yaml:10003: not valid YAML: did not find expected ',' or ']'"):
        load_yaml_text(text, "d.yaml", Limits(max_nodes=3 + 62 * 4_000))
