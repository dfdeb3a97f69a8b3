"""DOCX: the main document part is streamed, so text past the size limit is refused with
bounded memory, and archive features zipfile cannot read end in the loader's own error."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import samples

from viewer.core.errors import LoadError, TooLarge
from viewer.core.loaders.docx import extract_docx
from viewer.core.loading import load_document

ROOT = Path(__file__).resolve().parents[2]
_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w='
         '"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')


def docx_with_text(megabytes: float) -> bytes:
    """A DOCX of ordinary paragraphs holding about `megabytes` MB of text."""
    paragraph = "<w:p><w:r><w:t>" + samples.PARAGRAPHS[0] * 4 + "</w:t></w:r></w:p>"
    count = int(megabytes * 1048576 / (len(samples.PARAGRAPHS[0]) * 4))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml",
                         _HEAD + paragraph * count + "</w:body></w:document>")
    return out.getvalue()


def test_text_past_the_limit_is_refused() -> None:
    with pytest.raises(TooLarge, match="more than 1 MB of text"):
        extract_docx(docx_with_text(2), "big.docx", max_chars=1048576)
    text, _ = extract_docx(docx_with_text(0.5), "fits.docx", max_chars=1048576)
    assert text.startswith(samples.PARAGRAPHS[0]) and len(text) > 500_000


def test_memory_stays_bounded_by_the_limit_not_the_document(tmp_path: Path) -> None:
    # 24 MB of text against a 2 MB limit: holding the whole XML tree (as python-docx does)
    # costs hundreds of MB; streaming stops after the limit.
    path = tmp_path / "big.docx"
    path.write_bytes(docx_with_text(24))
    script = (
        "import json, resource, sys\n"
        "from viewer.core.errors import LoadError\n"
        "from viewer.core.loaders.docx import extract_docx\n"
        "data = open(sys.argv[1], 'rb').read()\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "try:\n"
        "    extract_docx(data, 'big.docx', max_chars=2 * 1048576)\n"
        "    outcome = 'loaded'\n"
        "except LoadError as exc:\n"
        "    outcome = exc.problem\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(json.dumps([outcome, (after - before) / 1024]))\n")
    done = subprocess.run([sys.executable, "-c", script, str(path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    outcome, grown_mb = json.loads(done.stdout)
    assert "more than 2 MB of text" in outcome
    assert grown_mb < 60, grown_mb


def test_an_unsupported_zip_version_is_the_loaders_error() -> None:
    data = bytearray(samples.docx_with_table())
    pos = 0
    while (pos := data.find(b"PK\x01\x02", pos)) != -1:  # central directory entries
        data[pos + 6:pos + 8] = (93).to_bytes(2, "little")  # "needs zip version 9.3"
        pos += 4
    with pytest.raises(LoadError, match="DOCX"):
        extract_docx(bytes(data), "new.docx")


def test_paragraphs_in_tables_and_text_boxes_keep_their_order() -> None:
    body = ("<w:p><w:r><w:t>Before</w:t></w:r></w:p>"
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a1</w:t></w:r></w:p></w:tc>"
            "<w:tc><w:p><w:r><w:t>b1</w:t></w:r></w:p>"
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>inner</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
            "</w:tc></w:tr></w:tbl>"
            "<w:sdt><w:sdtContent><w:p><w:r><w:t>Boxed</w:t><w:tab/><w:t>text</w:t>"
            "<w:delText>gone</w:delText></w:r></w:p></w:sdtContent></w:sdt>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", _HEAD + body + "</w:body></w:document>")
    text, _ = extract_docx(out.getvalue(), "t.docx")
    assert text == "Before\n\na1\tb1\n\ninner\n\nBoxed\ttext"


def test_a_text_box_is_read_once_not_again_from_its_fallback() -> None:
    # Word writes a text box twice: as a DrawingML shape (mc:Choice) and again as VML
    # for older readers (mc:Fallback). Both hold the same w:txbxContent, which was read
    # twice: a pull quote stood twice in the text, its slogans counted double.
    ns = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
          'xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"')
    box = ("<w:txbxContent><w:p><w:r><w:t>Build a network power.</w:t></w:r></w:p>"
           "</w:txbxContent>")
    body = ("<w:p><w:r><w:t>Before the box. </w:t></w:r><w:r><mc:AlternateContent>"
            f'<mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>{box}</wps:txbx>'
            "</wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
            f"{box}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
            "<w:r><w:t> After the box.</w:t></w:r></w:p>"
            "<w:p><w:r><w:t>Next paragraph.</w:t></w:r></w:p>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml",
                         f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body>'
                         f"{body}</w:body></w:document>")
    text, _ = extract_docx(out.getvalue(), "box.docx")
    assert text == "Before the box. After the box.\n\nBuild a network power.\n\nNext paragraph."


def test_a_text_box_is_a_paragraph_after_the_one_it_is_anchored_in() -> None:
    # Word anchors a box at the head of a paragraph: its text ran into the paragraph's
    # first word ("Build a network powerThe harbour board..."), and a sentence the box
    # is anchored inside was cut in two.
    box = ("<w:txbxContent><w:p><w:r><w:t>Build a network power</w:t></w:r></w:p>"
           "<w:p><w:r><w:t>Second line of the box</w:t></w:r></w:p></w:txbxContent>")
    body = (f"<w:p><w:r><w:pict><w:txbx>{box}</w:txbx></w:pict></w:r>"
            "<w:r><w:t>The harbour board met </w:t></w:r>"
            f"<w:r><w:pict><w:txbx>{box}</w:txbx></w:pict></w:r>"
            "<w:r><w:t>on Tuesday.</w:t></w:r></w:p>"
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell</w:t></w:r>"
            f"<w:r><w:pict><w:txbx>{box}</w:txbx></w:pict></w:r></w:p></w:tc></w:tr></w:tbl>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", _HEAD + body + "</w:body></w:document>")
    text, _ = extract_docx(out.getvalue(), "box.docx")
    boxed = "Build a network power\n\nSecond line of the box"
    assert text == (f"The harbour board met on Tuesday.\n\n{boxed}\n\n{boxed}\n\n"
                    "Cell Build a network power Second line of the box")


def _write_docx(folder: Path, body: str) -> Path:
    path = folder / "article.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", _HEAD + body + "</w:body></w:document>")
    return path


def test_a_non_breaking_hyphen_and_a_positional_tab_are_read(tmp_path: Path) -> None:
    # Word writes Ctrl+Shift+- as w:noBreakHyphen, not as a character in w:t: it was
    # dropped, "e‑commerce" read as "ecommerce". A soft hyphen (a place to break) is no
    # character of the word; a positional tab separates as a tab does.
    body = ("<w:p><w:r><w:t>Cross</w:t><w:noBreakHyphen/><w:t>border e</w:t>"
            "<w:noBreakHyphen/><w:t>commerce grew in Guang</w:t><w:softHyphen/>"
            "<w:t>dong.</w:t><w:ptab w:relativeTo=\"margin\" w:alignment=\"right\" "
            "w:leader=\"none\"/><w:t>Page</w:t></w:r></w:p>")
    doc = load_document(_write_docx(tmp_path, body))
    assert doc.text == "Cross\u2011border e\u2011commerce grew in Guangdong.\tPage"


def test_a_tracked_move_is_read_at_its_new_place_only(tmp_path: Path) -> None:
    # Word keeps a moved sentence, change tracking on, at its old place in w:moveFrom as
    # ordinary runs (w:t, not w:delText) and at its new one in w:moveTo: it was read
    # twice, a passage shared with itself and its slogans counted double.
    moved = "<w:r><w:t>The port will be dredged next spring.</w:t></w:r>"
    body = ('<w:p><w:moveFromRangeStart w:id="1" w:author="Ed" w:name="move1"/>'
            f'<w:moveFrom w:id="2" w:author="Ed">{moved}</w:moveFrom>'
            '<w:moveFromRangeEnd w:id="1"/><w:r><w:t>The board met on Tuesday.</w:t></w:r>'
            '<w:del w:id="3" w:author="Ed"><w:r><w:t>Struck out.</w:t></w:r></w:del></w:p>'
            '<w:p><w:r><w:t xml:space="preserve">It voted. </w:t></w:r>'
            '<w:moveToRangeStart w:id="4" w:author="Ed" w:name="move1"/>'
            f'<w:moveTo w:id="5" w:author="Ed">{moved}</w:moveTo>'
            '<w:moveToRangeEnd w:id="4"/></w:p>')
    doc = load_document(_write_docx(tmp_path, body))
    assert doc.text == ("The board met on Tuesday.\n\n"
                        "It voted. The port will be dredged next spring.")


def test_a_symbol_inserted_from_the_symbol_font_is_read_as_its_character(
        tmp_path: Path) -> None:
    # Insert > Symbol writes w:sym, not text: a bullet, a minus sign or a Greek letter from
    # the Symbol font was dropped ("5 3" for "5 − 3"). A pictorial font's glyph (a
    # Wingdings tick) has no character and is left out; a symbol given by its Unicode
    # code in a text font is that character.
    def sym(font: str, char: str) -> str:
        return f'<w:r><w:sym w:font="{font}" w:char="{char}"/></w:r>'

    body = ("<w:p>" + sym("Symbol", "F0B7") + "<w:r><w:t xml:space=\"preserve\"> Rates fell "
            "by 5 </w:t></w:r>" + sym("Symbol", "F02D") + "<w:r><w:t xml:space=\"preserve\">"
            " 3 points, a </w:t></w:r>" + sym("Symbol", "F044") + "<w:r><w:t xml:space="
            "\"preserve\"> of </w:t></w:r>" + sym("Symbol", "F061") + "<w:r><w:t>.</w:t></w:r>"
            + sym("Wingdings", "F0FC") + "</w:p><w:p><w:r><w:t>Done</w:t></w:r>"
            + sym("Times New Roman", "2014") + "<w:r><w:t>at last.</w:t></w:r></w:p>")
    doc = load_document(_write_docx(tmp_path, body))
    assert doc.text == ("\u2022 Rates fell by 5 \u2212 3 points, a \u0394 of \u03b1.\n\n"
                        "Done\u2014at last.")
