"""Hostile YAML is refused (or read) in about the time it takes to read its bytes, never in half a minute.

Each command runs in a child process and its CPU time (the kernel's count for that process alone) is held
to a ceiling generous for a loaded two-core machine, and well below what the reader of before took.
"""

from __future__ import annotations

import random
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
    """15 MB holding 5,200,000 values in flow lists: the reader of before read 5,000,000 values through its
    checks before it refused such a file (17 to 19 s of CPU on the 2-core machine, whatever the file's size
    past that); past the first 200,000 values they are now counted by libyaml alone. The members of 260
    events hold them, each within its event's cap of 20,000: no place of a scenario holds a list of lists, a
    file that is a list is refused as it opens, and a field the scenario does not have as soon as it is read,
    so only values in their places reach the bound."""
    row = ", ".join(["m"] * 20_000)
    (tmp_path / "s.yaml").write_text(HEAD + "events:\n" + f"  - members: [{row}]\n" * 260)
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
    libyaml's, as the building reports them. (One whose first lines hold more values than the bound is
    refused for them, wherever it is broken after: see below.)"""
    text = _deep_yaml(4_001) + "  k: [1, 2\n"
    with pytest.raises(InputError, match=r"^d\.yaml:4004: not valid YAML: did not find expected ',' or ']'"):
        load_yaml_text(text, "d.yaml", Limits(max_nodes=3 + 62 * 4_000))


def test_a_prefix_past_the_bound_refuses_the_file_without_counting_the_rest() -> None:
    """40,000 lines of 62 values (2,480,003 values, 10 times the bound of 248,003): libyaml counts the events
    of a prefix of them, under a third of the file's, and the file is refused in the same words as on the
    whole count; a file broken past the prefix is refused for its values too."""
    from whipcount.io.streamed import MARKS
    from whipcount.io.yaml_prefix import prefix_over_bound
    from whipcount.io.yamlsource import count_events

    lim = Limits(max_nodes=3 + 62 * 4_000)
    text = _deep_yaml(40_000)
    counted: list[int] = []

    def count(stream: str) -> int | None:
        counted.append(len(stream))
        return count_events(stream)

    marks = {c: text.count(c) for c in MARKS}
    assert prefix_over_bound(lambda: text, marks, len(text), lim, count)
    assert sum(counted) < len(text) / 3, counted
    for broken in (text, text + "  k: [1, 2\n"):
        with pytest.raises(InputError, match=r"^d\.yaml: too many values: over 248,003 once aliases are expanded"):
            load_yaml_text(broken, "d.yaml", lim)


def test_a_prefix_never_refuses_a_file_within_the_bound() -> None:
    """Against libyaml's own parse of 2,000 random block documents, each given a bound of exactly its values:
    no prefix of one is found past it; given one value fewer, some are (and each truly is)."""
    import yaml

    from whipcount.io.streamed import MARKS
    from whipcount.io.yaml_prefix import prefix_over_bound
    from whipcount.io.yamlsource import count_events

    rng = random.Random(11)
    refused = 0
    for _ in range(2_000):
        text = "\n".join(_random_yaml(rng, 0, 0)) + "\n"
        values = sum(isinstance(e, yaml.ScalarEvent | yaml.AliasEvent | yaml.CollectionStartEvent)
                     for e in yaml.parse(text, Loader=yaml.CSafeLoader))
        marks = {c: text.count(c) for c in MARKS}
        # a bound a tenth of the values, so that a prefix is tried (it is while under half the text)
        for bound, may_refuse in ((values, False), (values // 10, True)):
            lim = Limits(max_nodes=bound, max_alias_values=0)
            over = prefix_over_bound(lambda text=text: text, marks, len(text), lim, count_events)
            assert not over or may_refuse, text
            refused += over
    assert refused > 0


# -- block lists: a dash for each value ----------------------------------------------------------------------------
def test_more_values_than_the_bound_in_block_lists_are_refused_on_libyaml_s_count(tmp_path: Path) -> None:
    """5,020,000 values written ``- 1`` a line (40 MB), in lists each within its cap: every dash could have
    opened a list, so libyaml's count of events left the floor on values short of the bound and the reader of
    before read the values through (9.4 s of CPU on the 2-core machine); the dashes that continue the list of
    the line before open none, and the file is refused on the count. Written as the members of 251 events
    (20,000 each, the cap of one event's list)."""
    lists = [20_000] * 251
    text = HEAD + "events:\n" + "".join("  - members:\n" + "    - 1\n" * n for n in lists)
    (tmp_path / "s.yaml").write_text(text)
    seconds, peak, proc = cpu_of("tally", "s.yaml", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr[-500:]
    assert proc.stderr.strip().splitlines() == [
        "error: s.yaml: too many values: over 5,000,000 once aliases are expanded (a YAML alias bomb?)"]
    assert seconds < 5, f"{seconds:.1f} s of CPU"
    assert peak < 150 * 2**20, f"{peak / 2**20:.0f} MB"


CONTINUED = [  # a text, and how many of its lines continue the block list of the line before (by hand)
    ("- 1\n- 2\n- 3\n", 2),
    ("x:\n- 1\n- 2\ny:\n  - 3\n  - 4\n", 2),  # an indentless list; an indented one
    ("- - 1\n  - 2\n- 3\n", 0),  # '  - 2' continues a list opened at column 2 of a line at column 0: not
    #                             counted (fewer, never more); '- 3' follows a line at column 2
    ("- 1\n\n# note\n   # more\n- 2\n", 1),  # past a blank line and comments
    ("-\n- 2\n-\n", 2),  # empty entries
    ("- a\n  - b\n  - c\n", 1),  # text of one scalar: 'a - b - c'
    ("- |\n  - b\n  - c\n- d\n", 1),  # lines of a block scalar
    ("- 1\r\n- 2\r\n", 1),
    ("- 1\r- 2\n- 3\n", 0),  # a line broken by a carriage return alone: none counted
    ("- 1\n\t- 2\n- 3\n", 0),  # a tab before the first mark: not an entry, and the line breaks the run
    ("- 1\n- 2", 1),  # no line feed at the end
]


@pytest.mark.parametrize(("text", "expected"), CONTINUED)
def test_the_entries_continuing_a_list_are_counted(text: str, expected: str) -> None:
    from whipcount.io.streamed import continued_entries

    assert continued_entries(iter([text.encode()])) == expected
    raw = text.encode()  # the same, handed a byte at a time
    assert continued_entries(raw[i:i + 1] for i in range(len(raw))) == expected


def _values_and_floor(text: str) -> tuple[int, int]:
    """The values of ``text`` as libyaml parses them (each scalar, alias, list and mapping), and the floor the
    reader takes from its events, marks and continued entries."""
    import yaml

    from whipcount.io.streamed import MARKS, continued_entries, values_at_least
    from whipcount.io.yamlsource import count_events

    events = list(yaml.parse(text, Loader=yaml.CSafeLoader))
    values = sum(isinstance(e, yaml.ScalarEvent | yaml.AliasEvent | yaml.CollectionStartEvent) for e in events)
    marks = {c: text.count(c) for c in MARKS}
    counted = count_events(text)
    assert counted == len(events)
    return values, values_at_least(counted, marks, continued_entries(iter([text.encode()])))


def _random_yaml(rng: random.Random, depth: int, indent: int) -> list[str]:
    """Lines of a block node at ``indent``: lists, mappings (some lists indentless), scalars on one line or
    several (plain, quoted, block), comments and blank lines between."""
    pad = " " * indent
    kind = rng.choice(["list", "map", "text"] if depth < 4 else ["text"])
    if kind == "text":
        return [pad + rng.choice(["1", "a - b", "'- q'"])]
    lines: list[str] = []
    for i in range(rng.randint(1, 4)):
        if rng.random() < 0.2:
            lines.append(rng.choice(["", pad + "# - c", "  # x"]))
        if kind == "list":
            shape = rng.random()
            if shape < 0.3:
                lines.append(f"{pad}- {rng.choice(['1', 'a', '[1, 2]', '{a: 1}', '- 3', '- - 4'])}")
            elif shape < 0.45:  # a plain scalar on two lines, the second starting with a dash
                lines += [f"{pad}- a", f"{pad}  - b"]
            elif shape < 0.6:  # a block scalar whose lines start with dashes
                lines += [f"{pad}- |", f"{pad}  - b", f"{pad}  - c"]
            else:
                lines.append(f"{pad}-")
                lines += _random_yaml(rng, depth + 1, indent + 2)
        else:
            key = f"k{i}"
            if rng.random() < 0.3:  # an indentless list
                lines.append(f"{pad}{key}:")
                lines += [f"{pad}- {j}" for j in range(rng.randint(1, 3))]
            else:
                lines.append(f"{pad}{key}:")
                lines += _random_yaml(rng, depth + 1, indent + 2)
    return lines


def test_the_floor_is_never_above_the_values_parsed() -> None:
    """Against libyaml's own parse of 2,000 random block documents: the floor the reader refuses on is never
    above the values the document holds, and the continued entries make it tighter, not wrong."""
    import yaml

    rng = random.Random(7)
    tight = 0
    for _ in range(2_000):
        text = "\n".join(_random_yaml(rng, 0, 0)) + "\n"
        try:
            values, floor = _values_and_floor(text)
        except yaml.YAMLError:
            continue
        assert floor <= values, text
        tight += floor == values
    assert tight > 0


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
