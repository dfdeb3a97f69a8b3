"""The PDF report read back: text layer, CJK round trip, highlight pixels, pages, safety."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from report_fixtures import CHINESE_PASSAGE, PASSAGE, SLOGAN, forms_written, passage_index

from viewer.core.compare import compare
from viewer.core.document import Document
from viewer.core.errors import Cancelled, LoadError
from viewer.export.pdf_report import TEXT_SIZE, report_font, write_pdf
from viewer.present.palette import LIGHT, hex_to_rgb

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None
                                   or shutil.which("pdftoppm") is None,
                                   reason="poppler-utils (pdftotext, pdftoppm) not installed")


def flat(text: str) -> str:
    return " ".join(text.split())


def pdftotext(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", *pages, str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def pixels(path: Path, page: int) -> tuple[int, int, bytes]:
    """Page `page` rendered at 50 dpi: width, height and RGB bytes (binary PPM from pdftoppm)."""
    data = subprocess.run(["pdftoppm", "-r", "50", "-f", str(page), "-l", str(page), str(path)],
                          check=True, capture_output=True).stdout
    assert data.startswith(b"P6")
    fields = data.split(maxsplit=4)  # P6, width, height, maxval, pixels
    width, height = int(fields[1]), int(fields[2])
    raster = fields[4]
    assert len(raster) == width * height * 3
    return width, height, raster


def count_colour(raster: bytes, colour: str, tolerance: int = 2) -> int:
    r, g, b = hex_to_rgb(colour)
    count = 0
    for i in range(0, len(raster), 3):
        if (abs(raster[i] - r) <= tolerance and abs(raster[i + 1] - g) <= tolerance
                and abs(raster[i + 2] - b) <= tolerance):
            count += 1
    return count


@pytest.fixture(scope="module")
def english_pdf(english, tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("pdf") / "harbour.pdf"
    write_pdf(english, path)
    return path


def test_text_layer_has_passage_slogan_and_both_names(english_pdf: Path) -> None:
    text = flat("\n".join(page.extract_text() for page in PdfReader(english_pdf).pages))
    for expected in (PASSAGE, SLOGAN, "harbour_a.txt", "harbour_b.txt"):
        assert expected in text


@needs_poppler
def test_a_slogans_other_forms_are_written_under_it(written_three_ways, tmp_path: Path
                                                    ) -> None:
    phrase, forms = forms_written(written_three_ways)
    path = tmp_path / "core.pdf"
    write_pdf(written_three_ways, path)
    assert f"{phrase} {forms}" in flat(pdftotext(path))


def test_characters_no_font_draws_are_named_on_the_title_page(english, tmp_path: Path) -> None:
    from viewer.export.pdf_report import missing_glyphs, missing_glyphs_note, report_fonts

    devanagari, thai = "\u0928\u092e\u0938\u094d\u0924\u0947", "\u0e2a\u0e27\u0e31\u0e2a"
    a = Document(english.document_a.text + f"\n\nGreetings: {devanagari} {thai}.", "a.txt")
    comparison = compare(a, english.document_b)
    missing = missing_glyphs(report_fonts(), [a.text, english.document_b.text])
    assert set(devanagari + thai) <= set(missing) and not set(missing) & set(a.text[:200])
    path = tmp_path / "boxes.pdf"
    write_pdf(comparison, path)
    first = flat(PdfReader(path).pages[0].extract_text())
    assert f"{len(missing)} characters of the texts (U+" in first
    assert "have no glyph in this report's fonts and show as empty boxes" in first
    plain = tmp_path / "plain.pdf"
    write_pdf(english, plain)
    assert "no glyph" not in PdfReader(plain).pages[0].extract_text()
    # One character: "1 character ... has no glyph ... and shows as an empty box".
    assert missing_glyphs_note(report_fonts(), missing[:1]).startswith(
        f"1 character of the texts (U+{ord(missing[0]):04X}) has no glyph in this report's "
        "fonts and shows as an empty box")


def test_a_character_only_the_other_font_has_is_drawn_in_that_font(tmp_path: Path) -> None:
    # Circled and bracketed numbers (⑪, ⑴), as Chinese articles number their list items,
    # are no CJK characters: they were drawn in the Latin font, which has no glyph for them,
    # and printed as empty boxes although the CJK font draws them; a hexagram, the reverse.
    from reportlab.pdfbase import pdfmetrics

    from viewer.export.pdf_report import report_fonts

    items = ("具体措施如下：\n⑪ 加快建设现代化产业体系。\n⑫ 全面推进乡村振兴。\n"
             "⑴ 深化科技体制改革。\n")
    latin = "Items ⑳, ⒇ and ⓑ are listed in Latin text, with ﹖ and the hexagram ䷀.\n"
    a, b = Document(items + latin, "a.txt"), Document(items + "⒇ 扩大高水平对外开放。\n", "b.txt")
    path = tmp_path / "numbers.pdf"
    note = write_pdf(compare(a, b), path)
    fonts = report_fonts()
    by_face = {pdfmetrics.getFont(name).face.name.decode(): name
               for name in (fonts.latin, fonts.cjk, fonts.symbols) if name}
    glyphs = {name: pdfmetrics.getFont(name).face.charToGlyph for name in by_face.values()}
    drawn_in: dict[str, set[str]] = {}

    def visit(text, cm, tm, font, size) -> None:  # type: ignore[no-untyped-def]
        if font is not None and text.strip():
            face = str(font["/BaseFont"]).split("+", 1)[-1]
            name = by_face[max((f for f in by_face if face.startswith(f)), key=len)]
            for ch in text:
                drawn_in.setdefault(ch, set()).add(name)

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    drawable = {ch for ch in a.text + b.text if not ch.isspace()
                and any(ord(ch) in glyphs[name] for name in glyphs)}
    assert set("⑪⑴⒇⑳ⓑ﹖䷀") <= drawable
    # Drawn in a font without its glyph, a character is lost from the text layer as well.
    assert drawable - set(drawn_in) == set()
    boxes = {ch: names for ch, names in drawn_in.items() if ch in drawable
             and any(ord(ch) not in glyphs[name] for name in names)}
    assert not boxes
    assert note == ""


def test_emoji_are_drawn_and_read_back_from_the_text_layer(tmp_path: Path) -> None:
    # Emoji printed as empty boxes (neither the Latin nor the CJK font has 👍 or a flag's
    # letters), and those the Latin font has (😀) were read back from the text layer as
    # another character ("ὠ", U+1F60): reportlab wrote U+1F600 where a PDF wants UTF-16.
    from reportlab.pdfbase import pdfmetrics

    from viewer.export.pdf_report import missing_glyphs, report_fonts

    emoji = "😀👍🇨🇳✅"
    shared = ("The minister said the talks went well 😀 and gave a thumbs up 👍 to the "
              "delegation from China 🇨🇳 before the press conference on Monday ✅.")
    a, b = Document(shared + "\nA second paragraph.\n", "a.txt"), Document(
        "Reporters wrote that " + shared + "\n", "b.txt")
    fonts = report_fonts()
    assert not set(emoji) & set(missing_glyphs(fonts, [a.text, b.text]))
    path = tmp_path / "emoji.pdf"
    assert write_pdf(compare(a, b), path) == ""
    drawn: dict[str, set[str]] = {}

    def visit(text, cm, tm, font, size) -> None:  # type: ignore[no-untyped-def]
        if font is not None:
            for ch in text:
                drawn.setdefault(ch, set()).add(str(font["/BaseFont"]).split("+", 1)[-1])

    text = "".join(page.extract_text(visitor_text=visit) for page in PdfReader(path).pages)
    assert flat(shared) in flat(text)
    faces = {pdfmetrics.getFont(name).face.name.decode(): pdfmetrics.getFont(name).face
             for name in {fonts.latin, fonts.cjk, fonts.symbols} if name}
    for ch in emoji:
        for face in drawn[ch]:
            assert ord(ch) in next(f for n, f in faces.items() if face.startswith(n)).charToGlyph


def test_emoji_no_font_draws_stand_in_a_frame_and_read_back(tmp_path: Path) -> None:
    # Emoji newer than the symbol font (🥰 🫠, Unicode 11 and 14) printed as empty boxes
    # and read back as U+0000, a flag of tag characters (Scotland) as a row of six boxes,
    # and a skin tone after a thumb as a dark square beside it: on paper, broken output.
    from pypdf.generic import ContentStream

    from viewer.export.pdf_layout import glyph_codes
    from viewer.export.pdf_report import missing_glyphs, report_fonts

    fonts = report_fonts()
    new = [ch for ch in "🥰🫠🥲" if not any(ord(ch) in glyph_codes(name) for name in
                                          (fonts.latin, fonts.cjk, fonts.symbols) if name)]
    if not new:
        pytest.skip("the report's fonts draw these emoji")
    scotland, thumb = "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f", "👍🏽"
    shared = (f"The minister said the talks went well {''.join(new)} and gave a thumbs up "
              f"{thumb} to the delegation from Scotland {scotland} before the conference.")
    a, b = Document(shared + "\nA second paragraph.\n", "a.txt"), Document(
        "Reporters wrote that " + shared + "\n", "b.txt")
    path = tmp_path / "new-emoji.pdf"
    note = write_pdf(compare(a, b), path)
    assert set(new) <= set(missing_glyphs(fonts, [a.text, b.text]))
    assert "empty box" not in note and "in a frame" in note
    reader = PdfReader(path)
    # A character a font has no glyph for is written as code 0, its empty box, unless it
    # is written invisibly (render mode 3).
    boxes = 0
    for page in reader.pages:
        mode = 0
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tr":
                mode = int(operands[0])
            elif operator == b"Tj" and mode != 3:
                boxes += operands[0].get_original_bytes().count(b"\x00")
    assert boxes == 0
    text = pdftotext(path) if shutil.which("pdftotext") else "".join(
        page.extract_text() for page in reader.pages)
    assert set(new) <= set(text)  # copied or searched, each is still itself
    assert not set(text) & ({"\U0001f3fd", "\x00"} | set(scotland[1:]))
    assert {"👍", "🏴"} <= set(text)


def test_a_report_with_no_truetype_font_found_says_so(chinese, tmp_path: Path) -> None:
    # With no TrueType font at all (none in the folders looked in), the report fell back on
    # Helvetica, which draws no Chinese: the characters came out as boxes, and nothing said
    # so, as the glyphs were only counted for TrueType fonts.
    from viewer.export.pdf_report import (
        font_candidates,
        fonts_among,
        latin_font_candidates,
        missing_glyphs,
    )

    empty = [tmp_path / "no-fonts"]
    empty[0].mkdir()
    fonts = fonts_among(font_candidates(empty), latin_font_candidates(empty))
    texts = (chinese.document_a.text, chinese.document_b.text)
    missing = missing_glyphs(fonts, texts)
    assert "丝" in missing and not {"a", "1", "é"} & set(missing)
    path = tmp_path / "boxes.pdf"
    note = write_pdf(chinese, path, fonts=fonts)
    assert note.startswith(f"{len(missing)} characters of the texts (U+")
    assert "no TrueType font was found" in note
    assert flat(note) in flat(PdfReader(path).pages[0].extract_text())
    # Fonts that draw them all: nothing to say.
    assert write_pdf(chinese, tmp_path / "drawn.pdf") == ""


@needs_poppler
def test_pdftotext_reads_the_same(english_pdf: Path) -> None:
    text = flat(pdftotext(english_pdf))
    for expected in (PASSAGE, SLOGAN, "harbour_a.txt", "harbour_b.txt"):
        assert expected in text


@needs_poppler
def test_chinese_pair_round_trips_its_characters(chinese, tmp_path: Path) -> None:
    assert report_font() != "Helvetica", "no CJK-capable font found (install fonts-wqy-microhei)"
    path = tmp_path / "silk.pdf"
    write_pdf(chinese, path)
    for text in (pdftotext(path),
                 "".join(page.extract_text() for page in PdfReader(path).pages)):
        joined = "".join(text.split())
        assert CHINESE_PASSAGE in joined
        assert "图书馆" in joined  # a slogan of the pair
        # Every Han character of both texts comes back (no radical look-alikes, no boxes).
        for doc in chinese.documents:
            han = {ch for ch in doc.text if "\u4e00" <= ch <= "\u9fff"}
            assert han <= set(joined)


@needs_poppler
def test_highlight_colour_stands_on_the_passage_page(english, english_pdf: Path) -> None:
    index = passage_index(english, "restoring the pier")
    colour = LIGHT.passage(index)
    pages = len(PdfReader(english_pdf).pages)
    on_page = next(n for n in range(2, pages + 1) if PASSAGE in flat(pdftotext(english_pdf, n)))
    _, _, raster = pixels(english_pdf, on_page)
    on_passage_page = count_colour(raster, colour)
    assert on_passage_page > 300  # both columns' blocks, at 50 dpi
    _, _, title = pixels(english_pdf, 1)
    # The title page shows at most a small legend swatch of the first colour.
    assert count_colour(title, colour) * 5 < on_passage_page


def test_valid_pdf_numbers_every_page(english_pdf: Path) -> None:
    assert english_pdf.read_bytes().startswith(b"%PDF-")
    reader = PdfReader(english_pdf, strict=True)
    total = len(reader.pages)
    assert total >= 3  # title page, texts, tables
    for number, page in enumerate(reader.pages, start=1):
        assert f"page {number} of {total}" in page.extract_text()


@pytest.mark.parametrize(("size", "points"), [("A4", (595, 842)), ("Letter", (612, 792))])
def test_page_size(english, tmp_path: Path, size: str, points: tuple[int, int]) -> None:
    path = tmp_path / f"{size}.pdf"
    write_pdf(english, path, page_size=size)
    for page in PdfReader(path).pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == points


def test_unknown_page_size_is_refused(english, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="A4"):
        write_pdf(english, tmp_path / "x.pdf", page_size="A3")
    assert not (tmp_path / "x.pdf").exists()


def test_progress_rises_to_one(english, tmp_path: Path) -> None:
    seen: list[float] = []
    write_pdf(english, tmp_path / "p.pdf", progress=seen.append)
    assert seen == sorted(seen)
    assert seen[-1] == 1.0


def _checks_made(english, folder: Path) -> int:  # type: ignore[no-untyped-def]
    calls = [0]

    def never() -> bool:
        calls[0] += 1
        return False

    write_pdf(english, folder / "count.pdf", is_cancelled=never)
    return calls[0]


@pytest.mark.parametrize("when", ["first", "last"])
def test_cancelled_export_leaves_no_file_and_keeps_the_good_one(english, tmp_path: Path,
                                                                when: str) -> None:
    total = _checks_made(english, tmp_path)
    # Cancel at the first check (layout) or at the last one (pages already rendered).
    cancel_at = 1 if when == "first" else total
    target = tmp_path / "report.pdf"
    target.write_bytes(b"good old report")
    calls = [0]

    def cancelled() -> bool:
        calls[0] += 1
        return calls[0] >= cancel_at

    with pytest.raises(Cancelled):
        write_pdf(english, target, is_cancelled=cancelled)
    assert target.read_bytes() == b"good old report"
    with pytest.raises(Cancelled):
        write_pdf(english, tmp_path / "new.pdf", is_cancelled=cancelled)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["count.pdf", "report.pdf"]


def test_failing_writer_leaves_no_partial_file(english, tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"good old report")

    def failing(fraction: float) -> None:
        if fraction > 0.85:  # while pages are being written to the temporary file
            raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        write_pdf(english, target, progress=failing)
    assert target.read_bytes() == b"good old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_unwritable_folder_names_the_file(english, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "report.pdf"
    with pytest.raises(LoadError, match="report.pdf: cannot be written"):
        write_pdf(english, target)


def test_latin_text_and_its_curly_quotes_use_a_latin_font_and_han_the_cjk_font(
        tmp_path: Path) -> None:
    # A CJK font draws ’ and “ full-width, which prints "country’s" as "country’ s".
    a = Document("The country’s leaders said “digital China” matters. 数字中国建设。", "a")
    b = Document("Officials said “digital China” would grow. 数字中国建设。", "b")
    path = tmp_path / "quotes.pdf"
    write_pdf(compare(a, b), path)
    fonts_of: dict[str, set[str]] = {}

    def visit(text, cm, tm, font, size) -> None:  # type: ignore[no-untyped-def]
        for ch in text:
            if font is not None:
                fonts_of.setdefault(ch, set()).add(str(font["/BaseFont"]))

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    latin = {f for ch in "’“”y" for f in fonts_of[ch]}
    han = {f for ch in "数字中国" for f in fonts_of[ch]}
    assert len(latin) == 1 and "DejaVu" in latin.pop()
    assert len(han) == 1 and "DejaVu" not in han.pop()


# --- Side-by-side pages read back: where each column's lines stand -------------------------

def body_lines(path: Path) -> list[dict[str, list[tuple[float, float, str]]]]:
    """Per page, the text pieces of the body size as (x, baseline, text), with the column
    heads ("head"), the folio ("folio") and the margin markers ("small") apart."""
    pages = []
    for page in PdfReader(path).pages:
        found: dict[str, list[tuple[float, float, str]]] = {"body": [], "head": [],
                                                           "folio": [], "small": []}

        def visit(text, cm, tm, font, size, found=found) -> None:  # type: ignore[no-untyped-def]
            text = text.strip()
            if not text:
                return
            kind = ("folio" if text.startswith("page ") and " of " in text
                    else "head" if text.startswith(("A: ", "B: "))
                    else "body" if abs(size - TEXT_SIZE) < 0.01 else "small")
            found[kind].append((tm[4], tm[5], text))

        page.extract_text(visitor_text=visit)
        pages.append(found)
    return pages


def column_fill(path: Path) -> list[tuple[int, str, float]]:
    """(page, column, share of the page's line slots that hold text) for every side-by-side
    page and column whose text goes on past that page."""
    pages = body_lines(path)
    width = float(PdfReader(path).pages[0].mediabox.width)
    side_pages = [n for n, page in enumerate(pages) if page["head"]]
    last: dict[str, int] = {}
    for n in side_pages:
        for x, _, _ in pages[n]["body"]:
            last["A" if x < width / 2 else "B"] = n
    fills = []
    for n in side_pages:
        page = pages[n]
        top = min(y for _, y, _ in page["head"])
        bottom = page["folio"][0][1]
        baselines: dict[str, set[float]] = {"A": set(), "B": set()}
        for x, y, _ in page["body"]:
            baselines["A" if x < width / 2 else "B"].add(round(y, 1))
        every = sorted(baselines["A"] | baselines["B"], reverse=True)
        pitch = min(a - b for a, b in zip(every, every[1:], strict=False))
        slots = (top - bottom) / pitch
        for column, ys in baselines.items():
            if n < last.get(column, -1):
                fills.append((n + 1, column, len(ys) / slots))
    return fills


@pytest.mark.parametrize("pair", ["crossing", "crossing_chinese"])
def test_no_column_is_half_empty_while_its_text_goes_on(
        pair: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    comparison = request.getfixturevalue(pair)
    path = tmp_path / "crossing.pdf"
    write_pdf(comparison, path)
    fills = column_fill(path)
    assert len({page for page, _, _ in fills}) >= 2  # the texts take several pages
    sparse = [(page, column, round(share, 2)) for page, column, share in fills if share < 0.5]
    assert not sparse, f"(page, column, share filled): {sparse}"


def where_passage_starts(pages: list[dict[str, list[tuple[float, float, str]]]], x_range: tuple[
        float, float], opening: str) -> tuple[int, float]:
    """(page number, baseline) of the body line in that x range holding `opening`."""
    joined = "".join(opening.split())
    for n, page in enumerate(pages, start=1):
        for x, y, text in page["body"]:
            if x_range[0] <= x < x_range[1] and joined in "".join(text.split()):
                return n, y
    raise AssertionError(f"{opening!r} is on no page")


def link_target(path: Path, page: int, half: float, baseline: float, left: bool) -> int:
    """The page number a link annotation at `baseline`, in the left or right margin of
    `page`, leads to."""
    reader = PdfReader(path)
    numbers = {p.indirect_reference.idnum: n for n, p in enumerate(reader.pages, start=1)}
    for annotation in reader.pages[page - 1].get("/Annots") or []:
        annotation = annotation.get_object()
        x1, y1, _, y2 = (float(v) for v in annotation["/Rect"])
        if (x1 < half) == left and y1 <= baseline <= y2:
            return numbers[annotation["/Dest"][0].idnum]
    raise AssertionError(f"no link beside the line at {baseline} on page {page}")


def opening_words(text: str, span: tuple[int, int], chinese: bool = False) -> str:
    piece = text[span[0]:span[1]]
    return piece[:6] if chinese else " ".join(piece.split()[:3])


def test_a_passage_in_the_same_order_stands_level(level, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "level.pdf"
    write_pdf(level, path)
    pages = body_lines(path)
    half = float(PdfReader(path).pages[0].mediabox.width) / 2
    phrase = level.shared_phrases[0]
    in_a = where_passage_starts(pages, (0, half),
                                opening_words(level.document_a.text, phrase.a))
    in_b = where_passage_starts(pages, (half, 2 * half),
                                opening_words(level.document_b.text, phrase.b))
    assert in_a == in_b


@pytest.mark.parametrize("pair", ["crossing", "crossing_chinese"])
def test_margin_markers_name_the_counterparts_page(pair: str, request: pytest.FixtureRequest,
                                                   tmp_path: Path) -> None:
    comparison = request.getfixturevalue(pair)
    chinese = pair.endswith("chinese")
    path = tmp_path / "markers.pdf"
    write_pdf(comparison, path)
    pages = body_lines(path)
    half = float(PdfReader(path).pages[0].mediabox.width) / 2
    assert len(comparison.shared_phrases) == 2
    for i, phrase in enumerate(comparison.shared_phrases):
        page_a, y_a = where_passage_starts(
            pages, (0, half), opening_words(comparison.document_a.text, phrase.a, chinese))
        page_b, y_b = where_passage_starts(
            pages, (half, 2 * half), opening_words(comparison.document_b.text, phrase.b, chinese))
        assert page_a != page_b  # the passages cross: they cannot stand level
        # Beside each start, in its own margin: the passage number and the other page.
        markers_a = {(text, y) for x, y, text in pages[page_a - 1]["small"] if x < half}
        markers_b = {(text, y) for x, y, text in pages[page_b - 1]["small"] if x > half}
        assert (f"{i + 1} → p.{page_b}", y_a) in markers_a
        assert (f"{i + 1} → p.{page_a}", y_b) in markers_b
        # On screen, each marker is a link to the other page.
        assert link_target(path, page_a, half, y_a, left=True) == page_b
        assert link_target(path, page_b, half, y_b, left=False) == page_a
        # The table of shared phrases gives both pages in the passage's row.
        rows = [(page, y) for page in pages for x, y, text in page["small"]
                if text == str(i + 1) and x < 70]
        assert len(rows) == 1
        page, y = rows[0]
        cells = [text for _, row_y, text in page["small"] if abs(row_y - y) < 1]
        assert f"A p.{page_a}" in cells
        assert any(f"B p.{page_b}" == text for _, row_y, text in page["small"]
                   if 0 < y - row_y < 12)


@needs_poppler
def test_the_running_header_stays_inside_the_margins_with_both_names(tmp_path: Path) -> None:
    # Two Chinese file names as articles are saved: cut at 120 characters, the header ran
    # past the right margin and off the page, and the second name's end was lost.
    import re

    from report_fixtures import REPORT_FIXTURES

    from viewer.core.loading import load_document

    names = ("习近平在全国网络安全和信息化工作会议上的重要讲话全文（2018年4月20日）.txt",
             "加快建设网络强国和数字中国 推进中国式现代化建设的重要论述摘编.txt")
    for name, fixture in zip(names, ("silk_a.txt", "silk_b.txt"), strict=True):
        (tmp_path / name).write_bytes((REPORT_FIXTURES / fixture).read_bytes())
    comparison = compare(*(load_document(str(tmp_path / name)) for name in names))
    path = tmp_path / "report.pdf"
    write_pdf(comparison, path)
    boxes = subprocess.run(["pdftotext", "-bbox", "-f", "2", "-l", "2", str(path), "-"],
                           check=True, capture_output=True, text=True).stdout
    page_width = float(re.search(r'<page width="([\d.]+)"', boxes)[1])
    # The header's words: the ones above the top margin.
    right = max(float(x) for y, x in re.findall(r'yMin="([\d.]+)" xMax="([\d.]+)"', boxes)
                if float(y) < 40)
    assert right <= page_width - 40 + 0.5  # the margin
    header = pdftotext(path, 2).splitlines()[0]
    assert header.startswith("Tandem · 习近平") and " / 加快建设" in header
    assert header.count(".txt") == 2 and "…" in header


def _pdf_of_files(tmp_path: Path, text_a: str, text_b: str, name: str) -> Path:
    """The PDF report of two texts saved as a.txt and b.txt and loaded as files are."""
    from viewer.core.loading import load_document

    (tmp_path / "a.txt").write_text(text_a, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text_b, encoding="utf-8")
    comparison = compare(*(load_document(str(tmp_path / f)) for f in ("a.txt", "b.txt")))
    assert comparison.shared_phrases
    path = tmp_path / name
    write_pdf(comparison, path)
    return path


def _words_on_page_two(path: Path) -> list[tuple[float, float, float, str]]:
    """The words pdftotext reads on a PDF's second page: left, top, right and the word."""
    import re

    boxes = subprocess.run(["pdftotext", "-bbox", "-f", "2", "-l", "2", str(path), "-"],
                           check=True, capture_output=True, text=True).stdout
    return [(float(x0), float(y0), float(x1), word) for x0, y0, x1, word in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
        boxes)]


def _read_back(path: Path) -> str:
    """The PDF's text as pypdf extracts it (in reading order, as a viewer's copy gives it),
    presentation forms as the letters they draw."""
    import unicodedata

    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return flat(unicodedata.normalize("NFKC", text))


def test_right_to_left_text_reads_right_to_left_and_arabic_letters_join(tmp_path: Path
                                                                        ) -> None:
    # reportlab draws a string left to right as given: Hebrew and Arabic came out
    # backwards ("םדאה ינב לכ"), each Arabic letter in its stand-alone form.
    import unicodedata

    from viewer.core.loading import load_document

    hebrew = "כל בני האדם נולדו בני חורין ושווים בערכם ובזכויותיהם"
    arabic = "يولد جميع الناس احرارا متساوين في الكرامة والحقوق"
    (tmp_path / "a.txt").write_text(f"מאמר ראשון\n\n{hebrew}.\n\n{arabic}.\n",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"מאמר שני\n\n{hebrew}.\n\n{arabic}.\n", encoding="utf-8")
    comparison = compare(*(load_document(str(tmp_path / name)) for name in ("a.txt", "b.txt")))
    path = tmp_path / "rtl.pdf"
    write_pdf(comparison, path)

    text = _read_back(path)
    assert hebrew in text and arabic in text
    jeem, meem, yeh, ain = (unicodedata.lookup(f"ARABIC LETTER {name} {position} FORM")
                            for name, position in (("JEEM", "INITIAL"), ("MEEM", "MEDIAL"),
                                                   ("YEH", "MEDIAL"), ("AIN", "FINAL")))
    raw = "".join(page.extract_text() for page in PdfReader(path).pages)
    assert jeem + meem + yeh + ain in raw  # جميع drawn joined


@needs_poppler
def test_right_to_left_paragraphs_stand_flush_right_and_left_to_right_ones_flush_left(
        tmp_path: Path) -> None:
    # Reordered but placed from the column's left edge, Hebrew lines ended ragged on the
    # right, where a Hebrew reader starts each line.
    import re

    from viewer.core.loading import load_document

    hebrew = ("כל בני האדם נולדו בני חורין ושווים בערכם ובזכויותיהם. כולם חוננו בתבונה "
              "ובמצפון, לפיכך חובה עליהם לנהוג איש ברעהו ברוח של אחוה, בשנת 1948.")
    english = ("All human beings are born free and equal in dignity and rights. They are "
               "endowed with reason and conscience and should act towards one another.")
    (tmp_path / "a.txt").write_text(f"מאמר ראשון\n\n{hebrew}\n\n{english}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("מאמר שני\n\nמשפט אחר לגמרי.\n", encoding="utf-8")
    comparison = compare(*(load_document(str(tmp_path / name)) for name in ("a.txt", "b.txt")))
    path = tmp_path / "rtl.pdf"
    write_pdf(comparison, path)
    boxes = subprocess.run(["pdftotext", "-bbox", "-f", "2", "-l", "2", str(path), "-"],
                           check=True, capture_output=True, text=True).stdout
    page_width = float(re.search(r'<page width="([\d.]+)"', boxes)[1])
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                       r'yMax="[\d.]+">([^<]*)</word>', boxes)
    top = next(float(y0) for _, y0, _, word in words if word == "A:")
    bottom = next(float(y0) for _, y0, _, word in words if word == "Shared")
    lines: dict[float, list[tuple[float, float, str]]] = {}
    for x0, y0, x1, word in words:
        if float(x1) < page_width / 2 and top < float(y0) < bottom:  # column A's text
            lines.setdefault(round(float(y0)), []).append((float(x0), float(x1), word))
    hebrew_lines, english_lines = [], []
    for line in lines.values():
        rtl = any(re.search("[\u0590-\u05ff]", word) for _, _, word in line)
        (hebrew_lines if rtl else english_lines).append([(x0, x1) for x0, x1, _ in line])
    assert len(hebrew_lines) >= 3 and len(english_lines) >= 2
    rights = [max(x1 for _, x1 in line) for line in hebrew_lines]
    lefts = [min(x0 for x0, _ in line) for line in hebrew_lines]
    assert max(rights) - min(rights) < 1.0  # flush right, the title too
    assert max(lefts) - min(lefts) > 20  # ragged left
    english_lefts = [min(x0 for x0, _ in line) for line in english_lines]
    assert max(english_lefts) - min(english_lefts) < 1.0
    assert min(english_lefts) < min(lefts)  # English stays at the column's left edge


@needs_poppler
def test_a_wrapped_line_of_digits_in_a_hebrew_paragraph_stands_flush_right(
        tmp_path: Path) -> None:
    # A line's direction was taken from its own letters: a continuation line of a Hebrew
    # paragraph holding only numbers stood at the left edge, beside and under lines that
    # end at the right one, in the texts side by side and in the table of shared phrases.
    import re


    hebrew = ("בשנת 1948 התקבלה ההחלטה על הקמת הרשת הלאומית והיא פורסמה בעיתון עם המספרים "
              + " ".join(str(1000003 * k) for k in range(1, 40)))
    path = _pdf_of_files(tmp_path, f"{hebrew}\n\nשורה נוספת בטקסט הראשון.\n",
                         f"{hebrew}\n\nטקסט אחר לגמרי בשני.\n", "rtl.pdf")
    words = _words_on_page_two(path)

    def at(word: str) -> tuple[float, float]:
        return next((x0, y0) for x0, y0, _, seen in words if seen == word)

    page_width = float(PdfReader(path).pages[1].mediabox.width)
    texts_top, table_top = at("A:")[1], at("Shared")[1]
    table_bottom = at("Slogans")[1]
    cell_a, cell_b = sorted(x0 for x0, y0, _, word in words  # "in A …", "in B …"
                            if word == "in" and table_top < y0 < table_bottom)
    regions = {"column A": (texts_top, table_top, 0, page_width / 2),
               "column B": (texts_top, table_top, page_width / 2, page_width),
               "table, A": (table_top, table_bottom, cell_a, cell_b),
               "table, B": (table_top, table_bottom, cell_b, page_width)}
    for name, (top, bottom, left, right) in regions.items():
        lines: dict[int, list[tuple[float, str]]] = {}
        for x0, y0, x1, word in words:
            if top < y0 < bottom and left <= x0 and x1 <= right and not word.endswith("p.2"):
                lines.setdefault(round(y0), []).append((x1, word))
        ends = {"hebrew": [], "digits": []}
        for line in lines.values():
            if all(word.isdigit() for _, word in line):
                ends["digits"].append(max(x1 for x1, _ in line))
            elif any(re.search("[\u0590-\u05ff]", word) for _, word in line):
                ends["hebrew"].append(max(x1 for x1, _ in line))
        assert ends["digits"] and ends["hebrew"], name
        assert max(ends["digits"]) - min(ends["hebrew"]) < 1.0, name
        assert max(ends["hebrew"]) - min(ends["digits"]) < 1.0, name


@needs_poppler
def test_the_columns_of_a_tabbed_list_stay_columns(tmp_path: Path) -> None:
    # A tab was drawn as one space: the columns of a list copied from a spreadsheet ran
    # together, each row's figures at another place, in the texts and in the table.


    intro = ("The committee published the following figures for the provinces in its "
             "annual report on network construction and rural broadband coverage.\n")
    rows = [("Region", "Stations", "Share"), ("Hebei", "120000", "98%"),
            ("Yunnan", "4500", "71%"), ("Gansu", "800", "64%"), ("Tibet", "3512", "9%")]
    listing = "".join("\t".join(row) + "\n" for row in rows)
    words = _words_on_page_two(_pdf_of_files(
        tmp_path, intro + listing + "Other words in the first text.\n",
        "A different opening line.\n" + intro + listing, "tabs.pdf"))
    cells = {cell for row in rows for cell in row}
    starts: dict[str, list[float]] = {}
    for x0, _, _, word in words:
        if word.rstrip("%") in {cell.rstrip("%") for cell in cells}:
            starts.setdefault(word.rstrip("%"), []).append(float(x0))
    for row in rows:  # the texts side by side and the table: both sides of each
        assert all(len(starts[cell.rstrip("%")]) == 4 for cell in row), starts
    for column in range(3):
        for place in range(4):
            lefts = [starts[row[column].rstrip("%")][place] for row in rows]
            assert max(lefts) - min(lefts) < 0.5, (column, lefts)
    # and the columns stand apart: a tab is wider than the space it was drawn as
    assert all(starts[row[1]][0] - starts[row[0]][0] > 30 for row in rows)


#: Format characters neither report font has a glyph for, as text copied from web pages and
#: chat apps holds them: direction isolates and embeddings around a name, zero-width
#: spaces and joiners, a word joiner, a byte-order mark.
_FORMAT_MARKS = "\u2066\u2069\u200b\u200d\u2060\u180e\ufeff\u202a\u202c"


def _soft_hyphenated(k: int, word: str) -> str:
    return f"{word[:3]}\u00ad{word[3:]}"


def _between_format_marks(k: int, word: str) -> str:
    return f"{_FORMAT_MARKS[k % len(_FORMAT_MARKS)]}{word}" \
           f"{_FORMAT_MARKS[(k + 1) % len(_FORMAT_MARKS)]}"


@needs_poppler
@pytest.mark.parametrize("mark", [_soft_hyphenated, _between_format_marks])
def test_invisible_characters_in_a_text_are_not_drawn(
        tmp_path: Path, mark: Callable[[int, str], str]) -> None:
    # Web pages hyphenate with soft hyphens (&shy;), invisible but where a line breaks at
    # them; the report's font drew each as a hyphen, so a copied passage read "inf-ormation
    # tech-nology" beside "information technology", as if the two texts differed there.
    # The format characters were drawn as empty boxes beside the name ("Monday ▯Beijing▯").
    sentence = ("In the modern world network information technology has been fully "
                "integrated into social production and daily life across the country")
    words = sentence.split(" ")
    marked = [mark(k, word) if len(word) > 6 else word for k, word in enumerate(words)]
    drawn = _words_on_page_two(_pdf_of_files(
        tmp_path, "First.\n" + " ".join(words) + "\n", "Second.\n" + " ".join(marked) + "\n",
        "marked.pdf"))
    widths: dict[str, list[float]] = {}
    for x0, _, x1, word in drawn:
        widths.setdefault(word, []).append(round(x1 - x0, 1))
    for word in words:
        if len(word) > 6:
            # drawn whole in both texts, as wide in B as in A (in the columns, and smaller
            # in the table)
            assert all(widths[word].count(w) % 2 == 0 for w in widths[word]), (word, widths)
    assert not [word for _, _, _, word in drawn if set(word) & set(_FORMAT_MARKS + "\u00ad-")]


@needs_poppler
def test_a_tabbed_row_whose_first_column_is_empty_keeps_its_place(tmp_path: Path) -> None:
    # The texts side by side trimmed the blank space that opens a line, tabs too: a row
    # "\t4500\t71%" stood under "Region" and "Stations", one column to the left of where
    # the table of shared phrases (and the text) put it.


    listing = ("The committee published the following figures for the provinces in its "
               "annual report on rural broadband.\nRegion\tStations\tShare\n"
               "Hebei\t120000\t98%\n\t4500\t71%\n")
    lefts: dict[str, list[float]] = {}
    for x0, _, _, word in _words_on_page_two(_pdf_of_files(
            tmp_path, listing + "Other words in the first text.\n",
            "A different opening line.\n" + listing, "tabs.pdf")):
        lefts.setdefault(word, []).append(x0)
    assert len(lefts["4500"]) == len(lefts["Stations"]) == 4  # two columns, two table cells
    for under, over in zip(lefts["4500"], lefts["Stations"], strict=True):
        assert abs(under - over) < 0.5, (lefts["4500"], lefts["Stations"])
