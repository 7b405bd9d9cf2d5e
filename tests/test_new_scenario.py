"""``whipcount new``: for every built-in rules profile, the starting scenario loads and passes tally,
count and forecast as written; an existing file is not overwritten without --force; the file is named as
an argument or with -o, not both differently."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from constitutions import my_parliament
from whipcount.io.scenario import load_scenario
from whipcount.rules import all_constitutions

PROFILES = [c.id for c in all_constitutions() if c.origin == "built-in"]


@pytest.mark.parametrize("rules", PROFILES)
def test_new_scenario_runs_as_written(run_cli, tmp_path: Path, rules: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "case.yaml"
    assert run_cli("new", "--rules", rules, "-o", str(path)).code == 0
    sc = load_scenario(path)
    assert sc.chamber.rules == rules and sc.motion is not None
    for command in ("tally", "count", "forecast"):
        r = run_cli(command, str(path))
        assert r.code == 0, f"{command}: {r.err}"
    assert "EXAMPLE" in path.read_text(encoding="utf-8")  # the values to replace are marked


@pytest.mark.parametrize("rules", ["pk-na", "gb-hc", "de-bt"])
def test_the_example_s_switch_falls_in_its_timeline(run_cli, tmp_path: Path, rules: str) -> None:  # type: ignore[no-untyped-def]
    # a timeline shows the motion's window by default (docs/charts.md): the example's one event, a side switch,
    # is dated inside it, so the example's own chart shows seats moving rather than two flat lines
    path = tmp_path / "case.yaml"
    assert run_cli("new", "--rules", rules, "-o", str(path)).code == 0
    sc = load_scenario(path)
    assert sc.motion is not None and sc.motion.filed is not None and sc.motion.vote is not None
    (event,) = sc.events
    assert sc.motion.filed < event.date <= sc.motion.vote
    svg = tmp_path / "t.svg"
    assert run_cli("chart", str(path), "--kind", "timeline", "-o", str(svg)).code == 0
    assert "falls outside" not in svg.read_text(encoding="utf-8")


def test_new_keeps_an_existing_file(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "mine.yaml"
    path.write_text("my work\n", encoding="utf-8")
    r = run_cli("new", "-o", str(path))
    assert r.code == 1 and "give --force" in r.err and path.read_text(encoding="utf-8") == "my work\n"
    assert run_cli("new", "-o", str(path), "--force").code == 0
    assert load_scenario(path).id == "my-case"


def test_new_refuses_an_unknown_profile(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("new", "--rules", "xx-nowhere", "-o", str(tmp_path / "x.yaml"))
    assert r.code == 1 and "xx-nowhere" in r.err and not (tmp_path / "x.yaml").exists()


def test_new_takes_the_file_as_an_argument_or_an_option(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "mine.yaml"
    assert run_cli("new", str(path)).code == 0 and load_scenario(path).motion is not None
    other = tmp_path / "other.yaml"
    r = run_cli("new", str(other), "-o", str(tmp_path / "third.yaml"))
    assert r.code == 1 and "two files named" in r.err and not other.exists()
    for nothing in ((), ("",), ("-o", " ")):
        r = run_cli("new", *nothing)
        assert r.code == 1 and "whipcount new my-case.yaml" in r.err and "Traceback" not in r.err
    assert run_cli("new", str(other), "-o", str(other)).code == 0 and other.exists()


def test_own_constitution_is_named_relative_to_the_written_file(run_cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my-parliament.yaml").write_text(my_parliament(), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "elsewhere").mkdir()
    assert run_cli("new", "--rules", "my-parliament.yaml", "sub/n3.yaml").code == 0
    monkeypatch.chdir(tmp_path / "elsewhere")  # the scenario finds its rules from any folder
    sc = load_scenario(tmp_path / "sub" / "n3.yaml")
    assert sc.chamber.rules == "my-parliament" and sc.chamber.name == "My Parliament"
    r = run_cli("tally", str(tmp_path / "sub" / "n3.yaml"))
    assert r.code == 0, r.err
    # on standard output there is no folder to be relative to: the path as given
    monkeypatch.chdir(tmp_path)
    r = run_cli("new", "--rules", "./my-parliament.yaml", "-o", "-")
    assert r.code == 0 and '  rules: "./my-parliament.yaml"' in r.out


def test_own_constitution_with_any_name_gives_a_scenario_that_loads(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rules = tmp_path / "odd.yaml"
    name = 'Chamber: "Lower" #1'
    rules.write_text(my_parliament().replace("name: My Parliament", f"name: {json.dumps(name)}"), encoding="utf-8")
    out = tmp_path / "case.yaml"
    assert run_cli("new", "--rules", str(rules), "-o", str(out)).code == 0
    sc = load_scenario(out)
    # the example's motion is the profile's no-confidence motion, and the title says so
    assert sc.chamber.name == name and sc.title == f"EXAMPLE: a no confidence vote in the {name}"


def test_a_missing_constitution_file_names_the_option(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("new", "--rules", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "x.yaml"))
    assert r.code == 1 and r.err.startswith("error: --rules: no constitution file") and r.err.count("\n") == 1
    assert not (tmp_path / "x.yaml").exists()


WINDOWED = """\
id: windowed
name: Windowed House
seats: 146
motions:
  - kind: constructive-no-confidence
    threshold: {basis: total}
    source: {article: "Art. 32", url: "https://example.org/32"}
    window: {min_days: 21, max_days: 28, after: motion-filed}
"""


@pytest.mark.parametrize(("window", "days"), [("{min_days: 21, max_days: 28, after: motion-filed}", 21),
                                              ("{max_days: 7, after: motion-filed}", 7),
                                              ("{min_days: 2, after: motion-filed}", 15)])
def test_the_example_vote_falls_in_the_rules_window(run_cli, tmp_path: Path, window: str,  # type: ignore[no-untyped-def]
                                                    days: int) -> None:
    """The example's vote was 15 days after its filing whatever the rules: a constitution that allows the
    vote only from the 21st to the 28th day after filing got an example held out of time. By the window's
    words: 21 days (the earliest), 7 (the latest), or the 15 that fit a window of at least 2."""
    rules = tmp_path / "rules.yaml"
    rules.write_text(WINDOWED.replace("{min_days: 21, max_days: 28, after: motion-filed}", window), encoding="utf-8")
    out = tmp_path / "case.yaml"
    assert run_cli("new", "--rules", str(rules), "-o", str(out)).code == 0
    motion = load_scenario(out).motion
    assert motion is not None and motion.filed is not None and motion.vote is not None
    assert (motion.vote - motion.filed).days == days
    assert load_scenario(out).title.startswith("EXAMPLE: a constructive no confidence vote in")


@pytest.mark.parametrize("name", ["мой случай.yaml", "it's mine.yaml", "plain.yaml"])
def test_the_command_it_suggests_runs_as_typed_in_a_shell(run_cli, tmp_path: Path, name: str,  # type: ignore[no-untyped-def]
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The hint (and the file's first comment) names the file as a shell reads it: before, ``whipcount
    tally мой случай.yaml`` was two arguments, neither a file."""
    monkeypatch.chdir(tmp_path)
    said = run_cli("new", name).out
    written = (tmp_path / name).read_text(encoding="utf-8")
    for text in (said, written):
        command = text.split("`whipcount tally ", 1)[1].split("`", 1)[0]
        assert shlex.split(command) == [name]
    assert run_cli("tally", *shlex.split(said.split("`whipcount tally ", 1)[1].split("`", 1)[0])).code == 0


def test_the_readme_section_it_points_to_is_there(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "case.yaml"
    assert run_cli("new", str(path)).code == 0
    named = re.findall(r'the README \("([^"]+)"\)', path.read_text(encoding="utf-8"))
    assert named, "the template names a section of the README"
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    headings = {line.lstrip("#").strip() for line in readme.splitlines() if line.startswith("#")}
    assert set(named) <= headings, named


def test_comments_line_up_whatever_the_values_and_never_cut_one(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Each comment after a value starts at one column (or one space past a longer value), as the template
    lays them out, with a short rules id or a long file name; a value that holds '  # ' itself is not cut."""
    rules = tmp_path / "a-constitution-file-with-a-rather-long-name.yaml"
    name = "Chamber  # not a comment"
    rules.write_text(my_parliament().replace("name: My Parliament", f"name: {json.dumps(name)}"), encoding="utf-8")
    for args in (["--rules", "pk-na"], ["--rules", str(rules)]):
        out = tmp_path / "case.yaml"
        out.unlink(missing_ok=True)
        assert run_cli("new", *args, "-o", str(out)).code == 0
        text = out.read_text(encoding="utf-8")
        columns = {line.index(" # ") + 1 for line in text.splitlines()
                   if re.match(r"\s*\w+:", line) and " # " in line and not line.strip().startswith("#")
                   and "not a comment" not in line}
        longest = max(len(line.split(" # ")[0].rstrip()) for line in text.splitlines() if " # " in line
                      and re.match(r"\s*\w+:", line) and "not a comment" not in line)
        assert columns <= {31, longest + 1} and 31 in columns
        assert load_scenario(out).chamber.name == (name if "constitution" in args[1] else "National Assembly of Pakistan")


PAST = """\
id: past-house
name: Past House
seats:
  - {seats: 50, start: 2000-01-01, end: 2010-01-01, source: "https://example.org/seats"}
  - {seats: 40, start: 2010-01-01, source: "https://example.org/seats-now"}
motions:
  - kind: confidence
    threshold: {basis: total}
    source: {article: "Art. 1", url: "https://example.org/1"}
    window: {max_days: 7, after: motion-filed}
    end: 2010-01-01
"""


def test_a_constitution_of_the_past_gives_an_example_of_its_time(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A constitution whose rules have all lapsed (a historic chamber) was refused ('no confidence rule in
    force on' today): the example is dated to end on its last day in force, for the chamber of then."""
    rules = tmp_path / "past.yaml"
    rules.write_text(PAST, encoding="utf-8")
    out = tmp_path / "case.yaml"
    r = run_cli("new", "--rules", str(rules), "-o", str(out))
    assert r.code == 0, r.err
    sc = load_scenario(out)
    assert sc.motion is not None and sc.motion.vote is not None and sc.motion.filed is not None
    assert sc.motion.vote.isoformat() == "2009-12-31" and (sc.motion.vote - sc.motion.filed).days == 7
    assert sc.chamber.seats == 50
    tally = json.loads(run_cli("tally", str(out), "--json").out)
    assert tally["needed"] == 26 and tally["motion"] == "confidence"  # more than half of 50


NO_SIZE = """\
id: no-size
name: No Size House
motions:
  - kind: no-confidence
    threshold: {basis: total, fraction: "1/2", strict: true}
    source: {article: "Art. 1", url: "https://example.org/1"}
"""


def test_a_size_the_rules_do_not_give_is_marked_as_an_example(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A constitution file without seats gives the example no size of its own: the 101 written in its place
    is marked EXAMPLE, as every invented value is; a profile's own size (151) is not."""
    (tmp_path / "none.yaml").write_text(NO_SIZE, encoding="utf-8")
    (tmp_path / "sized.yaml").write_text(NO_SIZE.replace("id: no-size", "id: sized").replace(
        "name: No Size House", "name: Sized House\nseats: 151"), encoding="utf-8")
    seats_lines = {}
    for name in ("none", "sized"):
        out = tmp_path / f"{name}-case.yaml"
        assert run_cli("new", "--rules", str(tmp_path / f"{name}.yaml"), "-o", str(out)).code == 0
        (seats_lines[name],) = [ln for ln in out.read_text(encoding="utf-8").splitlines()
                                if ln.strip().startswith("seats:") and "#" in ln]
    assert re.match(r"\s*seats: 101\s+# EXAMPLE: ", seats_lines["none"])
    assert re.match(r"\s*seats: 151\s+# the chamber's size", seats_lines["sized"])


def test_new_on_a_date_dates_the_example_around_it(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # the example is dated around 20 March 2022, its motion filed five days before, its seats 25 days before that,
    # and its chamber has the size the rules profile gives on that day: 342, the National Assembly of the 2022 case
    path = tmp_path / "past.yaml"
    assert run_cli("new", str(path), "--on", "2022-03-20").code == 0
    sc = load_scenario(path)
    assert sc.motion is not None and sc.motion.filed is not None
    assert (sc.motion.filed.isoformat(), sc.chamber.as_of.isoformat(), sc.chamber.seats) == \
        ("2022-03-15", "2022-02-18", 342)
    bad = run_cli("new", str(tmp_path / "bad.yaml"), "--on", "2022-02-30")
    assert bad.code != 0 and "--on: no such day" in bad.err and not (tmp_path / "bad.yaml").exists()
