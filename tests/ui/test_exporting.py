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
    assert default_export_path([pasted, pasted], "html") == "Pasted text-vs-Pasted text.html"
