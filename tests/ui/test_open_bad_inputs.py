"""The window opens only regular files: a named pipe or a device as an article gets the
loader's message instead of a worker blocked for good."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.ui.articles import write_pair


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_pipe_or_device_is_refused_with_a_message(make_window, qtbot, tmp_path: Path,
                                                    kind: str) -> None:
    a, _ = write_pair(tmp_path)
    if kind == "fifo":
        bad = tmp_path / "pipe.txt"
        os.mkfifo(bad)
    else:
        bad = Path("/dev/zero")
    window = make_window()
    window.open_paths([str(a), str(bad)])
    qtbot.waitUntil(lambda: window.last_message is not None, timeout=30000)
    text = window.last_message.text()
    assert str(bad) in text and "only regular files are read" in text
    window.last_message.close()


def test_a_file_that_fails_to_open_leaves_the_comparison_and_its_figures(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import wait_rendered

    a, b = write_pair(tmp_path)
    window = make_window()
    window.open_paths([str(a), str(b)])
    wait_rendered(qtbot, window)
    figures = window.figures.text()
    assert figures.startswith("Shared text:")
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x00\x01\x02\x03" * 200)
    window.open_paths([str(bad)], side=1)
    qtbot.waitUntil(lambda: window.last_message is not None, timeout=30000)
    assert str(bad) in window.last_message.text()
    assert window.rendered is not None and window.figures.text() == figures
    window.last_message.close()


def test_pasting_an_empty_clipboard_says_to_copy_text_first(
        make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QGuiApplication

    window = make_window()
    QGuiApplication.clipboard().setText("  \n")
    window.action_paste(0)
    assert window.last_message is not None
    assert window.last_message.text() == (
        "The clipboard: is empty (copy an article's text first)")
    assert window.documents[0] is None
    window.last_message.close()


def test_a_file_too_large_says_what_a_window_user_can_do(make_window, qtbot,
                                                         tmp_path: Path) -> None:
    # It said "raise the limit with --max-size MB": the window takes no such option, and
    # `tandem --max-size 100 A B` stops at "unrecognized arguments".
    a, _ = write_pair(tmp_path)
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:  # sparse: 51 MB on no disk
        handle.truncate(51 * 1024 * 1024)
    window = make_window()
    window.open_paths([str(a), str(big)])
    qtbot.waitUntil(lambda: window.last_message is not None, timeout=30000)
    text = window.last_message.text()
    assert str(big) in text and "too large" in text
    assert "tandem compare" in text and "--max-size" in text
    window.last_message.close()
