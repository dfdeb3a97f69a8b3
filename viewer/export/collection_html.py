"""The collection report as one self-contained HTML file.

Summary, ranked pairs, clusters (most articles first) with the source marked, formulations
with a timeline each (inline SVG), boilerplate per series and the skipped files. Inline
CSS only, no scripts and a content security policy that forbids loading anything, so the file
opens offline and article text (hostile input) can do nothing: every string is escaped.
Written atomically like every export.
"""

from __future__ import annotations

import collections
import os
import re
from collections.abc import Mapping
from html import escape
from typing import Any

import regex

from viewer.core.tokenize import is_cjk
from viewer.export.atomic import write_report
from viewer.export.collection_model import (
    CHART_BAR,
    HTML_LIMITS,
    SECTIONS,
    ClusterMember,
    ClusterRow,
    CollectionReport,
    DocRef,
    FormulationRow,
    IsCancelled,
    Limits,
    PairRow,
    Progress,
    Section,
    TextOf,
    build_report,
    cancel_check,
    cut_note,
    empty_line,
    members_cut_note,
    quoted,
    same_pair_text_note,
    same_text_note,
)
from viewer.present.forms import also_written
from viewer.present.palette import DARK, LIGHT, Palette
from viewer.present.timeline import Timeline

_CHART_WIDTH, _CHART_HEIGHT = 240, 34
_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        "form-action 'none'; base-uri 'none'")


def _colour_rules(colours: Palette, bar: str) -> str:
    return "\n".join([
        f"body{{color:{colours.text};background:{colours.background}}}",
        f".muted,th,.axis{{color:{colours.muted}}}",
        f"td,th{{border-bottom:1px solid {colours.rule}}}",
        f".source{{background:{colours.shared[0]}}}",
        f"svg .bar{{fill:{bar}}} svg .base{{stroke:{colours.rule}}}",
        f"a{{color:{bar}}}",
        f"thead th{{background:{colours.background}}}",
        f":target>td,:target>tr>td{{background:{colours.shared[1]}}}",
    ])


# Each cluster is a table of its own: sized by its own contents, its columns stood
# elsewhere from one cluster to the next. Fixed, they line up down the section.
# An excerpt is in italics where its font has them (Latin): a Chinese font has none, and
# the slant a browser makes up for it (font-synthesis) reads badly. An excerpt mostly in
# Chinese or Japanese is upright ("cjk"): its digits and Latin words alone slanted.
# A row a "the same text as" link leads to is scrolled clear of its table's sticky head.
# A pair's excerpt stays with its row by a break avoided between the two, not by
# "break-inside:avoid" on their <tbody>: WeasyPrint lays out a table's first such group as
# on an empty page (so as to keep the table's head) and breaks inside it, leaving the first
# pair's excerpt, or half its row, alone on the next page.
_CSS = """
body{font-family:"DejaVu Sans",Arial,"WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;
 font-size:14px;line-height:1.45;margin:2em auto;max-width:1200px;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.1em} h2{font-size:1.25em;margin-top:1.8em}
h3{font-size:1.05em;margin:1.2em 0 .3em}
table{border-collapse:collapse;width:100%}
td,th{vertical-align:top;padding:.3em .5em;text-align:start}
td{overflow-wrap:break-word;unicode-bidi:plaintext}
th{font-weight:normal;font-size:.9em}
thead th{position:sticky;top:0}
td.num{white-space:nowrap;text-align:right;width:4em}
td.nowrap{white-space:nowrap}
table.facts td:first-child{width:16em}
.id{font-size:.85em} .excerpt{font-size:.9em;font-style:italic;font-synthesis:none}
.excerpt.cjk{font-style:normal}
.source{padding:0 .3em;border-radius:3px;font-size:.85em}
.variants{font-size:.9em}
.axis{font-size:.75em;display:flex;justify-content:space-between;width:240px}
td.chart{width:250px}
td.doc{width:26%}
table.cluster{table-layout:fixed}
table.cluster th:nth-child(1){width:8.5em} table.cluster th:nth-child(2){width:28%}
table.cluster th:nth-child(3){width:8em} table.cluster th:nth-child(4){width:7em}
tbody[id],tr[id]{scroll-margin-top:3.5em}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
@media print{body{margin:0;max-width:none} nav{display:none}
 tr{break-inside:avoid} .pairs tbody>tr:first-child{break-after:avoid}
 h2,h3,h2+p{break-after:avoid}}
"""

#: What an HTML document may not hold: control characters but white space, and
#: noncharacters (parse errors of the HTML standard), and surrogates (not UTF-8). Text
#: from JSON lines carries them (OCR above all); each is shown as U+FFFD.
_NOT_IN_HTML = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
                          + "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}"
                                    for plane in range(0, 0x110000, 0x10000)) + "]")


#: A run of characters a line may not break in (a URL, a path, a hash; Han and kana break
#: anywhere) long enough to widen its column past the page. It gets a break opportunity
#: every `_BREAK_EVERY` characters rather than the cells `overflow-wrap:anywhere`, which
#: lets the table squeeze its other columns to a letter and break their short words
#: ("(none)" as "(non" / "e") to give the run room.
_UNBROKEN = re.compile(r"[^\s\u2e80-\uffff]{31,}")
_BREAK_EVERY = 20
#: A character as a reader counts it (a grapheme cluster): a letter with its accents or
#: vowel signs (Vietnamese written decomposed, Thai), an emoji sequence. A break inside one
#: would start the next line with an accent or half an emoji.
_GRAPHEME = regex.compile(r"\X")


def _plain(text: str) -> str:
    """`text` escaped (quote=True: safe in text and in attribute values alike), with no
    character an HTML document may not hold."""
    return escape(_NOT_IN_HTML.sub("\ufffd", text))


def _e(text: str) -> str:
    """`text` as an element's content (`_plain`), with a break opportunity (<wbr>) every
    `_BREAK_EVERY` characters (`_GRAPHEME`) of each `_UNBROKEN` run."""
    clean = _NOT_IN_HTML.sub("\ufffd", text)
    parts, done = [], 0
    for run in _UNBROKEN.finditer(clean):
        parts.append(escape(clean[done:run.start()]))
        clusters = _GRAPHEME.findall(run.group())
        parts.append("<wbr>".join(escape("".join(clusters[k:k + _BREAK_EVERY]))
                                  for k in range(0, len(clusters), _BREAK_EVERY)))
        done = run.end()
    parts.append(escape(clean[done:]))
    return "".join(parts)


def _id_part(text: str) -> str:
    """`text` (an id from the result, hostile) as part of an element id: ASCII letters and
    digits kept, every other character as "_" and its code in hex and "_". Never "-" or
    ".", the separators of `_pair_id` and `_member_id`: no two rows get one id."""
    return "".join(c if c.isascii() and c.isalnum() else f"_{ord(c):x}_" for c in text)


def _pair_id(rank: int) -> str:
    return f"pair-{rank}"


def _member_ids(cluster_key: str, members: tuple[ClusterMember, ...]) -> list[str]:
    """The id of each row of a cluster: the cluster's and the article's, and the count of
    the article's rows above where it has several."""
    seen: collections.Counter[str] = collections.Counter()
    ids = []
    for member in members:
        k = seen[member.doc.id]
        seen[member.doc.id] += 1
        ids.append(f"cluster-{cluster_key}-{_id_part(member.doc.id)}" + (f".{k}" if k else ""))
    return ids


def _link(target: str, text: str) -> str:
    return f'<a href="#{_plain(target)}">{_e(text)}</a>'


def _doc(ref: DocRef, with_meta: bool = True) -> str:
    out = f"{_e(ref.title)} <span class=\"id muted\">{_e(ref.id)}</span>" if ref.title \
        and ref.title != ref.id else _e(ref.id)
    if with_meta:
        meta = " · ".join(_e(v) for v in (ref.date, ref.series) if v)
        if meta:
            out += f'<br><span class="muted id">{meta}</span>'
    return out


def timeline_svg(timeline: Timeline) -> str:
    """A small bar chart of a timeline: one bar per day, month or year, scaled to its peak."""
    n = len(timeline.bins)
    if not timeline.peak:  # no dated use (or no dates at all) to draw
        return '<span class="muted">no dates</span>'
    peak = max(timeline.peak, 1)
    step = _CHART_WIDTH / n
    gap = step * 0.15 if step >= 3 else 0.0
    top = 2
    bars = []
    for k, (when, count) in enumerate(zip(timeline.bins, timeline.counts, strict=True)):
        if not count:
            continue
        height = max(1.0, (_CHART_HEIGHT - top - 1) * count / peak)
        bars.append(f'<rect class="bar" x="{k * step:.2f}" y="{_CHART_HEIGHT - 1 - height:.2f}" '
                    f'width="{max(step - gap, 0.6):.2f}" height="{height:.2f}">'
                    f"<title>{_plain(when)}: {count}</title></rect>")
    label = f"uses per {timeline.per}, {' to '.join(timeline.ends)}, at most {timeline.peak}"
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{_CHART_WIDTH}" '
            f'height="{_CHART_HEIGHT}" viewBox="0 0 {_CHART_WIDTH} {_CHART_HEIGHT}" '
            f'role="img" aria-label="{_plain(label)}"><title>{_plain(label)}</title>'
            f'<line class="base" x1="0" y1="{_CHART_HEIGHT - 0.5}" x2="{_CHART_WIDTH}" '
            f'y2="{_CHART_HEIGHT - 0.5}" stroke-width="1"/>{"".join(bars)}</svg>'
            f'<div class="axis"><span>{_e(timeline.ends[0])}</span>'
            f"<span>peak {timeline.peak}</span>"
            + "".join(f"<span>{_e(last)}</span>" for last in timeline.ends[1:]) + "</div>"
            + (f'<div class="muted">and {timeline.undated_text}</div>'
               if timeline.undated else ""))


def _heads(*labels: str) -> str:
    """A table's column heads, as its head: kept in view while its rows scroll by, and
    printed again on every page the table runs over."""
    return "<thead><tr>" + "".join(f"<th>{_e(label)}</th>" for label in labels) + "</tr></thead>"


def _section(key: str, count: int, section: Section[Any] | None = None) -> list[str]:
    """A section's heading and intro, or its heading and "nothing here" line."""
    words = SECTIONS[key]
    parts = [f'<h2 id="{key}">{_e(words.title(count))}</h2>']
    if not count:
        parts.append(f'<p class="muted">{_e(empty_line(section, key))}</p>')
    elif words.intro:
        parts.append(f'<p class="muted">{_e(words.intro)}</p>')
    return parts


def _cut(section: Section[Any], key: str) -> str:
    note = cut_note(section, key)
    return f'<p class="muted">{_e(note)}</p>' if note else ""


def _pairs(section: Section[PairRow]) -> list[str]:
    parts = _section("pairs", section.total)
    if not section.rows:
        return parts
    parts.append('<table class="pairs">' + _heads("#", "article A", "article B", "shared of A",
                                                   "shared of B", "words", "passages",
                                                   "direction"))
    # The pairs whose excerpt a pair below points to, by a link to their rows.
    targets = {row.same_as for row in section.rows}
    for row in section.rows:
        note = _link(_pair_id(row.same_as), same_pair_text_note(row.same_as))
        excerpt = (f'<tr><td></td><td colspan="7" class="{_excerpt_class(row.excerpt)} muted">'
                   f"{_e(quoted(row.excerpt))}"
                   "</td></tr>") if row.excerpt else (
            f'<tr><td></td><td colspan="7" class="muted">{note}</td></tr>') if row.same_as else ""
        anchor = f' id="{_pair_id(row.rank)}"' if row.rank in targets else ""
        # A pair's rows are one <tbody>: printed, no page break comes between them.
        parts.append(
            f'<tbody{anchor}><tr><td class="num">{row.rank}</td><td class="doc">{_doc(row.a)}</td>'
            f'<td class="doc">{_doc(row.b)}</td>'
            f'<td class="num">{_e(row.shared_a)}</td><td class="num">{_e(row.shared_b)}</td>'
            f'<td class="num">{row.words:,}</td><td class="num">{row.passages:,}</td>'
            f'<td class="nowrap">{_e(row.direction) or "—"}</td></tr>{excerpt}</tbody>')
    return [*parts, "</table>", _cut(section, "pairs")]


def _clusters(section: Section[ClusterRow]) -> list[str]:
    parts = _section("clusters", section.total)
    shown: collections.Counter[str] = collections.Counter()
    for cluster in section.rows:
        # A cluster's id names its rows'; ".n" parts one listed twice (a hostile result).
        key = _id_part(cluster.id) + (f".{shown[cluster.id]}" if shown[cluster.id] else "")
        shown[cluster.id] += 1
        ids = _member_ids(key, cluster.members)
        targets = {member.same_row for member in cluster.members if member.same_as}
        parts.append(f"<h3>Cluster {_e(cluster.id)}: {_e(cluster.carried)}, "
                     f"{_e(cluster.source_text)}</h3>"
                     '<table class="cluster">'
                     + _heads("date", "article", "series", "characters", "passage"))
        for k, member in enumerate(cluster.members):
            mark = ' <span class="source">source</span>' if member.is_source else ""
            anchor = f' id="{ids[k]}"' if k in targets else ""
            parts.append(
                f'<tr{anchor}><td class="nowrap">{_e(member.doc.date) or "—"}</td>'
                f"<td>{_doc(member.doc, with_meta=False)}{mark}</td>"
                f"<td>{_e(member.doc.series)}</td>"
                f'<td class="num">{member.span[1] - member.span[0]:,}</td>'
                f"{_member_passage(member, ids)}</tr>")
        parts.append("</table>")
        note = members_cut_note(cluster)
        if note:
            parts.append(f'<p class="muted">{_e(note)}</p>')
    return [*parts, _cut(section, "clusters")]


def _member_passage(member: ClusterMember, ids: list[str]) -> str:
    """A cluster row's passage cell: its excerpt, or a link to the row above (`ids`, its
    cluster's rows) that reads the same."""
    if member.same_as:
        note = _link(ids[member.same_row], same_text_note(member.same_as))
        return f'<td class="muted">{note}</td>'
    return f'<td class="{_excerpt_class(member.excerpt)}">{_e(member.excerpt)}</td>'


def _excerpt_class(text: str) -> str:
    """The classes of an excerpt's cell: "excerpt", and "cjk" when more of its letters
    and digits are Han or kana than not."""
    cjk = sum(1 for ch in text if is_cjk(ch))
    return "excerpt cjk" if cjk and 2 * cjk >= sum(1 for ch in text if ch.isalnum()) \
        else "excerpt"


def _formulations(section: Section[FormulationRow], key: str = "formulations") -> list[str]:
    """The formulations, or (`key` "watched") the watch-list's phrases, laid out alike."""
    parts = _section(key, section.total, section)
    if not section.rows:
        return parts
    what = "phrase" if key == "watched" else "formulation"
    parts.append("<table>" + _heads("#", what, "articles", "uses", "first seen", "timeline"))
    for row in section.rows:
        variants = (f'<br><span class="variants muted">{_e(also_written(row.variants))}</span>'
                    if row.variants else "")
        first = (_doc(row.first) if row.first is not None
                 else f'<span class="muted">{_e(row.no_first)}</span>')
        if row.first_note:
            first += f'<br><span class="muted">{_e(row.first_note)}</span>'
        # A watched phrase no article uses has no timeline to draw.
        chart = (timeline_svg(row.timeline) if row.documents
                 else '<span class="muted">not used</span>')
        parts.append(
            f'<tr><td class="num">{row.rank}</td><td><b>{_e(row.phrase)}</b>{variants}</td>'
            f'<td class="num">{row.documents:,}</td><td class="num">{row.count:,}</td>'
            f'<td>{first}</td><td class="chart">{chart}</td></tr>')
    return [*parts, "</table>", _cut(section, key)]


def _boilerplate(report: CollectionReport) -> list[str]:
    parts = _section("boilerplate", sum(len(g.lines) for g in report.boilerplate))
    if not report.boilerplate:
        return parts
    parts.append("<table>" + _heads("series", "text", "articles"))
    for group in report.boilerplate:
        for k, (text, documents) in enumerate(group.lines):
            series = _e(group.series or "(none)") if k == 0 else ""
            parts.append(f"<tr><td>{series}</td><td>{_e(text)}</td>"
                         f'<td class="num">{documents:,}</td></tr>')
    return [*parts, "</table>"]


def _skipped(section: Section[tuple[str, str]]) -> list[str]:
    parts = _section("skipped", section.total)
    if not section.rows:
        return parts
    parts.append("<table>" + _heads("file or line", "why"))
    parts.extend(f"<tr><td>{_e(path)}</td><td>{_e(reason)}</td></tr>"
                 for path, reason in section.rows)
    return [*parts, "</table>", _cut(section, "skipped")]


def report_to_html(report: CollectionReport,
                   is_cancelled: IsCancelled | None = None) -> str:
    """The whole report as one HTML document."""
    check = cancel_check(is_cancelled)
    heading = report.title + (f": {report.name}" if report.name else "")
    parts = [
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">",
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_plain(heading)}</title>",
        f"<style>{_CSS}\n{_colour_rules(LIGHT, CHART_BAR['light'])}\n"
        f"@media (prefers-color-scheme: dark){{\n{_colour_rules(DARK, CHART_BAR['dark'])}\n}}"
        "</style></head><body>",
        f"<h1>{_e(heading)}</h1>",
        f'<p class="muted">Generated {_e(report.generated)} by Tandem</p>',
        "<nav>" + " · ".join(f'<a href="#{key}">{_e(SECTIONS[key].heading)}</a>'
                             for key in report.sections()) + "</nav>",
        '<h2 id="summary">Summary</h2><table class="facts">',
    ]
    parts.extend(f'<tr><td class="muted">{_e(k)}</td><td>{_e(v)}</td></tr>'
                 for k, v in report.facts)
    parts.append("</table>")
    for section in (lambda: _pairs(report.pairs), lambda: _clusters(report.clusters),
                    lambda: _formulations(report.formulations),
                    lambda: ([] if report.watched is None
                             else _formulations(report.watched, "watched")),
                    lambda: _boilerplate(report), lambda: _skipped(report.skipped)):
        check()
        parts.extend(section())
    parts.append("</body></html>\n")
    return "".join(parts)


def write_collection_html(result: Mapping[str, Any], path: str | os.PathLike[str], *,
                          name: str = "", text_of: TextOf | None = None,
                          limits: Limits = HTML_LIMITS, progress: Progress | None = None,
                          is_cancelled: IsCancelled | None = None) -> None:
    """Write the HTML report of a collection result at `path`, atomically.

    `name` names the collection in the title (else the result's "name"); `text_of(id)`, when
    given, supplies article texts for passage excerpts. Raises `ReportError` for a result
    that is not a collection, `Cancelled` (no file left) and `LoadError` naming the path
    when it cannot be written."""
    report = build_report(result, name=name, text_of=text_of, limits=limits)
    if progress is not None:
        progress(0.5)
    document = report_to_html(report, is_cancelled).encode("utf-8")
    write_report(path, lambda handle: handle.write(document))
    if progress is not None:
        progress(1.0)
