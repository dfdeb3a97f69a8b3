"""Write output files atomically: a temporary file beside the target, then one rename.

A failed or cancelled export leaves no partial file and never replaces a good one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, cast


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_output(target: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Yield a binary handle; on success the bytes appear at `target` in one rename.

    A link is followed (the file it names is replaced, the link kept). A target that is not
    a regular file, such as /dev/null or a pipe, is written directly: a rename would put a
    plain file in place of the device."""
    target = Path(os.path.realpath(target))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = stat.S_IFREG
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(target))
    if not stat.S_ISREG(mode):
        with open(target, "wb") as direct:
            yield direct
        return
    # Not a context manager: the file must outlive the `with` to be renamed into place.
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115
        "wb", dir=target.parent, prefix=f".{target.name}.", suffix=".part", delete=False)
    try:
        with handle:
            yield cast(BinaryIO, handle)
            handle.flush()
            os.fsync(handle.fileno())
        # Temporary files are created private (0600); the export gets the usual permissions.
        os.chmod(handle.name, 0o666 & ~_umask())
        os.replace(handle.name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(handle.name)
        raise


def write_atomically(target: str | os.PathLike[str],
                     produce: Callable[[BinaryIO], object]) -> None:
    """Run `produce` on a temporary file and move the result to `target` if it succeeds."""
    with atomic_output(target) as handle:
        produce(handle)
