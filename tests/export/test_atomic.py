"""Exports replace a file in one step, follow links, and never replace a device or pipe."""

import os
import stat
import threading
import time

import pytest

from viewer.export.atomic import LEFTOVER_AGE_S, write_atomically


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


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o755])
def test_replacing_a_file_keeps_its_permissions(tmp_path, mode):
    target = tmp_path / "report.json"
    target.write_text("old")
    target.chmod(mode)
    write_atomically(target, lambda handle: handle.write(b"new"))
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_a_read_only_file_is_refused_unless_confirmed(tmp_path):
    from viewer.core.errors import OutputError

    target = tmp_path / "kept.json"
    target.write_text("keep me")
    target.chmod(0o444)
    with pytest.raises(OutputError, match="read-only"):
        write_atomically(target, lambda handle: handle.write(b"new"))
    assert target.read_text() == "keep me"
    write_atomically(target, lambda handle: handle.write(b"new"), replace_read_only=True)
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


def test_leftovers_of_a_killed_export_are_cleaned_on_the_next_one(tmp_path):
    import subprocess
    import sys

    # A real export killed while writing: it holds its temporary file open, then dies.
    script = ("import sys, time\n"
              "from viewer.export.atomic import write_atomically\n"
              "def slow(handle):\n"
              "    handle.write(b'partial'); handle.flush(); print('writing', flush=True)\n"
              "    time.sleep(60)\n"
              f"write_atomically({str(tmp_path / 'report.pdf')!r}, slow)\n")
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                             text=True)
    assert child.stdout is not None and child.stdout.readline() == "writing\n"
    leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    assert len(leftovers) == 1
    # A concurrent export must not remove a temporary file still being written.
    write_atomically(tmp_path / "other.pdf", lambda handle: handle.write(b"x"))
    assert leftovers[0].exists()
    child.kill()
    child.wait()
    # Fresh, it might be another export's file not yet locked: it waits a while.
    write_atomically(tmp_path / "other.pdf", lambda handle: handle.write(b"y"))
    assert leftovers[0].exists()
    long_ago = time.time() - 2 * LEFTOVER_AGE_S
    os.utime(leftovers[0], (long_ago, long_ago))
    unrelated = tmp_path / "notes.part"  # the user's own file: not our pattern
    unrelated.write_text("mine")
    write_atomically(tmp_path / "report.pdf", lambda handle: handle.write(b"done"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.part", "other.pdf",
                                                          "report.pdf"]


def test_concurrent_exports_to_one_folder_all_land(tmp_path):
    # Each export creates its temporary file a moment before it locks it: another
    # export cleaning leftovers in that moment must leave it alone.
    failures: list[BaseException] = []

    def export_many(name: str) -> None:
        for count in range(60):
            try:
                write_atomically(tmp_path / name, lambda handle, n=count: handle.write(b"%d" % n))
            except OSError as error:
                failures.append(error)

    writers = [threading.Thread(target=export_many, args=(f"report{k}.json",))
               for k in range(6)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert failures == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"report{k}.json" for k in range(6)]
    assert all((tmp_path / f"report{k}.json").read_text() == "59" for k in range(6))


def test_a_pipe_named_through_proc_fd_is_written_into(tmp_path):
    read_end, write_end = os.pipe()
    try:
        write_atomically(f"/proc/self/fd/{write_end}", lambda handle: handle.write(b"piped"))
        os.close(write_end)
        write_end = -1
        assert os.read(read_end, 100) == b"piped"
    finally:
        os.close(read_end)
        if write_end >= 0:
            os.close(write_end)


def test_dev_stdout_appended_to_a_log_keeps_the_log(tmp_path):
    import subprocess
    import sys

    log = tmp_path / "log.txt"
    log.write_text("earlier entry\n")
    script = ("from viewer.export.atomic import write_atomically\n"
              "write_atomically('/dev/stdout', lambda handle: handle.write(b'new entry\\n'))\n")
    with open(log, "ab") as out:
        done = subprocess.run([sys.executable, "-c", script], stdout=out, timeout=60)
    assert done.returncode == 0
    assert log.read_text() == "earlier entry\nnew entry\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.txt"]
