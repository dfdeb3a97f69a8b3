"""The HTML report: one self-contained file with the passage, slogans, names and highlights."""

from __future__ import annotations

import re
from dataclasses import replace
from html import unescape
from pathlib import Path

import pytest
from report_fixtures import CHINESE_PASSAGE, PASSAGE, SLOGAN, forms_written, passage_index

from viewer.core.document import Document
from viewer.core.errors import Cancelled
from viewer.export.html_report import write_html
from viewer.present.palette import DARK, LIGHT


def visible_text(html: str) -> str:
    body = html.split("<body>", 1)[1]
    return " ".join(re.sub(r"<[^>]+>", "", body).split())


def test_single_self_contained_file(english, tmp_path: Path) -> None:
    path = tmp_path / "harbour.html"
    write_html(english, path)
    html = path.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["harbour.html"]
    for external in ("src=", "<script", "url(", "@import", "<link"):
        assert external not in html.lower()
    # The only links lead to places in the file itself.
    targets = re.findall(r'href="([^"]*)"', html)
    assert targets and all(t.startswith("#") for t in targets)
    ids = set(re.findall(r'id="([^"]*)"', html))
    assert {t[1:] for t in targets} <= ids
    text = visible_text(html)
    for expected in (PASSAGE, SLOGAN, "harbour_a.txt", "harbour_b.txt"):
        assert expected in text


def test_a_slogans_other_forms_are_written_under_it(written_three_ways, tmp_path: Path
                                                    ) -> None:
    # Its counts take in every form: the reader must find each of them.
    phrase, forms = forms_written(written_three_ways)
    path = tmp_path / "core.html"
    write_html(written_three_ways, path)
    # (Tags stripped, the line break under the phrase leaves no space.)
    assert phrase + forms in unescape(visible_text(path.read_text(encoding="utf-8")))


def test_passages_carry_the_window_colours(english, tmp_path: Path) -> None:
    path = tmp_path / "harbour.html"
    write_html(english, path)
    html = path.read_text(encoding="utf-8")
    index = passage_index(english, "restoring the pier")
    css_class = f"h{index % len(LIGHT.shared)}"
    assert f".{css_class}{{background:{LIGHT.passage(index)}}}" in html
    assert f".{css_class}{{background:{DARK.passage(index)}}}" in html  # dark scheme
    # The passage stands in a span of that class in both columns (and in the table row).
    spans = re.findall(rf'<span class="{css_class}[^"]*">([^<]*restoring the pier)', html)
    assert len(spans) >= 2
    assert '<span class="sl">' in html  # slogans underlined
    assert "<del>new</del>" in html and "<ins>fresh</ins>" in html  # word differences


def test_text_is_escaped(english, tmp_path: Path) -> None:
    hostile = Document('<script>alert("x")</script> & co.\n\n' + english.document_a.text,
                       name="<b>a</b>.txt")
    comparison = replace(english, document_a=hostile, shared_phrases=(), slogans=(), themes=())
    path = tmp_path / "x.html"
    write_html(comparison, path)
    html = path.read_text(encoding="utf-8")
    assert "<script" not in html and "<b>a</b>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;a&lt;/b&gt;.txt" in html


def test_table_cells_wrap_a_word_longer_than_their_column(english, tmp_path: Path) -> None:
    # A URL in a shared passage, unbroken, set the phrase table's width past the page:
    # the other columns (B's side, the collection's figures) went out of sight.
    url = "https://example.com/" + "averyverylongpathsegment" * 15
    path = tmp_path / "x.html"
    # At the end of A: the passages' offsets stay where they were.
    write_html(replace(english, document_a=Document(english.document_a.text + "\n\n" + url,
                                                     name="a.txt")), path)
    page = path.read_text(encoding="utf-8")
    assert url in page
    rules = _style_rules(page)
    # Tables laid out by their columns, not their content: a long run wraps in its column.
    assert "table-layout:fixed" in rules["table"]
    assert "overflow-wrap:break-word" in rules["td"]


def test_no_table_breaks_a_short_word_to_make_room(english, tmp_path: Path) -> None:
    # Cells that may break any word (overflow-wrap:anywhere) let a table of automatic
    # layout squeeze a column below its longest word: at 900 px, "informatization" and
    # "modernization" broke mid-word in the slogan and theme tables.
    path = tmp_path / "x.html"
    write_html(english, path)
    page = path.read_text(encoding="utf-8")
    assert all("anywhere" not in body for body in _style_rules(page).values())
    # A fixed layout takes its widths from the first row: the figures' narrow columns are
    # marked there as in the rows below, or each would get an equal share of the page.
    tables = re.findall(r"<table>(.*?)</table>", page, flags=re.S)
    assert tables
    for table in tables:
        rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, flags=re.S)
        head = re.findall(r"<th([^>]*)>", rows[0])
        cells = re.findall(r"<td([^>]*)>", rows[1])
        assert ['class="num"' in c for c in head] == ['class="num"' in c for c in cells]


def _style_rules(page: str) -> dict[str, str]:
    """The report's style sheet outside its media queries: each selector's declarations,
    without white space."""
    style = page[page.index("<style>") + 7:page.index("</style>")].split("@media")[0]
    return {selector.strip(): body.replace(" ", "").replace("\n", "")
            for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", style)
            for selector in selectors.split(",")}


def test_chinese_characters_survive(chinese, tmp_path: Path) -> None:
    path = tmp_path / "silk.html"
    write_html(chinese, path)
    assert CHINESE_PASSAGE in visible_text(path.read_text(encoding="utf-8")).replace(" ", "")


def test_cancelled_export_keeps_the_good_file(english, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("good", encoding="utf-8")
    with pytest.raises(Cancelled):
        write_html(english, target, is_cancelled=lambda: True)
    assert target.read_text(encoding="utf-8") == "good"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


@pytest.mark.parametrize("pair", ["crossing", "english", "chinese"])
def test_each_passage_links_to_its_counterpart_and_back(pair: str,
                                                        request: pytest.FixtureRequest,
                                                        tmp_path: Path) -> None:
    comparison = request.getfixturevalue(pair)
    path = tmp_path / "links.html"
    write_html(comparison, path)
    html = path.read_text(encoding="utf-8")
    texts = html.split('<table class="texts">', 1)[1].split("</table>", 1)[0]
    cells = re.findall(r'<td class="text">(.*?)</td>', texts, flags=re.S)
    column_a, column_b = "".join(cells[0::2]), "".join(cells[1::2])
    assert comparison.shared_phrases
    for i, phrase in enumerate(comparison.shared_phrases):
        n = i + 1
        for column, here, there, doc, span in (
                (column_a, "a", "b", comparison.document_a, phrase.a),
                (column_b, "b", "a", comparison.document_b, phrase.b)):
            link = re.search(rf'<a class="ref h\d+" id="{here}{n}" href="#{there}{n}"[^>]*>'
                             rf"{n}</a>(.*)", column, flags=re.S)
            assert link, f"no link from passage {n} in {here.upper()}"
            # The link stands right where the passage starts in its own column.
            following = unescape(re.sub(r"<[^>]+>", "", link.group(1)))
            opening = doc.text[span[0]:span[1]][:12]
            assert following.startswith(opening)
        # The table row's number leads to the passage in A.
        assert f'href="#a{n}"' in html.split("<h2>Shared phrases", 1)[1]


def cell_rules(page: str) -> str:
    """The declarations the stylesheet (outside its media queries) gives every td."""
    style = page[page.index("<style>"):page.index("</style>")]
    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", style.split("@media")[0])
    return ";".join(body.replace(" ", "").replace("\n", "") for selector, body in rules
                    if "td" in re.split(r"[\s,]+", selector.strip()))


def test_a_hebrew_paragraph_reads_right_to_left_from_the_right_edge(tmp_path: Path) -> None:
    # Every cell was a left-to-right paragraph: a Hebrew or Arabic sentence stood at the
    # left edge with its full stop at its right end, where it begins.
    from viewer.core.compare import compare
    from viewer.core.loading import load_document

    hebrew = "כל בני האדם נולדו בני חורין ושווים בערכם ובזכויותיהם"
    (tmp_path / "a.txt").write_text(f"Notes\n\n{hebrew}.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"{hebrew}.\n", encoding="utf-8")
    path = tmp_path / "report.html"
    write_html(compare(*(load_document(str(tmp_path / name)) for name in ("a.txt", "b.txt"))),
               path)
    page = path.read_text(encoding="utf-8")
    assert hebrew in page
    # Each paragraph of a cell takes the direction of its first letter, and starts at the
    # side it is read from.
    declarations = cell_rules(page)
    assert "unicode-bidi:plaintext" in declarations
    assert "text-align:start" in declarations and "text-align:left" not in declarations
