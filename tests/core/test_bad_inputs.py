"""Every bad input to `tandem compare` ends with exit code 2 and one line naming the file and
the problem — never a traceback. Each case is a real file made in tmp_path."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import samples

ROOT = Path(__file__).resolve().parents[2]


def _file(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(tmp_path: Path) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path
    return make


def _folder(tmp_path: Path) -> Path:
    path = tmp_path / "articles.d"
    path.mkdir()
    return path


def _unreadable(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("words that nobody may read")
    path.chmod(0)
    return path


def _too_large(tmp_path: Path) -> Path:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:  # sparse: 51 MB on paper, nothing on disk
        handle.truncate(51 * 1024 * 1024)
    return path


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)  # nobody writes to it: reading would block forever
    return path


def _socket(tmp_path: Path) -> Path:
    import socket

    path = tmp_path / "s.txt"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))  # the file stays after the socket is closed
    server.close()
    return path


def _truncated(data: bytes, keep: int) -> bytes:
    return data[:keep]


CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "missing": (lambda tmp: tmp / "absent.txt", "no such file"),
    "folder": (_folder, "is a folder"),
    # The system's words, in the lower case the other problems are told in.
    "under a file": (lambda tmp: _file("a.txt", b"words")(tmp) / "b.txt",
                     "cannot be read: not a directory"),
    "no permission": (_unreadable, "permission denied"),
    "named pipe": (_fifo, "is a named pipe (FIFO), not a file"),
    "socket": (_socket, "not a file; only regular files are read"),
    "device": (lambda tmp: Path("/dev/zero"), "is a device, not a file"),
    "terminal device": (lambda tmp: Path("/dev/tty"), "/dev/tty"),
    "empty": (_file("empty.txt", b""), "is empty"),
    "blank": (_file("blank.txt", b" \n\t\n"), "is empty"),
    "binary": (_file("blob.txt", bytes(range(256)) * 8), "is binary"),
    "image": (_file("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(64)), "PNG image"),
    "too large": (_too_large, "is too large"),
    "lying BOM": (_file("bom.txt", b"\xef\xbb\xbfsome text \xff\xfe more"), "invalid bytes"),
    # Bytes that are no text in the declared encoding nor in any other (a page written
    # in another encoding than declared is read as that, with a note).
    "bad declared charset": (
        _file("page.html", b'<html><head><meta charset="utf-8"></head><body><p>'
                           + bytes(range(128, 256)) + b"</p></body></html>"),
        "invalid bytes for its declared encoding UTF-8"),
    "corrupt PDF": (_file("broken.pdf", _truncated(samples.two_page_pdf(), 400)),
                    "damaged PDF"),
    "not a PDF": (_file("fake.pdf", b"just some words, not a PDF"), "not a PDF"),
    "encrypted PDF": (_file("locked.pdf", samples.encrypted_pdf()), "encrypted PDF"),
    "image-only PDF": (_file("scan.pdf", samples.image_only_pdf()), "no text layer"),
    "corrupt DOCX": (_file("broken.docx", _truncated(samples.docx_with_table(), 3000)),
                     "damaged DOCX"),
    "zip not DOCX": (_file("archive.docx", samples.docx_with_table().replace(
        b"word/document.xml", b"word/documenX.xml")), "not a Word document"),
    "DOCX bomb (ratio)": (_file("bomb.docx", samples.docx_bomb_by_ratio()), "zip bomb"),
    "DOCX bomb (declared size)": (_file("bomb4g.docx", samples.docx_bomb_by_declared_size()),
                                  "zip bomb"),
}


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "viewer", "compare", *args, "--json", "-"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_gives_exit_2_and_one_clear_line(tmp_path: Path, case: str) -> None:
    make, problem = CASES[case]
    if case == "no permission" and os.geteuid() == 0:
        pytest.skip("root reads files whatever their permissions")
    bad = make(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text("A perfectly ordinary article with words in it.")
    for args in ((str(bad), str(good)), (str(good), str(bad))):
        result = run_cli(*args)
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert str(bad) in lines[0] and problem in lines[0], lines[0]


def test_limit_can_be_raised_with_max_size(tmp_path: Path) -> None:
    text = ("An article long enough to pass a tiny limit once raised. " * 40).encode()
    a = tmp_path / "a.txt"
    a.write_bytes(text)
    refused = run_cli(str(a), str(a), "--max-size", "0.001")
    assert refused.returncode == 2 and "is too large (0.002 MB; the limit is 0.001 MB)" in \
        refused.stderr
    assert "--max-size" in refused.stderr
    accepted = run_cli(str(a), str(a), "--max-size", "1")
    assert accepted.returncode == 0, accepted.stderr


def test_trim_flag_puts_notes_in_json(tmp_path: Path) -> None:
    import json

    prose = "\n\n".join(f"Sentence group {n} is ordinary prose about rivers and towns and "
                        f"floods that ends properly." for n in range(6))
    tail = "\n\n".join(f"Other story | Section {n}" for n in range(4))
    a = tmp_path / "a.txt"
    a.write_text(prose + "\n\n" + tail + "\n")
    result = run_cli(str(a), str(a), "--trim")
    assert result.returncode == 0, result.stderr
    documents = json.loads(result.stdout)["documents"]
    assert all(any("link-like" in n for n in d["notes"]) for d in documents)
    plain = json.loads(run_cli(str(a), str(a)).stdout)["documents"]
    assert plain[0]["notes"] == []


def test_a_named_pipe_as_watchlist_is_refused(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("A perfectly ordinary article with words in it.")
    fifo = _fifo(tmp_path)
    result = run_cli(str(good), str(good), "--watchlist", str(fifo))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"tandem: --watchlist {fifo}: is a named pipe (FIFO), not a file; only regular files "
        "are read (save the text to a file and open that)"]


def test_limit_message_shows_a_fractional_limit(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_bytes(b"words " * 400)
    refused = run_cli(str(a), str(a), "--max-size", "0.001")
    assert "the limit is 0.001 MB" in refused.stderr
