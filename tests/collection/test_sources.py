"""Reading a collection's sources: folders of every format, metadata, JSON lines, bad input.

Every collection here is written by the test into a temporary folder.
"""

from __future__ import annotations

import datetime
import gzip
import io
import json
import os
import sys
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.samples import PARAGRAPHS, docx_with_table, html_article, two_page_pdf
from viewer.collection.sources import (
    Article,
    ReadProgress,
    Skipped,
    SourceError,
    read_sources,
)
from viewer.core.errors import LoadError
from viewer.core.loading import load_document

# A copied passage keeps the Windows line ends of the file it came from: offsets count them.
CRLF_TEXT = "Harbour news\r\n\r\nThe ferry left at dawn.\r\nIt came back at noon.\r\n"


def read(*sources: Path, **options) -> tuple[list[Article], list[Skipped]]:
    skipped: list[Skipped] = []
    articles = list(read_sources([str(s) for s in sources], skipped.append, **options))
    return articles, skipped


def write_lines(path: Path, rows: list[object], opener=open) -> Path:
    with opener(path, "wt", encoding="utf-8", newline="") as handle:
        for row in rows:
            handle.write((row if isinstance(row, str) else json.dumps(row)) + "\n")
    return path


def by_id(articles: list[Article]) -> dict[str, Article]:
    return {a.id: a for a in articles}


# Folders -----------------------------------------------------------------------------------

def test_folder_of_every_format_reads_each_as_load_document_does(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    (folder / "daily").mkdir(parents=True)
    (folder / "daily" / "rivers.html").write_bytes(html_article())
    (folder / "daily" / "levels.docx").write_bytes(docx_with_table())
    (folder / "review.pdf").write_bytes(two_page_pdf())
    (folder / "notes.md").write_text("# Notes\n\n" + PARAGRAPHS[2] + "\n", encoding="utf-8")
    (folder / "plain.txt").write_bytes(CRLF_TEXT.encode())
    articles, skipped = read(folder)
    assert skipped == []
    found = by_id(articles)
    assert sorted(found) == ["daily/levels", "daily/rivers", "notes", "plain", "review"]
    for article in articles:
        assert article.text == load_document(article.path).text
    assert found["daily/rivers"].series == "daily"
    assert found["plain"].series == ""
    # The text file's offsets are the benchmark's: UTF-8, newlines untranslated.
    with open(folder / "plain.txt", encoding="utf-8", newline="") as handle:
        assert found["plain"].text == handle.read()
    assert "\r\n" in found["plain"].text
    assert found["plain"].title == "Harbour news"
    assert found["daily/rivers"].title == "Rivers of the North"
    assert PARAGRAPHS[0] in found["daily/rivers"].text


def test_a_file_name_with_a_dot_but_no_extension_is_its_id_whole(tmp_path: Path) -> None:
    # Cut at the last dot, the pages wget saves as "article.php?id=5" and "?id=6" were
    # both "news/article" and stopped the run as one id used twice; "Mr. Smith goes" was
    # "Mr". An extension still goes.
    (tmp_path / "news").mkdir()
    for k, name in enumerate(("news/article.php?id=5", "news/article.php?id=6",
                              "Mr. Smith goes", "report v2.0", "notes.markdown", "c.txt")):
        (tmp_path / name).write_text(f"Article {k} here.\n", encoding="utf-8")
    articles, skipped = read(tmp_path)
    assert skipped == []
    assert sorted(a.id for a in articles) == [
        "Mr. Smith goes", "c", "news/article.php?id=5", "news/article.php?id=6", "notes",
        "report v2.0"]


def test_metadata_csv_gives_ids_series_dates_and_unlisted_files_fall_back(
        tmp_path: Path) -> None:
    folder = tmp_path / "set"
    (folder / "wire").mkdir(parents=True)
    (folder / "a.txt").write_text("Alpha text here.\n", encoding="utf-8")
    (folder / "wire" / "b.txt").write_text("Beta text here.\n", encoding="utf-8")
    (folder / "wire" / "2020-02-03_c.txt").write_text("Gamma text.\n", encoding="utf-8")
    (folder / "metadata.csv").write_text(
        "file,id,series,date,title\n"
        "a.txt,d001,s01,2021-04-02,The alpha story\n"
        "wire/b.txt,d002,s02,20210405,\n"
        "gone.txt,d009,s01,2021-01-01,\n", encoding="utf-8")
    articles, skipped = read(folder)
    found = by_id(articles)
    assert [(a.id, a.series, a.date, a.title) for a in articles] == [
        ("d001", "s01", "2021-04-02", "The alpha story"),
        ("wire/2020-02-03_c", "wire", "2020-02-03", "Gamma text."),
        ("d002", "s02", "2021-04-05", "Beta text here."),
    ]
    assert found["d002"].path == str(folder / "wire" / "b.txt")
    assert [s.path for s in skipped] == [f"{folder / 'metadata.csv'}:4"]
    assert "gone.txt" in skipped[0].reason and "not in the folder" in skipped[0].reason


def test_metadata_csv_may_list_files_by_their_full_path_in_the_folder(tmp_path: Path) -> None:
    # A script listing the files writes their full paths: those in the folder are its
    # files; one elsewhere is told, with how to write it.
    folder = tmp_path / "set"
    (folder / "wire").mkdir(parents=True)
    (folder / "wire" / "b.txt").write_text("Beta text here.\n", encoding="utf-8")
    (folder / "metadata.csv").write_text(
        "file,id,series,date\n"
        f"{folder / 'wire' / 'b.txt'},d002,s02,2021-04-05\n"
        f"{tmp_path / 'elsewhere.txt'},d003,s02,2021-04-06\n", encoding="utf-8")
    [article], [skipped] = read(folder)
    assert (article.id, article.series, article.date) == ("d002", "s02", "2021-04-05")
    assert skipped.path == f"{folder / 'metadata.csv'}:3"
    assert skipped.reason == (f"lists {tmp_path / 'elsewhere.txt'}, which is not in the "
                              "folder (write its path relative to the folder metadata.csv "
                              "is in)")


@pytest.mark.parametrize("separator", [";", "\t"])
def test_metadata_csv_saved_with_semicolons_or_tabs_is_read(tmp_path: Path,
                                                             separator: str) -> None:
    # A spreadsheet set to a European language saves "CSV" with semicolons.
    (tmp_path / "a.txt").write_text("Alpha text here.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        separator.join(["File", "ID", "series", "date"]) + "\r\n"
        + separator.join(["a.txt", "d001", "s01", "02.04.2021"]) + "\r\n",
        encoding="utf-8-sig")
    [article], skipped = read(tmp_path)
    assert (article.id, article.series) == ("d001", "s01")
    assert [s.indexed for s in skipped] == [True]  # a date not read as one: a note
    assert "02.04.2021" in skipped[0].reason


def test_a_folder_named_as_a_date_dates_its_files_and_names_no_series(tmp_path: Path) -> None:
    # Crawls are often laid out by day: one series per day would make each day's
    # repeated lines its boilerplate.
    for folder, name in (("2023-03-05", "a.txt"), ("2023-03-06", "b.txt"),
                         ("wire/2023/03/07", "c.txt")):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / name).write_text(f"Article {name} here.\n", encoding="utf-8")
    found = {a.id: (a.series, a.date) for a in read(tmp_path)[0]}
    assert found == {"2023-03-05/a": ("", "2023-03-05"), "2023-03-06/b": ("", "2023-03-06"),
                     "wire/2023/03/07/c": ("wire", "2023-03-07")}


def test_a_date_laid_out_across_folders_as_news_sites_do_dates_their_files(
        tmp_path: Path) -> None:
    # A crawl saved by its pages' paths: People's Daily writes n1/2023/0309/, China Daily
    # a/202303/09/; their articles were read undated without a word.
    for folder in ("politics.people.com.cn/n1/2023/0309", "www.chinadaily.com.cn/a/202303/10",
                   "archive/2023/1234"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "c1001.html").write_text("<p>Article here.</p>", encoding="utf-8")
    found = {a.id: (a.series, a.date) for a in read(tmp_path)[0]}
    assert found == {
        "politics.people.com.cn/n1/2023/0309/c1001": ("politics.people.com.cn", "2023-03-09"),
        "www.chinadaily.com.cn/a/202303/10/c1001": ("www.chinadaily.com.cn", "2023-03-10"),
        "archive/2023/1234/c1001": ("archive", "")}


def test_a_file_named_as_the_day_in_year_and_month_folders_is_dated(tmp_path: Path) -> None:
    # An archive laid out as 2023/03/09.txt (the day as the file's name) was read undated
    # without a note, though 2023/03/09/a.txt is dated. Another number is an article's.
    for folder, name in (("2023/03", "09.txt"), ("wire/2023", "0310.html"),
                         ("2023/03", "120000.txt"), ("2023/04", "7.txt"), ("notes", "12.txt")):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / name).write_text(f"Article {name} here.\n", encoding="utf-8")
    articles, skipped = read(tmp_path)
    found = {a.id: (a.series, a.date) for a in articles}
    assert found == {"2023/03/09": ("", "2023-03-09"), "wire/2023/0310": ("wire", "2023-03-10"),
                     "2023/03/120000": ("", ""), "2023/04/7": ("", ""), "notes/12": ("notes", "")}
    assert skipped == []


def test_a_source_folder_named_as_a_date_or_part_of_one_dates_its_files(
        tmp_path: Path) -> None:
    # A day's crawl given as the source (2023-03-09/) left its articles undated, though
    # the same folder inside a source dates them; so did a year's (2023/ holding 03/10/).
    # A name with words too may say when the collection was made: it dates nothing.
    for folder, name in (("2023-03-09", "a.txt"), ("2023/03/10", "b.txt"),
                         ("crawl_2023-03-11", "c.txt")):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / name).write_text(f"Article {name} here.\n", encoding="utf-8")
    found = {a.id: (a.series, a.date) for a in read(tmp_path / "2023-03-09", tmp_path / "2023",
                                                    tmp_path / "crawl_2023-03-11")[0]}
    assert found == {"a": ("", "2023-03-09"), "03/10/b": ("", "2023-03-10"), "c": ("", "")}


def test_a_folder_named_as_a_month_names_no_series(tmp_path: Path) -> None:
    # Archives are laid out by month too (2023-03/05/, wire/2023-03/): a month is part of
    # a date, not an outlet; a season such as 2023-24 is no month.
    for folder, name in (("2023-03/05", "a.txt"), ("2023-04", "b.txt"),
                         ("wire/2023年5月", "c.txt"), ("2023-24", "d.txt")):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / name).write_text(f"Article {name} here.\n", encoding="utf-8")
    found = {a.id: (a.series, a.date) for a in read(tmp_path)[0]}
    assert found == {"2023-03/05/a": ("", "2023-03-05"), "2023-04/b": ("", ""),
                     "wire/2023年5月/c": ("wire", ""), "2023-24/d": ("2023-24", "")}


def test_a_gzipped_json_lines_file_in_a_folder_is_a_data_file(tmp_path: Path) -> None:
    # passim's exports are .jsonl.gz: beside the articles one was told "a gzip archive
    # (unpack it first)", and unpacked, "a data file"; one named .gz without being gzipped
    # was read as an article of JSON.
    row = {"id": "x1", "series": "wire", "date": "2023-03-09", "text": "Alpha text here."}
    (tmp_path / "a.txt").write_text("Alpha text here, on its own.\n", encoding="utf-8")
    write_lines(tmp_path / "feed.jsonl.gz", [row], opener=gzip.open)
    write_lines(tmp_path / "plain.ndjson.GZ", [row])
    [article], skipped = read(tmp_path)
    assert article.id == "a"
    data = "is a data file, not an article (give a JSON-lines file as a source of its own)"
    assert [(Path(s.path).name, s.reason) for s in skipped] == [
        ("feed.jsonl.gz", data), ("plain.ndjson.GZ", data)]


def test_a_metadata_csv_in_a_sub_folder_is_told_how_to_be_read(tmp_path: Path) -> None:
    # One metadata.csv per outlet's folder is a natural layout; it is read only when that
    # folder is a source, and the note says so rather than call it a data file.
    (tmp_path / "wire").mkdir()
    (tmp_path / "wire" / "a.txt").write_text("Alpha text here.\n", encoding="utf-8")
    (tmp_path / "wire" / "metadata.csv").write_text("file,id\na.txt,w1\n", encoding="utf-8")
    [article], [skipped] = read(tmp_path)
    assert article.id == "wire/a"
    assert skipped.path == str(tmp_path / "wire" / "metadata.csv")
    assert skipped.reason == (
        "is not read: only the metadata.csv at the top of a source folder is (give "
        f"{tmp_path / 'wire'} as a source of its own, or move its rows into "
        f"{tmp_path / 'metadata.csv'} with the paths from there)")
    [article], _ = read(tmp_path / "wire")
    assert article.id == "w1"


def test_metadata_csv_names_a_file_whose_accents_are_written_apart(tmp_path: Path) -> None:
    # macOS names files with é as e and a combining accent (NFD); a spreadsheet types é as
    # one character (NFC). Both are the same name to the user.
    (tmp_path / "Zu\u0308rich news.txt").write_text("About the lake.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,id,series,date\n"
                                           "Z\u00fcrich news.txt,z1,nzz,2020-01-01\n",
                                           encoding="utf-8")
    [article], skipped = read(tmp_path)
    assert (article.id, article.series, article.date) == ("z1", "nzz", "2020-01-01")
    assert skipped == []


def test_metadata_csv_names_a_file_in_another_case_as_windows_does(tmp_path: Path) -> None:
    # Written on Windows, where B.TXT opens b.txt; on Linux the row was "not in the
    # folder". Where two names differ only in case, the row must name one as written.
    (tmp_path / "Wire").mkdir()
    (tmp_path / "Wire" / "b.txt").write_text("Beta text here.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Gamma text here.\n", encoding="utf-8")
    (tmp_path / "C.txt").write_text("Other gamma text.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,id,series,date\n"
                                           "wire\\B.TXT,b1,s01,2021-04-02\n"
                                           "C.txt,c2,s01,2021-04-03\n"
                                           "C.TXT,c3,s01,2021-04-04\n", encoding="utf-8")
    articles, skipped = read(tmp_path)
    assert sorted((a.id, Path(a.path).name, a.date) for a in articles) == [
        ("b1", "b.txt", "2021-04-02"), ("c", "c.txt", ""), ("c2", "C.txt", "2021-04-03")]
    assert [(s.path, s.reason) for s in skipped] == [
        (f"{tmp_path / 'metadata.csv'}:4", "lists C.TXT, which is not in the folder")]


def test_metadata_csv_listing_a_hidden_file_or_a_folder_says_so(tmp_path: Path) -> None:
    # Both were told as "not in the folder", which the user could see they were.
    folder = tmp_path / "set"
    (folder / ".drafts").mkdir(parents=True)
    (folder / ".drafts" / "a.txt").write_text("Draft text.\n", encoding="utf-8")
    (folder / ".b.txt").write_text("Hidden text.\n", encoding="utf-8")
    (folder / "wire").mkdir()
    (folder / "wire" / "c.txt").write_text("Gamma text here.\n", encoding="utf-8")
    (tmp_path / "up.txt").write_text("Beside the folder.\n", encoding="utf-8")
    (folder / "metadata.csv").write_text("file,id\n.drafts/a.txt,a1\n.b.txt,b1\nwire,w1\n"
                                         "wire/d.txt,d1\n../up.txt,u1\n..,x1\n",
                                         encoding="utf-8")
    [article], skipped = read(folder)
    assert article.id == "wire/c"
    hidden = "which is hidden (its name or a folder's starts with \".\") and not read " \
             "(name it without the dot)"
    assert [s.reason for s in skipped] == [
        f"lists .drafts/a.txt, {hidden}", f"lists .b.txt, {hidden}",
        "lists wire, which is a folder, not a file (list each of its files)",
        "lists wire/d.txt, which is not in the folder",
        "lists ../up.txt, which is not in the folder", "lists .., which is not in the folder"]


def test_metadata_csv_naming_a_file_without_its_extension_says_which(tmp_path: Path) -> None:
    # A row naming "c" for c.txt was "not in the folder", with no word of c.txt; where two
    # files have that stem (d.txt, d.html) the row cannot say which.
    for name in ("c.txt", "d.txt", "d.html", "wire/e.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(f"Article {name} here.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,id\nc,c1\nd,d1\nwire/e,e1\nd.html,d2\n",
                                           encoding="utf-8")
    articles, skipped = read(tmp_path)
    assert sorted(a.id for a in articles) == ["c", "d", "d2", "wire/e"]
    assert [s.reason for s in skipped] == [
        "lists c, which is not in the folder (write the file's whole name, c.txt, with its "
        "extension)",
        "lists d, which is not in the folder",
        "lists wire/e, which is not in the folder (write the file's whole name, wire/e.md, "
        "with its extension)"]


def test_metadata_csv_of_thousands_of_rows_without_extensions_is_read_at_once(
        tmp_path: Path) -> None:
    # Each row's hint compared its name with every file of the folder: 10,000 rows written
    # without extensions took six minutes before the first article was read.
    files = 4000
    rows = ["file,id"]
    for k in range(files):
        (tmp_path / f"a{k:05d}.txt").write_text(f"Article number {k} here.\n",
                                                encoding="utf-8")
        rows.append(f"a{k:05d},id{k}")
    (tmp_path / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    skipped: list[Skipped] = []
    start = time.perf_counter()
    first = next(read_sources([str(tmp_path)], skipped.append))
    assert time.perf_counter() - start < 10  # was over a minute; now under a second
    assert first.id == "a00000"
    assert len(skipped) == files
    assert skipped[-1].reason == ("lists a03999, which is not in the folder (write the "
                                  "file's whole name, a03999.txt, with its extension)")


def test_metadata_csv_opening_on_excels_separator_line_is_read(tmp_path: Path) -> None:
    # Excel writes (and reads) "sep=;" as the first line; the columns follow it.
    skipped = _alpha_listed_by(tmp_path, "sep=;\r\nfile;id;series;date\r\n"
                                         "a.txt;d001;s01;2021-04-02\r\n"
                                         "gone.txt;d009;s01;2021-01-01\r\n")
    assert [s.path for s in skipped] == [f"{tmp_path / 'metadata.csv'}:4"]


def _alpha_listed_by(folder: Path, metadata: str) -> list[Skipped]:
    """What reading `folder` skips, once a.txt and the `metadata` that lists it as d001 of
    s01 on 2021-04-02 are written there (and it is so read)."""
    (folder / "a.txt").write_text("Alpha text here.\n", encoding="utf-8")
    (folder / "metadata.csv").write_text(metadata, encoding="utf-8", newline="")
    [article], skipped = read(folder)
    assert (article.id, article.series, article.date) == ("d001", "s01", "2021-04-02")
    return skipped


@pytest.mark.parametrize(("metadata", "line"), [
    ('file,id\n"art0.txt,x0\nart1.txt,x1\nart2.txt,x2\n', 2),
    # Counted in the file's lines: after Excel's separator line and a cell of two lines.
    ('sep=;\r\nfile;id;series\r\nart0.txt;x0;"Xinhua\r\nNews"\r\nart1.txt;"x1\r\n'
     "art2.txt;x2\r\n", 5)], ids=["first row", "after a cell of two lines"])
def test_metadata_csv_with_a_quote_never_closed_names_the_line_it_opens_on(
        tmp_path: Path, metadata: str, line: int) -> None:
    # Read on to the end of the file, the quoted cell held every row after it: the run
    # told 'lists art0.txt,x0\nart1.txt,x1..., which is not in the folder', the quote
    # unnamed, and indexed the articles under the ids of their file names.
    for k in range(3):
        (tmp_path / f"art{k}.txt").write_text(f"Article {k} here.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(metadata, encoding="utf-8", newline="")
    with pytest.raises(SourceError) as raised:
        read(tmp_path)
    assert str(raised.value) == (
        f"{tmp_path / 'metadata.csv'}:{line}: opens a quoted cell (\") that is never closed, "
        "so every line after it is read as part of that cell; close the quote, or remove it")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "gbk"])
def test_metadata_csv_is_read_in_the_encoding_a_spreadsheet_saves(tmp_path: Path,
                                                                  encoding: str) -> None:
    # Excel saves "CSV" in the system's code page, and "Unicode text" as UTF-16.
    series = "南方日报社会新闻版" if encoding == "gbk" else "Le Café du Port"
    for k in range(1, 7):
        (tmp_path / f"a{k}.txt").write_text(f"Article {k} here.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_bytes(("file,id,series,date\r\n" + "".join(
        f"a{k}.txt,d00{k},{series},2021-04-0{k}\r\n" for k in range(1, 7))).encode(encoding))
    articles, skipped = read(tmp_path)
    assert [(a.id, a.series, a.date) for a in sorted(articles, key=lambda a: a.id)] == [
        (f"d00{k}", series, f"2021-04-0{k}") for k in range(1, 7)]
    assert skipped == []


@pytest.mark.parametrize(("series", "encoding"), [("新华社", "gbk"), ("人民日报", "gbk"),
                                                  ("光明日报", "gbk"), ("自由時報", "cp950")])
def test_a_short_metadata_csv_names_its_chinese_series_as_written(
        tmp_path: Path, series: str, encoding: str) -> None:
    # Excel on a Chinese Windows saves "CSV" in GBK (or Big5): one row gives the detector
    # a handful of characters, which it read as Big5 or Korean (陔貌扦 for 新华社).
    (tmp_path / "a.txt").write_text("Article here.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_bytes(f"file;id;series\na.txt;x1;{series}\n"
                                            .encode(encoding))
    [article], skipped = read(tmp_path)
    assert (article.id, article.series) == ("x1", series)
    assert skipped == []


@pytest.mark.parametrize("separator", [";", "\t", ","])
def test_metadata_csv_naming_its_columns_quoted_with_spaces_is_read(tmp_path: Path,
                                                                    separator: str) -> None:
    # A spreadsheet quotes a column's name typed with a space after it ("File "): the
    # semicolons were not found, and the run stopped on 'has no "file" column'.
    assert _alpha_listed_by(tmp_path, separator.join(['"File "', '" ID"', "Series", "Date"])
                            + "\r\n" + separator.join(["a.txt", "d001", "s01", "2021-04-02"])
                            + "\r\n") == []


@pytest.mark.parametrize(("name", "series", "encoding"), [
    ("新聞.txt", "s", "big5"), ("Ñu.txt", "s", "cp1252"), ("Новости.txt", "ТАСС", "cp1251")])
def test_a_one_row_metadata_csv_in_a_code_page_names_its_file(
        tmp_path: Path, name: str, series: str, encoding: str) -> None:
    # One row in Big5 was read as Windows-1252 ("lists ·s»D.txt, which is not in the
    # folder"), one in Windows-1252 as GBK ("lists 製.txt"), and the article lost its id,
    # series and date. The folder's own file names tell which code page was saved.
    (tmp_path / name).write_text("Article here.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_bytes(
        f"file,id,series,date\r\n{name},x0,{series},2023-01-01\r\n".encode(encoding))
    [article], skipped = read(tmp_path)
    assert (article.id, article.series, article.date) == ("x0", series, "2023-01-01")
    assert skipped == []


def test_metadata_csv_without_a_file_column_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Alpha.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("name,id\na.txt,x\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"metadata\.csv: has no \"file\" column"):
        read(tmp_path)


def test_dates_from_file_and_folder_names_and_from_html_metadata(tmp_path: Path) -> None:
    (tmp_path / "2019-07-01").mkdir()
    (tmp_path / "2019-07-01" / "story.txt").write_text("Folder dated.\n", encoding="utf-8")
    (tmp_path / "report_20180312.txt").write_text("Compact date.\n", encoding="utf-8")
    (tmp_path / "no_date_99999999.txt").write_text("Not a date.\n", encoding="utf-8")
    (tmp_path / "b_2020-1-2.txt").write_text("Short month and day.\n", encoding="utf-8")
    (tmp_path / "人民日报2020年1月7日.txt").write_text("中文日期。\n", encoding="utf-8")
    (tmp_path / "v2020-13-40.txt").write_text("No such day.\n", encoding="utf-8")
    page = ('<html><head><meta property="article:published_time" '
            'content="2017-05-06T08:30:00Z"><title>Harbour | Paper</title></head><body>'
            '<article><h1>The harbour reopens</h1><p>' + " ".join(PARAGRAPHS) +
            "</p></article></body></html>")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    dated_page = page.replace("2017-05-06", "2016-01-02")
    (tmp_path / "2015-10-10 page.htm").write_text(dated_page, encoding="utf-8")
    found = by_id(read(tmp_path)[0])
    assert found["2019-07-01/story"].date == "2019-07-01"
    assert found["report_20180312"].date == "2018-03-12"
    assert found["no_date_99999999"].date == ""
    assert found["b_2020-1-2"].date == "2020-01-02"
    assert found["人民日报2020年1月7日"].date == "2020-01-07"
    assert found["v2020-13-40"].date == ""
    assert found["page"].date == "2017-05-06"
    assert found["page"].title == "The harbour reopens"
    assert found["2015-10-10 page"].date == "2015-10-10"  # the name comes before the page


def test_a_file_name_stamped_with_a_date_and_time_is_dated(tmp_path: Path) -> None:
    # Scrapers stamp files with the time they fetched them, run on to the date: those were
    # read undated without a word. Digits that only open with a date (a time that is none,
    # an id) date nothing, as before.
    for name in ("news_20230309082000.txt", "202303100820.txt", "2023-03-11T0820_x.txt",
                 "202303122460.txt", "2023031308.txt", "1202303140820.txt"):
        (tmp_path / name).write_text(PARAGRAPHS[0], encoding="utf-8")
    found = {a.id: a.date for a in read(tmp_path)[0]}
    assert found == {"news_20230309082000": "2023-03-09", "202303100820": "2023-03-10",
                     "2023-03-11T0820_x": "2023-03-11", "202303122460": "",
                     "2023031308": "", "1202303140820": ""}


def test_a_page_dated_in_chinese_is_dated_as_one_dated_in_iso(tmp_path: Path) -> None:
    # Chinese sites state the date in their tags as 2023年03月09日, often with a time.
    stated = {"meta": '<meta name="publishdate" content="{}">',
              "time": '<meta name="x"><time datetime="{}">published</time>',
              "json": ('<script type="application/ld+json">{{"@type": "NewsArticle", '
                       '"datePublished": "{}"}}</script>')}
    written = {"2023-03-09": "2023年03月09日", "2022-11-04 10:20": "2022年11月4日 10:20",
               "2021-01-02 08:00": "2021年1月2日08:00"}
    expected = {}
    for kind, tag in stated.items():
        for number, (iso, chinese) in enumerate(written.items()):
            for form, date in (("iso", iso), ("zh", chinese)):
                page = ("<html><head><title>2020年1月1日 港口新闻</title>" + tag.format(date) +
                        "</head><body><article><p>" + " ".join(PARAGRAPHS) +
                        "</p></article></body></html>")
                (tmp_path / f"{kind}-{form}-{number}.html").write_text(page, encoding="utf-8")
                expected[f"{kind}-{form}-{number}"] = iso[:10]
    # A file name too may write the time on after the date.
    (tmp_path / "人民日报2023年03月09日0820.txt").write_text("正文。\n", encoding="utf-8")
    expected["人民日报2023年03月09日0820"] = "2023-03-09"
    found = by_id(read(tmp_path)[0])
    assert {key: article.date for key, article in found.items()} == expected
    for article in found.values():
        if article.path.endswith(".html"):  # the title as written: only the date is read
            assert article.title == "2020年1月1日 港口新闻"


def test_a_date_line_at_the_head_of_a_text_dates_it(tmp_path: Path) -> None:
    # As scraped pages come: the date on the title line, or on a line under it.
    (tmp_path / "a.txt").write_text(" date 2023-03-02 Promoting modernization\n\nBody.\n",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("Striving | Innovating\n\nRelease time:Apr 14, 2024 "
                                    "05:15 AM\n\nBody.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Harbour news\nPublished: 7 March 2022\nBody.\n",
                                    encoding="utf-8")
    (tmp_path / "d.txt").write_text("港口新闻\n发布时间：2021年5月6日 10:00\n正文。\n",
                                    encoding="utf-8")
    (tmp_path / "e.docx").write_bytes(docx_with_table())
    # A date the text mentions is an event's, not the text's; one too far down is not read.
    (tmp_path / "f.txt").write_text("Harbour news\n\nOn 2019-03-04 the council met.\n",
                                    encoding="utf-8")
    (tmp_path / "g.txt").write_text("Title\nOne\nTwo\nDate: 2020-01-01\n", encoding="utf-8")
    (tmp_path / "h.txt").write_text("Date: February 30, 2023\n\nNo such day.\n",
                                    encoding="utf-8")
    # The file name comes first.
    (tmp_path / "2010-01-01 i.txt").write_text("Date: 2023-03-02\n\nBody.\n",
                                               encoding="utf-8")
    (tmp_path / "j.txt").write_text("Release time: 2022-01-02 09:30 AM\n\nBody.\n",
                                    encoding="utf-8")
    (tmp_path / "k.txt").write_text("date 2023-01-20\r\nRelay tower memories\r\n\r\nBody.\r\n",
                                    encoding="utf-8")
    (tmp_path / "l.txt").write_text("Date: 2023-01-21\n", encoding="utf-8")
    found = by_id(read(tmp_path)[0])
    assert {k: a.date for k, a in found.items()} == {
        "a": "2023-03-02", "b": "2024-04-14", "c": "2022-03-07", "d": "2021-05-06",
        "e": "", "f": "", "g": "", "h": "", "2010-01-01 i": "2010-01-01", "j": "2022-01-02",
        "k": "2023-01-20", "l": "2023-01-21"}
    # A title line that opens with the date is titled by what follows it; one that holds
    # nothing else by the next line (every such article was listed by its date alone), but
    # in a text that has no other.
    assert found["a"].title == "Promoting modernization"
    assert found["b"].title == "Striving | Innovating"
    assert found["j"].title == "Body."
    assert found["k"].title == "Relay tower memories"
    assert found["l"].title == "Date: 2023-01-21"


def test_a_byte_order_mark_hides_neither_the_date_line_nor_the_title(tmp_path: Path) -> None:
    # Notepad saves UTF-8 with a byte-order mark, which the text keeps as U+FEFF.
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbf date 2023-03-02 Promoting modernization"
                                     b"\r\n\r\nBody.\r\n")
    (tmp_path / "b.txt").write_bytes("\ufeff港口新闻\n发布时间：2021年5月6日\n正文。\n"
                                     .encode("utf-8"))
    found = by_id(read(tmp_path)[0])
    assert found["a"].text.startswith("\ufeff")  # offsets still count it
    assert (found["a"].date, found["a"].title) == ("2023-03-02", "Promoting modernization")
    assert (found["b"].date, found["b"].title) == ("2021-05-06", "港口新闻")


def test_a_markdown_articles_front_matter_dates_and_titles_it(tmp_path: Path) -> None:
    # Hugo and Jekyll keep a post's date and title in its front matter, which is no text:
    # read for neither, such a post was indexed undated under its first paragraph.
    (tmp_path / "hugo.md").write_text(
        '---\ntitle: "Tower memories"\ndate: 2023-01-21\n---\n\nAn engineer recalls.\n',
        encoding="utf-8")
    (tmp_path / "zoned.md").write_text(
        "---\ntitle: Late edition\ndate: 2023-01-22T23:30:00-05:00\n---\n\nText.\n",
        encoding="utf-8")
    (tmp_path / "toml.md").write_text(
        '+++\ntitle = "Harbour"\npublishDate = 2021-05-06\n+++\n\nText.\n', encoding="utf-8")
    (tmp_path / "vague.md").write_text("---\ndate: 05/11/2022\n---\n\nVague news.\n",
                                       encoding="utf-8")
    # The file's name comes first, as for any file.
    (tmp_path / "2010-01-01 named.md").write_text("---\ndate: 2023-03-02\n---\n\nText.\n",
                                                  encoding="utf-8")
    articles, notes = read(tmp_path)
    found = by_id(articles)
    assert {k: (a.date, a.title) for k, a in found.items()} == {
        "hugo": ("2023-01-21", "Tower memories"), "zoned": ("2023-01-22", "Late edition"),
        "toml": ("2021-05-06", "Harbour"), "vague": ("", "Vague news."),
        "2010-01-01 named": ("2010-01-01", "Text.")}
    assert found["hugo"].text == "An engineer recalls."
    [note] = notes
    assert note.path.endswith("vague.md") and note.indexed and "'05/11/2022'" in note.reason


def test_a_folders_settings_and_links_to_pages_are_skipped_not_read_as_articles(
        tmp_path: Path) -> None:
    # Copied from Windows, or with links to stories dragged out of a browser beside them.
    (tmp_path / "story.txt").write_text("The ferry left at dawn.\n", encoding="utf-8")
    (tmp_path / "desktop.ini").write_text("[.ShellClassInfo]\r\nIconResource=x.dll,-3\r\n",
                                          encoding="utf-8")
    (tmp_path / "Ferry story.url").write_text(
        "[InternetShortcut]\r\nURL=https://example.com/ferry\r\n", encoding="utf-8")
    (tmp_path / "Ferry story.webloc").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict><key>URL</key>'
        "<string>https://example.com/ferry</string></dict></plist>\n", encoding="utf-8")
    articles, skipped = read(tmp_path)
    assert [a.id for a in articles] == ["story"]
    assert {Path(s.path).name: s.reason for s in skipped} == {
        "desktop.ini": "is the settings file Windows keeps in a folder, not an article",
        "Ferry story.url": "is a link to a web page (save the page itself to read it), "
                           "not an article",
        "Ferry story.webloc": "is a link to a web page (save the page itself to read it), "
                              "not an article"}


def test_the_files_and_folders_an_operating_system_keeps_are_skipped_as_what_they_are(
        tmp_path: Path) -> None:
    # A USB stick of articles used on Windows, given whole: Thumbs.db (an OLE file, as an
    # old .doc is) was skipped with "save it as DOCX or PDF"; a deleted article in the
    # recycle bin and the drive's index GUID were indexed as articles. A zip made on a Mac
    # adds __MACOSX/ with AppleDouble "._" files: hidden, passed over unlisted.
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "story.txt").write_text("The ferry left at dawn.\n", encoding="utf-8")
    ole_header = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(16) + bytes.fromhex("3e000300feff")
    (tmp_path / "news" / "Thumbs.db").write_bytes(ole_header + bytes(512))
    (tmp_path / "news" / "ehthumbs.db").write_bytes(ole_header + bytes(64))
    (tmp_path / "news" / "Icon\r").write_bytes(b"")
    deleted = tmp_path / "$RECYCLE.BIN" / "S-1-5-21-1004"
    deleted.mkdir(parents=True)
    (deleted / "$RXK2L9Q.txt").write_text("An article thrown away.\n", encoding="utf-8")
    volume = tmp_path / "System Volume Information"
    volume.mkdir()
    (volume / "IndexerVolumeGuid").write_text("{7D2A3B1C-0000-4000-8000-000000000000}",
                                              encoding="utf-16")
    apple = tmp_path / "__MACOSX" / "news"
    apple.mkdir(parents=True)
    (apple / "._story.txt").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
    articles, skipped = read(tmp_path)
    assert [a.id for a in articles] == ["news/story"]
    windows_keeps = "Windows keeps in a folder, not an article"
    assert {Path(s.path).name: s.reason for s in skipped} == {
        "Thumbs.db": f"is the cache of picture thumbnails {windows_keeps}",
        "ehthumbs.db": f"is the cache of video thumbnails {windows_keeps}",
        "Icon\r": "is the file macOS keeps a folder's own icon in, not an article",
        "$RECYCLE.BIN": "is the folder Windows keeps a drive's deleted files in; not read",
        "System Volume Information": "is the folder Windows keeps a drive's restore points "
                                     "and search index in; not read"}


def test_the_note_windows_keeps_of_a_downloads_origin_is_passed_over_as_part_of_it(
        tmp_path: Path) -> None:
    # Downloaded on Windows and copied into WSL's Linux, each article comes with
    # "NAME:Zone.Identifier", which was indexed as an article titled "[ZoneTransfer]".
    for name in ("story.pdf", "other.txt"):
        (tmp_path / f"{name}:Zone.Identifier").write_text(
            f"[ZoneTransfer]\r\nZoneId=3\r\nHostUrl=https://example.com/{name}\r\n",
            encoding="utf-8")
    (tmp_path / "other.txt").write_text("The ferry left at dawn.\n", encoding="utf-8")
    articles, skipped = read(tmp_path)
    assert [a.id for a in articles] == ["other"] and skipped == []


def test_unreadable_files_are_skipped_with_their_reason_and_the_rest_read(
        tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("A readable article.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(200))
    (tmp_path / "broken.pdf").write_bytes(b"not a pdf at all")
    (tmp_path / "table.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Never read.\n", encoding="utf-8")
    articles, skipped = read(tmp_path)
    assert [a.id for a in articles] == ["good"]
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert set(reasons) == {"empty.txt", "photo.jpg", "broken.pdf", "table.csv"}
    assert "empty" in reasons["empty.txt"]
    assert "JPEG" in reasons["photo.jpg"]
    assert "not a PDF" in reasons["broken.pdf"]
    assert "data file" in reasons["table.csv"]


def test_a_file_with_no_text_in_a_folder_is_told_without_what_to_open_instead(
        tmp_path: Path) -> None:
    # Each said what a user opening one file is told: "is empty (choose a file with text in
    # it)", "is binary, not text (open a text, HTML, DOCX or PDF file)"; nobody chose these.
    (tmp_path / "good.txt").write_text("A readable article.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_text("  \n\n", encoding="utf-8")
    (tmp_path / "dashes.txt").write_text("-- * --\n", encoding="utf-8")
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "noise.txt").write_bytes(bytes(range(1, 32)) * 200)
    articles, skipped = read(tmp_path)
    assert [a.id for a in articles] == ["good"]
    assert {Path(s.path).name: s.reason for s in skipped} == {
        "empty.txt": "is empty", "blank.md": "is empty", "dashes.txt": "has no words in it",
        "empty.html": "is empty", "noise.txt": "is binary, not text"}
    # Opened alone, each still says what to open instead.
    with pytest.raises(LoadError, match=r"is empty \(choose a file with text in it\)"):
        load_document(tmp_path / "empty.txt")


def test_an_archive_or_a_program_in_a_folder_is_told_without_what_to_open_instead(
        tmp_path: Path) -> None:
    # A binary file was told without "(open a text, HTML, DOCX or PDF file)", but a ZIP
    # archive or a program in the same folder still was: nobody chose to open them.
    (tmp_path / "good.txt").write_text("A readable article.\n", encoding="utf-8")
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("notes.txt", "Some notes.")
    (tmp_path / "bundle.zip").write_bytes(packed.getvalue())
    (tmp_path / "tool").write_bytes(b"\x7fELF" + bytes(300))
    (tmp_path / "noise.bin").write_bytes(bytes(range(1, 32)) * 200)
    articles, skipped = read(tmp_path)
    assert [a.id for a in articles] == ["good"]
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert set(reasons) == {"bundle.zip", "tool", "noise.bin"}
    for name, reason in reasons.items():
        # Opened alone, each says what to open instead, as a binary file does; in the
        # folder, its problem alone.
        with pytest.raises(LoadError) as told:
            load_document(tmp_path / name)
        assert told.value.hint.startswith("open "), name
        assert reason == told.value.problem, name


def test_a_file_over_the_size_limit_is_skipped_with_a_remedy_a_collection_takes(
        tmp_path: Path) -> None:
    # It said "(raise the limit with --max-size MB)", the remedy of `tandem compare`, which
    # `tandem corpus` (and the window's collections) refuse as an unrecognized argument.
    (tmp_path / "good.txt").write_text("A readable article.\n", encoding="utf-8")
    with (tmp_path / "dump.txt").open("wb") as handle:  # sparse: 51 MB on no disk
        handle.truncate(51 * 1048576)
    articles, skipped = read(tmp_path)
    assert [a.id for a in articles] == ["good"]
    [told] = skipped
    assert told.reason == ("is too large (51 MB; the limit is 50 MB) (split it into articles: "
                           "a collection reads no file over the limit)")
    assert told.unreadable


def test_a_page_saved_complete_is_read_without_its_scripts_styles_and_frames(
        tmp_path: Path) -> None:
    # "Save page, complete" writes news.html and news_files/ (its scripts, stylesheets,
    # images and ad frames), the same files for every page of a site: read as articles,
    # they would be copies shared by all.
    script = "function track(){ return 'the same script on every page of the site'; }\n"
    for page in ("one", "two"):
        (tmp_path / f"{page}.html").write_bytes(html_article())
        parts = tmp_path / f"{page}_files"
        parts.mkdir()
        (parts / "jquery.min.js").write_text(script, encoding="utf-8")
        (parts / "ad.html").write_text("<html><body><p>Buy the best phones now, today "
                                       "only.</p></body></html>", encoding="utf-8")
    (tmp_path / "theme.css").write_text("body { color: red; font-family: Arial }\n",
                                        encoding="utf-8")
    (tmp_path / "photos_files").mkdir()  # no photos.html beside it: read as any folder
    (tmp_path / "photos_files" / "caption.txt").write_text("A caption of the photos.\n",
                                                          encoding="utf-8")
    articles, skipped = read(tmp_path)
    assert sorted(a.id for a in articles) == ["one", "photos_files/caption", "two"]
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert set(reasons) == {"one_files", "two_files", "theme.css"}
    assert "one.html" in reasons["one_files"] and "not read" in reasons["one_files"]
    assert reasons["theme.css"] == "is a stylesheet of a web page, not an article"


def test_a_crawl_s_feeds_and_sitemaps_are_no_articles(tmp_path: Path) -> None:
    # A mirrored site holds its feeds (rss.xml, or feed/index.html as wget saves them) and
    # sitemaps beside its pages: read as text, a feed quoting the leads of every article
    # would be a copy shared with each of them.
    lead = PARAGRAPHS[0]
    (tmp_path / "story.html").write_bytes(html_article())
    rss = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>News'
           f"</title><item><title>Story</title><description>{lead}</description></item>"
           "</channel></rss>\n")
    (tmp_path / "rss.xml").write_text(rss, encoding="utf-8")
    (tmp_path / "feed").mkdir()
    (tmp_path / "feed" / "index.html").write_text(rss, encoding="utf-8")
    (tmp_path / "atom.xml").write_text(
        '<?xml version="1.0"?><!-- made by a blog --><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<entry><summary>{lead}</summary></entry></feed>", encoding="utf-8")
    (tmp_path / "sitemap.xml").write_text(
        '<?xml version="1.0"?><urlset><url><loc>https://news.example/story.html</loc></url>'
        "</urlset>", encoding="utf-8")
    articles, skipped = read(tmp_path)
    assert [a.id for a in articles] == ["story"]
    reasons = {Path(s.path).relative_to(tmp_path).as_posix(): s.reason for s in skipped}
    feed = "is a news feed (RSS or Atom), not an article (open the articles it links to)"
    assert reasons == {"rss.xml": feed, "feed/index.html": feed, "atom.xml": feed,
                       "sitemap.xml": "is a sitemap (a list of a site's pages), not an "
                                      "article (open the pages it lists)"}


def test_linked_folders_are_read_once_even_when_they_loop(tmp_path: Path) -> None:
    (tmp_path / "f" / "sub").mkdir(parents=True)
    (tmp_path / "f" / "sub" / "a.txt").write_text("Only once.\n", encoding="utf-8")
    (tmp_path / "f" / "sub" / "up").symlink_to(tmp_path / "f")
    (tmp_path / "f" / "again").symlink_to(tmp_path / "f" / "sub")
    articles, skipped = read(tmp_path / "f")
    assert [a.id for a in articles] == ["sub/a"] and skipped == []  # its own path


def test_a_folder_or_file_also_linked_to_is_read_under_its_own_name(tmp_path: Path) -> None:
    # "latest" -> "xinhua" came first by name: the articles took the link's name for
    # their ids and series, and changed both when the link was pointed elsewhere; a
    # file was told as "the same file as" the link to it.
    (tmp_path / "xinhua").mkdir()
    (tmp_path / "xinhua" / "a.txt").write_text(PARAGRAPHS[0], encoding="utf-8")
    (tmp_path / "latest").symlink_to(tmp_path / "xinhua")
    (tmp_path / "z.txt").write_text(PARAGRAPHS[1], encoding="utf-8")
    (tmp_path / "a_link.txt").symlink_to(tmp_path / "z.txt")
    articles, skipped = read(tmp_path)
    assert sorted((a.id, a.series) for a in articles) == [("xinhua/a", "xinhua"), ("z", "")]
    assert [(Path(s.path).name, s.reason) for s in skipped] == [
        ("a_link.txt", "is the same file as z.txt (a link to it); read once")]


def test_a_single_article_file_is_a_source(tmp_path: Path) -> None:
    path = tmp_path / "2022-01-09_note.txt"
    path.write_text("Just one.\n", encoding="utf-8")
    [article] = read(path)[0]
    assert (article.id, article.date, article.text) == ("2022-01-09_note", "2022-01-09",
                                                        "Just one.\n")


# JSON lines ----------------------------------------------------------------------------------

ROWS = [
    {"id": "d1", "series": "s1", "date": "2020-01-03", "text": CRLF_TEXT, "extra": [1, 2]},
    {"id": 2, "series": "s2", "date": "2020-01-04T09:00:00", "text": "Second\u3000文章。\n",
     "title": "The second"},
    {"id": "d3", "text": "No series or date."},
]


def check_rows(articles: list[Article], path: Path,
               numbers: tuple[int, int, int] = (1, 2, 3)) -> None:
    assert [(a.id, a.series, a.date, a.title) for a in articles] == [
        ("d1", "s1", "2020-01-03", "Harbour news"),
        ("2", "s2", "2020-01-04", "The second"),
        ("d3", "", "", "No series or date."),
    ]
    assert [a.text for a in articles] == [row["text"] for row in ROWS]  # type: ignore[index]
    assert [a.path for a in articles] == [f"{path}:{n}" for n in numbers]


def test_json_lines_in_passims_schema(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.jsonl", list(ROWS))
    check_rows(read(path)[0], path)


def test_a_json_line_s_series_is_read_without_the_white_space_around_it(
        tmp_path: Path) -> None:
    # Scraped fields carry stray spaces and line breaks; metadata.csv cells are read so.
    rows = [{"id": "a", "series": "Xinhua", "text": "One."},
            {"id": "b", "series": " Xinhua \n", "text": "Two."},
            {"id": "c", "series": "  ", "text": "Three."}]
    articles, _ = read(write_lines(tmp_path / "a.jsonl", rows))
    assert [a.series for a in articles] == ["Xinhua", "Xinhua", ""]


@pytest.mark.parametrize("name", ["c.jsonl.gz", "c.json.gz", "c.jsonl"])
def test_gzipped_json_lines_by_name_or_by_their_magic_bytes(tmp_path: Path, name: str) -> None:
    path = write_lines(tmp_path / name, list(ROWS), opener=gzip.open)
    check_rows(read(path)[0], path)


def test_bad_json_lines_are_skipped_with_file_line_and_reason(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.jsonl", [
        ROWS[0],
        '{"id": "x", "text": "unclosed',
        {"series": "s1", "text": "no id"},
        {"id": "y", "series": "s1"},
        "",
        "[1, 2]",
        {"id": "z", "text": ["not", "a", "string"]},
        {"id": "w", "text": "  \n"},
        ROWS[2],
        {"id": "v", "text": None},
        {"id": 4.5, "text": "a number for an id"},
        {"id": "u", "series": ["s1"], "text": "a list for a series"},
        "null",
        '"a string"',
    ])
    articles, skipped = read(path)
    assert [a.id for a in articles] == ["d1", "d3", "u"]
    assert articles[-1].series == ""
    lines = {int(s.path.rsplit(":", 1)[1]): s.reason for s in skipped}
    assert all(s.path.startswith(f"{path}:") for s in skipped)
    assert set(lines) == {2, 3, 4, 6, 7, 8, 10, 11, 13, 14}  # the blank line 5 is neither
    assert "not valid JSON" in lines[2]
    assert lines[3] == 'has no "id" field'
    assert lines[4] == 'has no "text" field'
    assert lines[6] == 'is a list, not an object {"id", "series", "date", "text"}'
    assert '"text" that is a list' in lines[7]
    assert "empty" in lines[8]
    assert lines[10] == 'has a "text" that is null, not a string'
    assert lines[11] == 'has an "id" that is 4.5, not a string or a whole number'
    assert lines[13].startswith("is null, not an object")
    assert lines[14].startswith("is a string, not an object")
    assert str(skipped[0]).startswith(f"{path}:2: ")


def test_json_lines_files_joined_each_with_its_byte_order_mark_are_read(
        tmp_path: Path) -> None:
    # Two exports saved with a byte-order mark, joined (cat a.jsonl b.jsonl): the second's
    # first line was skipped as "unexpected utf-8 bom (decode using utf-8-sig)".
    parts = [write_lines(tmp_path / f"{n}.jsonl", [row]) for n, row in enumerate(ROWS)]
    joined = tmp_path / "all.jsonl"
    joined.write_bytes(b"".join(b"\xef\xbb\xbf" + part.read_bytes() for part in parts))
    articles, skipped = read(joined)
    check_rows(articles, joined)
    assert skipped == []


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_json_lines_saved_as_utf_16_without_a_byte_order_mark_are_told_so(
        tmp_path: Path, encoding: str) -> None:
    # Windows tools save "Unicode" without a mark: each line was "not valid JSON:
    # expecting property name enclosed in double quotes at column 2", naming no encoding.
    wide = tmp_path / "wide.jsonl"
    wide.write_bytes("".join(json.dumps(row, ensure_ascii=False) + "\n"
                             for row in ROWS[1:]).encode(encoding))
    skipped: list[Skipped] = []
    with pytest.raises(SourceError, match=r"wide.jsonl:1: is not UTF-8 text but UTF-16"):
        list(read_sources([str(wide)], skipped.append))
    told = {s.path: s.reason for s in skipped}
    assert told[f"{wide}:1"] == told[f"{wide}:2"] == (
        "is not UTF-8 text but UTF-16 (NUL bytes between its letters); save the file as UTF-8")


@pytest.mark.parametrize("opener", [open, gzip.open], ids=["plain", "gzipped"])
def test_json_lines_ended_by_carriage_returns_alone_are_read_line_by_line(
        tmp_path: Path, opener) -> None:
    # Classic Mac OS line ends: the whole file was one line, "followed by more at column
    # 143", then "no readable article found". Each line keeps its number.
    lines = [json.dumps(ROWS[0]), '{"id": "x", "text": "unclosed', json.dumps(ROWS[1]),
             "", json.dumps(ROWS[2])]
    path = tmp_path / ("mac.jsonl.gz" if opener is gzip.open else "mac.jsonl")
    with opener(path, "wb") as handle:
        handle.write("\r".join(lines).encode("utf-8"))
    articles, skipped = read(path)
    check_rows(articles, path, numbers=(1, 3, 5))
    assert [(s.path, s.reason) for s in skipped] == [
        (f"{path}:2", "is not valid JSON: a string is not closed (or holds a raw line break)")]


def test_a_carriage_return_inside_a_line_of_a_file_of_line_feeds_ends_no_line(
        tmp_path: Path) -> None:
    # JSON white space between two fields; the file's lines end in "\n".
    first = json.dumps(ROWS[0]).replace('", "series"', '",\r"series"', 1)
    path = write_lines(tmp_path / "c.jsonl", [first, ROWS[1], ROWS[2]])
    articles, skipped = read(path)
    check_rows(articles, path)
    assert skipped == []


def test_a_whole_number_written_as_a_float_is_read_as_an_integer_id(tmp_path: Path) -> None:
    # pandas writes an integer column that holds a blank as floats: "id": 12.0 is id 12,
    # as "id": 12 is; 4.5 and NaN are no ids.
    path = write_lines(tmp_path / "c.jsonl", [
        {"id": 12.0, "text": "A whole number written as a float."},
        {"id": 13, "text": "A whole number."},
        {"id": 4.5, "text": "A fraction."},
    ])
    path.write_text(path.read_text(encoding="utf-8")
                    + '{"id": NaN, "text": "Not a number."}\n', encoding="utf-8")
    articles, skipped = read(path)
    assert [a.id for a in articles] == ["12", "13"]
    # Told what an id may be: "is a number, not a string" read as if 13 were refused too.
    assert [s.reason for s in skipped] == [
        'has an "id" that is 4.5, not a string or a whole number',
        'has an "id" that is NaN, not a string or a whole number']


def test_broken_json_is_told_in_the_writer_s_terms(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join([
        json.dumps(ROWS[0]),
        '{"id": "x1", "text": "unterminated',
        '{"id": "x2", "text": "a\ttab"}',
        '{"id": "x3", "text": ',
        '{"id": "x4", "text": "x"} more',
        '{"id": "x5", "text": "the last line, left open',
        # Nested deeper than the parser goes: this stopped the run with a traceback.
        '{"id": "x6", "text": "deep", "tags": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"id": ' + "1" * 5000 + ', "text": "a number Python will not read"}',
    ]), encoding="utf-8")
    articles, skipped = read(path)
    assert [a.id for a in articles] == [ROWS[0]["id"]]
    # Valid JSON the parser refuses is skipped like any broken line, not a crash, and
    # told in the writer's terms, not as Python's "use sys.set_int_max_str_digits()".
    assert skipped.pop().reason == (
        f"holds a number of 5,000 digits, more than a number may have "
        f"({sys.get_int_max_str_digits():,} at most); write it in quotes, as a string, or "
        "leave it out")
    assert {s.path.rsplit(":", 1)[1]: s.reason for s in skipped} == {
        # Not "Invalid control character at: line 1 column 73": the line break ends the
        # string, and the parser's "line 1" is no line of the file.
        "2": "is not valid JSON: a string is not closed (or holds a raw line break)",
        "3": "is not valid JSON: a string holds a raw control character at column 24 "
             "(write a tab as \\t)",
        "4": "is not valid JSON: the line ends early (expecting value)",
        "5": "is not valid JSON: the object is followed by more at column 27",
        "6": "is not valid JSON: a string is not closed (or holds a raw line break)",
        "7": "holds lists or objects nested too deeply to read; write that field flatter, "
             "or leave it out",
    }


def test_a_line_too_deep_and_with_too_long_a_number_is_skipped_and_told(tmp_path: Path) -> None:
    # The number is refused first; measuring its digits read the line again and met the
    # nesting: a RecursionError raised in the handler stopped the run with a traceback.
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join([
        json.dumps(ROWS[0]),
        '{"id": "x", "n": ' + "1" * 5000 + ', "tags": ' + "[" * 100_000 + "]" * 100_000
        + ', "text": "deep and long"}',
    ]), encoding="utf-8")
    articles, skipped = read(path)
    assert [a.id for a in articles] == [ROWS[0]["id"]]
    assert [(s.path.rsplit(":", 1)[1], s.reason) for s in skipped] == [
        ("2", "holds lists or objects nested too deeply to read; write that field flatter, "
              "or leave it out")]


def test_damaged_gzip_keeps_the_lines_before_and_says_where_it_broke(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.jsonl.gz", list(ROWS) * 1, opener=gzip.open)
    data = path.read_bytes()
    path.write_bytes(data[:-12])  # the end of the stream and its checksum are gone
    articles, skipped = read(path)
    assert [a.id for a in articles] == ["d1", "2", "d3"]
    assert len(skipped) == 1 and "gzip data is damaged or ends early" in skipped[0].reason


# Whole sources -------------------------------------------------------------------------------

def test_two_articles_with_one_id_name_both_places(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.jsonl", [ROWS[0], ROWS[2], ROWS[0]])
    with pytest.raises(SourceError) as error:
        read(path)
    message = str(error.value)
    assert f"{path}:3" in message and f"{path}:1" in message and "'d1'" in message
    assert "\n" not in message


def test_one_id_twice_says_where_to_change_it(tmp_path: Path) -> None:
    # Given in metadata.csv, the id is changed in its row there.
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"Article {name}.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,id\na.txt,x1\nb.txt,x1\n",
                                           encoding="utf-8")
    with pytest.raises(SourceError, match=r"is used twice .*\(its row for b\.txt in "
                                          r"metadata\.csv\)$"):
        read(tmp_path)
    path = write_lines(tmp_path / "c.jsonl", [ROWS[0], ROWS[0]])
    with pytest.raises(SourceError, match=r'\(its "id" on that line\)$'):
        read(path)


def test_one_id_in_a_folder_and_a_json_lines_file(tmp_path: Path) -> None:
    (tmp_path / "f").mkdir()
    (tmp_path / "f" / "d3.txt").write_text("Same id.\n", encoding="utf-8")
    path = write_lines(tmp_path / "c.jsonl", list(ROWS))
    with pytest.raises(SourceError, match="id 'd3' is used twice") as error:
        read(path, tmp_path / "f")
    assert str(tmp_path / "f" / "d3.txt") in str(error.value)


def test_a_source_given_twice_or_inside_a_folder_also_given_is_an_error(tmp_path: Path) -> None:
    # Read twice, each of its ids would be "used twice": the message names the sources.
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "d3.txt").write_text("An article.\n", encoding="utf-8")
    (tmp_path / "f2").mkdir()
    (tmp_path / "f2" / "d4.txt").write_text("Another article.\n", encoding="utf-8")
    path = write_lines(tmp_path / "c.jsonl", list(ROWS))
    with pytest.raises(SourceError, match="is given twice") as error:
        read(path, tmp_path / "." / "c.jsonl")
    assert str(error.value).startswith(str(tmp_path / "." / "c.jsonl")) and str(path) in str(
        error.value)
    with pytest.raises(SourceError, match=f"{folder / 'd3.txt'}: is inside {folder}"):
        read(folder / "d3.txt", folder)
    # A folder whose name begins like another's is not inside it.
    assert sorted(a.id for a in read(folder, tmp_path / "f2")[0]) == ["d3", "d4"]


@pytest.mark.parametrize("make, expected", [
    (lambda p: p.mkdir(), "holds no files"),
    # A clone of a repository whose articles are yet to be written out.
    (lambda p: (p.mkdir(), (p / ".git").mkdir(), (p / ".git" / "HEAD").write_text("x")),
     r"holds no files but hidden ones \(such as \.git, which are not read"),
    (lambda p: (p.mkdir(), (p / "metadata.csv").write_text("file,id\na.txt,a\n")),
     "holds only metadata.csv, none of the articles it lists"),
    (lambda p: p.write_bytes(b""), "is empty"),
    (lambda p: write_lines(p, ["{broken", '{"id": "a"}']), "no readable article found"),
    (lambda p: write_lines(p, ["", "   "]), "no readable article found; give a folder of "
                                          "articles .* or a JSON-lines file with one article"),
    (lambda p: p.write_bytes('{"id": "a", "text": "x"}\n'.encode("utf-16")),
     "no readable article found; first: .*not UTF-8 text .*; save the file as UTF-8"),
    # One JSON document rather than one object a line, as json.dump or pandas writes it.
    (lambda p: p.write_text(json.dumps(list(ROWS))), r"first: \S+:1: opens a JSON array: the "
     "file is one JSON document, not JSON lines .*one object .* a line"),
    (lambda p: p.write_text(json.dumps(list(ROWS), indent=2)), "opens a JSON array"),
    (lambda p: p.write_text("\n".join(json.dumps(row, indent=2) for row in ROWS)),
     r"first: \S+:1: holds \"\{\" alone: an object written over several lines; JSON lines "
     "hold each object on one line"),
])
def test_a_source_without_any_article_is_a_one_line_error(tmp_path: Path, make,
                                                           expected: str) -> None:
    source = tmp_path / "source.jsonl"
    make(source)
    with pytest.raises(SourceError, match=expected) as error:
        read(source)
    assert str(error.value).startswith(str(source))
    assert "\n" not in str(error.value)


def test_a_source_of_what_the_operating_system_keeps_is_told_so_or_its_failure_first(
        tmp_path: Path) -> None:
    # A drive holding nothing but what Windows keeps on it was told "holds no files".
    drive = tmp_path / "drive"
    (drive / "$RECYCLE.BIN" / "S-1-5-21").mkdir(parents=True)
    (drive / "$RECYCLE.BIN" / "S-1-5-21" / "$R1.txt").write_text("text\n", encoding="utf-8")
    (drive / "System Volume Information").mkdir()
    (drive / "System Volume Information" / "IndexerVolumeGuid").write_text("x")
    with pytest.raises(SourceError) as error:
        read(drive)
    assert str(error.value) == (
        f"{drive}: holds only 2 folders the operating system keeps (System Volume "
        "Information, $RECYCLE.BIN), no article (put the articles in it, or give their "
        "folder)")
    # A folder copied from Windows, its settings and thumbnails read first.
    folder = tmp_path / "copied"
    folder.mkdir()
    (folder / "desktop.ini").write_text("[.ShellClassInfo]\r\n", encoding="utf-8")
    (folder / "Thumbs.db").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(512))
    with pytest.raises(SourceError) as error:
        read(folder)
    assert str(error.value).startswith(
        f"{folder}: holds only 2 files the operating system keeps (Thumbs.db, desktop.ini)")
    # Given alone, such a file is told as what it is.
    with pytest.raises(SourceError) as error:
        read(folder / "Thumbs.db")
    assert str(error.value) == (
        f"{folder / 'Thumbs.db'}: no readable article found; first: {folder / 'Thumbs.db'}: "
        "is the cache of picture thumbnails Windows keeps in a folder, not an article")
    # With an article that could not be read, that is what is told.
    (folder / "z.pdf").write_bytes(b"")
    with pytest.raises(SourceError) as error:
        read(folder)
    assert str(error.value).startswith(
        f"{folder}: no readable article found; first: {folder / 'z.pdf'}: is empty")


def test_the_tables_of_a_spark_run_are_told_to_be_imported(tmp_path: Path) -> None:
    # What `tandem corpus --engine spark --out tables/` leaves: a folder of Parquet files
    # per table, each with Spark's empty _SUCCESS marker (no article, so not "is empty").
    tables = tmp_path / "tables"
    for name in ("boilerplate", "clusters", "documents", "formulations", "pairs",
                 "passages", "skipped"):
        (tables / name).mkdir(parents=True)
        (tables / name / "_SUCCESS").write_bytes(b"")
        (tables / name / "part-00000.snappy.parquet").write_bytes(b"PAR1" + bytes(8) + b"PAR1")
    with pytest.raises(SourceError) as error:
        read(tables)
    assert str(error.value) == (f"{tables}: holds the tables of a Spark run, not articles: "
                                f"load them into a store with `tandem corpus import {tables} "
                                "--store STORE`")


def _feed(pipe: Path, line: bytes, stop: threading.Event) -> None:
    """Write `line` into `pipe` each time a reader has it open (as `printf ... > pipe`
    in a loop), until `stop`."""
    while not stop.is_set():
        try:
            fd = os.open(pipe, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:  # no reader at this moment
            time.sleep(0.01)
            continue
        os.write(fd, line)
        os.close(fd)


@pytest.mark.parametrize("name", ["pipe.jsonl", "pipe"])
def test_a_named_pipe_given_as_a_source_is_refused_unread(tmp_path: Path, name: str) -> None:
    # A source is opened more than once (what is it? then its lines): each open of a pipe
    # waited for a writer, and the first took the data, so the add said "is empty".
    pipe = tmp_path / name
    os.mkfifo(pipe)
    stop = threading.Event()
    writer = threading.Thread(target=_feed, args=(pipe, json.dumps(ROWS[0]).encode() + b"\n",
                                                  stop))
    writer.start()
    try:
        with pytest.raises(SourceError) as error:
            read(pipe)
    finally:
        stop.set()
        writer.join()
    assert str(error.value) == (f"{pipe}: is a named pipe (FIFO), not a file; only regular "
                                "files are read (save the text to a file and open that)")


def test_a_named_pipe_in_a_folder_is_listed_as_skipped_unread(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The ferry left at dawn.\n", encoding="utf-8")
    os.mkfifo(tmp_path / "b.txt")  # nobody writes to it: reading it would wait forever
    articles, skipped = read(tmp_path)
    assert [a.id for a in articles] == ["a"]
    assert [(s.path, s.reason) for s in skipped] == [
        (str(tmp_path / "b.txt"), "is a named pipe (FIFO), not a file; only regular files "
                                  "are read (save the text to a file and open that)")]


def test_a_metadata_csv_that_is_a_named_pipe_is_listed_as_skipped(tmp_path: Path) -> None:
    # It was passed over in silence: the user's ids, series and dates were not used, and
    # nothing said why. Reading it would wait for a writer forever, so it is not read.
    (tmp_path / "a.txt").write_text("The ferry left at dawn.\n", encoding="utf-8")
    os.mkfifo(tmp_path / "metadata.csv")
    articles, skipped = read(tmp_path)
    assert [a.id for a in articles] == ["a"]
    assert [(s.path, s.indexed) for s in skipped] == [(str(tmp_path / "metadata.csv"), False)]
    assert skipped[0].reason.startswith("is a named pipe (FIFO), not a file")


def test_a_folder_of_unreadable_files_names_the_first_reason(tmp_path: Path) -> None:
    (tmp_path / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    skipped: list[Skipped] = []
    with pytest.raises(SourceError, match=r"no readable article found; first: .*a\.png: is a "
                                          r"PNG image"):
        list(read_sources([tmp_path], skipped.append))
    assert len(skipped) == 1


def test_a_missing_source_fails_before_any_article_is_read(tmp_path: Path) -> None:
    good = write_lines(tmp_path / "c.jsonl", list(ROWS))
    articles = read_sources([good, tmp_path / "nowhere"])
    with pytest.raises(SourceError, match="nowhere: no such file or folder"):
        next(articles)
    with pytest.raises(SourceError, match="no source given"):
        list(read_sources([]))


def test_progress_counts_bytes_articles_and_skips_over_all_sources(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    for n in range(5):
        (folder / f"a{n}.txt").write_text(f"Article {n}.\n" * (n + 1), encoding="utf-8")
    (folder / "bad.bin").write_bytes(b"\x7fELF" + bytes(100))
    path = write_lines(tmp_path / "c.jsonl", list(ROWS), opener=gzip.open)
    seen: list[ReadProgress] = []
    articles = list(read_sources([folder, path], on_progress=seen.append))
    total = sum(p.stat().st_size for p in folder.iterdir()) + os.path.getsize(path)
    assert len(articles) == 8 and len(seen) == 9
    assert all(p.total_bytes == total for p in seen)
    assert [p.done_bytes for p in seen] == sorted(p.done_bytes for p in seen)
    assert seen[-1].fraction == 1.0
    assert (seen[-1].articles, seen[-1].skipped) == (8, 1)


def test_articles_are_read_one_at_a_time(tmp_path: Path) -> None:
    """Reading stops where the caller stops: a later unreadable line is never reached."""
    path = write_lines(tmp_path / "c.jsonl", [ROWS[0], "{broken"])
    skipped: list[Skipped] = []
    articles = read_sources([path], skipped.append)
    assert next(articles).id == "d1"
    assert skipped == []
    articles.close()


def test_names_that_are_not_utf8_and_broken_surrogates_are_stored_as_text(
        tmp_path: Path) -> None:
    from viewer.collection.engine import add_sources
    from viewer.collection.store import CollectionStore

    folder = tmp_path / "archive"
    folder.mkdir()
    text = " ".join(PARAGRAPHS)
    # An archive from Chinese Windows names its files in GBK; one from an old Mac in Latin-1.
    gbk = "新华社_2021-03-01.txt".encode("gbk")
    latin = "café_notes.txt".encode("latin-1")
    for raw in (gbk, latin):
        with open(os.path.join(os.fsencode(folder), raw), "w", encoding="utf-8") as handle:
            handle.write(text)
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    with open(os.path.join(os.fsencode(folder), "坏".encode("gbk") + b".pdf"), "wb") as handle:
        handle.write(b"%PDF-1.4 not really")
    # Scraped JSON lines with half an emoji escaped: a lone surrogate.
    lines = write_lines(tmp_path / "scraped.jsonl", [
        '{"id": "broken", "text": "A broken \\ud83d emoji in the middle of words."}',
        '{"id": "bad \\udc00 id", "text": "Another article with its own words."}'])
    articles, skipped = read(folder, lines)
    found = by_id(articles)
    assert set(found) == {"新华社_2021-03-01", "caf\\xe9_notes", "broken", "bad \ufffd id"}
    assert found["新华社_2021-03-01"].date == "2021-03-01"
    assert found["broken"].text == "A broken \ufffd emoji in the middle of words."
    assert any(s.path.endswith("坏.pdf") for s in skipped)
    store_path = str(tmp_path / "s.sqlite")
    with CollectionStore.create_or_open(store_path) as store:
        summary = add_sources(store, [str(folder), str(lines)], workers=1)
    assert summary.added == 4
    with CollectionStore.open(store_path) as store:
        assert store.text("新华社_2021-03-01") == text
        assert {row["path"] for row in store.skipped()} >= {str(folder / "坏.pdf")}


def test_dates_that_are_not_read_are_told_and_the_article_kept(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "report_2021-01-10.txt").write_text(PARAGRAPHS[0], encoding="utf-8")
    (folder / "plain.txt").write_text(PARAGRAPHS[1], encoding="utf-8")
    (folder / "metadata.csv").write_text(
        "file,id,date\nreport_2021-01-10.txt,r,garbage\nplain.txt,p,2020-02-30\n",
        encoding="utf-8")
    lines = write_lines(tmp_path / "c.jsonl", [
        {"id": "a", "date": "2021-13-45", "text": PARAGRAPHS[0]},
        {"id": "b", "date": 20210304, "text": PARAGRAPHS[1]},
        {"id": "c", "date": "", "text": PARAGRAPHS[0]},
        # The month's name leaves no doubt which day: read, as in a text's date line.
        {"id": "d", "date": "March 4, 2021", "text": PARAGRAPHS[1]},
        {"id": "e", "date": "4 Mar 2021 10:00", "text": PARAGRAPHS[0]},
        {"id": "f", "date": "2021年3月4日", "text": PARAGRAPHS[1]}])
    articles, skipped = read(folder, lines)
    dates = {a.id: a.date for a in articles}
    assert dates == {"r": "2021-01-10", "p": "", "a": "", "b": "2021-03-04", "c": "",
                     "d": "2021-03-04", "e": "2021-03-04", "f": "2021-03-04"}
    told = {s.path: s.reason for s in skipped}
    assert set(told) == {f"{folder / 'metadata.csv'}:2", f"{folder / 'metadata.csv'}:3",
                         f"{lines}:1"}
    assert told[f"{lines}:1"] == ("has the date '2021-13-45', which is not read as a date "
                                  "(write it YYYY-MM-DD); the article is indexed undated")
    assert told[f"{folder / 'metadata.csv'}:2"].startswith("has the date 'garbage'")
    assert all(s.indexed for s in skipped)  # notes: every article is read all the same
    assert "dated by its file name, page or text instead" in told[f"{folder / 'metadata.csv'}:2"]


def test_a_date_with_a_time_of_day_that_is_none_is_told_not_read(tmp_path: Path) -> None:
    # 25:00 is no hour: the value is broken, and which day it meant is a guess (the next
    # day, at 01:00?). A real time after the date reads as before, 24:00 too (ISO's end
    # of the day).
    lines = write_lines(tmp_path / "c.jsonl", [
        {"id": "a", "date": "2023-02-28T25:00", "text": PARAGRAPHS[0]},
        {"id": "b", "date": "2023-02-28 10:61:00", "text": PARAGRAPHS[1]},
        {"id": "c", "date": "2023-02-28T23:59:60Z", "text": PARAGRAPHS[0]},
        {"id": "d", "date": "2023-02-28T24:00", "text": PARAGRAPHS[1]},
        {"id": "e", "date": "2023-02-28 08:30", "text": PARAGRAPHS[0]}])
    articles, skipped = read(lines)
    assert {a.id: a.date for a in articles} == {"a": "", "b": "", "c": "2023-02-28",
                                                "d": "2023-02-28", "e": "2023-02-28"}
    told = {s.path: s.reason for s in skipped}
    assert set(told) == {f"{lines}:1", f"{lines}:2"}
    assert told[f"{lines}:1"] == ("has the date '2023-02-28T25:00', whose time of day is "
                                  "none (write a time from 00:00 to 23:59, or the date "
                                  "alone); the article is indexed undated")


def test_a_mongoexport_dump_is_read_by_its_object_ids_and_dates(tmp_path: Path) -> None:
    # mongoexport writes "_id": {"$oid": ...} and "date": {"$date": ...}: every line was
    # skipped for want of an "id", and each date told as 'dict'.
    stamp = datetime.datetime(2023, 3, 9, 8, 20, tzinfo=datetime.UTC)
    milliseconds = int(stamp.timestamp() * 1000)
    oids = [f"640997e0a3b1c2d3e4f5061{n}" for n in range(4)]
    lines = write_lines(tmp_path / "mongo.jsonl", [
        {"_id": {"$oid": oids[0]}, "date": {"$date": stamp.isoformat()}, "text": PARAGRAPHS[0]},
        {"_id": {"$oid": oids[1]}, "date": {"$date": {"$numberLong": str(milliseconds)}},
         "text": PARAGRAPHS[1]},
        {"_id": {"$oid": oids[2]}, "date": {"$date": milliseconds}, "text": PARAGRAPHS[2]},
        {"_id": {"$oid": oids[3]}, "id": "own", "date": {"$date": "soon"},
         "text": PARAGRAPHS[0]},
        {"id": "w", "date": {"when": "yesterday"}, "text": PARAGRAPHS[1]},
        {"id": "l", "date": [str(n) for n in range(40)], "text": PARAGRAPHS[2]}])
    articles, skipped = read(lines)
    assert {a.id: a.date for a in articles} == {
        oids[0]: "2023-03-09", oids[1]: "2023-03-09", oids[2]: "2023-03-09", "own": "",
        "w": "", "l": ""}
    shown = [s.reason.split(", which")[0] for s in skipped]
    assert shown[:2] == ["has the date 'soon'", 'has the date {"when": "yesterday"}']
    assert shown[2].startswith('has the date ["0", "1", "2"') and shown[2].endswith("…")
    assert len(shown) == 3 and len(shown[2]) < 80


def test_a_unix_time_given_as_a_json_lines_date_is_read_as_its_day(tmp_path: Path) -> None:
    # passim's and many crawlers' exports write a date as seconds (10 digits) or
    # milliseconds (13) since 1970: each article was indexed undated, with a note.
    stamp = datetime.datetime(2023, 3, 9, 23, 50, tzinfo=datetime.UTC)
    seconds = int(stamp.timestamp())
    lines = write_lines(tmp_path / "crawl.jsonl", [
        {"id": "s", "date": seconds, "text": PARAGRAPHS[0]},
        {"id": "ms", "date": seconds * 1000, "text": PARAGRAPHS[1]},
        {"id": "f", "date": seconds + 0.25, "text": PARAGRAPHS[2]},
        # A day and an hour run together (2023-03-09, 08h) would be a time in 2034.
        {"id": "h", "date": 2023030908, "text": PARAGRAPHS[0]},
        {"id": "text", "date": str(seconds), "text": PARAGRAPHS[1]}])
    articles, skipped = read(lines)
    assert {a.id: a.date for a in articles} == {
        "s": "2023-03-09", "ms": "2023-03-09", "f": "2023-03-09", "h": "", "text": ""}
    assert [s.path for s in skipped] == [f"{lines}:4", f"{lines}:5"]


def test_a_date_opening_on_the_day_of_the_week_is_read(tmp_path: Path) -> None:
    # RSS feeds date items "Thu, 09 Mar 2023 08:20:00 GMT", and press releases open
    # "Thursday, March 9, 2023": each article was indexed undated, with a note.
    lines = write_lines(tmp_path / "feed.jsonl", [
        {"id": "a", "date": "Thu, 09 Mar 2023 08:20:00 GMT", "text": PARAGRAPHS[0]},
        {"id": "b", "date": "Wednesday, March 8, 2023", "text": PARAGRAPHS[1]},
        {"id": "c", "date": "Thunder, 9 March 2023", "text": PARAGRAPHS[2]}])
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "d.txt").write_text("Harbour news\nReleased: Tue. 14 Mar 2023 10:00\n\nBody.\n",
                                  encoding="utf-8")
    articles, skipped = read(lines, folder)
    assert {a.id: a.date for a in articles} == {
        "a": "2023-03-09", "b": "2023-03-08", "c": "", "d": "2023-03-14"}
    assert [s.path for s in skipped] == [f"{lines}:3"]


def dates_and_notes(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The folder's articles' dates by id, and what is told of them by file name (each a
    note: the article is read all the same)."""
    articles, skipped = read(folder)
    assert all(s.indexed for s in skipped)
    return {a.id: a.date for a in articles}, {Path(s.path).stem: s.reason for s in skipped}


def test_a_file_name_with_no_real_date_is_told_and_an_id_is_no_date(tmp_path: Path) -> None:
    # 2023-13-45 left the article undated without a word; 20231345 (eight digits alone)
    # may be an id, and 2023-03-04 in the folder's name dates its articles.
    folder = tmp_path / "site"
    (folder / "2023-03-04").mkdir(parents=True)
    for name in ("2023-13-45_harbour.txt", "2023年2月30日.txt", "20231345.txt",
                 "2023-03-04/2023-02-30_quay.txt"):
        (folder / name).write_text(PARAGRAPHS[0], encoding="utf-8")
    dates, told = dates_and_notes(folder)
    assert dates == {
        "2023-13-45_harbour": "", "2023年2月30日": "", "20231345": "",
        "2023-03-04/2023-02-30_quay": "2023-03-04"}
    assert told == {
        "2023-13-45_harbour": "its name has the date '2023-13-45', which is no real date; "
                              "the article is indexed undated",
        "2023年2月30日": "its name has the date '2023年2月30日', which is no real date; the "
                       "article is indexed undated"}


def _dated_pages(tmp_path: Path, dated: dict[str, str], *, lined: tuple[str, str]) -> Path:
    """A folder of pages, each named and dated in its metadata as `dated` says, and
    "lined.html" dated `lined[0]` whose text opens with the line `lined[1]`."""
    folder = tmp_path / "site"
    folder.mkdir()
    page = ('<html><head><meta name="date" content="{}"><title>Harbour</title></head>'
            '<body><article><h1>The harbour reopens</h1><p>' + " ".join(PARAGRAPHS)
            + "</p></article></body></html>")
    for name, written in dated.items():
        (folder / f"{name}.html").write_text(page.format(written), encoding="utf-8")
    (folder / "lined.html").write_text(page.format(lined[0]).replace(
        "<h1>", f"<p>{lined[1]}</p><h1>"), encoding="utf-8")
    return folder


def test_a_page_date_written_either_way_round_is_told_and_not_guessed(tmp_path: Path) -> None:
    # 05/11/2022: 5 November or May 11? The page's metadata library guesses day first,
    # where a date given so in metadata.csv or a JSON line is not read at all.
    folder = _dated_pages(tmp_path, {"either": "05/11/2022", "other": "11/05/2022",
                                     "one": "05/13/2022", "iso": "2022-05-11"},
                          lined=("05/11/2022", "Published: 5 November 2022"))
    dates, told = dates_and_notes(folder)
    assert dates == {"either": "", "other": "", "one": "2022-05-13", "iso": "2022-05-11",
                     "lined": "2022-11-05"}
    assert told == {
        "either": "has the date '05/11/2022', which is not read as a date (write it "
                  "YYYY-MM-DD); the article is indexed undated",
        "other": "has the date '11/05/2022', which is not read as a date (write it "
                 "YYYY-MM-DD); the article is indexed undated",
        "lined": "has the date '05/11/2022', which is not read as a date (write it "
                 "YYYY-MM-DD); the article is indexed dated 2022-11-05 by its text"}


def test_a_page_date_out_of_range_is_told_not_dropped_in_silence(tmp_path: Path) -> None:
    # The page metadata library takes no date before 1995 nor after today (a CMS's
    # 1970-01-01, an expiry date): an archived 1990 article was left undated, unsaid.
    future = f"{datetime.date.today().year + 5}-03-04"
    folder = _dated_pages(tmp_path, {"old": "1990-05-04", "future": future,
                                     "kept": "2020-05-04"},
                          lined=("1990-05-04", "Published: 5 May 1990"))
    dates, told = dates_and_notes(folder)
    assert dates == {"old": "", "future": "", "kept": "2020-05-04", "lined": "1990-05-05"}
    said = ("its page states the date {}, before 1995 or after today, which is not taken "
            "from a page (give it in metadata.csv to use it); the article is indexed {}")
    assert told == {"old": said.format("1990-05-04", "undated"),
                    "future": said.format(future, "undated"),
                    "lined": said.format("1990-05-04", "dated 1990-05-05 by its text")}


def test_a_page_date_that_is_no_real_day_is_told_not_read_as_another_day(
        tmp_path: Path) -> None:
    # The page metadata library read 2023-02-30 as 2023-02-01, a day the page never
    # states, and said nothing; another date the page states is its date then.
    folder = _dated_pages(tmp_path, {"feb30": "2023-02-30", "timed": "2023-02-30T08:00:00Z",
                                     "month13": "2023-13-05", "zh": "2023年2月30日"},
                          lined=("2023-02-30", "Published: 27 February 2023"))
    page = (folder / "feb30.html").read_text(encoding="utf-8")
    (folder / "both.html").write_text(page.replace(
        "<title>", '<meta property="article:published_time" content="2023-02-27"><title>'),
        encoding="utf-8")
    dates, told = dates_and_notes(folder)
    assert dates == {"feb30": "", "timed": "", "month13": "", "zh": "",
                     "lined": "2023-02-27", "both": "2023-02-27"}
    said = ("has the date '{}', which is not read as a date (write it YYYY-MM-DD); the "
            "article is indexed {}")
    assert told == {"feb30": said.format("2023-02-30", "undated"),
                    "timed": said.format("2023-02-30", "undated"),
                    "month13": said.format("2023-13-05", "undated"),
                    "zh": said.format("2023年2月30日", "undated"),
                    "lined": said.format("2023-02-30", "dated 2023-02-27 by its text")}


def test_a_file_linked_twice_is_read_once_and_a_dangling_link_is_told(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "a.txt").write_text(PARAGRAPHS[0], encoding="utf-8")
    (folder / "b.txt").write_text(PARAGRAPHS[1], encoding="utf-8")
    (folder / "copy_of_a.txt").symlink_to(folder / "a.txt")
    os.link(folder / "b.txt", folder / "hard_b.txt")
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    articles, skipped = read(folder)
    assert sorted(a.id for a in articles) == ["a", "b"]
    told = {Path(s.path).name: s.reason for s in skipped}
    assert told == {"copy_of_a.txt": "is the same file as a.txt (a link to it); read once",
                    "hard_b.txt": "is the same file as b.txt (a link to it); read once",
                    "gone.txt": "is a link to nothing (what it named is gone)"}


def test_metadata_csv_rows_of_separators_alone_are_blank_lines(tmp_path: Path) -> None:
    # A spreadsheet saves ",,," (";;;") for each row it formatted or emptied below the
    # last: they were each told as a row that names no file, and counted as skipped.
    skipped = _alpha_listed_by(tmp_path, "file;id;series;date\r\n;;;\r\n"
                                         "a.txt;d001;s01;2021-04-02\r\n; ;;\r\n;;;\r\n"
                                         ";d002;s01;\r\n")
    assert [(s.path, s.reason) for s in skipped] == [
        (f"{tmp_path / 'metadata.csv'}:6", "names no file")]


def test_an_editors_backup_copies_and_words_lock_file_are_skipped_not_read(
        tmp_path: Path) -> None:
    # Read as articles, report.txt~ and #report.txt# take the id "report" again, and the run
    # would stop on an id used twice.
    (tmp_path / "report.txt").write_text(PARAGRAPHS[0], encoding="utf-8")
    (tmp_path / "report.txt~").write_text(PARAGRAPHS[1], encoding="utf-8")
    (tmp_path / "#report.txt#").write_text(PARAGRAPHS[2], encoding="utf-8")
    (tmp_path / "~$letter.docx").write_bytes(b"\x0aAuthor Name" + b"\x00" * 150)
    [article], skipped = read(tmp_path)
    assert article.id == "report" and article.text == PARAGRAPHS[0]
    assert {Path(s.path).name: s.reason for s in skipped} == {
        "report.txt~": "is an editor's backup or auto-save copy, not an article",
        "#report.txt#": "is an editor's backup or auto-save copy, not an article",
        "~$letter.docx": "is the lock file Word keeps beside an open document, not an article"}


def test_metadata_csv_series_and_title_written_on_two_lines_of_a_cell_are_one_line(
        tmp_path: Path) -> None:
    # Alt+Enter in a spreadsheet cell: the series "Xinhua\r\nNews" was kept with its line
    # break, a series of its own beside "Xinhua News".
    (tmp_path / "a.txt").write_text("Alpha text here.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Beta text here.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "file,id,series,date,title\r\n"
        'a.txt,d001,"Xinhua\r\nNews",2021-04-02,"Harbour\r\n reopens"\r\n'
        "b.txt,d002,Xinhua News,2021-04-03,Quay\r\n", encoding="utf-8", newline="")
    articles, skipped = read(tmp_path)
    assert skipped == []
    assert sorted((a.id, a.series, a.title) for a in articles) == [
        ("d001", "Xinhua News", "Harbour reopens"), ("d002", "Xinhua News", "Quay")]


def test_a_file_renamed_or_removed_while_the_folder_is_read_says_so(tmp_path: Path) -> None:
    # It was told "no such file (check the path)", which sent the user looking for a typo
    # in a path they never wrote.
    folder = tmp_path / "news"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / f"{name}.txt").write_text(f"Article {name}.\n", encoding="utf-8")
    skipped: list[Skipped] = []
    articles = read_sources([str(folder)], skipped.append)
    first = next(articles)  # the folder is walked: every file listed
    (folder / "b.txt").rename(folder / "renamed.txt")
    (folder / "c.txt").unlink()
    assert [first.id, *(a.id for a in articles)] == ["a"]
    went = ("went away while the folder was being read (renamed or removed meanwhile); the "
            "next add or run takes the folder as it is then")
    assert skipped == [Skipped(str(folder / "b.txt"), went, gone=True),
                       Skipped(str(folder / "c.txt"), went, gone=True)]
    # Not one that is there but cannot be read: an article stored from it is not kept.
    assert not any(item.unreadable for item in skipped)


def test_a_sub_folder_renamed_while_the_folder_is_read_says_so_and_keeps_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A sub-folder renamed between its folder's listing and its own was told "folder cannot
    # be read (No such file or directory)" and, as one there but unreadable, kept the
    # articles a store read from it, while a file renamed so is told it went away.
    folder = tmp_path / "news"
    (folder / "xinhua").mkdir(parents=True)
    (folder / "a.txt").write_text("Article a.\n", encoding="utf-8")
    (folder / "xinhua" / "b.txt").write_text("Article b.\n", encoding="utf-8")
    listed = os.scandir

    def listed_then_renamed(path: Any) -> Any:
        entries = list(listed(path))
        if os.path.normpath(path) == str(folder):
            (folder / "xinhua").rename(folder / "xinhua-old")
        return iter(entries)

    monkeypatch.setattr(os, "scandir", listed_then_renamed)
    skipped: list[Skipped] = []
    assert [a.id for a in read_sources([str(folder)], skipped.append)] == ["a"]
    assert skipped == [Skipped(str(folder / "xinhua"), "went away while the folder was being "
                               "read (renamed or removed meanwhile); the next add or run "
                               "takes the folder as it is then", gone=True)]
    assert not skipped[0].unreadable
