"""The collection report (HTML and PDF), read back: content, order, escaping, atomic writes.

The result dict is written here in the "collection, version 1" contract, with hostile
strings where article text and file names reach the report.
"""

from __future__ import annotations

import collections
import copy
import html
import itertools
import re
import shutil
import subprocess
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.lib.rl_accel import fp_str

from viewer.core.errors import Cancelled, LoadError
from viewer.export.collection_html import write_collection_html
from viewer.export.collection_model import CHART_BAR, Limits, ReportError
from viewer.export.collection_pdf import write_collection_pdf

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
TEXTS = {
    "d1": "Harbour news. The ferry left at dawn and came back at noon with the mail.",
    "d2": "Later story. " + HOSTILE + " The ferry left at dawn and came back at noon.",
    "d3": "Third story. The ferry left at dawn and came back.",
    "z1": "港口新闻。渡船黎明出发，中午带着邮件回来。",
}
PASSAGE_D1 = (14, 72)


def result() -> dict[str, Any]:
    return {
        "version": 1, "kind": "collection",
        "documents": [
            {"id": "d1", "path": "a/d1.txt", "series": "s1", "date": "2020-01-05",
             "chars": len(TEXTS["d1"]), "title": "Harbour news"},
            {"id": "d2", "path": "a/d2.txt", "series": "s2", "date": "2020-03-09",
             "chars": len(TEXTS["d2"]), "title": HOSTILE},
            {"id": "d3", "path": "a/d3.txt", "series": "s1", "date": "2020-02-01",
             "chars": len(TEXTS["d3"])},
            {"id": "z1", "path": "a/z1.txt", "series": "人民日报", "date": "2020-04-30",
             "chars": len(TEXTS["z1"]), "title": "港口新闻"},
        ],
        "pairs": [
            {"a": "d1", "b": "d2", "passages": [{"a": list(PASSAGE_D1), "b": [84, 128],
                                                 "words": 12}],
             "shared_a": 0.78, "shared_b": 0.41},
            {"a": "d3", "b": "d1", "passages": [{"a": [13, 47], "b": [14, 50], "words": 6},
                                                {"a": [0, 5], "b": [0, 5], "words": 1}],
             "shared_a": 0.5, "shared_b": 0.25},
        ],
        "clusters": [
            # Listed out of date order on purpose: the report orders by date.
            {"id": 7, "first": "d1", "passages": [
                {"doc": "d2", "span": [84, 128]}, {"doc": "d3", "span": [13, 47]},
                {"doc": "d1", "span": list(PASSAGE_D1)}]},
        ],
        "formulations": [
            {"phrase": "left at dawn", "variants": ["left at first light"], "documents": 3,
             "count": 4, "first": {"doc": "d1", "date": "2020-01-05"},
             "per_month": {"2020-01": 1, "2020-02": 1, "2020-03": 2},
             "occurrences": [{"doc": "d1", "spans": [[25, 37]]}]},
            {"phrase": "渡船黎明出发", "variants": [], "documents": 1, "count": 1,
             "first": {"doc": "z1", "date": "2020-04-30"},
             # No per_month: counted from the occurrences and the documents' dates.
             "occurrences": [{"doc": "z1", "spans": [[5, 11]]}]},
            {"phrase": HOSTILE, "variants": ["</svg><script>bad()</script>"], "documents": 2,
             "count": 2, "first": {"doc": "d2", "date": "2020-03-09"},
             "occurrences": [{"doc": "d2", "spans": [[13, 20]]}]},
        ],
        "boilerplate": [
            {"series": "s1", "text": "Editor in charge: Wang Lin", "documents": 2},
            {"series": "s2", "text": "Subscribe " + HOSTILE, "documents": 1},
            {"series": "s1", "text": "Copyright © The Sentinel", "documents": 5},
        ],
        "skipped": [{"path": "a/<b>photo</b>.jpg", "reason": "is a JPEG image, not an article"}],
    }


class Page(HTMLParser):
    """Elements (tag, attributes) and table rows (cell texts) of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.rows: list[list[str]] = []
        self.titles: list[str] = []
        self._cell: list[str] | None = None
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag == "br" and self._cell is not None:
            self._cell.append(" ")
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._in_title:
            self.titles.append(data)


def html_page(tmp_path: Path, data: dict[str, Any] | None = None, **options: Any) -> Page:
    path = tmp_path / "report.html"
    write_collection_html(data or result(), path, name="Harbour set",
                          text_of=TEXTS.get, **options)
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def row_starting(page: Page, first: str) -> list[str]:
    return next(row for row in page.rows if row and row[0] == first)


def test_html_shows_every_part_in_order(tmp_path: Path) -> None:
    page = html_page(tmp_path)
    rows = page.rows
    # Pairs, ranked as given: shares both ways, words, direction from the dates.
    assert row_starting(page, "1")[1:] == [
        "Harbour news d1 2020-01-05 · s1", f"{HOSTILE} d2 2020-03-09 · s2", "78.0%", "41.0%",
        "12", "1", "A → B"]
    pair_2 = row_starting(page, "2")
    assert pair_2[1] == "d3 2020-02-01 · s1"  # no title: the id
    assert pair_2[5:] == ["7", "2", "B → A"]  # d1 (January) is earlier than d3 (February)
    # The first passage of each pair as an excerpt, from the texts given.
    assert f"“{TEXTS['d1'][slice(*PASSAGE_D1)]}”" in [r[-1] for r in rows if len(r) == 2]
    # The cluster in date order, its source marked.
    dates = [r[0] for r in rows if len(r) == 5 and r[0].startswith("2020")]
    assert dates == ["2020-01-05", "2020-02-01", "2020-03-09"]
    source_rows = [r for r in rows if len(r) == 5 and r[1].endswith("source")]
    assert [r[1] for r in source_rows] == ["Harbour news d1 source"]
    # Formulations with variants, figures and the first article.
    left = next(r for r in rows if r[1:2] == ["left at dawn also: left at first light"])
    assert left[2:5] == ["3", "4", "Harbour news d1 2020-01-05 · s1"]
    # Boilerplate per series, the most common line first; skipped files with reasons.
    assert [r for r in rows if r and r[0] in ("s1", "s2")][:2] == [
        ["s1", "Copyright © The Sentinel", "5"], ["s2", "Subscribe " + HOSTILE, "1"]]
    assert ["a/<b>photo</b>.jpg", "is a JPEG image, not an article"] in rows
    assert any(r == ["Articles", "4 in 3 series"] for r in rows)


def test_html_timelines_have_one_bar_per_month_with_uses(tmp_path: Path) -> None:
    page = html_page(tmp_path)
    svgs = [k for k, (tag, _) in enumerate(page.elements) if tag == "svg"]
    assert len(svgs) == 3
    first_chart = page.elements[svgs[0]:svgs[1]]
    bars = [attrs for tag, attrs in first_chart if tag == "rect"]
    assert len(bars) == 3  # January, February, March 2020; April has no use
    heights = [float(b["height"] or 0) for b in bars]
    assert heights[2] > heights[0] == heights[1]  # March has two uses
    assert "2020-03: 2" in page.titles
    # The Chinese formulation's month comes from its occurrence's article (April).
    assert "2020-04: 1" in page.titles


def test_html_escapes_hostile_text_and_loads_nothing(tmp_path: Path) -> None:
    page = html_page(tmp_path)
    tags = {tag for tag, _ in page.elements}
    assert "script" not in tags and "img" not in tags
    for tag, attrs in page.elements:
        assert not any(name.startswith("on") for name in attrs), tag
        for name in ("src", "href"):
            assert (attrs.get(name) or "#").startswith("#"), (tag, attrs)
    assert any(tag == "meta" and "default-src 'none'" in (attrs.get("content") or "")
               for tag, attrs in page.elements)
    raw = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "&lt;/svg&gt;&lt;script&gt;bad()" in raw
    assert re.search(r"url\(|@import|<link", raw) is None


def test_html_cells_break_a_long_word_and_no_short_one(tmp_path: Path) -> None:
    # A URL or a run of letters in a title or a passage, unbroken, would widen its table
    # past the page (every other column pushed out of sight). Cells that may break any
    # word for it (overflow-wrap:anywhere) let the table squeeze the other columns down to
    # a letter, and their short words break: the series "(none)" showed as "(non" / "e".
    data = result()
    data["documents"][0]["title"] = "w" * 400
    url = "https://example.com/" + "a" * 300
    data["boilerplate"].append({"series": "", "text": f"More at {url} today.",
                                "documents": 5})
    path = tmp_path / "report.html"
    write_collection_html(data, path, text_of=TEXTS.get)
    raw = path.read_text(encoding="utf-8")
    page = Page()
    page.feed(raw)
    assert row_starting(page, "(none)") == ["(none)", f"More at {url} today.", "5"]
    assert any(cell.startswith("w" * 400) for row in page.rows for cell in row)
    # Each long run has a break opportunity at most every 30 characters; no text else.
    body = raw[raw.index("<body>"):]
    unbroken = [run for text in re.split(r"<[^<>]*>", body)
                for run in html.unescape(text).split() if len(run) > 30]
    assert unbroken == []
    assert "(none)</td>" in body and "More<wbr>" not in body and "at<wbr>" not in body
    style = raw[raw.index("<style>"):raw.index("</style>")]
    assert "anywhere" not in style


def test_html_breaks_a_long_run_between_letters_never_inside_one(tmp_path: Path) -> None:
    # A letter with its accents written apart (Vietnamese as macOS names files, NFD), Thai
    # with its vowel signs, an emoji sequence: a break opportunity inside one starts the
    # next line with a lone accent, a vowel sign on a dotted circle or half an emoji.
    vietnamese = unicodedata.normalize("NFD", "Nghịquyếtđạihộiđạibiểutoànquốclầnthứmườiba")
    thai = "ประกาศกระทรวงสาธารณสุขเรื่องมาตรการป้องกันโรคติดต่อ"
    astronauts = "\U0001F469\u200d\U0001F680" * 20
    data = result()
    for document, title in zip(data["documents"], (vietnamese, thai, astronauts), strict=False):
        document["title"] = title
    path = tmp_path / "report.html"
    write_collection_html(data, path, text_of=TEXTS.get)
    body = path.read_text(encoding="utf-8").split("<body>", 1)[1]
    assert body.count("<wbr>") >= 3  # each title is broken somewhere
    for before, after in re.findall(r"(.)<wbr>(.)", body):
        assert not unicodedata.category(after).startswith("M"), (before, after)
        assert "\u200d" not in (before, after)
    for title in (vietnamese, thai, astronauts):
        assert title in html.unescape(body.replace("<wbr>", ""))


def test_the_summary_counts_the_undated_articles_beside_the_dates(tmp_path: Path) -> None:
    # "Dates: 2020-01-05 to 2020-04-30" read as every article's, when a third of them had
    # none (and are in no timeline's bars); a collection of one day read "X to X".
    data = result()
    data["documents"][2]["date"] = ""
    dated = sorted(d["date"] for d in data["documents"] if d["date"])
    said = f"{dated[0]} to {dated[-1]}; 1 article undated"
    assert row_starting(html_page(tmp_path, data), "Dates") == ["Dates", said]
    for document in data["documents"]:
        document["date"] = document["date"] and dated[0]
    one_day = f"{dated[0]}; 1 article undated"
    assert row_starting(html_page(tmp_path, data), "Dates") == ["Dates", one_day]
    path = tmp_path / "report.pdf"
    write_collection_pdf(data, path)
    assert one_day in " ".join(PdfReader(path).pages[0].extract_text().split())


def test_html_tables_keep_their_heads_in_view_and_on_every_printed_page(
        tmp_path: Path) -> None:
    # A thousand rows of pairs scrolled (or printed) past their heads: which figure was
    # "shared of A" and which "words" was no longer told. Heads in a <thead> are printed
    # again on every page a table runs over, and stick at the window's top.
    path = tmp_path / "report.html"
    write_collection_html(result(), path, text_of=TEXTS.get)
    raw = path.read_text(encoding="utf-8")
    tables = re.findall(r"<table[^>]*>(.*?)</table>", raw, re.S)
    headed = [table for table in tables if "<th>" in table]
    assert len(headed) == 5  # pairs, a cluster, formulations, boilerplate, skipped
    for table in headed:
        head, _, body = table.partition("</thead>")
        assert head.startswith("<thead>") and "<th>" not in body
    style = raw[raw.index("<style>"):raw.index("</style>")]
    assert re.search(r"thead th\{position:sticky;top:0\}", style)


def test_html_printed_keeps_each_row_and_a_pair_with_its_excerpt_on_one_page(
        tmp_path: Path) -> None:
    # Printed from a browser, a pair's row ran over two pages, or its excerpt went to the
    # next page alone; a cluster's heading stayed at a page's foot without its table.
    # WeasyPrint broke inside the first pair, under the table's head, as its <tbody> was
    # kept whole: it lays out a table's first group kept whole as on an empty page.
    path = tmp_path / "report.html"
    write_collection_html(result(), path, text_of=TEXTS.get)
    raw = path.read_text(encoding="utf-8")
    style = raw[raw.index("<style>"):raw.index("</style>")]
    # The print rules: what follows "@media print{" up to the brace closing it.
    printed = style[style.index("@media print{") + len("@media print{"):]
    rules = dict(re.findall(r"\s*([^{}]+)\{([^{}]*)\}", printed.partition("}}")[0] + "}"))
    kept_whole = {sel.strip() for sels, body in rules.items()
                  if "break-inside:avoid" in body for sel in sels.split(",")}
    kept_with_next = {sel.strip() for sels, body in rules.items()
                      if "break-after:avoid" in body for sel in sels.split(",")}
    assert "tr" in kept_whole and "tbody" not in kept_whole
    assert {"h2", "h3", ".pairs tbody>tr:first-child"} <= kept_with_next
    pairs = re.search(r'<table class="pairs">.*?</thead>(.*?)</table>', raw, re.S)
    assert pairs is not None
    groups = re.findall(r"<tbody>(.*?)</tbody>", pairs.group(1), re.S)
    assert "".join(f"<tbody>{g}</tbody>" for g in groups) == pairs.group(1)
    # One pair a group: its row, then its excerpt (or the pair it reads as).
    assert [len(re.findall(r"<tr>", g)) for g in groups] == [2, 2]
    assert [re.search(r'<td class="num">(\d+)</td>', g).group(1) for g in groups] == ["1", "2"]


def test_an_excerpt_parts_a_headline_from_its_story(tmp_path: Path) -> None:
    # A passage that starts at a headline (a story reprinted whole) was quoted on one line
    # with its paragraphs run together: "港口新闻渡船黎明出发", "Third story The ferry".
    stories = {"z1": ("港口新闻", "渡船黎明出发，中午带着邮件回来。"),
               # A line broken inside a paragraph stays one line.
               "d3": ("Third story", "The ferry left at dawn\nand came back.")}
    texts = dict(TEXTS, **{doc: f"{head}\n \n{story}" for doc, (head, story) in stories.items()})
    data = result()
    data["pairs"] = [{"a": doc, "b": "d1", "passages": [
        {"a": [0, len(texts[doc])], "b": [0, 5], "words": 9}], "shared_a": 1.0, "shared_b": 0.1}
        for doc in stories]
    path = tmp_path / "report.html"
    write_collection_html(data, path, text_of=texts.get)
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    excerpts = [row[-1] for row in page.rows if len(row) == 2 and row[-1].startswith("“")]
    assert excerpts == [f"“{head} ¶ {' '.join(story.split())}”"
                        for head, story in stories.values()]


def test_an_excerpt_parts_a_headline_from_its_story_under_one_line_break(
        tmp_path: Path) -> None:
    # Chinese JSON lines put a headline over its story with one line break, no blank
    # line: the reports quoted "港口新闻渡船黎明出发，……", one sentence. A line the text
    # wraps (lines of one width) still reads on, as does prose broken inside a sentence.
    story = "渡船黎明出发，中午带着邮件回来。港口的工人们说，今年的货运比去年多了三成。"
    wrapped = "码头上的新吊车已经开始使用，市政府决定明年再建两个泊位，以满足不断增长的需求。"
    lines = [wrapped[k:k + 12] for k in range(0, len(wrapped), 12)]
    broken = ("渡船黎明出发，中午带着邮件回来。港口的工\n"
              "人们说，今年的货运比去年多了三成，码头上的新吊车已经开始使用。")
    stories = {"z1": ("港口新闻", story), "z2": ("码头扩建", "\n".join(lines)),
               "z3": ("港口新闻二", broken),
               "d3": ("Third story", "The ferry left at dawn\nand came back.")}
    texts = dict(TEXTS, **{doc: f"{head}\n{body}" for doc, (head, body) in stories.items()})
    data = result()
    data["documents"] += [{"id": doc, "series": "s9", "chars": len(texts[doc])}
                          for doc in ("z2", "z3")]
    data["pairs"] = [{"a": doc, "b": "d1", "passages": [
        {"a": [0, len(texts[doc])], "b": [0, 5], "words": 9}], "shared_a": 1.0, "shared_b": 0.1}
        for doc in stories]
    data["clusters"] = [{"id": n, "first": doc, "passages": [
        {"doc": doc, "span": [0, len(texts[doc])]}, {"doc": "d1", "span": [0, 5]}]}
        for n, doc in enumerate(stories, 1)]
    expected = [f"{head} ¶ {' '.join(body.split()) if doc == 'd3' else ''.join(body.split())}"
                for doc, (head, body) in stories.items()]
    write_collection_html(data, tmp_path / "report.html", text_of=texts.get)
    page = Page()
    page.feed((tmp_path / "report.html").read_text(encoding="utf-8"))
    quoted = [row[-1] for row in page.rows if len(row) == 2 and row[-1].startswith("“")]
    assert quoted == [f"“{line}”" for line in expected]
    in_clusters = [row[-1] for row in page.rows if len(row) == 5 and row[1].split()[-1] in stories]
    assert sorted(in_clusters) == sorted(expected)  # clusters go by date and id
    path = tmp_path / "report.pdf"
    write_collection_pdf(data, path, text_of=texts.get)
    text = "".join(pdf_text(path).split())
    for line in expected:
        assert text.count("".join(line.split())) == 2  # under its pair and in its cluster


def test_html_excerpts_slant_no_chinese(tmp_path: Path) -> None:
    # Quoted passages are in italics; Chinese fonts have none, and the browser slanted the
    # Han characters of a Chinese collection's every excerpt to make some up.
    page = html_page(tmp_path)
    excerpts = [attrs for tag, attrs in page.elements
                if tag == "td" and "excerpt" in (attrs.get("class") or "").split()]
    assert excerpts  # the pairs' and the cluster's
    raw = (tmp_path / "report.html").read_text(encoding="utf-8")
    style = raw[raw.index("<style>"):raw.index("</style>")]
    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", style)
    slanted = [body for selectors, body in rules
               if ".excerpt" in selectors.split() and "italic" in body]
    assert slanted
    for body in slanted:
        assert "font-synthesis:none" in body.replace(" ", "")


def font_style(style: str, classes: set[str]) -> str:
    """The font-style the rules of `style` made of class selectors alone (".a.b") give an
    element of `classes`: the most specific, then the last, wins; "" for none."""
    found: list[tuple[int, int, str]] = []
    for order, (selectors, body) in enumerate(re.findall(r"([^{}]+)\{([^{}]*)\}", style)):
        value = re.search(r"font-style:\s*([\w-]+)", body)
        for selector in selectors.split(","):
            wanted = selector.strip().split(".")
            if value and wanted[0] == "" and set(wanted[1:]) <= classes:
                found.append((len(wanted) - 1, order, value.group(1)))
    return max(found)[2] if found else ""


def test_html_excerpts_of_chinese_slant_none_of_their_digits(tmp_path: Path) -> None:
    # A Chinese collection's excerpts were upright but for their digits and Latin words,
    # slanted in the middle of a sentence: "岭南快报，/2019-04-01/）", "/64.3%/，/1997/年".
    texts = dict(TEXTS, z1="港口新闻。渡船2020年1月5日黎明出发，中午带着64.3%的邮件回来。")
    data = result()
    data["pairs"].append({"a": "z1", "b": "d1", "shared_a": 1.0, "shared_b": 0.1, "passages": [
        {"a": [5, len(texts["z1"])], "b": [0, 5], "words": 9}]})
    data["clusters"].append({"id": 8, "first": "z1", "passages": [
        {"doc": "z1", "span": [5, len(texts["z1"])]}, {"doc": "d3", "span": [13, 47]}]})
    path = tmp_path / "report.html"
    write_collection_html(data, path, text_of=texts.get)
    raw = path.read_text(encoding="utf-8")
    style = raw[raw.index("<style>"):raw.index("</style>")]
    style = style[:style.index("@media")]  # the screen's rules, not the dark or print ones
    cells = re.findall(r'<td[^>]* class="([^"]*excerpt[^"]*)">(.*?)</td>', raw)
    chinese = [classes for classes, text in cells if "渡船" in text]
    english = [classes for classes, text in cells if "ferry" in text]
    assert len(chinese) == 2 and english  # under its pair and in its cluster
    for classes in chinese:
        assert font_style(style, set(classes.split())) == "normal"
    for classes in english:
        assert font_style(style, set(classes.split())) == "italic"


def test_html_cluster_tables_line_their_columns_up(tmp_path: Path) -> None:
    # Each cluster is a table of its own, and each was sized to its own titles and
    # passages: the date, series and passage columns stood elsewhere in every cluster.
    data = result()
    data["clusters"].append({"id": 8, "first": "z1", "passages": [
        {"doc": "z1", "span": [0, 4]}, {"doc": "d3", "span": [0, 5]}]})
    page = html_page(tmp_path, data)
    tables = [attrs for tag, attrs in page.elements if tag == "table"
              and "cluster" in (attrs.get("class") or "").split()]
    assert len(tables) == 2
    heads = [row for row in page.rows if row[:2] == ["date", "article"]]
    assert len(heads) == 2 and heads[0] == heads[1]
    raw = (tmp_path / "report.html").read_text(encoding="utf-8")
    style = raw[raw.index("<style>"):raw.index("</style>")]
    rules = {selector.strip(): body for selector, body in
             re.findall(r"([^{}]+)\{([^{}]*)\}", style)}
    # Laid out by the widths of the head, the same in every cluster, not by the contents.
    assert "table-layout:fixed" in rules.get("table.cluster", "")
    widths = [rules.get(f"table.cluster th:nth-child({k})", "") for k in
              range(1, len(heads[0]) + 1)]
    assert all("width:" in body for body in widths[:-1])  # the passage takes the rest
    assert "width:" not in widths[-1]


#: What an HTML document may not hold (the HTML standard's parse errors
#: "control-character-in-input-stream", "noncharacter-in-input-stream", and surrogates,
#: which UTF-8 cannot encode).
NOT_IN_HTML = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
                         + "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}"
                                   for plane in range(0, 0x110000, 0x10000)) + "]")


def test_html_holds_no_control_character_of_the_articles(tmp_path: Path) -> None:
    # JSON lines (OCR'd text above all) carry control characters in the text, and so in
    # titles and quoted passages, and in series names: the page shows each as U+FFFD.
    data = result()
    odd = "\x01\x1b\x7f\x9f\ufdd0\U0010ffff"
    data["documents"][0]["title"] = f"Harbour{odd} news"
    data["documents"][1]["series"] = f"s{odd}2"
    data["boilerplate"][0]["text"] = f"Editor{odd} in charge"
    texts = dict(TEXTS, d1=TEXTS["d1"][:20] + "\x02" + TEXTS["d1"][21:])
    path = tmp_path / "report.html"
    write_collection_html(data, path, text_of=texts.get)
    page = path.read_text(encoding="utf-8")
    assert NOT_IN_HTML.findall(page) == []
    for shown in ("Harbour\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd news", "s" + "\ufffd" * 6 + "2",
                  "Editor" + "\ufffd" * 6 + " in charge", TEXTS["d1"][14:20] + "\ufffd"):
        assert shown in page


def test_html_says_when_a_list_is_cut(tmp_path: Path) -> None:
    page = html_page(tmp_path, limits=Limits(pairs=1, clusters=1, formulations=1, skipped=1))
    pair_rows = [r for r in page.rows if len(r) == 8 and r[0].isdigit()]
    assert [r[0] for r in pair_rows] == ["1"]
    raw = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Showing the first 1 of 2 pairs" in raw
    assert "Showing the first 1 of 3 formulations" in raw


def test_an_empty_collection_result_still_reads(tmp_path: Path) -> None:
    data = result()
    for key in ("pairs", "clusters", "formulations", "boilerplate", "skipped"):
        data[key] = []
    html_page(tmp_path, data)
    raw = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "No two articles share a passage." in raw
    assert "Every file and line was read." in raw
    write_collection_pdf(data, tmp_path / "empty.pdf")
    text = pdf_text(tmp_path / "empty.pdf")
    assert "No formulation recurs across the articles." in text


def test_formulations_left_out_are_said_left_out_not_none_recurring(tmp_path: Path) -> None:
    # A run with --no-formulations has an empty list too: the reports said "Formulations 0"
    # and "No formulation recurs across the articles", a finding nobody looked for.
    data = result()
    data["formulations"] = []
    data["formulations_left_out"] = True
    page = html_page(tmp_path, data)
    raw = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "No formulation recurs" not in raw
    assert "Formulations were left out (--no-formulations)" in raw
    assert row_starting(page, "Formulations") == ["Formulations",
                                                  "left out (--no-formulations)"]
    write_collection_pdf(data, tmp_path / "left-out.pdf")
    text = " ".join(pdf_text(tmp_path / "left-out.pdf").split())
    assert "No formulation recurs" not in text
    assert "Formulations were left out (--no-formulations)" in text
    assert text.count("left out (--no-formulations)") == 2  # the summary's figure too


@pytest.mark.parametrize("change, message", [
    ({"kind": "comparison"}, "not a collection result"),
    ({"version": 2}, "version 2 is not supported"),
    ({"pairs": {"a": 1}}, '"pairs" is not a list'),
])
def test_a_result_of_another_kind_is_refused(tmp_path: Path, change: dict[str, Any],
                                             message: str) -> None:
    data = result() | change
    with pytest.raises(ReportError, match=message):
        write_collection_html(data, tmp_path / "r.html")
    with pytest.raises(ReportError, match=message):
        write_collection_pdf(data, tmp_path / "r.pdf")
    assert list(tmp_path.iterdir()) == []


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_pdf_has_the_same_content_and_chinese_extracts(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    write_collection_pdf(result(), path, name="Harbour set", text_of=TEXTS.get)
    text = flat(pdf_text(path))
    for expected in ("Tandem collection report: Harbour set", "Pairs sharing passages (2)",
                     "78.0%", "41.0%", "A → B", "B → A", "Cluster 7: 3 articles, source d1",
                      "left at dawn", "also: left at first light",
                     "渡船黎明出发", "人民日报", "Copyright © The Sentinel", HOSTILE,
                     "is a JPEG image, not an article", TEXTS["d1"][slice(*PASSAGE_D1)]):
        assert expected in text, expected
    # A pair's passage count stays on one line under its words (not "2" over "passages").
    assert any("2 passages" in line for line in pdf_text(path).splitlines())
    # Text comes out column by column, so rows are told apart by their height on the page.
    reader = PdfReader(path)
    page = next(p for p in reader.pages if "Cluster 7" in p.extract_text())
    placed: list[tuple[str, float]] = []
    page.extract_text(visitor_text=lambda text, cm, tm, font, size: placed.append(
        (text.strip(), round(tm[5], 1))))
    # The cluster's rows in date order, top to bottom (only they show a date alone).
    heights = {text: y for text, y in placed if re.fullmatch(r"\d{4}-\d\d-\d\d", text)}
    assert heights["2020-01-05"] > heights["2020-02-01"] > heights["2020-03-09"]
    # "source" stands on the row of the cluster's first article, and on no other.
    [source_y] = [y for text, y in placed if text == "source"]
    on_row = {text for text, y in placed if y == source_y}
    assert {"2020-01-05", "Harbour news (d1)", "s1", "58"} <= on_row
    assert reader.metadata is not None and reader.metadata.title == (
        "Tandem collection report: Harbour set")


def _bar_heights(path: Path) -> list[float]:
    """The heights of the timeline bars a collection PDF draws: its filled rectangles in
    the chart colour, in order."""
    content = b"".join(page.get_contents().get_data() for page in PdfReader(path).pages)
    # Each filled rectangle is drawn after setting its colour: "r g b rg n x y w h re f*".
    fills = re.findall(rb"([\d.]+ [\d.]+ [\d.]+) rg\s+n?\s*[-\d.]+ [-\d.]+ [-\d.]+ "
                       rb"([\d.]+) re f", content)
    bar = " ".join(fp_str(int(CHART_BAR["light"][k:k + 2], 16) / 255)
                   for k in (1, 3, 5)).encode()
    return [float(height) for colour, height in fills if colour == bar]


def test_pdf_draws_one_bar_per_month_with_uses(tmp_path: Path) -> None:
    """The timeline bars are filled rectangles in the chart colour: count them."""
    data = result()
    data["formulations"] = data["formulations"][:1]
    path = tmp_path / "one.pdf"
    write_collection_pdf(data, path)
    heights = _bar_heights(path)
    assert len(heights) == 3  # January, February, March 2020; April has no use
    assert heights[2] == pytest.approx(2 * heights[0]) and heights[0] == heights[1]


def test_writes_are_atomic_and_cancellable(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"the good old report")
    with pytest.raises(Cancelled):
        write_collection_pdf(result(), target, is_cancelled=lambda: True)
    with pytest.raises(Cancelled):
        write_collection_html(result(), tmp_path / "report.html", is_cancelled=lambda: True)
    assert target.read_bytes() == b"the good old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]
    for writer in (write_collection_html, write_collection_pdf):
        with pytest.raises(LoadError, match="cannot be written"):
            writer(result(), tmp_path / "no such folder" / "r.out")


def test_the_result_is_not_changed(tmp_path: Path) -> None:
    data = result()
    before = copy.deepcopy(data)
    write_collection_html(data, tmp_path / "r.html")
    write_collection_pdf(data, tmp_path / "r.pdf")
    assert data == before


def test_timelines_say_how_many_uses_are_undated(tmp_path: Path) -> None:
    data = result()
    data["formulations"][0]["count"] = 9  # five uses in undated articles
    data["formulations"][1]["per_month"] = {}  # every use undated
    page = html_page(tmp_path, data)
    charts = [row[-1] for row in page.rows if len(row) == 6 and row[0] in ("1", "2")]
    assert charts[0].endswith("and 5 undated") and charts[1] == "no dates"
    assert sum(tag == "svg" for tag, _ in page.elements) == 2
    path = tmp_path / "r.pdf"
    write_collection_pdf(data, path)
    text = " ".join("".join(page.extract_text() for page in PdfReader(path).pages).split())
    assert "peak 2, 5 undated" in text and "no dates" in text


@pytest.mark.parametrize(("dates", "why"), [
    ({"d1": "", "d2": "", "d3": ""}, "undated"),
    ({"d3": "2020-01-05"}, "its first articles of one day"),
    ({"d2": ""}, "1 of its articles undated, maybe earlier"),
], ids=["undated", "same-day", "one-undated"])
def test_a_cluster_has_a_source_only_where_the_dates_tell_one(
        tmp_path: Path, dates: dict[str, str], why: str) -> None:
    # The cluster's first article is its source when it is dated before every other that
    # carries the text; undated, or of the day of another, which copied which is unknown.
    data = result()
    for doc in data["documents"]:
        doc["date"] = dates.get(doc["id"], doc["date"])
    page = html_page(tmp_path, data)
    raw = (tmp_path / "report.html").read_text(encoding="utf-8")
    # Which it is, said: "undated, or of one day" left a reader taking a cluster of two
    # dated articles and one undated for an undated one.
    assert f"Cluster 7: 3 articles, no source told by the dates ({why})" in html.unescape(raw)
    assert not [r for r in page.rows if len(r) == 5 and r[1].endswith("source")]
    path = tmp_path / "r.pdf"
    write_collection_pdf(data, path)
    text = flat(pdf_text(path))
    assert "Cluster 7: 3 articles, no source told by the dates" in text
    assert "source d1" not in text


def test_a_formulation_whose_uses_are_all_undated_names_no_first_article(
        tmp_path: Path) -> None:
    # Undated, the store's "first" is the lowest id: the formulations showed it as "first
    # seen", above clusters of the same articles that say no source is told by the dates.
    data = result()
    for doc in data["documents"]:
        doc["date"] = ""
    for formulation in data["formulations"]:
        formulation["first"]["date"] = ""
        formulation["per_month"] = {}
    page = html_page(tmp_path, data)
    formulations = [row for row in page.rows if len(row) == 6 and row[0].isdigit()]
    assert len(formulations) == len(data["formulations"])
    assert {row[4] for row in formulations} == {"all uses undated"}
    path = tmp_path / "r.pdf"
    write_collection_pdf(data, path)
    assert flat(pdf_text(path)).count("all uses undated") == 3
    # A formulation first used in a dated article still names it, with its date.
    data["documents"][0]["date"] = data["formulations"][0]["first"]["date"] = "2020-01-05"
    page = html_page(tmp_path, data)
    first_seen = [row[4] for row in page.rows if len(row) == 6 and row[0].isdigit()]
    assert first_seen == ["Harbour news d1 2020-01-05 · s1", *["all uses undated"] * 2]


def test_a_first_seen_with_undated_articles_using_it_says_they_may_be_earlier(
        tmp_path: Path) -> None:
    # In a partly dated collection the first dated use was given as "first seen" with no
    # word of the undated articles using the phrase: any of them may be the earlier.
    data = result()
    data["documents"].append({"id": "u1", "path": "a/u1.txt", "series": "s1", "date": "",
                              "chars": len(TEXTS["d1"])})
    data["documents"].append({"id": "u2", "path": "a/u2.txt", "series": "s1", "date": "",
                              "chars": len(TEXTS["d1"])})
    data["formulations"][0]["occurrences"] += [{"doc": "u1", "spans": [[25, 37]]},
                                               {"doc": "u2", "spans": [[25, 37]]}]
    page = html_page(tmp_path, data)
    first_seen = [row[4] for row in page.rows if len(row) == 6 and row[0].isdigit()]
    assert first_seen[0] == ("Harbour news d1 2020-01-05 · s1 "
                             "2 undated articles may be earlier")
    # Every use of the others is dated: their first is the first.
    assert not any("undated" in cell for cell in first_seen[1:])
    path = tmp_path / "r.pdf"
    write_collection_pdf(data, path)
    assert flat(pdf_text(path)).count("2 undated articles may be earlier") == 1


def test_a_pdf_section_heading_stays_on_the_page_of_its_first_row(tmp_path: Path) -> None:
    # The formulations table grows a row at a time, so the sections after it start at every
    # height of a page in turn, the foot included: each heading keeps its first row.
    data = result()
    template = data["formulations"][0]
    data["watched"] = [{**template, "phrase": "a watched phrase of our own", "variants": []}]
    path = tmp_path / "report.pdf"
    firsts = {"Watched phrases": "a watched phrase of our own",
              "Boilerplate": "Editor in charge: Wang Lin",
              "Skipped files and notes": "is a JPEG image, not an article"}
    checked = 0
    for count in range(1, 40):
        data["formulations"] = [{**template, "phrase": f"formulation number {k}"}
                                for k in range(count)]
        write_collection_pdf(data, path, name="Harbour set", text_of=TEXTS.get)
        pages = [flat(page.extract_text()) for page in PdfReader(path).pages]
        for heading, first in firsts.items():
            [page] = [p for p in pages if f"{heading} (" in p]
            assert first in page, (count, heading)
            checked += 1
    assert checked == 117


def test_a_cluster_counts_its_articles_as_the_window_does(tmp_path: Path) -> None:
    # The window's Clusters tab counts the articles that carry the text; so do the reports,
    # and they say so where an article carries it twice.
    twice = copy.deepcopy(result())
    cluster = twice["clusters"][0]
    cluster["passages"].append({"doc": "d2", "span": [0, 20]})
    for data, said in ((result(), "Cluster 7: 3 articles,"),
                       (twice, "Cluster 7: 4 passages in 3 articles,")):
        html_page(tmp_path, data)
        text = re.sub(r"<[^>]+>", "", (tmp_path / "report.html").read_text(encoding="utf-8"))
        assert said in html.unescape(text)
        target = tmp_path / "r.pdf"
        write_collection_pdf(data, str(target), text_of=TEXTS.__getitem__)
        assert said in flat(pdf_text(target))


def test_pdf_keeps_a_table_title_with_its_heads_and_first_row(tmp_path: Path) -> None:
    # A first row of a few lines goes whole to the next page: its section's title and
    # heads must go with it, wherever on the page the section starts.
    line = "Reprinted with permission " + " ".join(["of the harbour board"] * 10)
    moved = 0
    for extra in range(14):
        data = result()
        data["formulations"] += [dict(data["formulations"][0], phrase=f"phrase {k}",
                                      variants=[]) for k in range(extra)]
        for k, entry in enumerate(data["boilerplate"]):
            entry["text"] = f"{line} {k}"
        path = tmp_path / f"report{extra}.pdf"
        write_collection_pdf(data, path, text_of=TEXTS.get)
        pages = [flat(page.extract_text()) for page in PdfReader(path).pages]
        [titled] = [k for k, text in enumerate(pages) if "Boilerplate (" in text]
        assert "Reprinted with permission" in pages[titled], extra
        moved += titled > 0 and "Reprinted" not in pages[titled - 1]
    assert moved  # some starts fell near a page's foot


def test_html_cells_read_a_hebrew_title_right_to_left(tmp_path: Path) -> None:
    # Every cell was a left-to-right paragraph: a Hebrew or Arabic title stood at the left
    # edge with its closing punctuation at its right end, where it begins.
    data = result()
    data["documents"][0]["title"] = "כל בני האדם נולדו בני חורין."
    path = tmp_path / "report.html"
    write_collection_html(data, path, text_of=TEXTS.get)
    raw = path.read_text(encoding="utf-8")
    assert "כל בני האדם נולדו בני חורין." in raw
    style = raw[raw.index("<style>"):raw.index("</style>")]
    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", style.split("@media")[0])
    declarations = ";".join(body.replace(" ", "").replace("\n", "") for selector, body in rules
                            if "td" in re.split(r"[\s,]+", selector.strip()))
    assert "unicode-bidi:plaintext" in declarations
    assert "text-align:start" in declarations and "text-align:left" not in declarations


def test_a_pdf_of_a_collection_of_one_month_draws_a_bar_per_day_with_uses(
        tmp_path: Path) -> None:
    data = result()
    for doc, day in zip(data["documents"], ("2020-03-02", "2020-03-09", "2020-03-05",
                                            "2020-03-30"), strict=True):
        doc["date"] = day
    item = data["formulations"][0]
    item["occurrences"] = [{"doc": "d1", "spans": [[25, 37]]},
                           {"doc": "d2", "spans": [[30, 42], [90, 102]]},
                           {"doc": "d3", "spans": [[22, 34]]}]
    item["per_month"] = {"2020-03": item["count"]}
    data["formulations"] = [item]
    path = tmp_path / "march.pdf"
    write_collection_pdf(data, path)
    heights = _bar_heights(path)
    # One bar for each of the three days with uses, d2's two uses twice as tall.
    assert len(heights) == len(item["occurrences"])
    assert heights[2] == pytest.approx(2 * heights[0]) and heights[0] == heights[1]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("first_day, last_day", [
    ("2020-03-01", "2020-03-28"),
    # Across a new year both days keep their years: the labels ran into one another.
    ("2019-12-15", "2020-03-10")])
def test_a_pdf_day_timelines_labels_stay_apart_with_many_undated_uses(
        tmp_path: Path, first_day: str, last_day: str) -> None:
    data = result()
    data["documents"][0]["date"], data["documents"][1]["date"] = first_day, last_day
    data["documents"][2]["date"], data["documents"][3]["date"] = "", last_day
    peak, undated = 2000, 12345
    per_month = collections.Counter({first_day[:7]: peak})
    per_month[last_day[:7]] += 1
    data["formulations"] = [{
        "phrase": "left at dawn", "variants": [], "documents": 3, "count": peak + 1 + undated,
        "first": {"doc": "d1", "date": first_day}, "per_month": dict(per_month),
        "occurrences": [{"doc": "d1", "spans": [[k, k + 1] for k in range(peak)]},
                        {"doc": "d2", "spans": [[0, 1]]},
                        {"doc": "d3", "spans": [[k, k + 1] for k in range(undated)]}]}]
    path = tmp_path / "march.pdf"
    write_collection_pdf(data, path)
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True,
                           capture_output=True, text=True).stdout
    words = [(float(x0), float(x1), float(y0), html.unescape(word)) for x0, y0, x1, word in
             re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                        r'yMax="[\d.]+">([^<]*)</word>', boxes)]
    [axis_y] = {y for _, _, y, word in words if word == "peak"}
    axis = sorted((x0, x1, word) for x0, x1, y, word in words if y == axis_y)
    assert " ".join(word for _, _, word in axis).startswith(f"{first_day} peak {peak}, "
                                                            f"{undated:,} undated")
    # Each word ends before the next begins: none is drawn over another.
    assert all(x1 < next_x0 for (_, x1, _), (next_x0, _, _) in itertools.pairwise(axis))


def test_characters_the_pdf_draws_as_boxes_are_named_on_its_title_page(tmp_path: Path) -> None:
    # The two-text report said so; the collection report, in the same fonts, drew an
    # article titled in Devanagari, or a formulation with an emoji, as boxes silently.
    # An emoji of Unicode 14 (melting face), later than the emoji font's.
    devanagari, melting = "\u0928\u092e\u0938\u094d\u0924\u0947", "\U0001fae0"
    data = result()
    data["documents"][0]["title"] = f"{devanagari} Harbour news"
    data["formulations"][0]["phrase"] = f"left at dawn {melting}"
    # In an article's text but nowhere drawn (no passage quotes it): not counted.
    unseen = "\u0915"
    texts = dict(TEXTS, d3=TEXTS["d3"] + f" {unseen}")
    path = tmp_path / "boxes.pdf"
    note = write_collection_pdf(data, path, name="Harbour set", text_of=texts.get)
    boxed = set(devanagari)
    assert note.startswith(f"{len(boxed)} characters of the texts (")
    assert all(f"U+{ord(ch):04X}" in note for ch in boxed)
    assert f"U+{ord(unseen):04X}" not in note and "show as empty boxes" in note
    # The emoji stands in a frame (as in the two-text report), said apart.
    assert f"1 emoji (U+{ord(melting):04X}) has no glyph" in note and "in a frame" in note
    assert flat(note) in flat(PdfReader(path).pages[0].extract_text())
    # Fonts that draw every character: nothing to say.
    assert write_collection_pdf(result(), tmp_path / "drawn.pdf", text_of=TEXTS.get) == ""


def test_a_story_run_word_for_word_by_many_articles_shows_its_text_once(
        tmp_path: Path) -> None:
    # A wire story carried by hundreds of articles repeated its excerpt on every row of its
    # cluster: 34 pages of one paragraph on paper. Each text is shown once; a row reading
    # the same as one above names it.
    story = "The harbour board met on Monday and agreed to dredge the northern channel."
    texts = {"src": story, **{f"copy{k}": "\n" + story.replace(" ", "  ") for k in range(6)},
             "edited": story.replace("Monday", "Tuesday")}
    data = {"version": 1, "kind": "collection",
            "documents": [{"id": ident, "series": "s1", "chars": len(text),
                           "date": "2020-01-01" if ident == "src" else "2020-01-02"}
                          for ident, text in texts.items()],
            "pairs": [], "formulations": [], "boilerplate": [],
            "clusters": [{"id": 1, "first": "src", "passages": [
                {"doc": ident, "span": [len(text) - len(text.lstrip()), len(text)]}
                for ident, text in texts.items()]}]}
    page = Page()
    write_collection_html(data, tmp_path / "r.html", text_of=texts.get)
    page.feed((tmp_path / "r.html").read_text(encoding="utf-8"))
    passages = {row[1].split()[0]: row[-1] for row in page.rows if len(row) == 5
                and row[0] != "date"}
    assert passages.pop("src") == story
    assert passages.pop("edited") == texts["edited"]
    assert passages == {f"copy{k}": "the same text as src" for k in range(6)}
    path = tmp_path / "r.pdf"
    write_collection_pdf(data, path, text_of=texts.get)
    text = flat(pdf_text(path))
    assert text.count("the same text as src") == 6
    assert text.count("dredge the northern channel") == 2


def test_a_story_paired_with_many_copies_shows_its_text_once_among_the_pairs(
        tmp_path: Path) -> None:
    # Its source paired with each of hundreds of copies printed the same excerpt under
    # every pair: fifty pages of one paragraph. A pair whose passage reads the same as one
    # above names that pair instead.
    story = "The harbour board met on Monday and agreed to dredge the northern channel."
    texts = {"src": story, **{f"copy{k}": "\n" + story.replace(" ", "  ") for k in range(6)},
             "edited": story.replace("Monday", "Tuesday")}

    def whole(ident: str) -> list[int]:
        text = texts[ident]
        return [len(text) - len(text.lstrip()), len(text)]

    pairs = [("src", f"copy{k}") for k in range(6)] + [("copy0", "edited"), ("edited", "src")]
    data = {"version": 1, "kind": "collection",
            "documents": [{"id": ident, "series": "s1", "chars": len(text), "date": "2020-01-01"}
                          for ident, text in texts.items()],
            "pairs": [{"a": a, "b": b, "shared_a": 1.0, "shared_b": 1.0,
                       "passages": [{"a": whole(a), "b": whole(b), "words": 13}]}
                      for a, b in pairs],
            "clusters": [], "formulations": [], "boilerplate": []}
    page = Page()
    write_collection_html(data, tmp_path / "r.html", text_of=texts.get)
    page.feed((tmp_path / "r.html").read_text(encoding="utf-8"))
    under = [row[1] for row in page.rows if len(row) == 2 and not row[0]]
    assert under == [f"“{story}”", *["the same text as pair 1"] * 6, f"“{texts['edited']}”"]
    path = tmp_path / "r.pdf"
    write_collection_pdf(data, path, text_of=texts.get)
    text = flat(pdf_text(path))
    assert text.count("the same text as pair 1") == 6
    assert text.count("dredge the northern channel") == 2


def test_a_story_run_by_thousands_of_articles_prints_a_few_pages_of_them(
        tmp_path: Path) -> None:
    # The PDF's limit counted clusters, not their articles: one story copied into 10,000
    # articles printed every one of them, a thousand pages. It prints the first few in date
    # order and says how many more the HTML report and the JSON list.
    story = "The harbour board met on Monday and agreed to dredge the northern channel."
    copies = 400
    ids = [f"copy{k:04d}" for k in range(copies)]
    texts = {ident: f"{ident}. {story}" for ident in ids}
    data = {"version": 1, "kind": "collection",
            "documents": [{"id": ident, "series": f"s{k % 5}", "chars": len(texts[ident]),
                           "date": f"{2000 + k // 300}-{1 + k // 25 % 12:02d}-{1 + k % 25:02d}"}
                          for k, ident in enumerate(ids)],
            "pairs": [], "formulations": [], "boilerplate": [],
            "clusters": [{"id": 1, "first": ids[0], "passages": [
                {"doc": ident, "span": [len(ident) + 2, len(texts[ident])]}
                for ident in reversed(ids)]}]}
    path = tmp_path / "r.pdf"
    write_collection_pdf(data, path, text_of=texts.get)
    text = flat(pdf_text(path))
    assert f"Cluster 1: {copies:,} articles, source copy0000" in text
    listed = sorted(set(re.findall(r"copy\d{4}", text.split("Cluster 1:")[1])))
    shown = len(listed)
    assert 0 < shown < copies / 4 and listed == ids[:shown]
    assert (f"Showing the first {shown:,} of the cluster's {copies:,} passages; the HTML "
            "report and the JSON result list them all.") in text
    # As many pages as a cluster of the articles shown alone, not one per few dozen more.
    alone = copy.deepcopy(data)
    alone["clusters"][0]["passages"] = alone["clusters"][0]["passages"][-shown:]
    write_collection_pdf(alone, tmp_path / "alone.pdf", text_of=texts.get)
    assert len(PdfReader(path).pages) == len(PdfReader(tmp_path / "alone.pdf").pages)
    # The HTML report lists every one.
    page = Page()
    write_collection_html(data, tmp_path / "r.html", text_of=texts.get)
    page.feed((tmp_path / "r.html").read_text(encoding="utf-8"))
    assert sorted(row[1].split()[0] for row in page.rows
                  if len(row) == 5 and row[0] != "date") == ids
    assert "Showing the first" not in (tmp_path / "r.html").read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_a_collection_of_one_day_names_that_day_once_under_its_timelines(
        tmp_path: Path) -> None:
    # Every article of one day: each timeline is that day's bar, and its axis named the
    # day twice, as its first and its last ("2020-01-05 peak 4 2020-01-05").
    day = "2020-01-05"
    data = result()
    for doc in data["documents"]:
        doc["date"] = day
    item = data["formulations"][0]
    item["occurrences"] = [{"doc": "d1", "spans": [[25, 37]]},
                           {"doc": "d2", "spans": [[30, 42]]},
                           {"doc": "d3", "spans": [[22, 34], [40, 45]]}]
    item["per_month"] = {day[:7]: item["count"]}
    data["formulations"] = [item]
    uses = str(item["count"])
    path = tmp_path / "one-day.pdf"
    write_collection_pdf(data, path)
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True,
                           capture_output=True, text=True).stdout
    words = re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" '
                       r'yMax="[\d.]+">([^<]*)</word>', boxes)
    [axis_y] = {y for y, word in words if word == "peak"}
    assert [word for y, word in words if y == axis_y] == [day, "peak", uses]
    page = html_page(tmp_path, data)
    [chart] = [attrs for tag, attrs in page.elements if tag == "svg"]
    assert chart["aria-label"] == f"uses per day, {day}, at most {uses}"
    raw = (tmp_path / "report.html").read_text(encoding="utf-8")
    [axis] = re.findall(r'<div class="axis">(.*?)</div>', raw)
    assert re.findall(r"<span>([^<]*)</span>", axis) == [day, f"peak {uses}"]


def _many_pairs(count: int) -> tuple[dict[str, Any], dict[str, str]]:
    """A result of `count` pairs, strongest first, each of two articles of its own story."""
    texts, documents, pairs = {}, [], []
    for k in range(count):
        story = f"Story {k} of the harbour board: the northern channel is dredged in May."
        for side in "ab":
            ident = f"p{k:04d}{side}"
            texts[ident] = f"Paper {side}, page {k}. {story}"
            documents.append({"id": ident, "series": side, "date": f"2021-01-0{1 + (side == 'b')}",
                              "chars": len(texts[ident])})
        start = len(f"Paper a, page {k}. ")
        pairs.append({"a": f"p{k:04d}a", "b": f"p{k:04d}b",
                      "passages": [{"a": [start, start + len(story)],
                                    "b": [start, start + len(story)], "words": 13}],
                      "shared_a": round(0.9 - k / (2 * count), 4),
                      "shared_b": round(0.9 - k / (2 * count), 4)})
    return ({"version": 1, "kind": "collection", "documents": documents, "pairs": pairs,
             "clusters": [], "formulations": [], "boilerplate": []}, texts)


def test_a_thousand_pairs_print_the_strongest_and_say_where_the_rest_are(
        tmp_path: Path) -> None:
    # A collection of 1,000 reusing pairs printed every one: 150 pages of pairs before the
    # clusters. The PDF prints the strongest few dozen pages of them and says how many more
    # there are and where; the HTML report lists them all.
    total = 1000
    data, texts = _many_pairs(total)
    path = tmp_path / "pairs.pdf"
    write_collection_pdf(data, path, text_of=texts.get)
    text = flat(pdf_text(path))
    # The first pairs of the ranking, in its order.
    listed = re.findall(r"p(\d{4})a", text)
    shown = len(listed)
    assert 0 < shown < total and listed == [f"{k:04d}" for k in range(shown)]
    assert (f"Showing the first {shown:,} of {total:,} pairs; the HTML report and the JSON "
            "result list them all.") in text
    assert len(PdfReader(path).pages) <= 40
    page = Page()
    write_collection_html(data, tmp_path / "pairs.html", text_of=texts.get)
    page.feed((tmp_path / "pairs.html").read_text(encoding="utf-8"))
    assert len([r for r in page.rows if len(r) == 8 and r[0].isdigit()]) == total


def _many_clusters(count: int) -> tuple[dict[str, Any], dict[str, str], list[str]]:
    """A result of `count` clusters in date order, each of a story of its own under long
    titles: every tenth carried by five articles, the rest by two. Returns it, the texts
    and the clusters' ids as a reader wants them: most articles first, earliest first."""
    texts, documents, clusters = {}, [], []
    for k in range(count):
        story = (f"Story {k} of the harbour board: the northern channel is dredged in May "
                 "and the ferries keep to the southern one until the work is done.")
        carried = 5 if k % 10 == 0 else 2
        passages = []
        for copy_number in range(carried):
            ident = f"c{k:04d}n{copy_number}"
            texts[ident] = f"Paper {copy_number}, page {k}. {story}"
            documents.append({
                "id": ident, "series": f"s{copy_number}", "chars": len(texts[ident]),
                "date": f"{2000 + k // 28:04d}-01-{1 + k % 28:02d}",
                "title": f"The harbour board's long report on dredging, number {k}, as "
                         f"paper {copy_number} printed it on its front page"})
            start = len(texts[ident]) - len(story)
            passages.append({"doc": ident, "span": [start, len(texts[ident])]})
        clusters.append({"id": k + 1, "first": passages[0]["doc"], "passages": passages})
    # A later day for the copies, so each cluster's source is told by the dates.
    for doc in documents:
        if not doc["id"].endswith("n0"):
            doc["date"] = doc["date"][:5] + "02" + doc["date"][7:]
    wanted = ([str(k + 1) for k in range(0, count, 10)]
              + [str(k + 1) for k in range(count) if k % 10])
    return ({"version": 1, "kind": "collection", "documents": documents, "pairs": [],
             "clusters": clusters, "formulations": [], "boilerplate": []}, texts, wanted)


def test_hundreds_of_clusters_print_those_of_most_articles_and_say_where_the_rest_are(
        tmp_path: Path) -> None:
    # 300 clusters under long titles printed every one in date order: some 85 pages, the
    # stories most articles carried lost among them. The PDF prints those carried by the
    # most articles (the earliest first among equals), a few dozen pages, and says where
    # the rest are; the HTML report lists them all, in the same order.
    total = 300
    data, texts, wanted = _many_clusters(total)
    path = tmp_path / "clusters.pdf"
    write_collection_pdf(data, path, text_of=texts.get)
    text = flat(pdf_text(path))
    listed = re.findall(r"Cluster (\d+):", text)
    shown = len(listed)
    assert 0 < shown < total and listed == wanted[:shown]
    assert (f"Showing the first {shown:,} of {total:,} clusters; the HTML report and the "
            "JSON result list them all.") in text
    assert len(PdfReader(path).pages) <= 40
    write_collection_html(data, tmp_path / "clusters.html", text_of=texts.get)
    raw = (tmp_path / "clusters.html").read_text(encoding="utf-8")
    assert re.findall(r"<h3>Cluster (\d+):", raw) == wanted


def test_both_reports_tell_how_to_read_a_pair_side_by_side(tmp_path: Path) -> None:
    # A reader of the report found no way from a listed pair to its two texts side by side
    # (a JSON-lines collection has no files to open with `tandem A B`).
    html_page(tmp_path)
    raw = (tmp_path / "report.html").read_text(encoding="utf-8")
    pairs = raw[raw.index('id="pairs"'):raw.index('id="clusters"')]
    assert "double-click the pair" in flat(html.unescape(re.sub("<[^>]+>", " ", pairs)))
    write_collection_pdf(result(), tmp_path / "r.pdf")
    assert "double-click the pair" in flat(pdf_text(tmp_path / "r.pdf"))


class Anchors(HTMLParser):
    """The text of each element with an id, and each link with the text of the table rows
    (its <tbody> and <tr>) around it up to the link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.text_of: dict[str, list[str]] = {}
        self.links: list[tuple[str, str, str]] = []
        self._open: list[tuple[str, str | None, list[str]]] = []
        self._link: tuple[str, list[str], str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        ident = found.get("id")
        if tag in ("td", "br"):
            self.handle_data(" ")
        if ident is not None:
            self.ids.append(ident)
            self.text_of.setdefault(ident, [])
        if tag in ("tbody", "tr") or ident is not None:
            self._open.append((tag, ident, []))
        if tag == "a" and found.get("href", "").startswith("#"):
            rows = " ".join("".join(text) for t, _, text in self._open if t in ("tbody", "tr"))
            self._link = (found["href"][1:], [], rows)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            target, text, rows = self._link
            self.links.append((target, "".join(text), " ".join(rows.split())))
            self._link = None
        if self._open and self._open[-1][0] == tag:
            _, ident, text = self._open.pop()
            if ident is not None:
                self.text_of[ident] = text

    def handle_data(self, data: str) -> None:
        for _, _, text in self._open:
            text.append(data)
        if self._link is not None:
            self._link[1].append(data)

    def text(self, ident: str) -> str:
        return " ".join("".join(self.text_of[ident]).split())


WIRE = 'wire "<1>" 港口'


def same_text_collection() -> tuple[dict[str, Any], dict[str, str],
                                    list[tuple[str, str, str]]]:
    """A collection whose wire story (of a hostile id) runs in copies: two pairs and three
    cluster rows say "the same text as" another. Its result, texts and (a, b, story) pairs."""
    story_a = "The harbour board met on Monday and agreed to dredge the northern channel."
    story_b = "Fishermen said the southern quay had silted up again over the winter months."
    wire = WIRE
    texts = {wire: story_a + "\n\n" + story_b, "copy1": story_b, "copy2": story_a,
             "copy3": "  " + story_a}

    def span(ident: str, story: str) -> list[int]:
        start = texts[ident].index(story.split()[0])
        return [start, len(texts[ident].rstrip()) if ident != wire
                else start + len(story)]

    def passage(ident: str, story: str) -> dict[str, Any]:
        return {"doc": ident, "span": span(ident, story)}

    pairs = [(wire, "copy2", story_a), (wire, "copy1", story_b), ("copy2", "copy3", story_a),
             ("copy1", wire, story_b)]
    data = {"version": 1, "kind": "collection",
            "documents": [{"id": ident, "series": "s1", "chars": len(text),
                           "date": "2020-01-01" if ident == wire else "2020-01-02"}
                          for ident, text in texts.items()],
            "pairs": [{"a": a, "b": b, "shared_a": 0.5, "shared_b": 1.0, "passages": [
                {"a": span(a, story), "b": span(b, story), "words": 13}]}
                for a, b, story in pairs],
            "clusters": [
                {"id": 1, "first": wire, "passages": [
                    passage(wire, story_a), passage(wire, story_b), passage("copy1", story_b),
                    passage("copy2", story_a)]},
                {"id": 2, "first": wire, "passages": [passage(wire, story_a),
                                                      passage("copy3", story_a)]}],
            "formulations": [], "boilerplate": []}
    return data, texts, pairs



def test_a_same_text_note_links_to_the_row_that_shows_the_text(tmp_path: Path) -> None:
    # "the same text as pair 32" or "as d00085" left the reader to scroll and hunt for that
    # row. Each is a link to it: to the right one of an article's several rows, in the
    # right cluster, by an id no other element has, made of hostile article ids.
    data, texts, pairs = same_text_collection()
    wire = WIRE
    story_a, story_b = texts["copy2"], texts["copy1"]
    write_collection_html(data, tmp_path / "r.html", text_of=texts.get)
    page = Anchors()
    page.feed((tmp_path / "r.html").read_text(encoding="utf-8"))

    assert [ident for ident, n in collections.Counter(page.ids).items() if n > 1] == []
    notes = [(target, text.removeprefix("the same text as "), rows)
             for target, text, rows in page.links if text.startswith("the same text as")]
    # Two pairs and three cluster rows say so.
    assert len(notes) == 2 + 3
    for target, named, rows in notes:
        assert target in page.text_of, f"{target} is not an id in the page"
        shown = page.text(target)
        if named.startswith("pair "):  # a pair's rows begin with its rank
            assert shown.split()[0] == named.removeprefix("pair ")
            story = pairs[int(rows.split()[0]) - 1][2]
        else:
            assert named == wire and wire in shown
            copy = next(ident for ident in ("copy1", "copy2", "copy3") if ident in rows)
            story = story_b if copy == "copy1" else story_a
        # The row linked to shows the excerpt the linking row leaves out.
        assert story in shown and "the same text as" not in shown
    # The wire's two rows of cluster 1 and its row of cluster 2: three targets, not one.
    assert len({target for target, _, _ in notes}) == 2 + 3


def test_a_pdf_same_text_note_links_to_the_row_that_shows_the_text(tmp_path: Path) -> None:
    # In the PDF, "the same text as pair 1" or "as d00085" was plain text: the reader
    # leafed back through the pages for that row. Each links to it, as in the HTML.
    data, texts, pairs = same_text_collection()
    story_a, story_b = texts["copy2"], texts["copy1"]
    path = tmp_path / "r.pdf"
    write_collection_pdf(data, path, text_of=texts.get)
    reader = PdfReader(path)
    numbers = {p.indirect_reference.idnum: n for n, p in enumerate(reader.pages, start=1)}
    placed: list[tuple[int, float, float, str]] = []
    for n, page in enumerate(reader.pages, start=1):
        page.extract_text(visitor_text=lambda text, cm, tm, font, size, n=n: placed.append(
            (n, tm[4], tm[5], text.strip())) if text.strip() else None)

    def line_at(page: int, low: float, high: float, left: float = 0.0,
                right: float = 1e9) -> str:
        """The texts drawn on `page` with baselines from `low` to `high`, left to right."""
        return " ".join(text for _, _, text in sorted(
            (x, -y, text) for n, x, y, text in placed
            if n == page and low <= y <= high and left - 1 <= x <= right))

    found = []
    for n, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            x1, y1, x2, y2 = (float(v) for v in annotation["/Rect"])
            note = line_at(n, y1, y2, x1, x2)
            assert note.startswith("the same text as "), note
            named = note.removeprefix("the same text as ")
            target, top = numbers[annotation["/Dest"][0].idnum], float(annotation["/Dest"][3])
            # The row's first line (its baselines a line below the destination's top).
            row = line_at(target, top - 12, top)
            assert row and "the same text as" not in row
            if named.startswith("pair "):  # a pair's row begins with its rank
                rank = named.removeprefix("pair ")
                assert row.split()[0] == rank
                story = pairs[int(rank) - 1][2]
                # Its excerpt is the line under it.
                assert " ".join(story.split()[:3]) in line_at(target, top - 35, top - 10)
            else:
                assert named == WIRE and WIRE in row
                copy = next(c for c in ("copy1", "copy2", "copy3") if c in line_at(n, y1, y2))
                story = story_b if copy == "copy1" else story_a
                assert " ".join(story.split()[:3]) in row
            found.append((target, top))
    # Two pairs and three cluster rows say so, each linking to another row.
    assert len(found) == len(set(found)) == 2 + 3


def test_an_excerpt_that_opens_or_closes_on_a_quotation_mark_is_quoted_once(
        tmp_path: Path) -> None:
    # A passage that is a quotation came out "““一国两制”是……下去。””" and "“"We will
    # open the ferry…"”": the report's own marks beside the passage's; and, in the marks
    # Hong Kong and Taiwan write, "“「一國兩制」是……下去。」”", "“‘We will …’”".
    quotes = {"zh": "“一国两制”是伟大的构想，香港回归以后保持繁荣稳定，我们一定要坚持下去。”",
              "en": '"We will open the ferry to every village on the river before the winter."',
              "hk": "「一國兩制」是偉大的構想，香港回歸以後保持繁榮穩定，我們一定要堅持下去。」",
              "inner": "『一國兩制』是偉大的構想，香港回歸以後保持繁榮穩定，我們一定要堅持下去",
              "single": "‘We will open the ferry to every village on the river before winter.’",
              # An apostrophe is no closing mark: "… workers’" is quoted.
              "apostrophe": "The ferry left at dawn and came back at noon for the workers’",
              "cut": "“" + " ".join(["The harbour board met on Monday and agreed to dredge "
                                     "the channel before the winter storms came."] * 4) + "”",
              # A quotation it opens on and closes inside quotes its first words only:
              # quoted whole, not closed again at its end ("‘workers’ rights’").
              "term": "“一国两制”的方针是伟大的构想，香港回归以后保持繁荣稳定，我们一定要坚持下去",
              "opened": "‘Workers’ rights come first on every ferry of the river, the board said",
              "plain": "The ferry left at dawn and came back at noon with the mail."}
    texts = {f"{key}{side}": f"Story {side}.\n\n{quote}\n\nThe end."
             for key, quote in quotes.items() for side in "ab"}
    start = len("Story a.\n\n")
    data = {"version": 1, "kind": "collection",
            "documents": [{"id": ident, "series": "s1", "chars": len(text),
                           "date": "2020-01-01"} for ident, text in texts.items()],
            "pairs": [{"a": f"{key}a", "b": f"{key}b", "shared_a": 0.8, "shared_b": 0.8,
                       "passages": [{"a": [start, start + len(quote)],
                                     "b": [start, start + len(quote)], "words": 12}]}
                      for key, quote in quotes.items()],
            "clusters": [], "formulations": [], "boilerplate": []}
    limits = Limits(pairs=10)
    shown = {"zh": quotes["zh"], "en": quotes["en"], "hk": quotes["hk"],
             "inner": f"“{quotes['inner']}”", "single": quotes["single"],
             "apostrophe": f"“{quotes['apostrophe']}”", "term": f"“{quotes['term']}”",
             "opened": f"“{quotes['opened']}”", "plain": f"“{quotes['plain']}”"}
    write_collection_html(data, tmp_path / "r.html", text_of=texts.get, limits=limits)
    page = Page()
    page.feed((tmp_path / "r.html").read_text(encoding="utf-8"))
    under = dict(zip(quotes, (row[1] for row in page.rows if len(row) == 2 and not row[0]),
                     strict=True))
    assert {key: under[key] for key in shown} == shown
    # Cut short, it closes on the report's mark after the ellipsis: its own is cut off.
    assert re.fullmatch("“The harbour board [^“”]+…”", under["cut"])
    write_collection_pdf(data, tmp_path / "r.pdf", text_of=texts.get)
    text = "".join(pdf_text(tmp_path / "r.pdf").split())
    # Each excerpt as the HTML shows it, and no mark of the report's beside its own.
    for key, excerpt in (*shown.items(), ("cut", under["cut"])):
        flat = "".join(excerpt.split())
        at = text.find(flat)
        assert at >= 0, key
        beside = {text[at - 1:at], text[at + len(flat):at + len(flat) + 1]}
        assert not beside & set("“”「」『』‘’\"«»"), key


def test_a_pdf_cluster_cut_short_keeps_its_note_on_the_page_of_its_last_article(
        tmp_path: Path) -> None:
    # A cluster of more articles than the PDF lists ends on "Showing the first 50 of the
    # cluster's 60 passages…": where its last row fitted above the page's foot and the
    # note did not, the note stood alone at the top of the next page. Each step below
    # makes one more of the last rows two lines tall, moving the cluster's end down by a
    # line, across the foot of its page: the note shares its page with a row of the
    # cluster wherever it ends.
    story = "The harbour board met on Monday and agreed to dredge the northern channel."
    ids = [f"copy{k:04d}" for k in range(60)]
    for pairs, longer in itertools.product((1, 2), range(10)):
        data, _ = _many_pairs(pairs)
        texts = {ident: f"{ident}. {story} So said {ident}."
                 + (" More of it." * 4 if k >= 50 - longer else "")
                 for k, ident in enumerate(ids)}
        data["documents"] += [{"id": ident, "series": "s1", "chars": len(texts[ident]),
                               "date": f"2001-{1 + k // 28:02d}-{1 + k % 28:02d}"}
                              for k, ident in enumerate(ids)]
        data["clusters"] = [{"id": 1, "first": ids[0], "passages": [
            {"doc": ident, "span": [len(ident) + 2, len(texts[ident])]} for ident in ids]}]
        path = tmp_path / f"r{pairs}-{longer}.pdf"
        write_collection_pdf(data, path, text_of=texts.get)
        pages = [flat(page.extract_text()) for page in PdfReader(path).pages]
        [holding] = [text for text in pages if "Showing the first 50 of the cluster's 60" in text]
        assert "copy0049" in holding, (pairs, longer)
