"""How loading time and memory grow with the input: PDFs of many pages, HTML with very many
attributes, a DOCX whose text is past the size limit, and UTF-8 text with a bad byte.

    python bench/bench_loaders.py                 # everything (a few minutes)
    python bench/bench_loaders.py pdf html docx   # some of it
    python bench/bench_loaders.py pdf --pages 25 50 100
    python bench/bench_loaders.py text --text-mb 6 24

Inputs are generated here (reportlab, zipfile); nothing is read from disk but the code. Each
case runs in a fresh process so the peak memory (max RSS) printed is that case's alone.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_PROSE = ("the river carries water from mountains to sea every spring and towns along its "
          "banks learned to live with floods engineers built dams that slowed water but also "
          "trapped silt which once fed farms of the delta today council wants natural flow "
          "restored while keeping people safe from worst spring floods")
WORDS = _PROSE.split(" ")


def prose_lines(count: int, seed: int = 7) -> list[str]:
    """Lines of made-up prose about 80 characters long; every ninth line ends a paragraph,
    and some lines end with a hyphenated word, as in a typeset article."""
    rng = random.Random(seed)
    lines = []
    for n in range(count):
        words: list[str] = []
        while sum(len(w) + 1 for w in words) < 75:
            words.append(rng.choice(WORDS))
        line = " ".join(words)
        if n % 9 == 8:
            line = line[:40] + "."
        elif n % 7 == 3:
            line += " infor-"
        lines.append(line)
    return lines


_CHINESE = ("河水每年春天从山里流向大海，沿岸的城镇学会了与洪水共处。工程师修建的水坝减缓了水流，"
            "也截住了曾经滋养三角洲农田的泥沙。如今议会希望恢复自然水流，同时保护人们免受洪灾。")


def make_damaged_utf8(text_mb: int, script: str) -> bytes:
    """`text_mb` MB of UTF-8 text with one bad byte (0xFF) at a line end in its middle:
    English with curly quotes ("en"), Chinese ("zh"), or plain ASCII English ("ascii")."""
    if script == "zh":
        unit = "\n".join([_CHINESE] * 40) + "\n"
    else:
        lines = prose_lines(400)
        if script == "en":
            lines = [f"“{line}” they’re" if n % 3 == 0 else line for n, line in enumerate(lines)]
        unit = "\n".join(lines) + "\n"
    data = unit.encode("utf-8") * (text_mb * 1048576 // len(unit.encode("utf-8")))
    cut = data.index(b"\n", len(data) // 2)
    return data[:cut] + b"\xff" + data[cut:]


def make_pdf(pages: int) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    lines = prose_lines(pages * 50)
    for page in range(pages):
        y = 800
        for line in lines[page * 50:(page + 1) * 50]:
            pdf.drawString(50, y, line)
            y -= 15
        pdf.drawString(280, 30, str(page + 1))
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def make_html(attributes: int) -> bytes:
    attrs = " ".join(f'data-a{n}="{n}"' for n in range(attributes))
    body = "".join(f"<p>{' '.join(prose_lines(3, n))}</p>" for n in range(20))
    return f"<html><body><p {attrs}>x</p><article>{body}</article></body></html>".encode()


def make_big_docx(text_mb: int) -> bytes:
    """A DOCX whose document.xml holds `text_mb` MB of text in paragraphs of short
    formatted runs, as word processors write them (about 6 bytes of XML per character)."""
    words = " ".join(prose_lines(5)).split()
    runs = "".join(f'<w:r><w:rPr><w:b w:val="{n % 2}"/></w:rPr><w:t xml:space="preserve">'
                   f'{" ".join(words[n:n + 2])} </w:t></w:r>' for n in range(0, 60, 2))
    paragraph = f"<w:p>{runs}</w:p>"
    text_per_paragraph = sum(len(" ".join(words[n:n + 2])) + 1 for n in range(0, 60, 2))
    count = text_mb * 1048576 // text_per_paragraph
    head = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
            'main"><w:body>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        # The package parts python-docx needs to open it, so older code can be timed too.
        archive.writestr("[Content_Types].xml",
                         '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"><Default Extension="rels" ContentType="'
                         'application/vnd.openxmlformats-package.relationships+xml"/>'
                         '<Override PartName="/word/document.xml" '
                         'ContentType="application/vnd.openxmlformats-officedocument.'
                         'wordprocessingml.document.main+xml"/></Types>')
        archive.writestr("_rels/.rels",
                         '<?xml version="1.0"?><Relationships xmlns="http://schemas.'
                         'openxmlformats.org/package/2006/relationships"><Relationship Id="r1" '
                         'Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                         'relationships/officeDocument" Target="word/document.xml"/>'
                         '</Relationships>')
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head.encode())
            chunk = (paragraph * 1000).encode()
            for _ in range(count // 1000):
                part.write(chunk)
            part.write(b"</w:body></w:document>")
    return out.getvalue()


def measure(path: str, max_mb: float) -> None:
    """Child process: load one file, print seconds, peak RSS and the outcome as JSON."""
    sys.path.insert(0, str(ROOT))
    from viewer.core.errors import LoadError
    from viewer.core.loading import load_document

    start = time.perf_counter()
    try:
        doc = load_document(path, max_bytes=int(max_mb * 1048576))
        outcome = f"{len(doc.text):,} chars"
    except LoadError as exc:
        outcome = f"refused: {exc.problem}"
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "outcome": outcome}))


def run_case(label: str, data: bytes, suffix: str, max_mb: float = 50) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "input" + suffix)
        Path(path).write_bytes(data)
        done = subprocess.run([sys.executable, __file__, "--measure", path, str(max_mb)],
                              capture_output=True, text=True, timeout=3600)
    if done.returncode:
        print(f"{label:>28}: failed: {done.stderr.strip().splitlines()[-1:]}")
        return
    r = json.loads(done.stdout)
    print(f"{label:>28}: {r['seconds']:7.2f} s  peak {r['peak_mb']:7.0f} MB  "
          f"{len(data) / 1048576:6.1f} MB in  {r['outcome']}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", default=["pdf", "html", "docx", "text"])
    parser.add_argument("--pages", type=int, nargs="+", default=[25, 50, 100, 200, 2000])
    parser.add_argument("--attributes", type=int, nargs="+",
                        default=[10_000, 20_000, 40_000, 100_000, 200_000])
    parser.add_argument("--docx-mb", type=int, nargs="+", default=[8, 20, 60])
    parser.add_argument("--text-mb", type=int, nargs="+", default=[24])
    parser.add_argument("--measure", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure[0], float(args.measure[1]))
        return
    print(f"(machine load average {os.getloadavg()[0]:.1f}: figures are wall-clock)")
    if "pdf" in args.cases:
        for pages in args.pages:
            run_case(f"PDF {pages:,} pages", make_pdf(pages), ".pdf")
    if "html" in args.cases:
        for count in args.attributes:
            run_case(f"HTML {count:,} attributes", make_html(count), ".html")
    if "docx" in args.cases:
        for mb in args.docx_mb:
            # The text limit follows --max-size; 10 MB keeps the refused case quick to show.
            run_case(f"DOCX {mb} MB of text, limit 10", make_big_docx(mb), ".docx", 10)
    if "text" in args.cases:
        for mb in args.text_mb:
            for script in ("en", "zh", "ascii"):
                run_case(f"UTF-8 {script} {mb} MB, bad byte", make_damaged_utf8(mb, script),
                         ".txt")


if __name__ == "__main__":
    main()
