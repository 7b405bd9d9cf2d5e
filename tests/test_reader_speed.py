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
    that); past the first 200,000 values they are now counted by libyaml alone (2.3 s in all). They are
    written in a constitution the scenario carries, a mapping of any keys until it is read as one (a field
    the scenario does not have is refused as soon as it is read)."""
    (tmp_path / "s.yaml").write_text(HEAD + "constitutions:\n  - x:\n" + "".join(f"      k{i}: {DEEP}\n"
                                                                                for i in range(100_000)))
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


# -- one value too long for the parser to be handed whole ---------------------------------------------------------
LONG = 10_000  # with a bound of 1,000 characters: runs of more than 4,008 bytes are cut
X, Y, E = "x" * LONG, "y" * LONG, "é" * LONG
ONE_LONG_VALUE = [
    f"a: 1\nd: {X}\n",  # a plain value
    f"a: 1\nd: {E}\n",  # of letters of two bytes each
    f"\ufeff{X}\n",  # the document, after a byte-order mark
    f"d: {X} and more words\n",  # a value going on past the run
    f'd: "{X}"\n',
    f"d: '{X}'\n",
    f"d: |\n  {X}\n  y\n",
    f"d: >\n  {X}\n  {Y}\n",  # two runs in one value
    f"d: {X}\n  {E}\n",  # a plain value on two lines
    f"? {X}\n: 1\n",  # a key
    f"{X}: 1\n",  # a key libyaml refuses as too long for one without '?'
    f"d: [{X}, b]\n",
    f"d: b#{X}\n",  # a '#' within the value: not a comment, handed whole
    f"a: 1 # {X}\n",  # a comment: read
    f"d: &{'a' * LONG} 1\ne: *{'a' * LONG}\n",  # an anchor's name: read
    f"d: x{' ' * LONG}\n",  # spaces after a value: read
    '{"d": [' + ", ".join(['"ab"'] * 3_000) + "]}\n",  # a long line of many values: read
]


@pytest.mark.parametrize("text", ONE_LONG_VALUE, ids=range(len(ONE_LONG_VALUE)))
def test_a_file_with_a_long_run_reads_as_its_text_does(tmp_path: Path, text: str) -> None:
    """A file whose long runs are cut before the parser gets them is read, or refused in the same words, as
    its text handed whole to the parser (where nothing is cut): the same values, or the same line, place and
    length of the value refused."""
    from whipcount.io.yamlsource import load_yaml_file

    path = tmp_path / "l.yaml"
    path.write_text(text, encoding="utf-8")
    lim = Limits(max_text=1_000)
    try:
        expected = load_yaml_text(text.removeprefix("\ufeff"), str(path), lim)
    except InputError as refused:
        with pytest.raises(InputError) as got:
            load_yaml_file(path, lim)
        assert str(got.value) == str(refused)
    else:
        got_data = load_yaml_file(path, lim)
        assert (got_data.data, got_data.lines) == (expected.data, expected.lines)


def test_the_runs_cut_are_those_of_one_value(tmp_path: Path) -> None:
    """Which runs are cut, by hand: the value's (its first 4,008 bytes handed over), not a comment's, an
    anchor's or spaces'."""
    from whipcount.io.limits import Limits as L
    from whipcount.io.streamed import open_checked

    path = tmp_path / "r.yaml"
    text = f"a: 1 # {X}\nb: &{'a' * LONG} 1\nc: x{' ' * LONG}\nd: {X}\n"
    path.write_text(text)
    with open_checked(path, "YAML", L(max_text=1_000), yaml=True) as checked:
        cuts = [(c.start, c.end, c.chars) for c in checked.cuts.items]
    start = text.index(f"d: {X}") + 3
    assert cuts == [(start + 4_008, start + LONG, LONG - 4_008)]


def test_a_csv_line_is_never_cut(tmp_path: Path) -> None:
    """A CSV's cell of one run is counted whole in the refusal of its line (its end counted: 1 + 5,000,000 + 2 + 1
    characters): the runs are cut for YAML only."""
    from whipcount.io.csvio import read_csv

    path = tmp_path / "t.csv"
    path.write_text("party,seats\na" + "x" * 5_000_000 + ",1\n")
    with pytest.raises(InputError, match=r":2: a line of 5,000,004 characters; at most 1,000,000 accepted$"):
        read_csv(path)


@pytest.mark.parametrize("text", [f"a: 1\nd: {'é' * 3_000_001}\n", f"a: 1 # {'x' * 6_000_000}\nd: {'x' * 5_000_000}z\n"],
                         ids=["two-byte letters over pieces", "after a long comment"])
def test_a_run_over_many_pieces_is_counted_whole(tmp_path: Path, text: str) -> None:
    """Runs of several megabytes (the file is read a megabyte at a time), cut with the default bound: the
    refusal names the line and the value's full length, as its text handed whole does; the comment before
    is not cut."""
    from whipcount.io.yamlsource import load_yaml_file

    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as whole:
        load_yaml_text(text, str(path))
    with pytest.raises(InputError) as cut:
        load_yaml_file(path)
    assert str(cut.value) == str(whole.value)
    assert str(cut.value).endswith((": d: 3,000,001 characters; at most 1,000,000 accepted in one key or value",
                                    ": d: 5,000,001 characters; at most 1,000,000 accepted in one key or value"))
