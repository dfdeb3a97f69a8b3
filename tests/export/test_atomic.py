"""Exports replace a file in one step, follow links, and never replace a device or pipe."""

import os
import stat
import threading

import pytest

from viewer.export.atomic import write_atomically


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("good")

    def broken(handle):
        handle.write(b"half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomically(target, broken)
    assert target.read_text() == "good"
    assert os.listdir(tmp_path) == ["report.json"]


def test_link_is_kept_and_the_file_it_names_is_replaced(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_atomically(link, lambda handle: handle.write(b"new"))
    assert link.is_symlink() and real.read_text() == "new"


def test_a_pipe_is_written_into_not_replaced(tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    write_atomically(pipe, lambda handle: handle.write(b"streamed"))
    reader.join(10)
    assert received == [b"streamed"]
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(IsADirectoryError):
        write_atomically(tmp_path, lambda handle: handle.write(b"x"))
