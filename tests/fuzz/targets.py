"""Fuzz targets, one per loader, shared by the quick test run and `bench/fuzz_loaders.py`.

A target feeds one input to one reader and enforces the contract every reader keeps: it
returns text or raises `LoadError` — nothing else — within `TIME_LIMIT` seconds of CPU time.
Inputs come from hypothesis: random bytes, and mutations (flipped, deleted, inserted and
duplicated bytes, truncation) of real seed files, which reach much deeper into each parser
than noise does.
"""

from __future__ import annotations

import io
import time
import zipfile
from collections import Counter
from collections.abc import Callable
from functools import cache

import samples
from hypothesis import strategies as st

from viewer.core.errors import LoadError
from viewer.core.loaders.docx import extract_docx
from viewer.core.loaders.html import extract_html
from viewer.core.loaders.markdown import extract_markdown
from viewer.core.loaders.pdf import extract_pdf
from viewer.core.loading import extract_text, sniff_format

#: Most CPU time one input may take, in seconds. CPU time, not wall time: a quadratic parse
#: shows in both, but only wall time grows when the machine is busy with other work.
TIME_LIMIT = 2.0
#: Inputs tried per target, for the report.
TRIED: Counter[str] = Counter()
SHOWN = "fuzzed-input"


@cache
def seeds(kind: str) -> tuple[bytes, ...]:
    """Real files of each format to mutate (PDFs mostly uncompressed, so mutations hit
    the page content and objects rather than a compressed stream)."""
    if kind == "pdf":
        return (samples.two_page_pdf(compress=False), samples.image_only_pdf(compress=False),
                samples.two_page_pdf())
    if kind == "docx":
        return (samples.docx_with_table(),)
    if kind == "html":
        return (samples.html_article(),
                b'<html><head><meta charset="gb18030"></head><body><p>\xca\xfd\xd7\xd6</p>'
                b"<table><tr><td>a</td></tr></table></body></html>")
    if kind == "markdown":
        return (samples.MARKDOWN.encode(),)
    if kind == "pdf-pages":
        return (pdf_with_pages(3, 9, 4, False), pdf_with_pages(12, 200, 7, True))
    if kind == "html-attributes":
        return (html_with_attributes(300, 0, '"'), html_with_attributes(2000, 300, "'"))
    return ("plain text, with words\r\n\r\nand lines".encode("utf-16"),
            "\u6570\u5b57\u4e2d\u56fd\u5efa\u8bbe".encode("gb18030"))


def _mutate(data: bytes, ops: list[tuple[int, int, int, bytes]]) -> bytes:
    buf = bytearray(data)
    for kind, a, b, extra in ops:
        if not buf:
            buf.extend(extra)
            continue
        i = a % len(buf)
        j = min(len(buf), i + b % 64)
        if kind == 0:
            buf[i] ^= 1 << (b % 8)
        elif kind == 1:
            del buf[i:j]
        elif kind == 2:
            buf[i:i] = extra
        elif kind == 3:
            buf[i:i] = buf[i:j] * (1 + b % 4)
        else:
            del buf[i:]
    return bytes(buf)


_OPS = st.lists(st.tuples(st.integers(0, 4), st.integers(0, 2**31), st.integers(0, 2**31),
                          st.binary(max_size=16)), max_size=8)


#: The shapes that made loading quadratic, at sizes that stay quick (bench/bench_loaders.py
#: runs the big ones): many pages of one long paragraph, with hyphenated line ends and
#: CJK lines; a tag with many attributes behind deeply nested tags.
_SHAPES: dict[str, st.SearchStrategy[bytes]] = {
    "pdf-pages": st.builds(lambda *a: pdf_with_pages(*a), st.integers(1, 24),
                           st.integers(1, 400), st.integers(1, 12), st.booleans()),
    "html-attributes": st.builds(lambda *a: html_with_attributes(*a), st.integers(0, 80_000),
                                 st.integers(0, 3000), st.sampled_from(['"', "'", ""])),
}


def pdf_with_pages(pages: int, paragraph_lines: int, hyphen_every: int, cjk: bool) -> bytes:
    """A PDF of `pages` pages of 45 evenly spaced lines, a paragraph ending every
    `paragraph_lines` lines, every `hyphen_every`-th line ending in a hyphenated word."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pageCompression=0)
    if cjk:
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    words = samples.PARAGRAPHS[1].split()
    for page in range(pages):
        pdf.setFont("STSong-Light" if cjk else "Helvetica", 10)
        for row in range(45):
            n = page * 45 + row
            line = ("\u3000\u3000" if cjk and n % paragraph_lines == 0 else "") + (
                "数字中国建设取得新进展，" * 3 if cjk else " ".join(words[n % 9:n % 9 + 10]))
            if n % hyphen_every == 0:
                line += "infor-"
            if n % paragraph_lines == paragraph_lines - 1:
                line = line[:20] + "."
            pdf.drawString(40, 800 - 16 * row, line)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def html_with_attributes(count: int, depth: int, quote: str) -> bytes:
    """A page with `depth` unclosed <div> and a tag with `count` attributes (values holding
    markup characters) before a real article."""
    attributes = " ".join(f"a{n}={quote}v{n}{'>' if quote else ''}{quote}" for n in range(count))
    page = samples.html_article().decode()
    at = page.index("<article>")
    return (page[:at] + "<div>" * depth + f"<p {attributes}>x</p>" + page[at:]).encode()


def inputs(kind: str) -> st.SearchStrategy[bytes]:
    """Random bytes, and seed files of `kind` with a few random mutations; for the shape
    kinds, generated files of that shape, some mutated."""
    if kind in _SHAPES:
        return st.one_of(_SHAPES[kind], st.builds(_mutate, _SHAPES[kind], _OPS))
    mutated = st.builds(_mutate, st.sampled_from(seeds(kind)), _OPS)
    if kind == "docx":
        mutated = st.one_of(mutated, st.builds(_mutate_docx_xml, _OPS))
    return st.one_of(st.binary(max_size=2048), mutated, mutated)


def _mutate_docx_xml(ops: list[tuple[int, int, int, bytes]]) -> bytes:
    """A well-formed ZIP whose document.xml is mutated: reaches python-docx and lxml."""
    source = zipfile.ZipFile(io.BytesIO(seeds("docx")[0]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = _mutate(data, ops)
            archive.writestr(item.filename, data)
    return out.getvalue()


def _run(name: str, read: Callable[[], object]) -> None:
    TRIED[name] += 1
    started = time.process_time()
    try:
        result = read()
    except LoadError as exc:
        assert SHOWN in str(exc)
    else:
        text = result[0] if isinstance(result, tuple) else result
        assert isinstance(text, str)
    elapsed = time.process_time() - started
    assert elapsed < TIME_LIMIT, f"{name} took {elapsed:.2f} s of CPU time"


def target_text(data: bytes) -> None:
    _run("text", lambda: extract_text(data, "text", SHOWN))


def target_html(data: bytes) -> None:
    _run("html", lambda: extract_html(data, SHOWN))


def target_docx(data: bytes) -> None:
    _run("docx", lambda: extract_docx(data, SHOWN))


def target_pdf(data: bytes) -> None:
    _run("pdf", lambda: extract_pdf(data, SHOWN))


def target_markdown(data: bytes) -> None:
    _run("markdown", lambda: extract_markdown(data.decode("utf-8", "replace"), SHOWN))


def target_dispatch(data: bytes) -> None:
    _run("dispatch", lambda: extract_text(data, sniff_format(data, "", SHOWN), SHOWN))


#: Each target with the kind of seed files it mutates.
TARGETS: dict[str, tuple[Callable[[bytes], None], str]] = {
    "text": (target_text, "text"),
    "html": (target_html, "html"),
    "docx": (target_docx, "docx"),
    "pdf": (target_pdf, "pdf"),
    "markdown": (target_markdown, "markdown"),
    "dispatch": (target_dispatch, "pdf"),
    "pdf-pages": (target_pdf, "pdf-pages"),
    "html-attributes": (target_html, "html-attributes"),
}
