"""Write an output file whole or not at all, through symbolic links, into pipes and terminals.

:func:`write_bytes_atomic` is how every command writes its ``-o FILE``, by what the path names:

- a regular file, or a name not taken yet: a temporary file in the same folder, flushed to disk, given
  the file's mode (a new file: 0666 less the umask), owner, group and extended attributes (its ACL) as
  far as this process may set them, then renamed over it; a failed write leaves the old file (or none)
  and no temporary file. Other hard links to the old file keep the old content (writing in place
  to keep them would risk a file half written). A file the user may not write (read-only) is refused, as ``>``
  refuses it, though the rename could replace it;
- a symbolic link (or a chain of them): followed; the file it points to is written as above and the link
  stays a link. A link to nothing creates its target when the target's folder exists;
- a named pipe (FIFO) or a character device (a terminal, ``/dev/null``): written in place, streamed, as
  the shell's ``>`` would: there is no file to replace, so nothing to keep whole. A pipe that nobody
  reads is refused rather than waited on;
- a folder, a socket or a block device: refused; so is a file the command read (within
  :func:`~whipcount.io.limits.remembering_reads`, as every command runs): ``import popolo p.json -o p.json``
  replaced the bundle with the scenario, and ``export popolo s.yaml -o s.yaml`` a hand-written scenario.

Every failure is an :class:`~whipcount.errors.InputError` naming the path as given and what was expected.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from whipcount.errors import InputError
from whipcount.io.limits import file_on_the_way, read_by_this_command

__all__ = ["check_writable", "write_bytes_atomic", "write_text_atomic"]


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` (see :func:`write_bytes_atomic`)."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path``: the whole new file or the old one untouched (a pipe or device: streamed)."""
    if isinstance(path, str) and path.endswith(("/", os.sep)):  # Path() would drop it and write a file
        raise InputError(f"{path}: cannot write: the name ends with '/', as a folder's; expected a file name")
    given = Path(path)
    st = _stat(given)
    mode = None if st is None else st.st_mode
    if st is not None and stat.S_ISREG(st.st_mode) and (read := read_by_this_command(st)) is not None:
        same = "" if os.path.normpath(read) == os.path.normpath(given) else f" (as {read})"
        raise InputError(f"{given}: cannot write: it is a file this command reads{same}, and writing would "
                         "replace it; give another file")
    if mode is not None and not stat.S_ISREG(mode):
        _write_in_place(given, mode, data)
        return
    _replace(given, _target(given), data)


def check_writable(path: str | Path) -> None:
    """Raise now the InputError that writing ``path`` would raise for where it is (a missing or unwritable
    folder, a read-only file, a folder...), for a command that works a long while before it writes (``demo``
    in a read-only working folder printed all its tables, then failed). Standard output (``-``) passes."""
    given = Path(path)
    if str(path) == "-":
        return
    st = _stat(given)
    mode = None if st is None else st.st_mode
    if mode is not None and not stat.S_ISREG(mode):
        kind = _kind(mode)
        if kind is not None:
            raise InputError(f"{given}: cannot write: it is {kind}; expected a file, a named pipe or a terminal")
        return
    target = _target(given)
    _writable(given, target)
    if not os.access(target.parent, os.W_OK | os.X_OK, effective_ids=os.access in os.supports_effective_ids):
        read_only = bool(os.statvfs(target.parent).f_flag & getattr(os, "ST_RDONLY", 1))
        why = "a read-only file system" if read_only else "Permission denied"
        raise InputError(f"{given}: cannot write: folder {target.parent} is not writable ({why}); expected a "
                         "folder you may write in")


def _stat(given: Path) -> os.stat_result | None:
    """What ``given`` names, symbolic links followed; None for a name not taken (a new name, a link to
    nothing, or a missing folder: :func:`_target` tells which)."""
    try:
        return os.stat(given)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise InputError(_too_long(given, _name_max(given.parent))) from None
        if exc.errno == errno.ENOTDIR and (way := file_on_the_way(given)) is not None:
            raise InputError(f"{given}: cannot write: {way} is a file, not a folder; expected the name of a file "
                             "in a folder") from None
        raise InputError(f"{given}: cannot write ({exc.strerror})") from None


def _target(given: Path) -> Path:
    """The path the new file goes to: ``given`` with every symbolic link followed; its folder must exist,
    as the system reads the path: ``nosuch/../case.yaml`` names no file when ``nosuch`` does not exist (the
    shell's ``>`` fails), though the same text read as a string is ``case.yaml``; taken that way, it had
    written over the scenario the command was reading."""
    target = Path(os.path.realpath(given))
    if os.path.isdir(given.parent) and target.parent.is_dir():
        return target
    if os.path.islink(given):
        raise InputError(f"{given}: cannot write: a symbolic link to {os.readlink(given)}, "
                         f"whose folder {target.parent} does not exist")
    raise InputError(f"{given}: cannot write: folder {_first_missing(given.parent)} does not exist")


def _first_missing(folder: Path) -> Path:
    """The first folder on the way to ``folder``, as written, that is not one (``nosuch`` of ``nosuch/..``)."""
    way = Path()
    for part in folder.parts:  # an absolute path's first part is its root, "/"
        way /= part
        if not way.is_dir():
            return way
    return folder


def _kind(mode: int) -> str | None:
    """What a path that is not a regular file is, when whipcount refuses to write to it."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        return None
    return "not a regular file"


def _write_in_place(given: Path, mode: int, data: bytes) -> None:
    """Stream ``data`` into a named pipe or a character device; anything else that is not a file is refused."""
    kind = _kind(mode)
    if kind is not None:
        raise InputError(f"{given}: cannot write: it is {kind}; expected a file, a named pipe or a terminal")
    try:
        fd = os.open(given, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise InputError(f"{given}: cannot write: a named pipe that nobody reads "
                             "(start the reader first)") from None
        raise InputError(f"{given}: cannot write ({exc.strerror})") from None
    try:
        os.set_blocking(fd, True)  # opened without waiting for a reader; now wait on it as it reads
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except OSError as exc:
        raise InputError(f"{given}: cannot write ({exc.strerror})") from None
    finally:
        os.close(fd)


def _file_mode(target: Path) -> int:
    """The mode a plain ``open(target, "w")`` would give: the existing file's, else 0666 less the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _writable(given: Path, target: Path) -> None:
    """Refuse a file this process may not write, as the shell's ``>`` does: the rename would replace it all
    the same (it asks only the folder), so a file made read-only to keep it was silently overwritten."""
    effective = os.access in os.supports_effective_ids
    if target.exists() and not os.access(target, os.W_OK, effective_ids=effective):
        raise InputError(f"{given}: cannot write: the file is read-only to you (Permission denied); expected "
                         "a file you may write: make it writable, or give another file")


def _too_long(given: Path, longest: int) -> str:
    """What 'File name too long' means for ``given``: one name in it too long, or the whole path."""
    most = max(len(os.fsencode(part)) for part in given.parts)
    if most > longest:
        return (f"{given}: cannot write: a name {most} bytes long; expected a file name of at most {longest} "
                "bytes (the file system's limit)")
    return (f"{given}: cannot write: the path is {len(os.fsencode(os.path.abspath(given)))} bytes long; expected "
            f"at most {_path_max()} bytes (the system's limit)")


def _path_max() -> int:
    try:
        return os.pathconf("/", "PC_PATH_MAX")
    except (AttributeError, OSError, ValueError):
        return 4096


def _name_max(folder: Path) -> int:
    """The longest file name ``folder``'s file system takes, in bytes (255 where it cannot say)."""
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (AttributeError, OSError, ValueError):
        return 255


_TEMP_TAIL = len("XXXXXXXX.tmp")  # mkstemp's random letters, then the suffix


def _temp_prefix(name: str, longest: int) -> str:
    """``.NAME.``, the start of the temporary file's name, with NAME cut so that the whole name stays within
    ``longest`` bytes: a file name the file system takes is written (before, a name within 14 bytes of the
    limit, 120 Cyrillic letters, failed with 'File name too long', which the temporary name was)."""
    room = longest - _TEMP_TAIL - 2
    while len(os.fsencode(name)) > room:
        name = name[:-1]
    return f".{name}."


def _replace(given: Path, target: Path, data: bytes) -> None:
    """Write ``target`` through a temporary file in its folder and ``os.replace``; errors name ``given``."""
    _writable(given, target)
    longest = _name_max(target.parent)
    if len(os.fsencode(target.name)) > longest:
        raise InputError(_too_long(given, longest))
    try:
        fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(target.name, longest), suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise InputError(f"{given}: cannot write ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _file_mode(target))  # mkstemp makes 0600; a written file gets the usual mode
        _keep_owner_and_attributes(target, tmp)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"{given}: cannot write ({exc.strerror})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _keep_owner_and_attributes(target: Path, tmp: str) -> None:
    """Give the new file the old one's owner and group and its extended attributes (an access control list
    is one, ``system.posix_acl_access``), as far as this process may: the rename would otherwise leave a
    file owned by whoever ran the command (root's, in a shared folder) and drop its ACL. Any of it this
    process may not set is left as the new file has it; that is no reason to keep the old output."""
    try:
        st = os.stat(target)
    except OSError:  # a new file: nothing to keep
        return
    for uid, gid in ((st.st_uid, st.st_gid), (-1, st.st_gid)):  # not root: its group, if one of ours
        try:
            os.chown(tmp, uid, gid)
            break
        except OSError:
            continue
    if not hasattr(os, "listxattr"):  # a platform without extended attributes
        return
    try:
        names = os.listxattr(target)
    except OSError:  # none on this file system
        return
    for name in names:
        try:
            os.setxattr(tmp, name, os.getxattr(target, name))
        except OSError:
            continue
