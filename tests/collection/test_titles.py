"""What the collection's window and reports call its articles: their titles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from viewer.collection.engine import add_sources
from viewer.collection.store import CollectionStore
from viewer.collection.titles import Titles, stored_titles, with_titles
from viewer.export.collection_html import write_collection_html
from viewer.export.collection_pdf import write_collection_pdf
from viewer.ui.collection.data import load

BODY = "The ferry left at dawn and came back at noon with the mail and two passengers.\n"


def _indexed(tmp_path: Path, rows: list[dict[str, str]]) -> tuple[Path, dict[str, Any]]:
    """A store of `rows` (as JSON lines), and its report with the articles' titles."""
    source = tmp_path / "rows.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    store_path = tmp_path / "store.sqlite"
    with CollectionStore.create_or_open(store_path) as store:
        add_sources(store, [source], workers=1)
        return store_path, with_titles(store.report(), store.text, stored_titles(store))


def _titled_alike(tmp_path: Path, rows: list[dict[str, str]],
                  expected: dict[str, str]) -> tuple[dict[str, Any], str]:
    """Index `rows`, check the report and the window title them as `expected`, and return
    the report with the HTML report written of it, read back."""
    store_path, report = _indexed(tmp_path, rows)
    assert {d["id"]: d["title"] for d in report["documents"]} == expected
    window = load(str(store_path))
    assert {ident: window.title(ident) for ident in expected} == expected
    write_collection_html(report, tmp_path / "report.html")
    return report, (tmp_path / "report.html").read_text(encoding="utf-8")


def test_titles_leave_out_the_control_characters_a_text_or_a_given_title_has(
        tmp_path: Path) -> None:
    rows = [{"id": "nul", "series": "s", "date": "2021-03-01",
             "text": "\u0000\u0007Harbour news\n\n" + BODY},
            {"id": "alone", "series": "s", "date": "2021-03-02",
             "text": "\u0000\u0007\nThe real headline\n\n" + BODY},
            {"id": "given", "series": "s", "date": "2021-03-03", "title": "Given\u0000 title",
             "text": "Other headline\n\n" + BODY}]
    store_path, report = _indexed(tmp_path, rows)
    expected = {"nul": "Harbour news", "alone": "The real headline", "given": "Given title"}
    # The reports' titles, as the HTML shows them, and the window's.
    assert {d["id"]: d["title"] for d in report["documents"]} == expected
    write_collection_html(report, tmp_path / "report.html")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "\ufffd" not in page and "Harbour news" in page
    window = load(str(store_path))
    assert {ident: window.title(ident) for ident in expected} == expected


def test_titles_leave_out_terminal_escape_sequences_and_the_texts_keep_them(
        tmp_path: Path) -> None:
    # Text captured from a terminal: colour codes, and a link as a terminal writes one.
    coloured = "\x1b[1mBreaking news\x1b[0m: the \x1b[38;5;196mferry\x1b[m is late\n\n" + BODY
    linked = "\x1b]8;;https://example.org\x07Harbour\x1b]8;;\x1b\\ notice\n\n" + BODY
    rows = [{"id": "coloured", "series": "s", "date": "2021-03-01", "text": coloured},
            {"id": "linked", "series": "s", "date": "2021-03-02", "text": linked},
            {"id": "given", "series": "s", "date": "2021-03-03",
             "title": "\x1b[4mGiven\x1b[24m title", "text": "Other headline\n\n" + BODY}]
    store_path, report = _indexed(tmp_path, rows)
    with CollectionStore.open(store_path) as store:
        texts = {ident: store.text(ident) for ident in ("coloured", "linked")}
    expected = {"coloured": "Breaking news: the ferry is late", "linked": "Harbour notice",
                "given": "Given title"}
    assert {d["id"]: d["title"] for d in report["documents"]} == expected
    assert load(str(store_path)).title("coloured") == expected["coloured"]
    # Only the titles: the texts, which every offset points into, are as given.
    assert texts == {"coloured": coloured, "linked": linked}


def test_a_title_the_source_gives_is_cut_as_a_first_line_is(tmp_path: Path) -> None:
    # A scraper's "title" that is the article's whole lead paragraph: the reports and the
    # window name the article as they would had the paragraph been its first line, not
    # with a paragraph in every row that names it.
    lead = " ".join(f"The council met on day {k} to hear the harbour master's report."
                    for k in range(1, 41))
    rows = [{"id": "given", "series": "s", "date": "2021-03-01", "title": lead,
             "text": "Other headline\n\n" + BODY},
            {"id": "first", "series": "s", "date": "2021-03-02", "text": lead + "\n\n" + BODY}]
    store_path, report = _indexed(tmp_path, rows)
    titles = {d["id"]: d["title"] for d in report["documents"]}
    assert titles["given"] == titles["first"] and len(titles["first"]) < len(lead)
    # The window names both by that title, each with its id as two articles share it.
    assert load(str(store_path)).title("given") == f"{titles['first']} (given)"


def test_a_line_wholly_of_bracketed_notes_above_the_headline_is_no_title(
        tmp_path: Path) -> None:
    # Reprints open with where they were first printed, then their headline; the note is
    # the same in no two articles, so it is no series' boilerplate either.
    texts = {"reprint": "（转载自关东商报，2019-03-31）\n乡村振兴开新局\n\n" + BODY,
             "notes": ("[Photo] (Xinhua)\n【来源：新华社】【编辑：王林】\nFerry back at noon\n\n"
                       + BODY),
             "lead": "（本报讯）渡轮中午返回\n\n" + BODY,
             "work": "《求是》杂志发表重要文章\n\n" + BODY,
             "only": "(Photo)\n"}
    expected = {"reprint": "乡村振兴开新局", "notes": "Ferry back at noon",
                "lead": "（本报讯）渡轮中午返回", "work": "《求是》杂志发表重要文章",
                "only": "(Photo)"}
    rows = [{"id": ident, "series": f"s{k}", "date": f"2021-03-0{k + 1}", "text": text}
            for k, (ident, text) in enumerate(texts.items())]
    store_path, report = _indexed(tmp_path, rows)
    assert {d["id"]: d["title"] for d in report["documents"]} == expected
    assert {ident: load(str(store_path)).title(ident) for ident in expected} == expected
    # A folder of the same articles, in the HTML report.
    folder = tmp_path / "folder"
    folder.mkdir()
    for ident, text in texts.items():
        (folder / f"{ident}.txt").write_text(text, encoding="utf-8")
    with CollectionStore.create_or_open(tmp_path / "folder.sqlite") as store:
        add_sources(store, [folder], workers=1)
        titled = with_titles(store.report(), store.text, stored_titles(store))
    assert {d["title"] for d in titled["documents"]} == set(expected.values())
    write_collection_html(titled, tmp_path / "report.html")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "乡村振兴开新局" in page and "转载自" not in page


def test_a_reprints_credit_above_the_headline_is_no_title(tmp_path: Path) -> None:
    # An English reprint opens with where it first ran, unbracketed, then its headline: the
    # collection report's first pairs (a story and its reprint) named the reprint
    # "Reprinted from Capital Review, 2020-09-13".
    texts = {"story": "Ferry back at noon\n\n" + BODY,
             "reprint": "Reprinted from Capital Review, 2020-09-13\n\nThe ferry is back\n\n" + BODY,
             "permission": ("Republished with permission from The Conversation\n"
                            "Harbour trade doubles\n\n" + BODY),
             "archive": "Reprinted from the archive: the ferry's first year\n\n" + BODY}
    expected = {"story": "Ferry back at noon", "reprint": "The ferry is back",
                "permission": "Harbour trade doubles",
                "archive": "Reprinted from the archive: the ferry's first year"}
    rows = [{"id": ident, "series": f"s{k}", "date": f"2020-09-{k + 13}", "text": text}
            for k, (ident, text) in enumerate(texts.items())]
    report, page = _titled_alike(tmp_path, rows, expected)
    assert "Harbour trade doubles" in page and "Capital Review" not in page
    write_collection_pdf(report, tmp_path / "report.pdf")
    printed = " ".join(" ".join((sheet.extract_text() or "").split())
                       for sheet in PdfReader(tmp_path / "report.pdf").pages)
    assert "Harbour trade doubles" in printed and "Capital Review" not in printed


def test_a_byline_or_dateline_at_the_head_is_no_title_and_a_headline_opening_on_a_name_is(
        tmp_path: Path) -> None:
    # "本报记者卢新宁" above a story named the article by its reporter. Headlines of the
    # shapes real ones take, a name and what it is about, stay titles.
    texts = {"reporter": "本报记者卢新宁\n港口新闻\n\n" + BODY,
             "dateline": "新华社北京1月1日电\n渡轮中午返回\n\n" + BODY,
             "by": "By Jane Smith, Reuters\nFlood waters rise\n\n" + BODY,
             "bracketed": "（记者 王林）\n码头扩建\n\n" + BODY,
             "only": "本报记者 张三 通讯员 李四\n\n" + BODY,
             "under": "焊花如血\n王文辉\n\n" + BODY,
             "speaker": "王文辉：焊花如血\n\n" + BODY,
             "minister": "Zhang Wei: Write a new chapter for the harbour\n\n" + BODY,
             "numbers": "By the numbers: the harbour's year\n\n" + BODY,
             "column": "记者走基层：春运路上\n\n" + BODY,
             "wire": "新华社北京1月1日电（记者张三）今天上午，会议在北京召开。\n" + BODY}
    expected = {"reporter": "港口新闻", "dateline": "渡轮中午返回", "by": "Flood waters rise",
                "bracketed": "码头扩建", "only": BODY.strip(), "under": "焊花如血",
                "speaker": "王文辉：焊花如血",
                "minister": "Zhang Wei: Write a new chapter for the harbour",
                "numbers": "By the numbers: the harbour's year", "column": "记者走基层：春运路上",
                "wire": "新华社北京1月1日电（记者张三）今天上午，会议在北京召开。"}
    rows = [{"id": ident, "series": f"s{k}", "date": f"2021-03-{k + 1:02}", "text": text}
            for k, (ident, text) in enumerate(texts.items())]
    # A byline a source gives as the title names no article either.
    rows.append({"id": "given", "series": "s99", "date": "2021-04-01", "title": "By Jane Smith",
                 "text": "Ferry back at noon\n\n" + BODY})
    expected["given"] = "Ferry back at noon"
    _, page = _titled_alike(tmp_path, rows, expected)
    assert "港口新闻" in page and "卢新宁" not in page


class _Lines(str):
    """An article's text that counts the lines read of it."""

    read = 0

    def splitlines(self, keepends: bool = False) -> Iterator[str]:  # type: ignore[override]
        for line in super().splitlines(keepends):
            _Lines.read += 1
            yield line


def test_a_title_past_a_byline_is_read_from_the_article_s_head_alone() -> None:
    # Each of its lines was asked whether it is a byline (40 microseconds each): 10,000
    # articles opening on one took 20 seconds to title.
    body = "渡船黎明出发，中午带着邮件和两名乘客回来。\n" * 1000
    text = _Lines("本报记者张三\n港口新闻\n" + body)
    _Lines.read = 0
    assert Titles([]).title("本报记者张三", "", lambda: text) == "港口新闻"
    assert _Lines.read == 2
