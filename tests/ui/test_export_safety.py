"""The window's export refuses to write onto an open article, as the command line does."""

from __future__ import annotations

import os
from pathlib import Path

from tests.ui.test_window import opened


def test_export_onto_an_open_article_is_refused(make_window, qtbot, tmp_path: Path) -> None:
    window = opened(make_window, qtbot, tmp_path)
    a = Path(window.documents[0].path)
    before = a.read_bytes()
    link = tmp_path / "report.html"
    link.symlink_to(a)
    for target in (str(a), str(link), os.path.relpath(a)):
        assert not window.export_to("html", target)
        assert a.read_bytes() == before
        assert window.last_message is not None
        assert "would be overwritten" in window.last_message.text()
        window.last_message.close()
