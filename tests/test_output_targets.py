"""What an output path names decides how it is written: a symbolic link is followed (the link stays), a
named pipe or character device is written in place, a folder, socket or block device is refused; a file
is replaced whole. Device nodes are made under tmp_path only, never under /dev."""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from whipcount.errors import InputError
from whipcount.io.outfile import check_writable, write_bytes_atomic, write_text_atomic


def _left(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def test_a_symlink_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "target.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(Path("real") / "target.json")
    write_text_atomic(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "target.json")
    assert target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the file's mode is kept through the link
    assert _left(tmp_path) == ["link.json", "real"] and _left(tmp_path / "real") == ["target.json"]


def test_a_chain_of_links_reaches_the_file(tmp_path: Path) -> None:
    target = tmp_path / "target.yaml"
    target.write_text("old", encoding="utf-8")
    (tmp_path / "b.yaml").symlink_to("target.yaml")
    (tmp_path / "a.yaml").symlink_to("b.yaml")
    write_text_atomic(tmp_path / "a.yaml", "new")
    assert (tmp_path / "a.yaml").is_symlink() and (tmp_path / "b.yaml").is_symlink()
    assert target.read_text(encoding="utf-8") == "new"


def test_a_dangling_link_creates_its_target(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    link = tmp_path / "link.svg"
    link.symlink_to(Path("out") / "chart.svg")
    write_text_atomic(link, "<svg/>")
    assert link.is_symlink()
    assert (tmp_path / "out" / "chart.svg").read_text(encoding="utf-8") == "<svg/>"


def test_a_dangling_link_into_a_missing_folder_is_one_clear_error(tmp_path: Path) -> None:
    link = tmp_path / "link.svg"
    link.symlink_to(Path("nowhere") / "chart.svg")
    with pytest.raises(InputError, match=r"link\.svg: cannot write: a symbolic link to nowhere/chart\.svg, "
                                         r"whose folder .*nowhere does not exist"):
        write_text_atomic(link, "<svg/>")
    assert link.is_symlink() and _left(tmp_path) == ["link.svg"]


def test_a_symlink_loop_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    with pytest.raises(InputError, match=r"a: cannot write \(Too many levels of symbolic links\)"):
        write_text_atomic(tmp_path / "a", "x")
    assert (tmp_path / "a").is_symlink() and _left(tmp_path) == ["a", "b"]


def test_a_named_pipe_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "chart.svg"
    os.mkfifo(fifo)
    got: list[bytes] = []
    ready = threading.Event()

    def read() -> None:  # the reading end is open at once; read until the writer has written and closed
        fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        ready.set()
        chunks: list[bytes] = []
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                chunk = os.read(fd, 65536)
            except BlockingIOError:  # a writer, no data yet
                chunk = None
            if chunk:
                chunks.append(chunk)
            elif chunk == b"" and chunks:  # end of file after the data
                break
            else:
                time.sleep(0.001)
        os.close(fd)
        got.append(b"".join(chunks))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    assert ready.wait(5)
    data = b"<svg>" + b"x" * 300_000 + b"</svg>"  # more than a pipe's buffer: the writer waits on the reader
    write_bytes_atomic(fifo, data)
    reader.join(10)
    assert got == [data]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert _left(tmp_path) == ["chart.svg"]


def test_a_named_pipe_nobody_reads_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "chart.svg"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match=r"chart\.svg: cannot write: a named pipe that nobody reads"):
        write_text_atomic(fifo, "<svg/>")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and _left(tmp_path) == ["chart.svg"]


def test_a_link_to_a_named_pipe_writes_into_the_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (tmp_path / "out.json").symlink_to("pipe")
    with pytest.raises(InputError, match="named pipe that nobody reads"):
        write_text_atomic(tmp_path / "out.json", "{}")
    assert (tmp_path / "out.json").is_symlink() and stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.fixture
def char_device(tmp_path: Path) -> Iterator[Callable[[str, int], Path]]:
    """Make a character device node under tmp_path (the kernel's null or full device, by minor number)."""

    def make(name: str, minor: int) -> Path:
        node = tmp_path / name
        try:
            os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, minor))
            os.close(os.open(node, os.O_WRONLY))
        except (PermissionError, AttributeError, OSError) as exc:  # not root, or tmp mounted nodev
            node.unlink(missing_ok=True)
            pytest.skip(f"cannot make a usable character device here: {exc}")
        return node

    yield make


def test_a_character_device_is_written_in_place(tmp_path: Path, char_device: Callable[[str, int], Path]) -> None:
    null = char_device("null", 3)
    write_text_atomic(null, "anything")
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert _left(tmp_path) == ["null"]


def test_a_full_device_is_one_clear_error_and_stays_a_device(tmp_path: Path,
                                                             char_device: Callable[[str, int], Path]) -> None:
    full = char_device("full", 7)
    with pytest.raises(InputError, match=r"full: cannot write \(No space left on device\)"):
        write_text_atomic(full, "anything")
    assert stat.S_ISCHR(os.lstat(full).st_mode)
    assert _left(tmp_path) == ["full"]


def test_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "out.yaml").mkdir()
    with pytest.raises(InputError, match=r"out\.yaml: cannot write: it is a folder; expected a file"):
        write_text_atomic(tmp_path / "out.yaml", "x")
    assert (tmp_path / "out.yaml").is_dir() and _left(tmp_path) == ["out.yaml"]


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    if len(str(path)) > 100:
        pytest.skip("the temporary folder's path is too long for a unix socket")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        with pytest.raises(InputError, match=r"s\.yaml: cannot write: it is a socket"):
            write_text_atomic(path, "x")
        assert stat.S_ISSOCK(os.lstat(path).st_mode)


def test_the_cli_writes_through_a_link(run_cli: Callable[..., object], tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "target.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    res = run_cli("export", "popolo", "pk-na-2022", "-o", str(link))
    assert res.code == 0, res.err  # type: ignore[attr-defined]
    assert link.is_symlink() and target.read_text(encoding="utf-8").startswith("{")


def test_the_cli_refuses_a_pipe_nobody_reads_in_one_line(run_cli: Callable[..., object], tmp_path: Path) -> None:
    fifo = tmp_path / "f.svg"
    os.mkfifo(fifo)
    res = run_cli("chart", "pk-na-2022", "-o", str(fifo))
    assert res.code == 1  # type: ignore[attr-defined]
    assert "f.svg: cannot write: a named pipe that nobody reads" in res.err  # type: ignore[attr-defined]
    assert res.err.count("\n") == 1  # type: ignore[attr-defined]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def _without_override() -> list[str]:
    """A command prefix under which file permissions hold: nothing for a user; for root, setpriv dropping
    the capabilities that let root write any file (as a shell's ``>`` then refuses a read-only file)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: file permissions cannot be made to hold")
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}"]


def test_a_read_only_file_is_refused_as_the_shell_refuses_it(tmp_path: Path) -> None:
    kept = tmp_path / "kept.svg"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o444)
    prefix = _without_override()
    shell = subprocess.run([*prefix, "sh", "-c", "echo new > kept.svg"], cwd=tmp_path, capture_output=True,
                           check=False)
    assert shell.returncode != 0 and kept.read_text(encoding="utf-8") == "old"  # the truth: `>` refuses it
    got = subprocess.run([*prefix, sys.executable, "-m", "whipcount.cli.main", "chart", "pk-na-2022", "-o",
                          "kept.svg"], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert got.returncode == 1 and got.stdout == ""
    assert got.stderr.splitlines() == ["error: kept.svg: cannot write: the file is read-only to you (Permission "
                                       "denied); expected a file you may write: make it writable, or give "
                                       "another file"]
    assert kept.read_text(encoding="utf-8") == "old" and _left(tmp_path) == ["kept.svg"]
    assert stat.S_IMODE(kept.stat().st_mode) == 0o444


def test_a_writable_file_in_the_same_place_is_replaced(tmp_path: Path) -> None:
    kept = tmp_path / "kept.svg"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o644)
    got = subprocess.run([*_without_override(), sys.executable, "-m", "whipcount.cli.main", "chart", "pk-na-2022",
                          "-o", "kept.svg"], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert got.returncode == 0, got.stderr
    assert kept.read_text(encoding="utf-8").startswith("<svg") and _left(tmp_path) == ["kept.svg"]


def _name_of(size: int, suffix: str = ".svg") -> str:
    """A file name of exactly ``size`` bytes in UTF-8, Cyrillic (two bytes a letter) with an ASCII end."""
    letters, odd = divmod(size - len(suffix), 2)
    return "я" * letters + "a" * odd + suffix


def test_a_name_as_long_as_the_file_system_takes_is_written(tmp_path: Path) -> None:
    """Before, the temporary file's name (the target's with 14 bytes more) was too long for a name within
    14 bytes of the limit: 'File name too long' for a name the file system takes."""
    longest = os.pathconf(tmp_path, "PC_NAME_MAX")
    for size in (longest, longest - 7):
        name = _name_of(size)
        assert len(name.encode("utf-8")) == size
        (tmp_path / name).write_text("old", encoding="utf-8")  # the truth: the file system takes the name
        write_text_atomic(tmp_path / name, "new")
        assert (tmp_path / name).read_text(encoding="utf-8") == "new"
        assert _left(tmp_path) == [name]
        (tmp_path / name).unlink()


def test_a_name_longer_than_the_file_system_takes_is_one_clear_error(tmp_path: Path) -> None:
    longest = os.pathconf(tmp_path, "PC_NAME_MAX")
    name = _name_of(longest + 1)
    with pytest.raises(OSError):
        (tmp_path / name).write_text("x", encoding="utf-8")  # the truth: the file system refuses it
    with pytest.raises(InputError) as caught:
        write_text_atomic(tmp_path / name, "new")
    assert str(caught.value) == (f"{tmp_path / name}: cannot write: a name {longest + 1} bytes long; expected a "
                                 f"file name of at most {longest} bytes (the file system's limit)")
    assert _left(tmp_path) == []


def test_demo_in_a_folder_it_cannot_write_says_so_before_its_tables(tmp_path: Path) -> None:
    """``whipcount demo`` in a read-only working folder printed every table, then failed on the report."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    prefix = _without_override()
    try:
        shell = subprocess.run([*prefix, "sh", "-c", "echo x > probe"], cwd=folder, capture_output=True, check=False)
        assert shell.returncode != 0  # the truth: nothing can be written here
        got = subprocess.run([*prefix, sys.executable, "-m", "whipcount.cli.main", "demo"], cwd=folder,
                             capture_output=True, text=True, timeout=300, check=False)
    finally:
        folder.chmod(0o755)
    assert (got.returncode, got.stdout) == (1, "")
    assert got.stderr.splitlines() == [
        f"error: whipcount-report-pk-na-2022.html: cannot write: folder {os.path.realpath(folder)} is not writable (Permission "
        "denied); expected a folder you may write in; give the report another file (-o FILE.html), or --no-report"]
    assert _left(folder) == []


def test_a_name_ending_with_a_slash_is_not_written_as_a_file(tmp_path: Path) -> None:
    """``out.json/`` names a folder, as the shell reads it (``> out.json/`` fails); Path() drops the slash,
    and a file ``out.json`` was written."""
    with pytest.raises(InputError, match=r"out\.json/: cannot write: the name ends with '/', as a folder's"):
        write_text_atomic(f"{tmp_path}/out.json/", "new")
    assert _left(tmp_path) == []


@pytest.mark.parametrize("args", [["export", "popolo", "pk-na-2022"], ["export", "csv", "pk-na-2022"],
                                  ["import", "csv", "seats.csv", "--rules", "pk-na", "--as-of", "2024-01-01"],
                                  ["chart", "pk-na-2022"], ["report", "pk-na-2022"], ["demo"], ["new"],
                                  ["power", "--parlgov"]], ids=" ".join)
def test_an_empty_or_folder_output_name_is_refused_by_every_command(run_cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                     monkeypatch: pytest.MonkeyPatch,
                                                                     args: list[str]) -> None:
    """``-o "$OUT"`` with OUT unset: ``export`` and ``import`` wrote to standard output instead, ``demo`` and
    ``power --parlgov`` tried the current folder; ``-o out/`` wrote a file ``out``."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seats.csv").write_text("party,name,seats,side\nred,Red,6,government\n", encoding="utf-8")
    for given, option, said in (("", "-o", "got an empty one"), ("=", "--output", "got an empty one"),
                                ("out/", "-o out/", "got a folder's (it ends with '/')")):
        typed = [f"--output{given}"] if given == "=" else ["-o", given]
        got = run_cli(*args, *typed)
        assert (got.code, got.out) == (1, "")
        expected = "expected a file name" + (" (or '-' for standard output)" if not given.endswith("/") else "")
        assert got.err.strip() == f"error: {option}: {expected}, {said}"
        assert _left(tmp_path) == ["seats.csv"]


def test_a_path_longer_than_the_system_takes_says_so(tmp_path: Path) -> None:
    """Every name in it is short: the whole path is too long (before, it was reported as one name too long)."""
    limit = os.pathconf("/", "PC_PATH_MAX")
    path = tmp_path.joinpath(*["d" * 200] * (limit // 201 + 1), "out.svg")
    with pytest.raises(OSError):
        path.write_text("x", encoding="utf-8")  # the truth: the system refuses it
    said = f"{path}: cannot write: the path is {len(os.fsencode(path))} bytes long; expected at most {limit} bytes"
    with pytest.raises(InputError) as written:
        write_text_atomic(path, "new")
    with pytest.raises(InputError) as checked:  # demo asks before its tables
        check_writable(path)
    assert str(written.value) == str(checked.value) == f"{said} (the system's limit)"


@pytest.mark.skipif(not hasattr(os, "setxattr"), reason="no extended attributes on this platform")
def test_a_replaced_file_keeps_its_owner_group_and_extended_attributes(tmp_path: Path) -> None:
    """The rename puts a new file in the old one's place: it takes the old one's owner and group (where this
    process may give them: as root, any) and its extended attributes (an ACL is one)."""
    target = tmp_path / "shared.csv"
    target.write_text("old", encoding="utf-8")
    try:
        os.setxattr(target, "user.whipcount-test", b"kept")
    except OSError:
        pytest.skip("this file system keeps no user extended attributes")
    owner = (65534, 65534) if os.geteuid() == 0 else (os.geteuid(), os.getegid())  # nobody's, as root
    os.chown(target, *owner)
    write_text_atomic(target, "new")
    st = target.stat()
    assert target.read_text(encoding="utf-8") == "new"
    assert (st.st_uid, st.st_gid) == owner
    assert os.getxattr(target, "user.whipcount-test") == b"kept"
    assert _left(tmp_path) == ["shared.csv"]


def test_other_hard_links_keep_the_old_content(tmp_path: Path) -> None:
    """Written whole or not at all: the new file replaces the name written to, so another name for the old
    file (a hard link) still shows the old content, as the module says."""
    target = tmp_path / "out.yaml"
    target.write_text("old", encoding="utf-8")
    os.link(target, tmp_path / "other.yaml")
    write_text_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert (tmp_path / "other.yaml").read_text(encoding="utf-8") == "old"


_WRITERS = [(["export", "popolo", "pk-na-2022"], ".json"), (["export", "csv", "pk-na-2022"], ".csv"),
            (["import", "csv", "seats.csv", "--rules", "pk-na", "--as-of", "2024-01-01"], ".yaml"),
            (["chart", "pk-na-2022"], ".svg"), (["report", "pk-na-2022"], ".html"), (["demo"], ".html"),
            (["new"], ".yaml"), (["power", "--parlgov", "--country", "DEU"], ".csv")]


@pytest.mark.parametrize(("args", "suffix"), _WRITERS, ids=[" ".join(a) for a, _ in _WRITERS])
@pytest.mark.parametrize("where", ["file", "folder"])
def test_a_name_too_long_is_one_clear_error_from_every_command(run_cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                               monkeypatch: pytest.MonkeyPatch, args: list[str],
                                                               suffix: str, where: str) -> None:
    """``new -o NAME`` asked whether NAME existed, and ``power --parlgov -o NAME/x.csv`` whether its folder
    was one, in a way that raised on a name the system refuses: a traceback, where the others said why."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seats.csv").write_text("party,name,seats,side\nred,Red,6,government\n", encoding="utf-8")
    longest = os.pathconf(tmp_path, "PC_NAME_MAX")
    name = _name_of(longest + 1, suffix)
    with pytest.raises(OSError):
        (tmp_path / name).write_text("x", encoding="utf-8")  # the truth: the file system refuses it
    out = name if where == "file" else f"{name}/out{suffix}"
    got = run_cli(*args, "-o", out)
    assert (got.code, got.out) == (1, "")
    errors = [line for line in got.err.splitlines() if not line.startswith("warning: ")]
    assert len(errors) == 1 and "Traceback" not in got.err
    assert errors[0].startswith(f"error: {out}: cannot write: a name {longest + 1} bytes long; expected a file "
                                f"name of at most {longest} bytes (the file system's limit)")
    assert _left(tmp_path) == ["seats.csv"]
