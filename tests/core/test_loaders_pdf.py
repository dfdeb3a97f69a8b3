"""PDF text joining: Chinese paragraphs and line joins, and work that grows linearly."""

from __future__ import annotations

import time
from pathlib import Path

import samples

from viewer.core.loaders.pdf import _Line, _paragraphs
from viewer.core.loading import load_document

FIXTURES = Path(__file__).parents[1] / "fixtures" / "core"


def test_chinese_pdf_keeps_paragraphs_and_joins_lines_without_spaces(tmp_path: Path) -> None:
    paragraphs = (FIXTURES / "zh_a.txt").read_text("utf-8").split("\n\n")
    paragraphs = [p.strip() for p in paragraphs if p.strip()]
    path = tmp_path / "zh.pdf"
    path.write_bytes(samples.chinese_pdf(paragraphs))
    assert load_document(path).text == "\n\n".join(paragraphs)


def test_cjk_punctuation_at_a_line_end_gets_no_space() -> None:
    lines = [_Line("\u3000\u3000会议指出，要坚持把科技自立自强作为支撑。", 700.0),
             _Line("“今年以来”，全市研发投入持续增长，新增", 684.0),
             _Line("企业三百余家，English", 668.0),
             _Line("words follow", 652.0)]
    paragraphs, _ = _paragraphs([lines])
    assert paragraphs == ["会议指出，要坚持把科技自立自强作为支撑。“今年以来”，"
                          "全市研发投入持续增长，新增企业三百余家，English words follow"]


def _one_long_paragraph(pages: int) -> list[list[_Line]]:
    line = "the river carries water from the mountains to the sea every spring and the"
    return [[_Line(f"{line} {n}", 800.0 - 15 * n) for n in range(50)] for _ in range(pages)]


def _seconds(pages: list[list[_Line]]) -> float:
    """CPU seconds of the quickest of five joins: time spent waiting for a core on a busy
    machine (CI, other jobs) does not count, which wall-clock time would."""
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        _paragraphs(pages)
        best = min(best, time.process_time() - start)
    return best


def test_joining_lines_is_linear_in_the_paragraph_length() -> None:
    # One paragraph running over every page: the case that was quadratic. Eight times the
    # pages must cost about eight times as much (quadratic work would be 64 times).
    small, large = _seconds(_one_long_paragraph(20)), _seconds(_one_long_paragraph(160))
    assert large < 24 * small, (small, large)


def test_a_headline_wrapped_in_larger_type_is_one_paragraph(tmp_path: Path) -> None:
    # A headline in large type, centred or not, is set with a wider line gap than the body
    # and its shorter lines start further right: neither makes each of its lines a paragraph.
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    headline = ("Firmly grasping the initiative of information and striving to become a "
                "powerful country on the Internet")
    body = ["In today's world, network information technology has been fully integrated "
            "into social production and life, and it is changing how people work. " * 2,
            "Countries around the world are closely connected by the network, and the "
            "network has become a new space for production and for daily life. " * 2]
    for style in ("Title", "Heading1"):
        path = tmp_path / f"{style}.pdf"
        SimpleDocTemplate(str(path), pagesize=A4).build(
            [Paragraph(headline, styles[style])]
            + [Paragraph(text, styles["BodyText"]) for text in body])
        assert load_document(path).text == "\n\n".join([headline] + [t.strip() for t in body])
