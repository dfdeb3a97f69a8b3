"""The HTML report of a `Comparison`: the same content as the PDF in one self-contained file.

Inline CSS only: no scripts, images, fonts or links to fetch, so the file opens anywhere
and prints with its highlight colours. Links stay inside the file: each shared passage's
number in one text leads to its counterpart in the other, and back. Written atomically
like every export.
"""

from __future__ import annotations

import os
from bisect import bisect_left
from collections.abc import Callable, Sequence
from html import escape

from viewer.core.errors import Cancelled
from viewer.core.model import Comparison
from viewer.export.atomic import write_report
from viewer.export.report_model import (
    RichText,
    aligned_rows,
    excerpt,
    phrase_cells,
    styled_texts,
    summary,
)
from viewer.present.collection_figures import CollectionFigures
from viewer.present.forms import also_written
from viewer.present.marks import MarkKind, Style
from viewer.present.palette import DARK, LIGHT, PRINT, Palette
from viewer.present.theme_note import closest_only_note
from viewer.present.theme_words import shown_words
from viewer.present.wording import NO_SHARED_PHRASES, NO_SLOGANS, NO_THEMES, slogan_tally

Progress = Callable[[float], None]
IsCancelled = Callable[[], bool]


def _colour_rules(colours: Palette) -> str:
    rules = [f"body{{color:{colours.text};background:{colours.background}}}",
             f".muted,th{{color:{colours.muted}}}",
             f"td,th{{border-bottom:1px solid {colours.rule}}}",
             f".sl{{text-decoration:underline 2px {colours.slogan}}}",
             f".wl{{text-decoration:underline 2px {colours.watch}}}",
             f"del{{color:{colours.deleted}}}",
             f"ins{{color:{colours.inserted};text-decoration:underline {colours.inserted}}}"]
    for k, colour in enumerate(colours.shared):
        rules.append(f".h{k}{{background:{colour}}}")
        rules.append(f"tr.m{k}>td.text{{border-left:3px solid {colour}}}")
    return "\n".join(rules)


# Latin fonts first: a browser falls back per character, so Han still finds a CJK font,
# while curly quotes are not drawn full-width as a CJK font draws them.
_CSS = """
body{font-family:"DejaVu Sans",Arial,"WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;
 font-size:14px;line-height:1.45;margin:2em auto;max-width:1200px;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.1em} h2{font-size:1.25em;margin-top:1.6em}
table{border-collapse:collapse;width:100%;table-layout:fixed}
td,th{vertical-align:top;padding:.3em .5em;text-align:start}
td{overflow-wrap:break-word;unicode-bidi:plaintext}
th{font-weight:normal;font-size:.9em}
table.texts td.text{white-space:pre-wrap;width:50%}
table.facts td:first-child{width:14em}
.num{white-space:nowrap;width:4em}
a.ref{color:inherit;text-decoration:none;font-size:.75em;vertical-align:.35em;
 padding:0 .25em;margin-right:.2em;border-radius:.25em}
a.ref:hover{text-decoration:underline}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
@media print{body{margin:0;max-width:none}}
"""


_UNDERLINE_CLASS = {MarkKind.SLOGAN: "sl", MarkKind.WATCH: "wl"}
_CHANGE_TAG = {MarkKind.DELETED: "del", MarkKind.INSERTED: "ins"}


def _classes(style: Style) -> str:
    names = []
    if style.passage is not None:
        names.append(f"h{style.passage % len(LIGHT.shared)}")
    if style.underline is not None:
        names.append(_UNDERLINE_CLASS[style.underline])
    return " ".join(names)


def rich_html(text: RichText, inserts: Sequence[tuple[int, str]] = ()) -> str:
    """Styled text as escaped HTML: passages and slogans as classed spans, changes as del/ins.
    `inserts` are (offset, markup) pairs, in order, put into the text before that offset."""
    out = []
    pending = list(inserts)[::-1]
    at = 0
    for piece, style in text.pieces():
        end = at + len(piece)
        while piece:
            cut = max(0, pending[-1][0] - at) if pending and pending[-1][0] < end else len(piece)
            if cut > 0:
                out.append(_styled(escape(piece[:cut], quote=False), style))
            if cut < len(piece):
                out.append(pending.pop()[1])
            piece, at = piece[cut:], at + cut
        at = end
    out.extend(markup for _, markup in reversed(pending))
    return "".join(out)


def _styled(escaped: str, style: Style | None) -> str:
    if style is None:
        return escaped
    classes = _classes(style)
    tag = _CHANGE_TAG.get(style.change) if style.change is not None else None
    if tag is not None:
        attribute = f' class="{classes}"' if classes else ""
        return f"<{tag}{attribute}>{escaped}</{tag}>"
    return f'<span class="{classes}">{escaped}</span>'


def _passage_links(comparison: Comparison, side: int) -> tuple[list[int], list[str]]:
    """Where each shared passage starts in one text (sorted) and the link put there: its
    number, named `a3`/`b3`, pointing at the counterpart in the other text."""
    here, there = ("a", "b") if side == 0 else ("b", "a")
    shared = len(LIGHT.shared)
    starts = sorted((phrase.b[0] if side else phrase.a[0], i)
                    for i, phrase in enumerate(comparison.shared_phrases))
    links = [f'<a class="ref h{i % shared}" id="{here}{i + 1}" href="#{there}{i + 1}" '
             f'title="passage {i + 1}: go to it in {there.upper()}">{i + 1}</a>'
             for _, i in starts]
    return [offset for offset, _ in starts], links


def _links_in(text: str, span: tuple[int, int], links: tuple[list[int], list[str]]
              ) -> list[tuple[int, str]]:
    """The links of passages starting in `span`, at offsets into its trimmed segment."""
    start, end = span
    piece = text[start:end]
    trimmed = start + len(piece) - len(piece.lstrip())
    offsets, markup = links
    first, last = bisect_left(offsets, start), bisect_left(offsets, end)
    return [(max(0, offsets[k] - trimmed), markup[k]) for k in range(first, last)]


def comparison_to_html(comparison: Comparison, progress: Progress | None = None,
                       is_cancelled: IsCancelled | None = None,
                       figures: CollectionFigures | None = None) -> str:
    """The whole report as one HTML document; with a collection behind the comparison
    (`figures`), its word on each slogan and shared passage."""
    report = progress or (lambda fraction: None)

    def check() -> None:
        if is_cancelled is not None and is_cancelled():
            raise Cancelled()

    facts = summary(comparison)
    e = escape
    parts = [
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Tandem: {e(facts.name_a)} and {e(facts.name_b)}</title>",
        f"<style>{_CSS}\n{_colour_rules(LIGHT)}\n"
        f"@media (prefers-color-scheme: dark){{\n{_colour_rules(DARK)}\n}}\n"
        f"@media print{{\n{_colour_rules(PRINT)}\n}}</style>",
        "</head><body>",
        f"<h1>{e(facts.title)}</h1>",
        f'<p class="muted">Generated {e(facts.date)} by Tandem</p>',
    ]
    for heading, items in (("Documents", facts.documents), ("Overlap", facts.figures),
                           ("Settings", facts.settings)):
        parts.append(f'<h2>{heading}</h2><table class="facts">')
        parts.extend(f'<tr><td class="muted">{e(k)}</td><td>{e(v)}</td></tr>' for k, v in items)
        parts.append("</table>")
    if figures is not None:
        parts.append(f"<p>With the collection behind it: {e(figures.collection)}.</p>")
        if figures.outside:
            parts.append(f"<p>{e(figures.outside)}</p>")
    parts.append(
        '<p class="muted">Reading the report: <span class="h0">shared passage</span> '
        '(one colour per passage and its counterpart), <span class="sl">slogan</span>, '
        '<span class="wl">watch-list phrase</span>, <del>deleted</del>, <ins>inserted</ins>. '
        'The small number at the start of a shared passage leads to its counterpart in the '
        'other text.</p>')

    parts.append('<h2>The texts side by side</h2><table class="texts">'
                 f"<tr><th>A: {e(facts.name_a)}</th><th>B: {e(facts.name_b)}</th></tr>")
    styled_a, styled_b = styled_texts(comparison)
    total = max(1, len(styled_a.text) + len(styled_b.text))
    done = 0
    shared = len(LIGHT.shared)
    links_a, links_b = _passage_links(comparison, 0), _passage_links(comparison, 1)
    for row in aligned_rows(comparison):
        check()
        cell_a, cell_b = styled_a.segment(*row.a), styled_b.segment(*row.b)
        if not (cell_a.text or cell_b.text):
            continue
        marker = f' class="m{row.passage % shared}" id="row{row.passage + 1}"' \
            if row.passage is not None else ""
        html_a = rich_html(cell_a, _links_in(styled_a.text, row.a, links_a))
        html_b = rich_html(cell_b, _links_in(styled_b.text, row.b, links_b))
        parts.append(f'<tr{marker}><td class="text">{html_a}</td>'
                     f'<td class="text">{html_b}</td></tr>')
        done += (row.a[1] - row.a[0]) + (row.b[1] - row.b[0])
        report(0.85 * done / total)
    parts.append("</table>")

    phrases = comparison.shared_phrases
    parts.append(f"<h2>Shared phrases ({len(phrases)})</h2>")
    if phrases:
        parts.append('<table><tr><th class="num">#</th><th class="num">words</th>'
                     "<th>in A (deleted words struck)</th><th>in B (inserted words underlined)</th>"
                     + ("<th>in the collection</th>" if figures else "") + "</tr>")
        for i, phrase in enumerate(phrases):
            check()
            cell_a, cell_b = phrase_cells(comparison, i)
            more = f"<td>{e(figures.phrases[i])}</td>" if figures else ""
            parts.append(f'<tr><td class="num"><a class="ref h{i % shared}" href="#a{i + 1}" '
                         f'title="passage {i + 1} in the texts">{i + 1}</a></td>'
                         f'<td class="num">{phrase.words}{"" if phrase.exact else " ~"}</td>'
                         f"<td>{rich_html(cell_a)}</td><td>{rich_html(cell_b)}</td>{more}</tr>")
        parts.append("</table>")
    else:
        parts.append(f'<p class="muted">{NO_SHARED_PHRASES}</p>')

    parts.append(f"<h2>{escape(slogan_tally(comparison).tab)}</h2>")
    if comparison.slogans:
        parts.append('<table><tr><th>phrase</th><th class="num">in A</th><th class="num">in B</th>'
                     + ("<th>in the collection</th>" if figures else "") + "</tr>")
        for k, slogan in enumerate(comparison.slogans):
            kind = "wl" if slogan.watchlist else "sl"
            note = ' <span class="muted">(watch-list)</span>' if slogan.watchlist else ""
            if slogan.variants:
                note += f'<br><span class="muted">{e(also_written(slogan.variants))}</span>'
            more = f"<td>{e(figures.slogans[k])}</td>" if figures else ""
            parts.append(f'<tr><td><span class="{kind}">{e(slogan.phrase)}</span>{note}</td>'
                         f'<td class="num">{slogan.count_a}</td>'
                         f'<td class="num">{slogan.count_b}</td>{more}</tr>')
        parts.append("</table>")
    else:
        parts.append(f'<p class="muted">{NO_SLOGANS}</p>')

    text_a, text_b = comparison.document_a.text, comparison.document_b.text
    parts.append(f"<h2>Theme overlap ({len(comparison.themes)})</h2>")
    if comparison.themes:
        parts.append('<table><tr><th class="num">score</th><th>shared terms</th>'
                     "<th>passage in A</th><th>passage in B</th></tr>")
        for theme in comparison.themes:
            parts.append(f'<tr><td class="num">{theme.score:.2f}</td>'
                         f"<td>{e(shown_words(theme))}</td>"
                         f"<td>{e(excerpt(text_a, theme.a))}</td>"
                         f"<td>{e(excerpt(text_b, theme.b))}</td></tr>")
        parts.append("</table>")
        if note := closest_only_note(comparison):
            parts.append(f'<p class="muted">{e(note)}</p>')
    else:
        parts.append(f'<p class="muted">{NO_THEMES}</p>')
    parts.append("</body></html>\n")
    report(0.95)
    return "".join(parts)


def write_html(comparison: Comparison, path: str | os.PathLike[str], *,
               progress: Progress | None = None, is_cancelled: IsCancelled | None = None,
               figures: CollectionFigures | None = None) -> None:
    """Write the HTML report at `path`, atomically; `Cancelled` leaves no file."""
    document = comparison_to_html(comparison, progress, is_cancelled, figures).encode("utf-8")
    write_report(path, lambda handle: handle.write(document))
    if progress is not None:
        progress(1.0)
