"""HTML shapes that made the parsers quadratic or blind: a tag with very many attributes,
and tens of thousands of nested tags before the article."""

from __future__ import annotations

import codecs
import time
from pathlib import Path

import pytest
import samples

from viewer.core.loaders.html import MAX_ATTRIBUTES, bounded_markup
from viewer.core.loading import load_document

FIXTURES = Path(__file__).parents[1] / "fixtures" / "core"
ARTICLE = "\n\n".join(("Rivers of the North", *samples.PARAGRAPHS))


def _with(before_article: str) -> bytes:
    page = samples.html_article().decode()
    at = page.index("<article>")
    return (page[:at] + before_article + page[at:]).encode()


def test_a_tag_with_a_hundred_thousand_attributes_loads_the_article(tmp_path: Path) -> None:
    attributes = " ".join(f'data-a{n}="v{n} > x"' for n in range(100_000))
    path = tmp_path / "attrs.html"
    path.write_bytes(_with(f"<p {attributes}>x</p>"))
    start = time.perf_counter()
    doc = load_document(path)
    assert time.perf_counter() - start < 60  # was minutes; now well under a second
    assert doc.text.endswith(ARTICLE)


def test_attributes_past_the_bound_are_dropped_and_the_rest_kept() -> None:
    many = " ".join(f"a{n}='{n}'" for n in range(5 * MAX_ATTRIBUTES))
    markup = f'<p id="keep" {many}>text</p><img src="x.png" alt="a > b">'
    bounded = bounded_markup(markup)
    assert bounded.count("='") == MAX_ATTRIBUTES - 1
    assert bounded.startswith('<p id="keep" a0=\'0\'') and bounded.endswith(
        '>text</p><img src="x.png" alt="a > b">')


def test_a_hundred_thousand_nested_divs_before_the_article(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_bytes(_with("<div>" * 100_000))
    text = load_document(path).text
    # The paragraphs are all there (the extractor may take the title for page furniture
    # under so many wrappers); before, the parser stopped at depth 256 and only the menu
    # was left.
    assert text.endswith("\n\n".join(samples.PARAGRAPHS))
    assert "World news" not in text


def test_ordinary_nesting_is_untouched() -> None:
    markup = "<div><div><section><div><p><span><b>x</b></span></p></div></section></div></div>"
    assert bounded_markup(markup) == markup


def _moved_headline(page: str, head: str) -> str:
    """The sample page with its <h1> taken out of <article> and `head` put before it."""
    return page.replace("<article><h1>Rivers of the North</h1>", head + "<article>")


def test_a_headline_set_above_the_article_element_opens_the_text(tmp_path: Path) -> None:
    page = samples.html_article().decode()
    for name, head in (
            ("story_head.html", '<div class="story-head"><h1>Rivers of the North</h1>'
                                '<p class="byline">By Ann Lee</p></div>'),
            ("in_header.html", '<header><h1>Rivers of the North</h1></header>')):
        path = tmp_path / name
        path.write_bytes(_moved_headline(page, head).encode())
        text = load_document(path).text
        assert text.startswith("Rivers of the North\n\nThe northern rivers"), name
        assert text.count("Rivers of the North") == 1
        assert "Ann Lee" not in text and "Daily Example" not in text


def test_a_chinese_headline_matches_the_title_before_the_site_names(tmp_path: Path) -> None:
    paragraphs = (FIXTURES / "zh_a.txt").read_text(encoding="utf-8").split("\n\n")[1:]
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    page = (f'<html><head><meta charset="utf-8"><title>黄河治理取得新进展--时政--人民网</title>'
            f'</head><body><nav><a href="/">首页</a></nav><div class="title">'
            f'<h1>黄河治理取得新进展</h1><p>来源：人民日报</p></div>'
            f'<article>{body}</article><footer>人民网版权所有</footer></body></html>')
    path = tmp_path / "zh.html"
    path.write_bytes(page.encode())
    text = load_document(path).text
    assert text.startswith("黄河治理取得新进展\n\n" + paragraphs[0][:10])
    assert "人民网" not in text


def test_only_a_heading_that_is_the_pages_title_is_put_back(tmp_path: Path) -> None:
    page = samples.html_article().decode()
    # The site's name as a heading in the masthead, and no headline at all: <title> alone
    # is not the article's text.
    logo = _moved_headline(page, "").replace('<div class="masthead">Daily Example</div>',
                                             "<h1>Daily Example</h1>")
    path = tmp_path / "logo.html"
    path.write_bytes(logo.encode())
    text = load_document(path).text
    assert text.startswith("The northern rivers")
    assert "Daily Example" not in text and "Rivers of the North" not in text


@pytest.mark.parametrize(("charset", "saved_as", "sentence"), [
    # What sites really send: a Chinese page that says gb2312 with GBK's characters in it
    # (镕 is not GB2312), once refused as "invalid bytes for GB2312"; a Big5 page with
    # Microsoft's additions (碁銹裏), and a Shift-JIS one with Windows' (①髙); a page that
    # says iso-8859-1 with Windows-1252's quotes, dashes and € in it, whose text held
    # invisible control characters in their place.
    ("gb2312", "gbk", "国务院总理朱镕基今天在人民大会堂会见了来访的代表团，双方交换了意见。"),
    ("big5", "cp950", "香港特別行政區政府今日宣佈新措施，立法會議員表示歡迎碁銹裏的建議。"),
    ("shift_jis", "cp932", "東京都は今日、新しい政策を発表した。①髙橋さんが説明した。"),
    ("iso-8859-1", "cp1252", "The minister said “we will build it” – the €5 fee stays."),
])
def test_a_declared_charset_is_read_as_browsers_read_it(tmp_path: Path, charset: str,
                                                        saved_as: str, sentence: str) -> None:
    page = (f'<html><head><meta charset="{charset}"><title>News</title></head><body>'
            + f"<p>{sentence}</p>" * 8 + "</body></html>")
    path = tmp_path / "page.html"
    path.write_bytes(page.encode(saved_as))
    assert sentence in load_document(path).text


def _page_of(paragraphs: list[str], meta: str) -> str:
    return (f"<html><head>{meta}<title>News</title></head><body><article>"
            + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>")


@pytest.mark.parametrize("meta", [
    '<meta charset="utf-8">',
    '<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">',
])
def test_a_gbk_page_that_declares_utf8_is_read_as_gbk_and_says_so(tmp_path: Path,
                                                                   meta: str) -> None:
    # A Chinese site's template says utf-8 while its pages are saved in GBK: the page was
    # refused as "invalid bytes for its declared encoding UTF-8".
    paragraphs = (FIXTURES / "zh_a.txt").read_text(encoding="utf-8").split("\n\n")[:6]
    path = tmp_path / "page.html"
    path.write_bytes(_page_of(paragraphs, meta).encode("gbk"))
    doc = load_document(path)
    assert doc.text == "\n\n".join(p.strip() for p in paragraphs)
    assert doc.notes == ("the page declares the encoding UTF-8 but is written in GB18030; "
                         "read as GB18030",)


def test_a_long_gbk_page_on_one_line_that_declares_utf8_is_read_as_gbk(tmp_path: Path) -> None:
    # Its encoding is told from a part of it, cut between characters.
    paragraphs = ["".join((FIXTURES / "zh_a.txt").read_text(encoding="utf-8").split())] * 500
    data = _page_of(paragraphs, '<meta charset="utf-8">').encode("gbk")
    assert len(data) > 100_000 and data.count(b"\n") == 0
    path = tmp_path / "page.html"
    path.write_bytes(data)
    doc = load_document(path)
    assert doc.text.startswith(paragraphs[0].strip()) and "\ufffd" not in doc.text
    assert doc.notes == ("the page declares the encoding UTF-8 but is written in GB18030; "
                         "read as GB18030",)


def test_a_page_with_a_few_stray_bytes_keeps_the_encoding_it_declares(tmp_path: Path) -> None:
    # An English page declaring UTF-8 with a stray byte and a stray GBK character: two
    # characters are no evidence of another encoding (it was read as Cyrillic, or GB18030).
    paragraphs = (FIXTURES / "harbour_a.txt").read_text(encoding="utf-8").split("\n\n")[:6]
    data = _page_of(paragraphs, '<meta charset="utf-8">').encode("utf-8")
    assert data.isascii()
    cut = data.index(b"</p>")
    path = tmp_path / "page.html"
    path.write_bytes(data[:cut] + b" \xff \xb9\xfa" + data[cut:])
    doc = load_document(path)
    assert doc.text.split("\n\n")[0] == paragraphs[0].strip() + " \ufffd \ufffd\ufffd"
    line = data[:cut].count(b"\n") + 1
    assert doc.notes == (f"3 bytes that are not valid UTF-8 replaced with \ufffd (the first on "
                         f"line {line}); the rest of the page is UTF-8",)


def test_a_utf8_page_with_one_bad_byte_stays_utf8_and_says_so(tmp_path: Path) -> None:
    # Damaged UTF-8 is read as UTF-8, as a text file is, not as a legacy encoding that
    # happens to decode it, nor refused.
    paragraphs = (FIXTURES / "zh_a.txt").read_text(encoding="utf-8").split("\n\n")[:6]
    data = _page_of(paragraphs, '<meta charset="utf-8">').encode("utf-8")
    cut = data.index(b"</p>", len(data) // 2)
    path = tmp_path / "page.html"
    path.write_bytes(data[:cut] + b"\xff" + data[cut:])
    doc = load_document(path)
    damaged = data[:cut].count(b"</p>")  # the paragraph the bad byte ends
    expected = [p.strip() for p in paragraphs]
    expected[damaged] += "\ufffd"
    assert doc.text == "\n\n".join(expected)
    line = data[:cut].count(b"\n") + 1
    assert doc.notes == (f"1 byte that is not valid UTF-8 replaced with \ufffd (the first on "
                         f"line {line}); the rest of the page is UTF-8",)


PAGE_DAMAGE = [
    pytest.param('<meta charset="utf-8">', b"", b" \xff", "1 byte that is not valid UTF-8 "
                 "replaced with \ufffd (the first on line 1); the rest of the page is UTF-8",
                 id="declared UTF-8, a bad byte"),
    pytest.param("", b"", b" \xff", "1 byte that is not valid UTF-8 replaced with \ufffd "
                 "(the first on line 1); the rest of the page is UTF-8",
                 id="no charset, a bad byte"),
    pytest.param("", codecs.BOM_UTF8, b" \xff", "1 byte that is not valid UTF-8 replaced "
                 "with \ufffd (the first on line 1); the rest of the page is UTF-8",
                 id="byte-order mark, a bad byte"),
    pytest.param("", b"", b" caf\xe9", "1 byte that is not valid UTF-8 read as Windows-1252; "
                 "the rest of the page is UTF-8", id="no charset, a Windows-1252 byte"),
]


@pytest.mark.parametrize(("meta", "mark", "damage", "note"), PAGE_DAMAGE)
def test_a_damaged_page_is_called_a_page_in_its_note(tmp_path: Path, meta: str, mark: bytes,
                                                      damage: bytes, note: str) -> None:
    # The note on a page's bad bytes said "the rest of the file", as for a text file.
    paragraphs = ["Le conseil a approuvé le projet, a déclaré la maire à la presse."] * 6
    data = _page_of(paragraphs, meta).encode("utf-8")
    cut = data.index(b"</p>")
    path = tmp_path / "page.html"
    path.write_bytes(mark + data[:cut] + damage + data[cut:])
    assert load_document(path).notes == (note,)


def test_a_page_cut_inside_its_last_character_is_called_a_page(tmp_path: Path) -> None:
    data = _page_of(["Le conseil a approuvé le projet, a déclaré la maire."] * 6,
                    '<meta charset="utf-8">').encode("utf-8")
    path = tmp_path / "page.html"
    path.write_bytes(data.removesuffix(b"</article></body></html>") + "é".encode()[:1])
    assert load_document(path).notes == (
        "the page is cut short inside its last character: its last 1 byte replaced with "
        "\ufffd",)


def test_a_control_character_in_a_page_is_read_as_a_space(tmp_path: Path) -> None:
    # Word's manual line break (U+000B) pasted into a page: lxml parsed it, then refused it
    # when the page's furniture was taken out ("All strings must be XML compatible"), and
    # the page could not be read. Found by the loaders' fuzz test.
    page = tmp_path / "pasted.html"
    page.write_bytes(b"<html><body><p>The harbour committee met on Monday\x0bto debate the "
                     b"ferry timetable and the cost of dredging.</p><script>x()</script>"
                     b"\x0b</body></html>")
    text = load_document(page).text
    assert "met on Monday to debate the ferry timetable" in text
    assert "\x0b" not in text
