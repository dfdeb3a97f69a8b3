"""Each supported format, written by real tools into tmp_path, loads as the text a reader sees."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import samples

from viewer.core.compare import compare
from viewer.core.errors import LoadError
from viewer.core.loading import load_document


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_html_keeps_the_article_and_drops_navigation_scripts_and_footer(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path, "page.html", samples.html_article()))
    assert doc.text == "\n\n".join(("Rivers of the North", *samples.PARAGRAPHS))
    for noise in ("World news", "INJECTED", "SCRIPT INSIDE", "Copyright", "Privacy", "tracker",
                  "Mountains in winter", "font-family"):
        assert noise not in doc.text
    assert len(doc.paragraphs) == 4


def test_html_is_sniffed_without_an_extension(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path, "saved_page", samples.html_article()))
    assert doc.text.startswith("Rivers of the North\n\nThe northern rivers")


@pytest.mark.parametrize("name", ["notes.txt", "notes.md"])
def test_a_text_that_mentions_html_tags_stays_text(tmp_path: Path, name: str) -> None:
    text = ("Web developers learn that every page has a <head> section and a <body> section.\n\n"
            + "\n\n".join(samples.PARAGRAPHS))
    doc = load_document(write(tmp_path, name, text.encode("utf-8")))
    if name.endswith(".txt"):
        assert doc.text == text
    else:  # Markdown may hold inline HTML: the tags go, the text stays
        assert doc.text.startswith("Web developers learn that every page has a")
        assert doc.text.endswith("\n\n".join(samples.PARAGRAPHS))
    # A page saved under a text name is still read as a page.
    doc = load_document(write(tmp_path, "saved.txt", samples.html_article()))
    assert doc.text.startswith("Rivers of the North\n\nThe northern rivers")


def test_html_in_its_declared_legacy_encoding(tmp_path: Path) -> None:
    page = ('<html><head><meta charset="windows-1252"></head><body><article>'
            f"<p>Caf\u00e9 society \u2014 {samples.PARAGRAPHS[0]}</p></article></body></html>")
    doc = load_document(write(tmp_path, "legacy.htm", page.encode("cp1252")))
    assert doc.text.startswith("Caf\u00e9 society \u2014 The northern rivers")


def test_docx_paragraphs_and_table_in_body_order(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path, "report.docx", samples.docx_with_table()))
    assert doc.text == "\n\n".join((
        "Water levels", samples.PARAGRAPHS[0], "River\tSpring\tAutumn",
        "Northern\t4.2 m\t1.1 m", samples.PARAGRAPHS[1]))


def test_pdf_joins_pages_undoes_hyphenation_and_drops_running_header(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path, "review.pdf", samples.two_page_pdf()))
    assert doc.text == (
        "The northern rivers carry meltwater from the mountains to the sea every spring, and "
        "the towns along their banks have learned to live with the floods.\n\n"
        "Engineers built a series of low dams in the last century. The dams slowed the water "
        "but also trapped the silt that once fed the farms of the delta, a well-known problem "
        "that the regional information office has studied for decades.\n\n"
        "Today the council wants to restore the natural flow of the water while keeping the "
        "towns safe from the worst of the spring floods.")
    assert "Northern Review" not in doc.text and "Page" not in doc.text
    assert any("running header" in note and "Northern Review" in note for note in doc.notes)
    assert any("hyphenated" in note for note in doc.notes)


def test_pdf_encrypted_with_an_empty_open_password_is_read(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path, "locked.pdf", samples.encrypted_pdf(user_password="")))
    assert samples.SHARED_PHRASE in doc.text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "gb18030"])
def test_text_in_other_encodings(tmp_path: Path, encoding: str) -> None:
    text = ("\u6570\u5b57\u4e2d\u56fd\u5efa\u8bbe\u662f\u63a8\u8fdb\u4e2d\u56fd\u5f0f\u73b0"
            "\u4ee3\u5316\u7684\u91cd\u8981\u5f15\u64ce\u3002\r\n\r\n"
            "\u6211\u4eec\u8981\u52a0\u5feb\u5efa\u8bbe\u7f51\u7edc\u5f3a\u56fd\u548c\u6570"
            "\u5b57\u4e2d\u56fd\uff0c\u63a8\u52a8\u9ad8\u8d28\u91cf\u53d1\u5c55\u3002\r\n") * 3
    doc = load_document(write(tmp_path, f"{encoding}.txt", text.encode(encoding)))
    assert doc.text == text  # exactly: no newline translation
    assert doc.language == "zh"


def test_markdown_rendered_to_text_with_paragraphs(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path, "notes.md", samples.MARKDOWN.encode()))
    assert doc.text == (
        "Rivers of the North\n\n"
        "The northern rivers carry meltwater from the mountains to the sea every spring, "
        "and the towns along their banks have learned to live with the floods.\n\n"
        "Engineers built low dams.\n\nThe dams trapped the silt.\n\n"
        "River\tSpring\n\nNorthern\t4.2 m")


@pytest.mark.parametrize("fence,closing", [("---", "---"), ("---", "..."), ("+++", "+++")])
def test_markdown_front_matter_is_not_text(tmp_path: Path, fence: str, closing: str) -> None:
    # Jekyll, Hugo, Obsidian and pandoc files open with metadata no reader sees rendered;
    # it was read as a paragraph ("title: ... date: ... tags: ...") and matched as text.
    key = "title = " if fence == "+++" else "title: "
    front = f"{fence}\n{key}\"Rivers\"\nlayout: post\ntags: [rivers, floods]\n{closing}\n\n"
    plain = load_document(write(tmp_path, "plain.md", samples.MARKDOWN.encode()))
    doc = load_document(write(tmp_path, "post.md", (front + samples.MARKDOWN).encode()))
    assert doc.text == plain.text


def test_markdown_opening_on_a_rule_keeps_its_text(tmp_path: Path) -> None:
    # A thematic break, a paragraph and a setext underline: no metadata, all text.
    doc = load_document(write(tmp_path, "rule.md", b"---\nThe rivers rose.\n---\n\nMore.\n"))
    assert doc.text == "The rivers rose.\n\nMore."


def test_plain_text_is_kept_exactly(tmp_path: Path) -> None:
    text = "  A line with  spaces.\r\nAnother\tline.\n\n\nLast one  "
    doc = load_document(write(tmp_path, "exact.txt", text.encode()))
    assert doc.text == text


def test_shared_phrase_between_html_and_pdf_versions_slices_correctly(tmp_path: Path) -> None:
    html = load_document(write(tmp_path, "article.html", samples.html_article()))
    pdf = load_document(write(tmp_path, "article.pdf", samples.two_page_pdf()))
    result = compare(html, pdf)
    assert result.shared_phrases
    found = [p for p in result.shared_phrases
             if samples.SHARED_PHRASE in html.text[p.a[0]:p.a[1]]
             and samples.SHARED_PHRASE in pdf.text[p.b[0]:p.b[1]]]
    assert found, [(html.text[slice(*p.a)], pdf.text[slice(*p.b)])
                   for p in result.shared_phrases]
    for phrase in result.shared_phrases:
        a0, a1 = phrase.a
        b0, b1 = phrase.b
        # Spans start and end between words of each document's own text, on a word or on
        # the full stop both share.
        for text, (start, end) in ((html.text, (a0, a1)), (pdf.text, (b0, b1))):
            assert text[start].isalnum() and not text[start - 1].isalnum()
            assert text[end - 1].isalnum() or text[end - 1] in ".!?", text[start:end]
            assert end == len(text) or not text[end].isalnum()


def test_trim_option_records_notes(tmp_path: Path) -> None:
    title = "Rivers of the North | Daily Example | Environment"
    body = "\n\n".join((title, *samples.PARAGRAPHS, title, *samples.PARAGRAPHS,
                         samples.PARAGRAPHS[0]))
    tail = "\n\n".join(f"More stories | Headline number {n}" for n in range(5))
    path = write(tmp_path, "scraped.txt", (body + "\n\n" + tail + "\n").encode())
    plain = load_document(path)
    trimmed = load_document(path, trim=True)
    assert plain.notes == () and "Headline number" in plain.text
    assert "Headline number" not in trimmed.text
    assert trimmed.text.count(title) == 1
    assert trimmed.text.count(samples.PARAGRAPHS[0]) == 3  # repeated prose is not noise
    assert any("repeated" in note for note in trimmed.notes)
    assert any("link-like" in note for note in trimmed.notes)


@pytest.mark.parametrize("name,data", [
    ("a.html", samples.html_article()), ("a.docx", samples.docx_with_table()),
    ("a.pdf", samples.two_page_pdf()), ("a.md", samples.MARKDOWN.encode()),
    ("a.txt", "plain words here".encode("utf-16"))])
def test_loading_never_changes_the_file(tmp_path: Path, name: str, data: bytes) -> None:
    path = write(tmp_path, name, data)
    os.utime(path, (1_000_000_000, 1_000_000_000))
    before = path.stat()
    load_document(path, trim=True)
    after = path.stat()
    assert path.read_bytes() == data
    assert (after.st_mtime_ns, after.st_size) == (before.st_mtime_ns, before.st_size)
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no side files either


def test_misnamed_pdf_is_read_by_its_content(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path, "actually_pdf.txt", samples.two_page_pdf()))
    assert samples.SHARED_PHRASE in doc.text


def test_html_with_only_scripts_has_no_text(tmp_path: Path) -> None:
    page = b"<html><body><script>var a = 'words words words';</script></body></html>"
    with pytest.raises(LoadError) as caught:
        load_document(write(tmp_path, "scripts.html", page))
    assert "scripts.html" in str(caught.value)


@pytest.mark.parametrize("body", [
    "",  # a title and nothing else
    "<nav>menu</nav>",
    "<header>Daily Example</header><nav><ul><li><a href='/'>Home</a></li></ul></nav>"
    "<footer><p>Copyright 2024 Daily Example</p></footer>",
])
def test_a_page_of_navigation_alone_has_no_readable_text_as_one_of_a_title(
        tmp_path: Path, body: str) -> None:
    page = f"<html><head><title>Only a title</title></head><body>{body}</body></html>"
    path = write(tmp_path, "page.html", page.encode())
    with pytest.raises(LoadError) as caught:
        load_document(path)
    assert str(caught.value) == (f"{path}: has no readable text in its HTML (open the "
                                 "article's own page)")


def test_an_article_inside_a_form_is_read(tmp_path: Path) -> None:
    # ASP.NET wraps a whole page in one <form>: its text is no furniture.
    page = (f"<html><body><form id='form1'><nav>menu</nav><p>{samples.PARAGRAPHS[0]}</p>"
            "</form></body></html>")
    assert samples.PARAGRAPHS[0] in load_document(write(tmp_path, "form.html",
                                                        page.encode())).text


def test_loading_html_opens_no_connection_and_no_local_entity(tmp_path: Path,
                                                              monkeypatch) -> None:
    import socket

    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network use during loading")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-LOCAL-FILE")
    page = (f'<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY leak SYSTEM "file://{secret}">'
            '<!ENTITY remote SYSTEM "http://example.invalid/x">]>\n'
            '<html xmlns="http://www.w3.org/1999/xhtml"><head>'
            '<link rel="stylesheet" href="http://example.invalid/s.css"/>'
            '<meta http-equiv="refresh" content="0; url=http://example.invalid/"/></head>'
            f"<body><article><p>{samples.PARAGRAPHS[0]} &leak; &remote;</p>"
            f'<img src="http://example.invalid/i.png"/><p>{samples.PARAGRAPHS[1]}</p>'
            "</article></body></html>")
    doc = load_document(write(tmp_path, "page.xhtml", page.encode()))
    assert samples.PARAGRAPHS[1] in doc.text
    assert "SECRET" not in doc.text
    assert attempts == []


def test_text_quoting_a_pdf_header_is_still_text(tmp_path: Path) -> None:
    text = "Every PDF file starts with %PDF- and a version number, as this note explains."
    assert load_document(write(tmp_path, "note.txt", text.encode())).text == text


def test_a_utf8_page_that_names_another_charset_is_read_as_utf8(tmp_path: Path) -> None:
    page = ('<html><head><meta charset="big5"></head><body><article><p>'
            + "数字中国建设是推进中国式现代化的重要引擎。" * 8 + "</p></article></body></html>")
    doc = load_document(write(tmp_path, "lying.html", page.encode("utf-8")))
    assert doc.text.startswith("数字中国建设是推进中国式现代化的重要引擎。")
    # Bytes that are neither are still refused, with the declared name.
    with pytest.raises(LoadError, match="invalid bytes for its declared encoding BIG5"):
        load_document(write(tmp_path, "broken.html",
                            page.encode("utf-8").replace("中".encode(), b"\xff\xfe")))


def _zip_with(path: Path, members: dict[str, str]) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:  # OpenDocument and EPUB: "mimetype" first
        for member, content in members.items():
            archive.writestr(member, content)
    return path


@pytest.mark.parametrize("name,members,what,hint", [
    ("essay.odt", {"mimetype": "application/vnd.oasis.opendocument.text",
                   "content.xml": "<office:document-content/>"},
     "an OpenDocument text", "save it as DOCX"),
    ("essay.docx", {"mimetype": "application/vnd.oasis.opendocument.text",
                    "content.xml": "<office:document-content/>"},
     "an OpenDocument text", "save it as DOCX"),
    ("book.epub", {"mimetype": "application/epub+zip",
                   "META-INF/container.xml": "<container/>"},
     "an EPUB e-book", "convert it to text"),
    ("sheet.xlsx", {"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"},
     "an Excel workbook", "text file"),
])
def test_an_office_or_ebook_archive_is_named_with_what_to_do(
        tmp_path: Path, name: str, members: dict[str, str], what: str, hint: str) -> None:
    path = _zip_with(tmp_path / name, members)
    with pytest.raises(LoadError) as caught:
        load_document(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: is {what}") and hint in message, message
    assert "ZIP archive" not in message and "word/document.xml" not in message


def test_a_plain_zip_archive_is_still_called_one(tmp_path: Path) -> None:
    path = _zip_with(tmp_path / "bundle.zip", {"a.txt": "words"})
    with pytest.raises(LoadError, match="is a ZIP archive, not a Word document"):
        load_document(path)


@pytest.mark.parametrize("mark", [b"", b"\xef\xbb\xbf"])
def test_an_rtf_file_is_refused_as_rtf_with_or_without_a_byte_order_mark(
        tmp_path: Path, mark: bytes) -> None:
    rtf = mark + rb"{\rtf1\ansi{\fonttbl\f0 Arial;}\f0 The northern rivers rose.\par}"
    path = write(tmp_path, "letter.rtf", rtf)
    with pytest.raises(LoadError, match="is an RTF document.*save it as DOCX"):
        load_document(path)
