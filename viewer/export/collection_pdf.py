"""The collection report as a PDF: the same content as the HTML report, laid out for paper.

Summary, ranked pairs, clusters (most articles first) with the source marked, formulations
with a small bar chart of their uses over time, boilerplate per series and skipped files.
Laid out with the comparison report's `Layout` and fonts (a CJK font for CJK characters, so
Chinese collections print and their text layer extracts), drawn by `pdf_render`, written
atomically.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from viewer.export import collection_model as model
from viewer.export.collection_model import (
    CollectionReport,
    DocRef,
    FormulationRow,
    Section,
)
from viewer.export.pdf_layout import Cell, Fonts, Layout, Measure, Page
from viewer.export.pdf_render import render_pages, save_pdf
from viewer.export.pdf_report import (
    PAGE_SIZES,
    TABLE_SIZE,
    glyphs_paragraph,
    missing_glyphs,
    missing_glyphs_note,
    report_fonts,
)
from viewer.export.report_model import RichText
from viewer.present.forms import also_written
from viewer.present.palette import PRINT
from viewer.present.timeline import Timeline

#: (x, width, heading) of each column of a table.
Columns = Sequence[tuple[float, float, str]]

_CHART_HEIGHT = 22.0
#: Room for a table's heads, or for one row of a table whose rows are as tall as their
#: timeline chart, besides the rules and spaces around them.
_HEADS = TABLE_SIZE * 1.3 + 12
_CHART_ROW = _CHART_HEIGHT + 9
_AXIS_SIZE = 5.5
#: The least space between the labels under a timeline chart.
_AXIS_GAP = 2.0
_SOURCE = "source"


def write_collection_pdf(result: Mapping[str, Any], path: str | os.PathLike[str], *,
                         name: str = "", text_of: model.TextOf | None = None,
                         limits: model.Limits = model.PDF_LIMITS, page_size: str = "A4",
                         progress: model.Progress | None = None,
                         is_cancelled: model.IsCancelled | None = None,
                         fonts: Fonts | None = None) -> str:
    """Write the PDF report of a collection result at `path`, atomically, in `fonts` (by
    default the ones found); what it returns, "" or the title page's note on characters
    they have no glyph for (`write_pdf`'s), is for the user to be told.

    As `write_collection_html`; `page_size` is "A4" or "Letter" (`ValueError` otherwise)."""
    size = PAGE_SIZES.get(page_size)
    if size is None:
        raise ValueError(f"page size must be one of {', '.join(PAGE_SIZES)}, not {page_size!r}")
    report_progress = progress or (lambda fraction: None)
    check = model.cancel_check(is_cancelled)
    report = model.build_report(result, name=name, text_of=text_of, limits=limits)
    fonts = fonts or report_fonts()

    def lay_out(glyphs_note: str) -> Layout:
        layout = Layout(size, Measure(fonts), PRINT, check=check)
        _lay_out(layout, report, check, glyphs_note)
        return layout

    # What is drawn is only known once laid out: titles, passages and phrases picked from
    # the articles, not their whole texts.
    layout = lay_out("")
    note = missing_glyphs_note(fonts, missing_glyphs(fonts, layout.drawn_text()))
    if note:
        layout = lay_out(note)
    report_progress(0.8)
    heading = report.title + (f": {report.name}" if report.name else "")
    save_pdf(path, lambda handle: render_pages(
        layout, handle, title=heading, subject="Collection report",
        running=f"Tandem · collection report{' · ' + report.name if report.name else ''}",
        check=check, report=report_progress))
    report_progress(1.0)
    return note


def _lay_out(layout: Layout, report: CollectionReport, check: Callable[[], None],
             glyphs_note: str = "") -> None:
    colours = layout.colours
    layout.text(report.title + (f": {report.name}" if report.name else ""), 18)
    layout.space(2)
    layout.text(f"Generated {report.generated} by Tandem", 9, colours.muted)
    layout.space(10)
    key_width = 170.0
    for key, value in report.facts:
        layout.row([Cell(layout.left, key_width - 8, RichText(key), colours.muted),
                    Cell(layout.left + key_width, layout.content_width - key_width,
                         RichText(value))], 9)
    glyphs_paragraph(layout, glyphs_note)
    sections = [_pairs, _clusters, _formulations, _watched, _boilerplate, _skipped]
    if report.watched is None:  # made without a watch-list: no such section
        sections.remove(_watched)
    for section in sections:
        check()
        layout.space(16)
        layout.ensure(80)
        section(layout, report)


def _doc(ref: DocRef, with_meta: bool = True) -> RichText:
    meta = " · ".join(v for v in (ref.date, ref.series) if v)
    return RichText(ref.label + (f"\n{meta}" if with_meta and meta else ""))


def _heading(layout: Layout, key: str, count: int, section: Section[Any] | None = None,
             first_row: float = 0.0) -> bool:
    """A section's heading and intro (or its "nothing here" line) and, when `section` was
    cut to its limit, a note saying so. True when there are rows to show. The heading goes
    to the next page unless the room left holds it with `first_row` points of its table
    (`_first_rows`): it is never left alone at a page's foot."""
    words = model.SECTIONS[key]
    cut = model.cut_note(section, key, model.HTML_LIMITS) if section else ""
    note = " ".join(filter(None, (words.intro if count else model.empty_line(section, key),
                                  cut)))
    layout.ensure(layout.height(words.title(count), 13) + 3
                  + (layout.height(note, 8) + 4 if note else 0) + (first_row if count else 0))
    layout.text(words.title(count), 13)
    layout.space(3)
    if note:
        layout.text(note, 8, layout.colours.muted)
        layout.space(4)
    return bool(section.rows if section is not None else count)


def _columns(layout: Layout, widths: Sequence[tuple[float, str]], gap: float = 6.0) -> Columns:
    """Columns of the given widths from the left margin; columns of width 0 share what is
    left equally."""
    flexible = sum(1 for w, _ in widths if not w) or 1
    rest = (layout.content_width - sum(w for w, _ in widths)
            - gap * (len(widths) - 1)) / flexible
    out, x = [], layout.left
    for width, label in widths:
        width = width or rest
        out.append((x, width, label))
        x += width + gap
    return out


def _first_rows(layout: Layout, columns: Columns, rows: Sequence[list[RichText]],
                least: float = 0.0) -> float:
    """The room a table's heads and its first row take where they start (a row of a few
    lines is kept whole, `Layout.row`), the row at least `least` tall."""
    if not rows:
        return 0.0
    first = layout.kept_height([Cell(x, w, cell) for (x, w, _), cell
                                in zip(columns, rows[0], strict=True)], TABLE_SIZE)
    return _HEADS + max(first, least)


def _table_heads(layout: Layout, columns: Columns) -> Callable[[], None]:
    def draw() -> None:
        layout.row([Cell(x, w, RichText(label), layout.colours.muted) for x, w, label in columns],
                   TABLE_SIZE)
        layout.space(1)
        layout.rule(layout.colours.text, 0.7)
        layout.space(3)
    return draw


#: Draws beside row k, given its page and top: (k, page, top) -> None.
Decorate = Callable[[int, Page, float], None]


def _rows(layout: Layout, columns: Columns, rows: Sequence[list[RichText]],
          notes: Sequence[str] = (), decorate: Decorate | None = None,
          min_height: float = 0.0, anchors: Sequence[str] = (),
          links: Sequence[str] = (), under: str = "") -> None:
    """A table: heads repeated on every page, a rule under each row. A row's note, when
    given, is a muted line under it from the second column to the right margin; `decorate`
    draws beside each row (a chart), which is then at least `min_height` tall. Row k is
    the destination named `anchors[k]`, and its note, or without one its last cell, links
    to the destination named `links[k]` (either "" for none). `under`, a muted note under
    the table, goes to the next page with the last row, if kept whole, rather than stand
    alone at the top of a page."""
    heads = _table_heads(layout, columns)
    heads()
    layout.on_new_page = heads
    note_x = columns[1][0] if len(columns) > 1 else layout.left
    for k, cells in enumerate(rows):
        layout.check()
        layout.ensure(min_height + 12)
        page, top = layout.page, layout.y
        note = notes[k] if k < len(notes) else ""
        link = links[k] if k < len(links) else ""
        row = [Cell(x, w, cell) for (x, w, _), cell in zip(columns, cells, strict=True)]
        if under and k == len(rows) - 1:
            layout.ensure(max(min_height, layout.kept_height(row, TABLE_SIZE)) + 4
                          + layout.height(under, 8))
            page, top = layout.page, layout.y
        if k < len(anchors) and anchors[k]:
            row[0] = replace(row[0], anchor=anchors[k])
        if link and not note:
            row[-1] = replace(row[-1], link=link)
        layout.row(row, TABLE_SIZE)
        if note:
            # A note pushed to the next page goes without the heads: they would frame no row.
            layout.on_new_page = None
            layout.text(note, TABLE_SIZE - 0.5, layout.colours.muted, x=note_x, link=link)
            layout.on_new_page = heads
        if decorate is not None:
            if layout.page is page:
                layout.y = min(layout.y, top - min_height)
            decorate(k, page, top)
        layout.space(1)
        layout.rule()
        layout.space(3)
    layout.on_new_page = None
    if under:
        layout.text(under, 8, layout.colours.muted)


def _pairs(layout: Layout, report: CollectionReport) -> None:
    section = report.pairs
    columns = _columns(layout, [(26, "#"), (0, "article A"), (0, "article B"),
                                (38, "shared A"), (38, "shared B"), (54, "words"),
                                (40, "direction")])
    rows = []
    for row in section.rows:
        words = f"{row.words:,}" + (f"\n{row.passages} passages" if row.passages > 1 else "")
        rows.append([RichText(str(row.rank)), _doc(row.a), _doc(row.b), RichText(row.shared_a),
                     RichText(row.shared_b), RichText(words), RichText(row.direction or "—")])
    if not _heading(layout, "pairs", section.total, section,
                    _first_rows(layout, columns, rows)):
        return
    # A pair whose excerpt a pair below names is where that pair's note links to.
    targets = {row.same_as for row in section.rows}
    _rows(layout, columns, rows, [model.quoted(row.excerpt) if row.excerpt
                                  else model.same_pair_text_note(row.same_as) if row.same_as
                                  else "" for row in section.rows],
          anchors=[_pair_name(row.rank) if row.rank in targets else ""
                   for row in section.rows],
          links=[_pair_name(row.same_as) if row.same_as else "" for row in section.rows])


def _pair_name(rank: int) -> str:
    """The destination name of the pair of `rank`."""
    return f"pair-{rank}"


def _clusters(layout: Layout, report: CollectionReport) -> None:
    section = report.clusters
    columns = _columns(layout, [(30, ""), (52, "date"), (152, "article"), (44, "series"),
                                (48, "characters"), (0, "passage")])
    tables = [[_member_cells(member) for member in cluster.members] for cluster in section.rows]
    titles = [f"Cluster {cluster.id}: {cluster.carried}, {cluster.source_text}"
              for cluster in section.rows]
    # A cluster's title stays with its heads and first member.
    rooms = [layout.height(title, 9.5) + 6 + _first_rows(layout, columns, cells)
             for title, cells in zip(titles, tables, strict=True)]
    _heading(layout, "clusters", section.total, section, rooms[0] if rooms else 0.0)
    mark_x = columns[0][0]
    mark_width = layout.measure.width(_SOURCE, TABLE_SIZE)
    for n, (cluster, title, cells, room) in enumerate(
            zip(section.rows, titles, tables, rooms, strict=True)):
        layout.ensure(room)
        layout.space(4)
        layout.text(title, 9.5)
        layout.space(2)
        members = cluster.members

        def mark(k: int, page: Page, top: float, members: tuple = members) -> None:
            # The source gets a chip in the first passage colour behind its label.
            if members[k].is_source:
                page.rect(mark_x - 1.5, top - TABLE_SIZE * 1.3 + 0.5, mark_width + 3,
                          TABLE_SIZE * 1.3, layout.colours.shared[0])

        # A row whose passage a row below names is where that row's note links to.
        targets = {member.same_row for member in members if member.same_as}
        _rows(layout, columns, cells, decorate=mark,
              anchors=[f"cluster-{n}-{k}" if k in targets else ""
                       for k in range(len(members))],
              links=[f"cluster-{n}-{member.same_row}" if member.same_as else ""
                     for member in members],
              under=model.members_cut_note(cluster, "the HTML report and the JSON result list"))


def _member_cells(member: Any) -> list[RichText]:
    """One article of a cluster as a row of its table."""
    return [RichText(_SOURCE if member.is_source else ""), RichText(member.doc.date or "—"),
            RichText(member.doc.label), RichText(member.doc.series),
            RichText(f"{member.span[1] - member.span[0]:,}"),
            RichText(model.same_text_note(member.same_as) if member.same_as
                     else member.excerpt)]


def _formulations(layout: Layout, report: CollectionReport) -> None:
    _formulation_table(layout, report.formulations, "formulations")


def _watched(layout: Layout, report: CollectionReport) -> None:
    if report.watched is not None:
        _formulation_table(layout, report.watched, "watched")


def _formulation_table(layout: Layout, section: Section[FormulationRow], key: str) -> None:
    """The formulations, or (`key` "watched") the watch-list's phrases, laid out alike."""
    what = "phrase" if key == "watched" else "formulation"
    columns = _columns(layout, [(22, "#"), (0, what), (36, "articles"),
                                (32, "uses"), (110, "first seen"), (130, "timeline")])
    chart_x, chart_w, _ = columns[-1]
    rows = []
    for row in section.rows:
        phrase = row.phrase + ("\n" + also_written(row.variants) if row.variants else "")
        first = _doc(row.first) if row.first is not None else RichText(row.no_first)
        if row.first_note:
            first = RichText(f"{first.text}\n{row.first_note}")
        rows.append([RichText(str(row.rank)), RichText(phrase), RichText(f"{row.documents:,}"),
                     RichText(f"{row.count:,}"), first, RichText("")])
    if not _heading(layout, key, section.total, section,
                    _first_rows(layout, columns, rows, _CHART_ROW)):
        return

    def chart(k: int, page: Page, top: float) -> None:
        if not section.rows[k].documents:  # a watched phrase no article uses
            page.add(chart_x, ("text", chart_x, top - 8, "not used", layout.colours.muted, 7))
            return
        _chart(layout, page, section.rows[k].timeline, chart_x, top - _CHART_HEIGHT, chart_w)

    _rows(layout, columns, rows, decorate=chart, min_height=_CHART_HEIGHT + 9)


def _chart(layout: Layout, page: Page, timeline: Timeline, x: float, bottom: float,
           width: float) -> None:
    """Bars of the timeline between `bottom` and `bottom + _CHART_HEIGHT`, the first and last
    day, month or year under them."""
    colours = layout.colours
    if not timeline.peak:  # no dated use (or no dates at all) to draw
        page.add(x, ("text", x, bottom + _CHART_HEIGHT - 8, "no dates", colours.muted, 7))
        return
    n = len(timeline.bins)
    step = width / n
    gap = step * 0.15 if step >= 3 else 0.0
    peak = max(timeline.peak, 1)
    for k, count in enumerate(timeline.counts):
        if count:
            height = max(0.6, (_CHART_HEIGHT - 2) * count / peak)
            page.rect(x + k * step, bottom, max(step - gap, 0.4), height,
                      model.CHART_BAR["light"])
    page.add(x, ("line", x, bottom - 0.3, x + width, bottom - 0.3, colours.rule, 0.5))
    _axis(layout, page, timeline, x, bottom - _AXIS_SIZE - 1.5, width)


def _axis(layout: Layout, page: Page, timeline: Timeline, x: float, label_y: float,
          width: float) -> None:
    """The first and last day, month or year of a chart `width` wide (its one, for a
    collection of one day), and between them its peak and undated uses, each label apart
    from the next: a last day in the first day's year is written without it, and labels
    that do not fit even so are drawn smaller (days across a new year keep their years)."""
    first, last = timeline.ends[0], timeline.ends[-1] if len(timeline.ends) > 1 else ""
    peak_label = f"peak {timeline.peak}" + (f", {timeline.undated_text}"
                                            if timeline.undated else "")
    measure = layout.measure

    def text_width(last: str) -> float:
        """The width of the three labels at `_AXIS_SIZE`, the last one `last`."""
        return sum(measure.width(label, _AXIS_SIZE) for label in (first, peak_label, last))

    if (timeline.per == "day" and text_width(last) + 2 * _AXIS_GAP > width
            and last[:4] == first[:4]):
        last = last[5:]  # "03-28": the year is the first day's
    size = _AXIS_SIZE * min(1.0, (width - 2 * _AXIS_GAP) / text_width(last))
    first_w, middle_w, last_w = (measure.width(label, size)
                                 for label in (first, peak_label, last))
    room = width - first_w - last_w - 2 * _AXIS_GAP
    muted = layout.colours.muted
    page.add(x, ("text", x, label_y, first, muted, size))
    page.add(x, ("text", x + first_w + _AXIS_GAP + (room - middle_w) / 2, label_y, peak_label,
                 muted, size))
    if last:
        page.add(x, ("text", x + width - last_w, label_y, last, muted, size))


def _boilerplate(layout: Layout, report: CollectionReport) -> None:
    columns = _columns(layout, [(60, "series"), (0, "text"), (44, "articles")])
    rows = [[RichText((group.series or "(none)") if k == 0 else ""), RichText(text),
             RichText(f"{documents:,}")]
            for group in report.boilerplate for k, (text, documents) in enumerate(group.lines)]
    if _heading(layout, "boilerplate", len(rows), first_row=_first_rows(layout, columns, rows)):
        _rows(layout, columns, rows)


def _skipped(layout: Layout, report: CollectionReport) -> None:
    section = report.skipped
    columns = _columns(layout, [(230, "file or line"), (0, "why")])
    rows = [[RichText(path), RichText(reason)] for path, reason in section.rows]
    if _heading(layout, "skipped", section.total, section, _first_rows(layout, columns, rows)):
        _rows(layout, columns, rows)
