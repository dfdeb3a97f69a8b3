"""Window and reports show a mark the same way: one overlap rule, one palette."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument

from viewer.export.html_report import rich_html
from viewer.export.report_model import RichText
from viewer.present.marks import Mark, MarkKind, style_of
from viewer.present.palette import DARK, LIGHT
from viewer.ui.colors import DARK as DARK_SCHEME
from viewer.ui.highlighter import PassageHighlighter


def test_a_watch_list_phrase_over_a_slogan_looks_alike_everywhere(qapp) -> None:  # type: ignore[no-untyped-def]
    # Before: orange in the window (the slogan's colour won), purple in the report.
    keys = frozenset({Mark(MarkKind.PASSAGE, 2), Mark(MarkKind.SLOGAN, 0),
                      Mark(MarkKind.WATCH, 1)})
    style = style_of(keys)
    highlighter = PassageHighlighter(QTextDocument())
    fmt = highlighter._format(keys)
    assert fmt.underlineColor().name() == LIGHT.watch
    assert fmt.background().color().name() == LIGHT.passage(2)
    html = rich_html(RichText("ferry", ((0, 5, style),)))
    assert html == '<span class="h2 wl">ferry</span>'
    highlighter.set_scheme(DARK_SCHEME)
    assert highlighter._format(keys).underlineColor().name() == DARK.watch
