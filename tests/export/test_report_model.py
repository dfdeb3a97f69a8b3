"""The report model: aligned rows cover both texts in order and put passages level."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from pypdf import PdfReader

from tests.conftest import FIXTURES
from viewer.core.document import Document
from viewer.core.model import SharedPhrase, Slogan
from viewer.core.tokenize import cut_at_word
from viewer.export.report_model import (
    _characters_within,
    aligned_rows,
    excerpt,
    styled_texts,
    summary,
)
from viewer.present.marks import MarkKind, Style


def test_rows_cover_both_texts_in_order(english) -> None:  # type: ignore[no-untyped-def]
    rows = aligned_rows(english)
    for side, text in ((0, english.document_a.text), (1, english.document_b.text)):
        spans = [row.a if side == 0 else row.b for row in rows]
        assert spans[0][0] == 0 and spans[-1][1] == len(text)
        for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
            assert end == start  # no text lost or repeated
    matched = [row for row in rows if row.passage is not None]
    assert matched
    for row in matched:
        phrase = english.shared_phrases[row.passage]
        assert row.a[0] == phrase.a[0] and row.b[0] == phrase.b[0]  # level at the passage


def test_overlapping_marks_become_flat_runs(english) -> None:  # type: ignore[no-untyped-def]
    text = "alpha beta gamma delta epsilon"
    doc = Document(text, "a.txt")
    comparison = replace(
        english, document_a=doc, document_b=doc,
        shared_phrases=(SharedPhrase((0, 16), (0, 16), 3, True),),
        slogans=(Slogan("gamma delta", 2, ((11, 22),), ((11, 22),)),))
    runs, _ = styled_texts(comparison)
    assert [(s, e) for s, e, _ in runs.runs] == [(0, 11), (11, 16), (16, 22)]
    assert [style for _, _, style in runs.runs] == [
        Style(passage=0), Style(0, MarkKind.SLOGAN), Style(underline=MarkKind.SLOGAN)]
    segment = runs.segment(6, 30)
    assert segment.text == "beta gamma delta epsilon"
    assert segment.runs[0] == (0, 5, Style(passage=0))


def test_documents_name_their_file_and_claim_no_origin_they_lack(
        english) -> None:  # type: ignore[no-untyped-def]
    from_file = Document("one two three", "a.txt", path="/data/a.txt")
    from_store = Document("four five six", "Harbour news (d00012)")
    facts = summary(replace(english, document_a=from_file, document_b=from_store))
    assert facts.documents[0][1].startswith("a.txt — /data/a.txt · 13 characters")
    assert facts.documents[1][1].startswith("Harbour news (d00012) · 13 characters")


def test_the_reports_count_the_slogans_as_the_status_bar_and_the_tab_do(
        english, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # A watch-list phrase neither text uses is listed among the slogans, but is none: the
    # figure, the HTML heading and the PDF table's title count it apart, as the window
    # does ("7 slogans (+1 watched, not found)", "Slogans (7 +1 watched)"), not as 8.
    from viewer.core.compare import compare
    from viewer.export.html_report import write_html
    from viewer.export.pdf_report import write_pdf

    absent = "a phrase neither article prints"
    watched = compare(english.document_a, english.document_b,
                      replace(english.settings, watchlist=(absent,)))
    assert absent in [s.phrase for s in watched.slogans]
    found = len(english.slogans)
    assert len(watched.slogans) == found + 1
    assert dict(summary(watched).figures)["Slogans"] == f"{found:,} (+1 watched, not found)"
    assert dict(summary(english).figures)["Slogans"] == f"{found:,}"
    write_html(watched, tmp_path / "r.html")
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert f"<h2>Slogans ({found:,} +1 watched)</h2>" in page
    assert f"Slogans ({found + 1})" not in page
    write_pdf(watched, tmp_path / "r.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "r.pdf").pages)
    assert f"Slogans ({found:,} +1 watched)" in " ".join(text.split())


def test_an_excerpt_is_cut_between_words() -> None:
    # Theme excerpts in the PDF ended "…netw…", "…alre…".
    text = "Today, my country is already a major network power with broadband everywhere."
    for limit in (33, 36):  # "Today, my country is already a m|ajor", "... a maj|or"
        assert excerpt(text, (0, len(text)), limit) == "Today, my country is already a…"
    assert excerpt(text, (0, len(text)), 9) == "Today…"  # no comma before the ellipsis
    # Chinese has no spaces: any character boundary is one. A character takes the room of
    # two Latin ones: cut to as many characters, excerpts of Chinese ran twice as long.
    chinese = "网络强国建设取得新进展，数字中国建设迈出坚实步伐。"
    assert excerpt(chinese, (0, len(chinese)), 10) == chinese[:4] + "…"
    assert excerpt(chinese, (0, len(chinese)), 2 * len(chinese)) == chinese
    mixed = "The 网络强国 plan"
    assert excerpt(mixed, (0, len(mixed)), 12) == "The 网络强…"
    # One word longer than half the room is cut inside it rather than dropped.
    long_word = "Pneumonoultramicroscopicsilicovolcanoconiosis is long."
    assert excerpt(long_word, (0, len(long_word)), 20) == long_word[:19] + "…"
    assert excerpt(text, (7, 17), 30) == "my country"  # short enough: whole


def test_an_excerpt_marks_its_paragraph_breaks_and_never_ends_on_one() -> None:
    # A headline and its story read as one sentence: "Harbour news The ferry left".
    text = "Harbour news\r\n\r\nThe ferry left\nat dawn."
    assert excerpt(text, (0, len(text))) == "Harbour news ¶ The ferry left at dawn."
    for limit in range(len("Harbour news ¶") - 1, len("Harbour news ¶ The") + 1):
        assert excerpt(text, (0, len(text)), limit) == "Harbour news…"


def test_an_excerpt_parts_paragraphs_each_on_a_line_of_its_own() -> None:
    # Scraped articles and JSON lines hold a paragraph a line: a long one before a short
    # heading was taken for a wrapped line, and the excerpt read "…pilot zones. 5G on
    # Mount Everest. Promote…", the heading run into the paragraphs around it.
    long_en = " ".join(["The pilot zones for connected vehicles opened in many provinces."] * 5)
    long_zh = "网络强国建设取得新进展，数字中国建设迈出坚实步伐。" * 3
    for paragraphs in ([long_en, "5G on Mount Everest.",
                        "Promote the integration of industry and the Internet."],
                       [long_zh, "珠峰上的5G。",
                        "推动互联网、大数据、人工智能和实体经济深度融合。"]):
        text = "\n".join(paragraphs)
        assert excerpt(text, (0, len(text)), 10_000) == " ¶ ".join(paragraphs)
    # Lines a text is wrapped at still read on, a sentence ending at one or not; so does
    # a long line (a passage pasted into wrapped text) that ends inside a sentence.
    wrapped = ("The ferry left the harbour at dawn with the mail and the day's papers.\n"
               "It came back at noon.")
    pasted = f"{long_en} Though it was rather\ndesirable."
    for text in (wrapped, pasted):
        assert excerpt(text, (0, len(text)), 10_000) == " ".join(text.split())


def test_an_excerpt_parts_a_headline_from_the_byline_under_it() -> None:
    # A byline shorter than the headline above it made the headline look like a full line
    # the text had wrapped: "焊花如血王文辉", "Flood waters rise By Jane Smith".
    for head, byline, story in (
            ("焊花如血", "王文辉", "焊工们连续奋战三十个昼夜，终于按期完成了任务。"),
            ("焊花如血", "本报记者卢新宁", "焊工们连续奋战三十个昼夜，终于按期完成了任务。"),
            ("Flood waters rise", "By Jane Smith", "The river rose two metres overnight.")):
        for text in (f"{head}\n{byline}\n\n{story}", f"{head}\n{byline}\n{story}"):
            assert excerpt(text, (0, len(text))) == f"{head} ¶ {byline} ¶ {story}"
    # A line that ends a sentence broken across lines reads on, short as it is.
    broken = "他在这家工厂干了二十年，攒下二十万元以上。翻开简世\n辉的档案"
    assert excerpt(broken, (0, len(broken))) == broken.replace("\n", "")
    wrapped = "码头上的新吊车已经开始使用，市政府决定明年再建两个泊位，以满足不断增长的需求。"
    text = "\n".join(wrapped[k:k + 12] for k in range(0, len(wrapped), 12))
    assert excerpt(text, (0, len(text))) == wrapped


def _story(language: str, length: int) -> str:
    """The fixture collection's articles in `language` run together into one story of
    `length` characters, their paragraphs and line breaks kept."""
    lines = (FIXTURES / "collection" / language / "collection.jsonl").read_text("utf-8")
    articles = "\n".join(json.loads(line)["text"] for line in lines.splitlines())
    return (articles * (length // len(articles) + 1))[:length]


def test_an_excerpt_of_a_long_passage_is_the_whole_passage_cut_to_its_room() -> None:
    # A collection report of a large store quotes thousands of passages, some a whole
    # story reprinted (150,000 characters): an excerpt reads its passage only as far as
    # it shows (29 ms a Chinese excerpt before, 0.07 ms after), and says the same.
    for language in ("en", "zh"):
        story = _story(language, 150_000)
        for start in (0, 17, 4_000):
            for limit in (40, 240, 320):
                # The whole passage on one line, then cut to the room, as the report shows it.
                whole = excerpt(story, (start, len(story)), len(story) * 2)
                assert excerpt(story, (start, len(story)), limit) == cut_at_word(
                    whole, _characters_within(whole, limit)), (language, start, limit)



def test_an_excerpt_with_no_room_says_what_the_whole_passage_cut_to_it_does() -> None:
    # Cut to one character's room the line keeps one (`_characters_within`): read only as
    # far as its first character, a passage of more was shown as that character, uncut.
    for text in ("ab cd", "中文字", "a", "¶ x"):
        whole = excerpt(text, (0, len(text)), 100)
        for limit in (0, 1, 2):
            assert excerpt(text, (0, len(text)), limit) == cut_at_word(
                whole, _characters_within(whole, limit)), (text, limit)

def test_a_text_of_undetermined_language_is_not_labelled_english(
        english) -> None:  # type: ignore[no-untyped-def]
    hebrew = Document("הממשלה אישרה אתמול את תקציב המדינה לשנה הבאה.", "he.txt")
    facts = summary(replace(english, document_a=hebrew))
    assert facts.documents[0][1].endswith("language not determined")
    assert facts.documents[1][1].endswith(f"language {english.document_b.language}")
