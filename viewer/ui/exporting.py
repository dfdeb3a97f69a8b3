"""Export the comparison shown as a PDF or HTML report, with a progress dialog and Cancel,
or as the JSON of `tandem compare --json`.

The save dialog starts in the articles' folder (`default_export_path`), not the working
directory of whoever started the program.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog, QWidget

from viewer.core.document import Document
from viewer.core.errors import Cancelled, TandemError, os_problem
from viewer.core.model import Comparison
from viewer.present.collection_figures import CollectionFigures

SUFFIX = {"pdf": ".pdf", "html": ".html", "json": ".json"}
#: Bytes of each article's part of a report's default name: both, "-vs-" and the suffix
#: stay within the 255 bytes a file system allows a file name.
STEM_BYTES = 120


def report_stem(document: Document) -> str:
    """The article's part of a report's default name: its file's name without the extension;
    for a text from no file (pasted, or a collection's 'Title (id)', where a dot or a slash
    is no extension or folder), its name with no path separator; at most STEM_BYTES."""
    if document.path:
        stem = Path(document.path).stem
    else:
        stem = document.name.replace("/", "_").replace("\\", "_")
    return stem.encode()[:STEM_BYTES].decode(errors="ignore").rstrip()


def default_export_path(documents: Sequence[Document | None], kind: str) -> str:
    """'A-vs-B.pdf' in the folder of article A (or B); in the home folder for texts that
    come from no file (pasted, or read from a collection's store)."""
    a, b = documents
    suffix = SUFFIX[kind]
    name = f"{report_stem(a)}-vs-{report_stem(b)}{suffix}" if a and b else suffix
    for document in documents:
        if document is not None and document.path:
            return str(Path(document.path).resolve().parent / name)
    return str(Path.home() / name)


def ask_export_path(parent: QWidget, title: str, default: str, kind: str) -> str:
    """The path the user picks to export to ('' for Cancel): a name typed without an
    extension gets the report's (`report` -> `report.pdf`), before the dialog asks about
    replacing an existing file, so the file opens with the right program."""
    dialog = QFileDialog(parent, title, default, f"{kind.upper()} (*{SUFFIX[kind]})")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix(SUFFIX[kind].lstrip("."))
    chosen = dialog.selectedFiles()[0] if dialog.exec() else ""
    dialog.deleteLater()
    return chosen


class ReportWriter(Protocol):
    """How `export_report` calls a report writer (`write_pdf`, `write_html`)."""

    def __call__(self, comparison: Comparison, path: str, *,
                 progress: Callable[[float], None] | None = None,
                 is_cancelled: Callable[[], bool] | None = None,
                 figures: CollectionFigures | None = None) -> str | None: ...


def report_writer(kind: str) -> ReportWriter:
    """The writer of a report of `kind` ("pdf" or "html"), imported when first asked for."""
    if kind == "pdf":
        from viewer.export.pdf_report import write_pdf

        return write_pdf
    from viewer.export.html_report import write_html

    return write_html


def export_report(parent: QWidget, comparison: Comparison, kind: str, path: str,
                  figures: CollectionFigures | None = None) -> tuple[str, str]:
    """Write the report; ('', note) when written, the note what to tell the user of it
    ('' for nothing: see `write_pdf`), else (what to tell the user, '') ('cancelled' for
    Cancel).

    The writer runs on the GUI thread, letting events through between its steps so the
    window paints and Cancel stays live. `figures`: the collection's word on the slogans
    and passages, when one is behind the comparison."""
    writer = report_writer(kind)
    dialog = QProgressDialog(f"Exporting {Path(path).name}…", "Cancel", 0, 100, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)

    def on_progress(fraction: float) -> None:
        dialog.setValue(int(fraction * 100))
        QApplication.processEvents()

    try:
        note = writer(comparison, path, progress=on_progress, is_cancelled=dialog.wasCanceled,
                      figures=figures)
    except Cancelled:
        return "cancelled", ""
    except TandemError as exc:
        return str(exc), ""  # it names the file already
    except OSError as exc:
        return f"{path}: {os_problem(exc)}", ""
    finally:
        dialog.reset()
        dialog.deleteLater()
    return "", note or ""


def export_json(comparison: Comparison, path: str, context: Mapping[str, Any] | None) -> str:
    """Write the comparison's JSON, with the collection's figures (`context`) when one is
    behind it, as `tandem compare --json` does; '' when written, else what to tell the
    user."""
    from viewer.export.json_report import write_json

    try:
        write_json(comparison, path, context)
    except TandemError as exc:
        return str(exc)  # it names the file already
    return ""
