"""`tandem compare A B --pdf --html --json` writes every report asked for."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
from pypdf import PdfReader
from report_fixtures import PASSAGE, REPORT_FIXTURES

from viewer.cli import main

ROOT = Path(__file__).resolve().parents[2]
A = str(REPORT_FIXTURES / "harbour_a.txt")
B = str(REPORT_FIXTURES / "harbour_b.txt")


def test_pdf_html_and_json_together(tmp_path: Path) -> None:
    pdf, html, js = tmp_path / "r.pdf", tmp_path / "r.html", tmp_path / "r.json"
    code = main(["compare", A, B, "--pdf", str(pdf), "--html", str(html), "--json", str(js),
                 "--page-size", "Letter"])
    assert code == 0
    assert json.loads(js.read_text(encoding="utf-8"))["version"] == 1
    reader = PdfReader(pdf)
    assert round(float(reader.pages[0].mediabox.width)) == 612
    assert PASSAGE in " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert PASSAGE in html.read_text(encoding="utf-8")


def test_the_paper_is_named_in_any_case(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    for written, width in (("letter", 612), ("a4", 595), ("LETTER", 612)):
        pdf = tmp_path / f"{written}.pdf"
        assert main(["compare", A, B, "--pdf", str(pdf), "--page-size", written]) == 0
        assert round(float(PdfReader(pdf).pages[0].mediabox.width)) == width
    capsys.readouterr()
    with pytest.raises(SystemExit) as exited:
        main(["compare", A, B, "--pdf", str(tmp_path / "x.pdf"), "--page-size", "A5"])
    assert exited.value.code == 2
    assert "--page-size: invalid choice: 'A5'" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_report_alone_does_not_print_json(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["compare", A, B, "--html", str(tmp_path / "r.html")]) == 0
    assert capsys.readouterr().out == ""


def test_unwritable_report_is_one_clear_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "no" / "r.pdf"
    assert main(["compare", A, B, "--pdf", str(target)]) == 2
    err = capsys.readouterr().err
    assert err == (f"tandem: {target}: is in a folder that does not exist (create the folder "
                   "first, or choose another place)\n")


def test_json_path_imports_neither_qt_nor_reportlab(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from viewer.cli import main\n"
        f"code = main(['compare', {A!r}, {B!r}, '--json', {str(tmp_path / 'r.json')!r}])\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('reportlab', 'PySide6')]\n"
        "print(code, heavy)\n")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "0 []"


def test_reports_say_what_loading_took_out_of_the_texts(tmp_path: Path) -> None:
    # With --trim the texts side by side are not the files' texts: the JSON lists what
    # went in each document's notes, and the reports must say it too (they listed the
    # settings without it, showing trimmed texts as if they were the files).
    prose = Path(A).read_text(encoding="utf-8")
    title = "Harbour plan | City News | Front page"
    noisy = tmp_path / "noisy.txt"
    noisy.write_text(f"{title}\n\n{prose}\n{title}\n\n{prose}\n{title}\n", encoding="utf-8")
    pdf, html, js = tmp_path / "r.pdf", tmp_path / "r.html", tmp_path / "r.json"
    assert main(["compare", str(noisy), B, "--trim", "--pdf", str(pdf), "--html", str(html),
                 "--json", str(js)]) == 0
    [notes_a, notes_b] = [doc["notes"] for doc in json.loads(js.read_text("utf-8"))["documents"]]
    assert notes_a and not notes_b
    page = unescape(re.sub(r"<[^>]+>", "", html.read_text(encoding="utf-8")))
    pdf_text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    for note in notes_a:
        assert note in page
        assert " ".join(note.split()) in pdf_text


def test_characters_the_pdf_draws_as_boxes_are_told_on_the_terminal(
        tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # Only the PDF's title page said so: a user of the command line, who may never open
    # it, was not told that part of the texts shows as empty boxes.
    devanagari = "\u0928\u092e\u0938\u094d\u0924\u0947"
    a = tmp_path / "a.txt"
    a.write_text(Path(A).read_text(encoding="utf-8") + f"\n\nGreetings: {devanagari}.\n",
                 encoding="utf-8")
    pdf = tmp_path / "r.pdf"
    assert main(["compare", str(a), B, "--pdf", str(pdf)]) == 0
    err = capsys.readouterr().err
    first = " ".join(PdfReader(pdf).pages[0].extract_text().split())
    [line] = [line for line in err.splitlines() if "no glyph" in line]
    assert line.startswith("tandem: note: the PDF report: ")
    told = line.removeprefix("tandem: note: the PDF report: ")
    assert "show as empty boxes" in told and told in first
    # A report whose fonts draw every character says nothing.
    assert main(["compare", A, B, "--pdf", str(tmp_path / "plain.pdf")]) == 0
    assert "no glyph" not in capsys.readouterr().err
