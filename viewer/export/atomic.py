"""Write output files safely: never onto an input, atomically, keeping the old file's mode.

A regular file is written to a temporary file beside it and moved into place in one rename,
so a failed, cancelled or killed export never leaves a half-written target. The temporary
file is locked while it is written; an unlocked one of our pattern, untouched for a minute,
is the leftover of a killed export and is removed by the next export to that folder.
Devices and pipes (/dev/null, a FIFO, /dev/stdout, /proc/self/fd/N) are written in place:
a rename would put a plain file where the device was, and /dev/stdout redirected with
`>> log` must append.
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import fcntl
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, cast

from viewer.core.errors import LoadError, OutputError, os_problem, printable

#: Our temporary files: ".NAME." + tempfile's 8 random characters + ".part".
_LEFTOVER = re.compile(r"^\..+\.[a-z0-9_]{8}\.part$")
#: The longest file name most file systems take, in bytes (NAME_MAX on Linux).
_NAME_MAX = 255
#: What a temporary file's name adds to its target's: "." before, "." + 8 characters +
#: ".part" after.
_TEMPORARY_EXTRA = 1 + 1 + 8 + len(".part")
#: Seconds a temporary file must lie untouched before it counts as a leftover: another
#: export creates its file a moment before it can lock it, and must not lose it then.
LEFTOVER_AGE_S = 60.0
#: Paths that name one of this process's open descriptors rather than a file.
_FD_ALIAS = re.compile(r"^/(?:dev/(?:std(?P<std>out|err)|fd/(?P<dev_fd>\d+))|"
                       r"proc/(?:self|thread-self|(?P<pid>\d+))/fd/(?P<proc_fd>\d+))$")


#: Set by `replacing_read_only` when the user has confirmed replacing a read-only file.
_READ_ONLY_CONFIRMED: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "read_only_confirmed", default=False)


def is_read_only(target: str | os.PathLike[str]) -> bool:
    """True when `target` is an existing regular file nobody may write (mode without w)."""
    try:
        mode = os.stat(target).st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISREG(mode) and not mode & 0o222


@contextlib.contextmanager
def replacing_read_only() -> Iterator[None]:
    """Within this block, exports may replace read-only files (the user confirmed)."""
    token = _READ_ONLY_CONFIRMED.set(True)
    try:
        yield
    finally:
        _READ_ONLY_CONFIRMED.reset(token)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _file_id(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def clashing_input(target: str | os.PathLike[str],
                   inputs: Iterable[str | os.PathLike[str]]) -> str | None:
    """The input that `target` would overwrite (same file by device and inode, so through
    links, `..` and hard links), or None."""
    target_id = _file_id(target)
    if target_id is None:
        return None
    for source in inputs:
        if _file_id(source) == target_id:
            return os.fspath(source)
    return None


def refuse_overwriting_inputs(target: str | os.PathLike[str],
                              inputs: Iterable[str | os.PathLike[str]]) -> None:
    """Raise `OutputError` when writing `target` would replace one of `inputs`."""
    clash = clashing_input(target, inputs)
    if clash is None:
        return
    if os.path.abspath(clash) == os.path.abspath(target):
        problem = "is one of the inputs; it would be overwritten"
    else:  # a link, a hard link or another spelling: say which input it reaches
        problem = f"is the input {printable(clash)}; it would be overwritten"
    raise OutputError(printable(os.fspath(target)), problem,
                      "choose another name for the output")


def refuse_shared_targets(outputs: dict[str, str | None]) -> None:
    """Raise `OutputError` when one of a command's `outputs` (option -> target) names no
    file (""), or two go to one place: standard output ("-", /dev/stdout), which cannot
    hold two files, or one file (by its resolved path), where the second would replace
    the first."""
    for option, target in outputs.items():
        if target is not None and not target.strip():
            raise OutputError(f"{option} {target!r}", "names no file",
                              "give a file name, or - for standard output")
    given = [(option, target) for option, target in outputs.items() if target]
    on_stdout = [f"{option} {target}" for option, target in given
                 if _descriptor_alias(target) == 1]
    if len(on_stdout) > 1:
        raise OutputError(" and ".join(on_stdout), "would both go to standard output",
                          "send one of them to a file")
    seen: dict[str, str] = {}
    for option, target in given:
        place = os.path.realpath(target)
        if _descriptor_alias(target) is not None or (os.path.exists(place)
                                                      and not os.path.isfile(place)):
            continue  # a stream or a device (/dev/null) takes any number of reports
        if place in seen:
            raise OutputError(printable(target), f"is given to {seen[place]} and to {option}",
                              "give each report its own file")
        seen[place] = option


def refuse_binary_on_terminal(outputs: dict[str, str | None]) -> None:
    """Raise `OutputError` when a binary report (option -> target, e.g. --pdf -) would go
    to standard output or error while that is a terminal: its bytes would fill the screen
    with noise. Redirected to a file or a pipe it is written as usual."""
    for option, target in outputs.items():
        descriptor = _descriptor_alias(target) if target else None
        if descriptor is not None and _is_terminal(descriptor):
            raise OutputError(f"{option} {target}", "would print binary data on the terminal",
                              "give a file name, or redirect the output to a file or "
                              "a pipe")


def _is_terminal(descriptor: int) -> bool:
    try:
        return os.isatty(descriptor)
    except OSError:
        return False


def _temporary_prefix(name: str) -> str:
    """The prefix of the temporary file written for a target called `name`: ".NAME.",
    NAME cut short where the whole temporary name would be longer than a file name may be
    (a target's name may take all of it)."""
    room = _NAME_MAX - _TEMPORARY_EXTRA
    while len(os.fsencode(name)) > room:
        name = name[:-1]
    return f".{name}."


def refuse_unwritable(target: str | os.PathLike[str]) -> None:
    """Raise `OutputError` for a target that cannot be written: a folder, a file in a folder
    that does not exist (or under a file) or takes no new file, a read-only file, or a
    name too long. For
    commands that work long before they write: they can say so at once."""
    if _descriptor_alias(target) is not None:
        return
    shown = printable(os.fspath(target))
    resolved = Path(os.path.realpath(target))
    try:
        os.stat(resolved)
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:
            raise OutputError(shown, "has a name too long for a file",
                              "choose a shorter name") from None
    if resolved.is_dir():
        raise OutputError(shown, "is a folder", "give a file name for the output")
    if os.fspath(target).endswith((os.sep, os.altsep or os.sep)):
        # The slash goes in resolving: "--json reports/" wrote a file named "reports".
        raise OutputError(shown, "ends in a slash, as a folder does, but no such folder is "
                          "there", "give the output a file name: without the slash, or "
                          "in a folder that exists")
    if not resolved.parent.is_dir():
        # A file where a folder of the path should be: no folder can be created there.
        lowest = next((p for p in resolved.parents if p.exists()), None)
        if lowest is not None and not lowest.is_dir():
            raise OutputError(shown, f"is under {printable(str(lowest))}, which is a file, "
                              "not a folder", "choose another place")
        raise OutputError(shown, "is in a folder that does not exist",
                          "create the folder first, or choose another place")
    if is_read_only(resolved):
        raise _read_only(target)
    if resolved.exists() and not resolved.is_file():
        return  # a device or a pipe: written directly
    try:
        # The export's temporary file goes beside the target: see that one can.
        tempfile.NamedTemporaryFile(dir=resolved.parent,
                                    prefix=_temporary_prefix(resolved.name),
                                    suffix=".part").close()
    except OSError as error:
        raise OutputError(shown, f"cannot be written in its folder ({os_problem(error)})",
                          "choose a folder you can write in") from None


def _read_only(target: str | os.PathLike[str]) -> OutputError:
    return OutputError(printable(os.fspath(target)), "is read-only",
                       "choose another name, or make the file writable first")


def _descriptor_alias(target: str | os.PathLike[str]) -> int | None:
    """The descriptor `target` names (/dev/stdout → 1, and "-", as on every command line),
    or None for an ordinary path."""
    if os.fspath(target) == "-":
        return 1
    match = _FD_ALIAS.match(os.path.abspath(target))
    if match is None:
        return None
    if match["std"]:
        return 1 if match["std"] == "out" else 2
    if match["pid"] and int(match["pid"]) != os.getpid():
        return None
    return int(match["dev_fd"] or match["proc_fd"])


def _clean_leftovers(folder: Path) -> None:
    """Remove temporary files of killed exports: ours by name, not locked by a writer, and
    untouched for `LEFTOVER_AGE_S`."""
    try:
        names = [name for name in os.listdir(folder) if _LEFTOVER.match(name)]
    except OSError:
        return
    for name in names:
        path = folder / name
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            facts = os.fstat(fd)
            if (not stat.S_ISREG(facts.st_mode)
                    or time.time() - facts.st_mtime < LEFTOVER_AGE_S):
                continue
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.unlink(path)
        except OSError:  # locked by a live export, or already gone
            continue
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_output(target: str | os.PathLike[str],
                  replace_read_only: bool = False) -> Iterator[BinaryIO]:
    """Yield a binary handle; on success the bytes appear at `target` in one rename.

    A link is followed (the file it names is replaced, the link kept) and the replaced
    file's permissions are kept. A read-only target raises `OutputError` unless
    `replace_read_only` (the user confirmed). Devices and pipes are written directly."""
    descriptor = _descriptor_alias(target)
    if descriptor is not None:
        import sys

        sys.stdout.flush()
        sys.stderr.flush()
        # Write through the descriptor itself: reopening /dev/stdout would truncate a file
        # the shell opened for appending.
        with open(os.dup(descriptor), "wb") as direct:
            yield direct
        return
    resolved = Path(os.path.realpath(target))
    try:
        mode: int | None = os.stat(resolved).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(resolved))
    if mode is not None and not stat.S_ISREG(mode):
        with open(resolved, "wb") as direct:
            yield direct
        return
    if (mode is not None and not mode & 0o222 and not replace_read_only
            and not _READ_ONLY_CONFIRMED.get()):
        raise _read_only(target)
    _clean_leftovers(resolved.parent)
    # Not a context manager: the file must outlive the `with` to be renamed into place.
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115
        "wb", dir=resolved.parent, prefix=_temporary_prefix(resolved.name), suffix=".part",
        delete=False)
    try:
        # Held until the rename: tells _clean_leftovers of other exports we are alive.
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        with handle:
            yield cast(BinaryIO, handle)
            handle.flush()
            os.fsync(handle.fileno())
            # Temporary files are created private (0600): give the export the old file's
            # permissions, or the usual ones for a new file.
            os.fchmod(handle.fileno(),
                      stat.S_IMODE(mode) if mode is not None else 0o666 & ~_umask())
            os.replace(handle.name, resolved)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(handle.name)
        raise


def write_atomically(target: str | os.PathLike[str], produce: Callable[[BinaryIO], object],
                     replace_read_only: bool = False) -> None:
    """Run `produce` on a temporary file and move the result to `target` if it succeeds."""
    with atomic_output(target, replace_read_only) as handle:
        produce(handle)


def write_report(target: str | os.PathLike[str], produce: Callable[[BinaryIO], object]) -> None:
    """`write_atomically` for an output the user named: `LoadError` naming `target` when it
    cannot be written. A reader of standard output that stopped early (`tandem ... | head`)
    is no error of the output: its `BrokenPipeError` goes to the caller (`viewer.cli`), which
    ends quietly."""
    try:
        write_atomically(target, produce)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise LoadError(str(target), f"cannot be written: {os_problem(exc)}") from None
