"""The column flow: every character laid once in order, level anchors level, padding bounded."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.export.pdf_columns import Pages, PlacedLine, flow_columns
from viewer.export.pdf_layout import Fonts, Measure
from viewer.export.pdf_report import report_fonts

MEASURE = Measure(report_fonts())
PAGES = Pages(first=12, rest=16)
WIDTH, SIZE = 120.0, 8.5

words = st.sampled_from(["tide", "harbour", "a", "quay", "lighthouse", "数字", "中国",
                         "\n", "\n\n", "。"])
texts = st.lists(words, min_size=1, max_size=150).map(" ".join)


def slot_of(line: PlacedLine) -> int:
    return line.slot if line.page == 0 else PAGES.first + (line.page - 1) * PAGES.rest + line.slot


def check_column(text: str, lines: list[PlacedLine]) -> None:
    slots = [slot_of(line) for line in lines]
    assert slots == sorted(set(slots))  # one line per slot, top to bottom
    assert all(0 <= line.slot < (PAGES.first if line.page == 0 else PAGES.rest)
               for line in lines)
    starts = [line.start for line in lines]
    assert starts == sorted(starts)
    laid = "".join(text[line.start:line.end] for line in lines)
    assert "".join(laid.split()) == "".join(text.split())  # nothing lost, nothing twice


def word_starts(text: str) -> list[int]:
    return [i for i, ch in enumerate(text) if not ch.isspace() and (i == 0 or text[i - 1] == " ")]


@settings(max_examples=60, deadline=None)
@given(texts, texts, st.data())
def test_every_character_is_laid_once_and_level_anchors_share_a_slot(text_a: str, text_b: str,
                                                                       data: st.DataObject) -> None:
    starts_a, starts_b = word_starts(text_a), word_starts(text_b)
    count = data.draw(st.integers(0, min(len(starts_a), len(starts_b), 6)))
    picked_a = sorted(data.draw(st.lists(st.sampled_from(starts_a), min_size=count,
                                         max_size=count, unique=True))) if count else []
    picked_b = sorted(data.draw(st.lists(st.sampled_from(starts_b), min_size=count,
                                         max_size=count, unique=True))) if count else []
    anchors = list(zip(picked_a, picked_b, strict=True))
    lines_a, lines_b, level = flow_columns(text_a, text_b, anchors, WIDTH, SIZE, MEASURE, PAGES)
    check_column(text_a, lines_a)
    check_column(text_b, lines_b)
    for k in level:
        offset_a, offset_b = anchors[k]
        line_a = next(line for line in lines_a if line.start == offset_a)
        line_b = next(line for line in lines_b if line.start == offset_b)
        assert (line_a.page, line_a.slot) == (line_b.page, line_b.slot)


def column(words_per_paragraph: list[int]) -> str:
    return "\n\n".join(" ".join(["harbour"] * n) for n in words_per_paragraph)


def test_a_small_gap_is_padded_and_a_large_one_flows_on() -> None:
    measure = Measure(Fonts("Helvetica", "Helvetica"))
    pages = Pages(first=40, rest=40)  # a budget of 10 padding lines per page
    # Each paragraph of 6 "harbour" is one line of a 300-point column, then a blank line.
    for before_a, before_b, expect_level in (([6, 6, 6], [6, 6], [0]), ([6] * 12, [], [])):
        a = column(before_a) + "\n\nanchor here"
        b = column(before_b) + "\n\nanchor here"
        anchor = (a.index("anchor"), b.index("anchor"))
        lines_a, lines_b, level = flow_columns(a, b, [anchor], 300.0, 10.0, measure, pages)
        assert level == expect_level
        line_a = next(line for line in lines_a if line.start == anchor[0])
        line_b = next(line for line in lines_b if line.start == anchor[1])
        if level:
            assert line_a.slot == line_b.slot == 6  # B padded by two lines
        else:
            assert (line_a.slot, line_b.slot) == (24, 0)  # B not pushed down 24 lines


def test_padding_stays_within_a_quarter_page_per_column() -> None:
    measure = Measure(Fonts("Helvetica", "Helvetica"))
    pages = Pages(first=40, rest=40)
    # Gaps of 8 lines each time: the first fits the page's 10-line budget, the second not.
    a = column([6] * 4) + "\n\nanchor0\n\n" + column([6] * 4) + "\n\nanchor1"
    b = "anchor0\n\nanchor1"
    anchors = [(a.index(f"anchor{k}"), b.index(f"anchor{k}")) for k in range(2)]
    assert flow_columns(a, b, anchors, 300.0, 10.0, measure, pages)[2] == [0]
