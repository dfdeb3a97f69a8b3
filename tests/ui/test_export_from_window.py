"""File > Export writes the report of what the window shows, and Cancel writes nothing."""

from __future__ import annotations

import json

from pypdf import PdfReader

from tests.ui.articles import PASSAGE
from tests.ui.test_window import opened


def test_export_as_pdf_and_html_from_the_window(make_window, qtbot, tmp_path) -> None:
    window = opened(make_window, qtbot, tmp_path)
    pdf, html = tmp_path / "out" / "report.pdf", tmp_path / "out" / "report.html"
    pdf.parent.mkdir()
    assert window.export_to("pdf", str(pdf))
    assert window.export_to("html", str(html))
    text = " ".join(" ".join((page.extract_text() or "").split())
                    for page in PdfReader(pdf).pages)
    assert " ".join(PASSAGE.split()[:6]) in text
    names = [d.name for d in window.documents]
    assert all(name in text for name in names)
    page = html.read_text(encoding="utf-8")
    assert all(name in page for name in names)
    assert "Exported" in window.statusBar().currentMessage()


def test_export_as_json_from_the_window_is_what_the_command_line_writes(
        make_window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from viewer.cli import run_compare

    window = opened(make_window, qtbot, tmp_path)
    exported = tmp_path / "out" / "pair.json"
    exported.parent.mkdir()
    assert window.json_act.isEnabled()
    assert window.export_to("json", str(exported))
    assert window.statusBar().currentMessage() == f"Exported {exported}"
    written = tmp_path / "cli.json"
    a, b = (d.path for d in window.documents)
    assert run_compare([a, b, "--json", str(written)]) == 0
    ours, theirs = (json.loads(p.read_text(encoding="utf-8")) for p in (exported, written))
    for data in (ours, theirs):
        del data["stats"]["seconds"]
    assert ours["shared_phrases"] and ours == theirs


def test_cancelled_export_leaves_no_file(make_window, qtbot, tmp_path) -> None:
    window = opened(make_window, qtbot, tmp_path)
    target = tmp_path / "cancelled.pdf"

    def cancel_when_shown() -> None:
        from PySide6.QtWidgets import QApplication, QProgressDialog

        for widget in QApplication.topLevelWidgets() + window.findChildren(QProgressDialog):
            if isinstance(widget, QProgressDialog):
                widget.cancel()

    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.timeout.connect(cancel_when_shown)
    timer.start(0)
    try:
        assert not window.export_to("pdf", str(target))
    finally:
        timer.stop()
    assert not target.exists()
    assert list(tmp_path.glob(".cancelled.pdf.*")) == []


def test_characters_the_pdf_draws_as_boxes_are_told_after_the_export(
        make_window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # "Exported report.pdf" alone: that part of the text shows as empty boxes was said on
    # the PDF's title page only.
    from tests.ui.articles import write_pair
    from tests.ui.conftest import wait_rendered

    a, b = write_pair(tmp_path)
    devanagari = "\u0928\u092e\u0938\u094d\u0924\u0947"
    a.write_text(a.read_text(encoding="utf-8") + f"\n\nGreetings: {devanagari}.\n",
                 encoding="utf-8")
    window = make_window()
    window.open_paths([str(a), str(b)])
    wait_rendered(qtbot, window)
    pdf = tmp_path / "boxes.pdf"
    assert window.export_to("pdf", str(pdf))
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Exported {pdf}; ")
    told = message.removeprefix(f"Exported {pdf}; ")
    assert "show as empty boxes" in told
    assert told in " ".join(PdfReader(pdf).pages[0].extract_text().split())
