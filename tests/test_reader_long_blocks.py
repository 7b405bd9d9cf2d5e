"""A block scalar (``description: |`` and its lines) far past the cap on one value is refused without libyaml
gathering it whole: the middle of its lines is left out of what the parser is handed, and the refusal names
the same file, line, field and length as the whole text parsed does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from limited import peak_of
from whipcount.errors import InputError
from whipcount.io.limits import Limits
from whipcount.io.streamed import open_checked
from whipcount.io.yamlsource import load_yaml_file, load_yaml_text

MB = 1 << 20
HEAD = ("chamber: {name: Big Assembly, rules: pk-na, seats: 600, as_of: 2000-01-01}\nparties:\n"
        "  - {id: a, name: A, seats: 300, side: government}\n  - {id: b, name: B, seats: 300, side: opposition}\n")
W = "abcdefghij"
N = 60_000  # lines of a block: 660 kB, far past the small cap of these tests and past what is handed over


def test_a_block_scalar_of_40_mb_of_short_lines_is_refused_without_being_gathered(tmp_path: Path) -> None:
    """3,226,387 lines of ten letters: each adds its letters and its line break (11 characters), the last's
    kept by the default chomping, 35,490,257 characters in all. libyaml gathered them whole before: 131 MB;
    a file of the header alone takes 36 MB."""
    lines = 40 * MB // 13
    (tmp_path / "s.yaml").write_text(HEAD + "description: |\n" + f"  {W}\n" * lines)
    peak, proc = peak_of("tally", "s.yaml", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr[-500:]
    assert proc.stderr.strip().splitlines() == [
        f"error: s.yaml:5: description: {lines * 11:,} characters; at most 1,000,000 accepted in one key or value"]
    assert lines * 11 == 35_490_257
    assert peak < 80 * MB, f"{peak / MB:.0f} MB"


LONG_BLOCKS = [
    # (text, whether its middle is left out)
    (f"d: |\n{f'  {W}{chr(10)}' * N}e: 1\n", True),
    (f"d: >-\n{f'  {W}{chr(10)}' * N}e: 1\n", True),  # folded: a space between lines, no line break at the end
    (f"d: |+\n{f'  {W}{chr(10)}' * N}\n\ne: 1\n", True),  # kept: the empty lines at the end too
    (f"d: |\n{f'  {W}{chr(10)}{chr(10)}    {W} {chr(10)}' * (N // 3)}  end\n", True),  # empty, more indented
    (f"d: >\n{f'  {W}{chr(10)}{chr(10)}    {W}{chr(10)}' * (N // 3)}  end\n", False),  # folded so: not cut
    (f"l:\n  - |\n{f'    {W}{chr(10)}' * N}  - x\n", True),  # an item of a list
    (f"--- |\n{f'  {W}{chr(10)}' * N}", True),  # the document itself
    (f"d: |-\n{f'  éèêëēėęěĕə{chr(10)}' * N}", True),  # letters of two bytes
    (f"d: |\n{f'  {W}{chr(13)}{chr(10)}' * N}", False),  # lines broken with CR LF: not cut
    (f"d: |\n  {W}\n{f'  abc{chr(0x85)}def{chr(10)}' * N}", False),  # NEL breaks a line for YAML: not cut
    (f"d: |\n  {W}\n{f'  {W}{chr(0x2028)}  x{chr(10)}' * N}", False),  # so does LS
    (f"d: |2\n{f'  {W}{chr(10)}' * N}", False),  # an indentation indicator: not cut
    (f"d: |  # a comment\n{f'  {W}{chr(10)}' * N}", False),
    (f"d: x\n  y |\n{f'  {W}{chr(10)}' * N}", False),  # '|' ends a line of a plain value: libyaml says so
    (f'd: "x\n  y |\n{f"  {W}{chr(10)}" * N}  "\n', False),  # ... of a quoted value
    (f"# d: |\n{f'  {W}{chr(10)}' * N}", False),  # ... of a comment
    (f"d: |\n{f'  {W}{chr(10)}' * N} e: 1\n", True),  # less indented text ends it: refused for its length
    (f"d: >\n{f'  {W}{chr(10)}' * N}  \tx\n{f'  {W}{chr(10)}' * N}", True),  # a tab: cut before it only
    (f"d: |\n  {W}\n short: 1\n{f'  {W}{chr(10)}' * N}", False),  # the block is one line: not past the cap
]


@pytest.mark.parametrize(("text", "cut"), LONG_BLOCKS, ids=range(len(LONG_BLOCKS)))
def test_a_file_with_a_long_block_reads_as_its_text_does(tmp_path: Path, text: str, cut: bool) -> None:
    """Read from the file (its long block's middle left out where one is found) or from its text handed
    whole to the parser (nothing left out): refused in the same words, or read to the same values."""
    path = tmp_path / "b.yaml"
    path.write_bytes(text.encode("utf-8"))
    lim = Limits(max_text=1_000)
    with open_checked(path, "YAML", lim, yaml=True) as checked:
        assert bool(checked.cuts.items) == cut
    try:
        whole = load_yaml_text(text, str(path), lim)
    except InputError as refused:
        with pytest.raises(InputError) as got:
            load_yaml_file(path, lim)
        assert str(got.value) == str(refused)
    else:
        read = load_yaml_file(path, lim)
        assert (read.data, read.lines) == (whole.data, whole.lines)


def test_the_lines_left_out_are_counted_by_hand(tmp_path: Path) -> None:
    """A literal block of 60,000 lines of ten letters after a line of two-byte letters: the refusal counts
    each line's letters and line break, whatever was left out (60,001 lines: 10 + 1 characters each)."""
    path = tmp_path / "c.yaml"
    path.write_text("a: 1\nd: |\n" + "  éééééééééé\n" + f"  {W}\n" * N, encoding="utf-8")
    with pytest.raises(InputError) as got:
        load_yaml_file(path, Limits(max_text=1_000))
    assert str(got.value) == f"{path}:2: d: {(N + 1) * 11:,} characters; at most 1,000 accepted in one key or value"
