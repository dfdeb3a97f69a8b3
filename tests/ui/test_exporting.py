"""Export from the window: the save dialog starts in the articles' folder."""

from __future__ import annotations

from pathlib import Path

from viewer.core.document import Document
from viewer.ui.exporting import default_export_path


def test_default_path_is_beside_article_a(tmp_path: Path) -> None:
    a = Document("text", "harbour_a.txt", path=str(tmp_path / "news" / "harbour_a.txt"))
    b = Document("text", "harbour_b.txt", path=str(tmp_path / "other" / "harbour_b.txt"))
    assert default_export_path([a, b], "pdf") == str(
        (tmp_path / "news").resolve() / "harbour_a-vs-harbour_b.pdf")


def test_pasted_texts_fall_back_to_the_folder_of_the_other(tmp_path: Path) -> None:
    pasted = Document("text", "Pasted text")
    b = Document("text", "b.md", path=str(tmp_path / "b.md"))
    assert Path(default_export_path([pasted, b], "html")).parent == tmp_path.resolve()
    assert default_export_path([pasted, pasted], "html") == str(
        Path.home() / "Pasted text-vs-Pasted text.html")  # never the working directory


def test_a_name_typed_without_an_extension_gets_the_reports(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QWidget

    from viewer.ui.exporting import ask_export_path

    parent = QWidget()
    qtbot.addWidget(parent)

    def type_name(name: str) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, lambda: type_name(name))
            return
        dialog.findChild(QLineEdit, "fileNameEdit").setText(name)  # as typed
        dialog.accept()

    for kind, typed, expected in (("pdf", "report", "report.pdf"),
                                  ("html", "notes.v2.html", "notes.v2.html")):
        QTimer.singleShot(20, lambda typed=typed: type_name(typed))
        assert ask_export_path(parent, "Export", str(tmp_path / f"x.{kind}"), kind) \
            == str(tmp_path / expected)


def test_a_pair_read_from_a_collection_gets_a_name_that_can_be_written(
        tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # A collection's articles come from no file: their names are 'Title (id)', where a dot
    # is no extension and a slash no folder, and a title runs to 200 characters.
    monkeypatch.setenv("HOME", str(tmp_path))
    title = ("The report of the 20th National Congress pointed out that it is necessary to "
             "accelerate the construction of a network power and a digital China. ") * 2
    a = Document("text", "U.S. and China: Web 2.0 (news/2022/a.1)")
    b = Document("text", f"{title[:200]}… (d00002)")
    headline = "关于进一步加强网络强国建设推动数字中国高质量发展的若干意见"
    c = Document("text", f"{headline * 3} (zh/长标题)")
    for pair in ((b, c), (a, b), (c, a)):
        path = Path(default_export_path(list(pair), "pdf"))
        assert path.parent == tmp_path
        path.write_bytes(b"%PDF")  # the name is one a file system takes
        first, second = path.stem.split("-vs-")
        for document, part in zip(pair, (first, second), strict=True):
            assert document.name.replace("/", "_").startswith(part)


def test_the_windows_report_writers_are_called_as_they_are_typed(tmp_path: Path) -> None:
    # The PDF or HTML writer was imported under one name in two branches: mypy read two
    # functions of different types there, and checked none of the window's calls to them.
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--follow-imports=silent", "--cache-dir",
         str(tmp_path / "mypy"), "viewer/ui/exporting.py", "viewer/ui/collection/mode.py"],
        cwd=root, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout
