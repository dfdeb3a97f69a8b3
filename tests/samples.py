"""Builders of real sample files (HTML, DOCX, PDF, Markdown) for the loader tests and fuzzers.

Every builder returns bytes made by the same libraries a user's tools would use (python-docx,
reportlab, pypdf), so the tests read genuine files rather than hand-typed approximations.
"""

from __future__ import annotations

import io
import zipfile

PARAGRAPHS = (
    "The northern rivers carry meltwater from the mountains to the sea every spring, and the "
    "towns along their banks have learned to live with the floods.",
    "Engineers built a series of low dams in the last century. The dams slowed the water but "
    "also trapped the silt that once fed the farms of the delta.",
    "Today the council wants to restore the natural flow of the water while keeping the towns "
    "safe from the worst of the spring floods.",
)

SHARED_PHRASE = "trapped the silt that once fed the farms of the delta"


def html_article() -> bytes:
    """A saved news page: navigation, header, scripts, the article, related links, footer."""
    body = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Rivers of the North | Daily Example</title>
<script src="http://example.invalid/tracker.js"></script>
<script>document.write("INJECTED BY SCRIPT"); fetch("http://example.invalid/beacon");</script>
<style>body {{ font-family: serif }}</style></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li>
<li><a href="/sport">Sport pages</a></li></ul></nav>
<header><div class="masthead">Daily Example</div></header>
<article><h1>Rivers of the North</h1>
{body}
<script>var hidden = "SCRIPT INSIDE ARTICLE";</script>
</article>
<aside><h3>Related articles</h3><ul><li><a href="/a">Mountains in winter</a></li>
<li><a href="/b">Delta farms struggle</a></li></ul></aside>
<footer><p>Copyright 2024 Daily Example. All rights reserved.</p>
<a href="/privacy">Privacy policy</a></footer>
</body></html>""".encode()


def docx_with_table() -> bytes:
    """A Word document: heading, paragraph, a 2x3 table, then a closing paragraph."""
    import docx

    document = docx.Document()
    document.add_heading("Water levels", level=1)
    document.add_paragraph(PARAGRAPHS[0])
    table = document.add_table(rows=2, cols=3)
    for r, row in enumerate((("River", "Spring", "Autumn"), ("Northern", "4.2 m", "1.1 m"))):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph(PARAGRAPHS[1])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def two_page_pdf(compress: bool = True) -> bytes:
    """Two pages with a running header and page-number footer; "infor-/mation" is hyphenated
    across the page break and "well-/known" across a line end."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, pageCompression=int(compress))
    pages = (
        ["The northern rivers carry meltwater from the mountains to the sea every",
         "spring, and the towns along their banks have learned to live with the floods.",
         "",
         "Engineers built a series of low dams in the last century. The dams slowed the",
         "water but also trapped the silt that once fed the farms of the delta, a well-",
         "known problem that the regional infor-"],
        ["mation office has studied for decades.",
         "",
         "Today the council wants to restore the natural flow of the water while keeping",
         "the towns safe from the worst of the spring floods."],
    )
    for number, lines in enumerate(pages, start=1):
        pdf.setFont("Helvetica", 9)
        pdf.drawString(72, 800, "The Northern Review - Spring Issue")
        pdf.setFont("Helvetica", 11)
        y = 760.0
        for line in lines:
            if line:
                pdf.drawString(72, y, line)
            else:
                y -= 10
            y -= 14
        pdf.setFont("Helvetica", 9)
        pdf.drawString(280, 40, f"Page {number} of {len(pages)}")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def image_only_pdf(compress: bool = True) -> bytes:
    """A scan-like PDF: pages with drawings only and no text layer."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pageCompression=int(compress))
    for _ in range(2):
        pdf.rect(72, 72, 400, 600, fill=1)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def encrypted_pdf(user_password: str = "secret") -> bytes:
    """The two-page PDF encrypted (AES-256) with `user_password` needed to open it."""
    import pypdf

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(two_page_pdf()))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bomb_by_ratio() -> bytes:
    """A DOCX whose document part is 20 MB of one repeated byte, compressed ~1000 times."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b" " * (20 * 1024 * 1024))
    return out.getvalue()


def docx_bomb_by_declared_size() -> bytes:
    """A small DOCX whose central directory declares its document part as ~4 GB."""
    data = bytearray(docx_with_table())
    name = b"word/document.xml"
    pos = 0
    while (pos := data.find(b"PK\x01\x02", pos)) != -1:
        name_len = int.from_bytes(data[pos + 28:pos + 30], "little")
        if data[pos + 46:pos + 46 + name_len] == name:
            data[pos + 24:pos + 28] = (0xFFFFFFF0).to_bytes(4, "little")
        pos += 4
    return bytes(data)


MARKDOWN = """# Rivers of the North

The northern rivers carry *meltwater* from the mountains to the sea every spring,
and the towns along their banks have learned to live with the [floods](http://example.invalid/).

- Engineers built low dams.
- The dams trapped the silt.

| River | Spring |
|-------|--------|
| Northern | 4.2 m |

<script>alert("never shown")</script>
"""


def chinese_pdf(paragraphs: list[str], per_line: int = 20) -> bytes:
    """Chinese paragraphs typeset the usual way: first line indented by two ideographic
    spaces, the same line spacing everywhere, a short last line. Uses reportlab's built-in
    STSong-Light font, so no font file is needed."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    pdf.setFont("STSong-Light", 12)
    y = 800
    for paragraph in paragraphs:
        text = "\u3000\u3000" + paragraph
        for start in range(0, len(text), per_line):
            pdf.drawString(50, y, text[start:start + per_line])
            y -= 16
    pdf.save()
    return out.getvalue()
