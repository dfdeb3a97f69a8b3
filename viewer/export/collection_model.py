"""What the collection report shows, built once from a "collection, version 1" result.

The HTML and PDF writers both lay out this model: a summary, the ranked pairs (shared share
both ways, words, direction, dates, series), the clusters (those of most articles first),
each in date order with its source first, the formulations with a timeline each
(`viewer.present.timeline`), boilerplate per series and the skipped files. The result is the
JSON contract's dict (see the design notes); optional extra keys are used when present: a
document's "title" and "path", a formulation's "per_month" (else counted from its
occurrences), "skipped", "watched" (the user's own phrases, listed as formulations are:
`tandem corpus --watchlist`) and a top-level "name". When the caller can give article texts
(`text_of`), pairs and clusters show an excerpt of their passage.
Nothing here trusts the dict's strings: the writers escape everything they show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Generic, TypeVar

from viewer.core.errors import Cancelled, TandemError
from viewer.core.tokenize import as_written
from viewer.export.report_model import excerpt
from viewer.present.cluster_order import cluster_rank
from viewer.present.shares import percent
from viewer.present.timeline import Timeline, timeline, timeline_bins, undated_articles
from viewer.present.wording import (
    ALL_USES_UNDATED,
    FORMULATIONS_LEFT_OUT,
    counted,
    undated_may_be_earlier,
)

#: The text of a document by id, or None when it is not at hand.
TextOf = Callable[[str], "str | None"]
Progress = Callable[[float], None]
IsCancelled = Callable[[], bool]
_EXCERPT_CHARS = 240
#: Bars of the timeline charts, readable on the light and the dark background.
CHART_BAR = {"light": "#2f6db5", "dark": "#74a9e8"}


class ReportError(TandemError):
    """A result that is not a collection result this report can show."""


@dataclass(frozen=True)
class Limits:
    """How many items of each list the report shows (the JSON keeps them all)."""

    pairs: int = 5000
    clusters: int = 1000
    formulations: int = 500
    skipped: int = 2000
    #: The articles listed under each cluster; None for all of them.
    cluster_members: int | None = None
    #: The articles listed under all the clusters shown: no cluster is shown past it (but
    #: the first); None for no such bound.
    cluster_rows: int | None = None


#: The HTML report's limits: a browser scrolls through thousands of rows.
HTML_LIMITS = Limits()
#: A PDF is read on paper: fewer rows than a page in a browser (about six pairs a page:
#: the strongest 200 are some 30 pages, where a thousand were 150), a story run by
#: thousands of articles a few pages, not hundreds, and the clusters of most articles
#: some 30 pages of them (about ten articles a page), not 85 pages of every cluster.
PDF_LIMITS = Limits(pairs=200, clusters=100, formulations=200, skipped=500,
                    cluster_members=50, cluster_rows=300)


@dataclass(frozen=True)
class DocRef:
    """An article as the report names it."""

    id: str
    title: str
    date: str
    series: str

    @property
    def label(self) -> str:
        """The title with the id, or the id alone."""
        return f"{self.title} ({self.id})" if self.title and self.title != self.id else self.id


@dataclass(frozen=True)
class PairRow:
    rank: int
    a: DocRef
    b: DocRef
    shared_a: str
    shared_b: str
    words: int
    passages: int
    #: "A → B" when A is dated earlier (A is the source), "B → A", or "" (same day, undated).
    direction: str
    #: The opening of its first passage, "" where `same_as` stands for it.
    excerpt: str
    #: The rank of a pair listed above whose first passage reads the same (white space
    #: aside): its excerpt is not repeated here. 0 for none.
    same_as: int = 0


@dataclass(frozen=True)
class ClusterMember:
    doc: DocRef
    span: tuple[int, int]
    #: The cluster's source: its first article, dated before every other (see
    #: `dated_first`).
    is_source: bool
    #: The passage's opening, "" where `same_as` stands for it.
    excerpt: str
    #: The id of an article listed earlier in the cluster whose passage reads the same
    #: (white space aside): its excerpt is not repeated here. "" for none.
    same_as: str = ""
    #: The place in the cluster's `members` of the row `same_as` names (an article may
    #: carry several of its passages); -1 for none.
    same_row: int = -1


@dataclass(frozen=True)
class ClusterRow:
    id: str
    #: The first article of the cluster in date order (by id among the undated).
    source: DocRef
    #: The first of its passages in date order, as many as the report shows.
    members: tuple[ClusterMember, ...]
    #: Whether the dates tell that `source` is the source (`dated_first`).
    dated_source: bool
    #: The article of each of its passages, shown or not; `members`' when empty.
    docs: tuple[str, ...] = ()
    #: How many of the articles carrying it have no date.
    undated: int = 0

    @property
    def carried(self) -> str:
        """How many articles carry its passages (`carried_by`)."""
        return carried_by(self.docs or [m.doc.id for m in self.members])

    @property
    def passages(self) -> int:
        """How many passages it has, shown or not."""
        return len(self.docs) or len(self.members)

    @property
    def source_text(self) -> str:
        """The cluster's source as a heading names it."""
        if not self.dated_source:
            # Say which: a reader of "undated, or of one day" for a cluster of two dated
            # articles and one not took the cluster for undated.
            articles = len(set(self.docs or [m.doc.id for m in self.members]))
            if not self.undated:
                why = "its first articles of one day"
            elif self.undated >= articles:
                why = "undated"
            else:
                why = f"{self.undated} of its articles undated, maybe earlier"
            return f"no source told by the dates ({why})"
        return f"source {self.source.id} of {self.source.date}"


def members_cut_note(cluster: ClusterRow, where: str = "the JSON result lists") -> str:
    """"Showing the first N of M passages ..." when `cluster` lists fewer passages than it
    has, else ""; `where` names what lists them all."""
    if len(cluster.members) >= cluster.passages:
        return ""
    return (f"Showing the first {len(cluster.members):,} of the cluster's "
            f"{cluster.passages:,} passages; {where} them all.")


#: Quotation marks, each opening one with its closing one: English and simplified Chinese
#: (“”, ‘’), traditional Chinese as Taiwan and Hong Kong write it (「」, 『』), French and
#: Russian («»), and the straight ". The straight ' is left out: it is an apostrophe far
#: more often ("workers'").
_QUOTATION_MARKS = {"“": "”", "‘": "’", "「": "」", "『": "』", "«": "»", '"': '"'}
#: Closing marks that are apostrophes as well ("the workers’"): one closes a quotation
#: only after its opening mark.
_ALSO_APOSTROPHES = frozenset("’")


def quoted(excerpt: str) -> str:
    """A pair's `excerpt` in quotation marks, but an excerpt that opens or closes on a
    quotation mark of its own gets no second one beside it: "“一国两制”……。”", not
    "““一国两制”……。””"; "「一國兩制」……。」", not "“「一國兩制」……。」”"; cut short, the
    mark it lacks is given of the kind its own one is ("「一國兩制……」"). A mark it opens on
    and closes inside quotes only its first words ("‘workers’ rights"): it is quoted
    whole, “‘workers’ rights”, not ‘workers’ rights’."""
    opening = next((pair for pair in _QUOTATION_MARKS.items() if excerpt.startswith(pair[0])),
                   None)
    closing = next((pair for pair in _QUOTATION_MARKS.items()
                    if len(excerpt) > 1 and excerpt.endswith(pair[1])
                    and (pair[1] not in _ALSO_APOSTROPHES or pair[0] in excerpt[:-1])), None)
    if opening and closing:
        return excerpt
    if opening and _left_open(excerpt, *opening):
        return f"{excerpt}{opening[1]}"
    if closing and _left_open(excerpt[::-1], closing[1], closing[0]):
        return f"{closing[0]}{excerpt}"
    return f"“{excerpt}”"


def _left_open(text: str, opening: str, closing: str) -> bool:
    """Whether `text` opens more quotations with `opening` than it closes with `closing`
    (for a mark that does both, as the straight " does: an odd number of them)."""
    if opening == closing:
        return text.count(opening) % 2 == 1
    return text.count(opening) > text.count(closing)


def same_text_note(same_as: str) -> str:
    """What a cluster's row says in place of an excerpt another row shows already."""
    return f"the same text as {same_as}"


def same_pair_text_note(same_as: int) -> str:
    """What a pair's row says in place of an excerpt a pair above shows already."""
    return f"the same text as pair {same_as}"


def dated_first(first_date: str, other_dates: Iterable[str]) -> bool:
    """Whether the dates tell a cluster's source: its first article (`first_date`) is dated
    before every other article carrying the text. Among undated articles, or articles of
    one day, which copied which is not known, and none is called the source."""
    return bool(first_date) and all(date > first_date for date in other_dates)


@dataclass(frozen=True)
class FormulationRow:
    rank: int
    phrase: str
    variants: tuple[str, ...]
    documents: int
    count: int
    #: The article of its first dated use; None when no use is dated, or it has none.
    first: DocRef | None
    timeline: Timeline
    #: The articles using it that have no date: `first` is the first dated one only.
    undated: int = 0

    @property
    def no_first(self) -> str:
        """What the "first seen" cell says when there is no `first`."""
        return ALL_USES_UNDATED if self.documents else "—"

    @property
    def first_note(self) -> str:
        """What the "first seen" cell adds under a `first` some undated article may
        precede ("" when none is undated)."""
        return undated_may_be_earlier(self.undated) if self.first is not None else ""


@dataclass(frozen=True)
class BoilerplateGroup:
    series: str
    #: (text, number of the series' documents carrying it), most common first.
    lines: tuple[tuple[str, int], ...]


RowT = TypeVar("RowT")


@dataclass(frozen=True)
class Section(Generic[RowT]):
    """A list shown up to a limit: the rows shown and how many there are in all."""

    rows: tuple[RowT, ...]
    total: int
    #: What it says when empty, in place of its section's usual line ("" for that line).
    empty: str = ""

    @property
    def cut(self) -> bool:
        return len(self.rows) < self.total


@dataclass(frozen=True)
class SectionText:
    """A section's heading, the line that explains it, and what it says when empty."""

    heading: str
    intro: str
    empty: str
    #: What the rows are, for "showing the first N of M <items>".
    items: str

    def title(self, count: int) -> str:
        return f"{self.heading} ({count:,})"


#: The words of each section, the same in the HTML and the PDF report.
SECTIONS = {
    "pairs": SectionText(
        "Pairs sharing passages",
        "Ranked. Shared: the part of each article's text in passages shared with the other; "
        "the arrow points from the earlier article to the later one. To read a pair side "
        "by side, open the collection in Tandem (File > Open collection folder… or "
        "File > Open collection file…; or run tandem with its folder, file or store) and "
        "double-click the pair.",
        "No two articles share a passage.", "pairs"),
    "clusters": SectionText(
        "Clusters",
        "A passage carried by several articles, those carried by the most articles first "
        "(the earliest first among equals); each lists its articles in date order, the first "
        "marked as the source where it is dated before the others.",
        "No passage was carried by several articles.", "clusters"),
    "formulations": SectionText(
        "Formulations",
        "Set phrases that recur across articles, best first, with their variants, how many "
        "articles use them, how often, where they first appear and their use over time.",
        "No formulation recurs across the articles.", "formulations"),
    "watched": SectionText(
        "Watched phrases",
        "Your own phrases (the watch-list), each counted across the articles, with where it "
        "first appears and its use over time.",
        "The watch-list names no phrase.", "phrases"),
    "boilerplate": SectionText(
        "Boilerplate",
        "Text repeated across the articles of one series (headers, footers, bylines): listed "
        "once per series and left out of pairs and formulations.",
        "No text repeats across the articles of a series.", "lines"),
    "skipped": SectionText(
        "Skipped files and notes",
        "Files and lines left out, and notes on articles indexed all the same (a date that "
        "is not read as one, a file read before that cannot be read now).",
        "Every file and line was read.", "skipped files and notes"),
}


def empty_line(section: Section[Any] | None, key: str) -> str:
    """What section `key` says when it has nothing to show."""
    return (section.empty if section is not None else "") or SECTIONS[key].empty


def cut_note(section: Section[Any], key: str, html: Limits | None = None) -> str:
    """"Showing the first N of M ..." when section `key` was cut to its limit, else "";
    given the `html` report's limits (a PDF's note), what that report lists too."""
    if not section.cut:
        return ""
    shown = f"Showing the first {len(section.rows):,} of {section.total:,} {SECTIONS[key].items}"
    in_html = (None if html is None else
               getattr(html, "formulations" if key == "watched" else key, None))
    if not isinstance(in_html, int) or in_html <= len(section.rows):
        return f"{shown}; the JSON result lists them all."
    if in_html >= section.total:
        return f"{shown}; the HTML report and the JSON result list them all."
    return (f"{shown}; the HTML report lists the first {in_html:,}, the JSON result all of "
            "them.")


def cancel_check(is_cancelled: IsCancelled | None) -> Callable[[], None]:
    """A function that raises `Cancelled` once `is_cancelled()` is true."""
    def check() -> None:
        if is_cancelled is not None and is_cancelled():
            raise Cancelled()
    return check


@dataclass(frozen=True)
class CollectionReport:
    title: str
    name: str
    generated: str
    facts: tuple[tuple[str, str], ...]
    pairs: Section[PairRow]
    clusters: Section[ClusterRow]
    formulations: Section[FormulationRow]
    boilerplate: tuple[BoilerplateGroup, ...]
    skipped: Section[tuple[str, str]]
    #: The timelines' days, months or years (`timeline_bins`).
    bins: tuple[str, ...] = field(default=())
    #: The watch-list's phrases; None when the result was made without one.
    watched: Section[FormulationRow] | None = None

    def sections(self) -> tuple[str, ...]:
        """The keys of `SECTIONS` this report shows, in order."""
        return tuple(key for key in SECTIONS if key != "watched" or self.watched is not None)


def build_report(result: Mapping[str, Any], *, name: str = "", text_of: TextOf | None = None,
                 limits: Limits = HTML_LIMITS, now: datetime | None = None) -> CollectionReport:
    """The report model of `result`; `ReportError` when it is not a collection result."""
    if not isinstance(result, Mapping) or result.get("kind") != "collection":
        raise ReportError("not a collection result (its \"kind\" is not \"collection\")")
    if result.get("version") != 1:
        raise ReportError(f"collection result version {result.get('version')!r} is not "
                          "supported (this Tandem reads version 1)")
    documents = _list(result, "documents")
    docs = {str(d.get("id", "")): doc_ref(d) for d in documents}
    bins = timeline_bins(d.date for d in docs.values())
    date_of = {ident: d.date for ident, d in docs.items()}
    name = name or str(result.get("name") or "")

    def ref(ident: object) -> DocRef:
        key = str(ident)
        return docs.get(key) or DocRef(key, "", "", "")

    pairs = _list(result, "pairs")
    pair_rows = []
    # A story paired with each of its hundreds of copies: its excerpt is shown once, not
    # under every pair (fifty pages of one paragraph on paper).
    pair_with_text: dict[str, int] = {}
    for rank, pair in enumerate(pairs[:limits.pairs], 1):
        a, b = ref(pair.get("a")), ref(pair.get("b"))
        passages = [p for p in pair.get("passages") or () if isinstance(p, Mapping)]
        first = _span(passages[0].get("a")) if passages else None
        text = text_of(a.id) if text_of is not None and first else None
        shown_at = (pair_with_text.setdefault(as_written(text[first[0]:first[1]]), rank)
                    if text and first else rank)
        pair_rows.append(PairRow(
            rank, a, b, percent(_number(pair.get("shared_a"))),
            percent(_number(pair.get("shared_b"))),
            sum(int(_number(p.get("words"))) for p in passages), len(passages),
            _direction(a.date, b.date),
            excerpt(text, first, _EXCERPT_CHARS) if text and first and shown_at == rank else "",
            0 if shown_at == rank else shown_at))

    clusters = sorted(_list(result, "clusters"), key=lambda c: _cluster_rank(c, ref))
    cluster_rows: list[ClusterRow] = []
    rows_left = limits.cluster_rows
    for cluster in clusters[:limits.clusters]:
        source = ref(cluster.get("first"))
        passages = sorted((p for p in cluster.get("passages") or ()
                           if isinstance(p, Mapping) and _span(p.get("span"))),
                          key=lambda p: _member_order(p, source.id, ref))
        listed = len(passages[slice(limits.cluster_members)])
        if rows_left is not None:
            if cluster_rows and listed > rows_left:
                break
            rows_left -= listed
        carriers = [ref(passage.get("doc")) for passage in passages]
        dated = dated_first(source.date, (d.date for d in carriers if d.id != source.id))
        members = []
        marked = False
        # A story run by hundreds of articles word for word: its excerpt is shown once,
        # not on every row (34 pages of one paragraph on paper).
        first_with_text: dict[str, tuple[str, int]] = {}
        shown = slice(limits.cluster_members)
        for doc, passage in zip(carriers[shown], passages[shown], strict=True):
            is_source = dated and doc.id == source.id and not marked
            marked = marked or is_source
            span = _span(passage.get("span")) or (0, 0)
            text = text_of(doc.id) if text_of is not None else None
            if not text:
                members.append(ClusterMember(doc, span, is_source, ""))
                continue
            same_as, same_row = first_with_text.setdefault(as_written(text[span[0]:span[1]]),
                                                           (doc.id, len(members)))
            members.append(ClusterMember(doc, span, is_source, "", same_as, same_row)
                           if same_as != doc.id
                           else ClusterMember(doc, span, is_source,
                                              excerpt(text, span, _EXCERPT_CHARS)))
        cluster_rows.append(ClusterRow(str(cluster.get("id", "")), source, tuple(members),
                                       dated, tuple(d.id for d in carriers),
                                       len({d.id for d in carriers if not d.date})))

    def formulation_rows(items: list[Mapping[str, Any]]) -> Section[FormulationRow]:
        rows = []
        for rank, item in enumerate(items[:limits.formulations], 1):
            first = item.get("first")
            # Undated, the contract's first is the lowest id: no first appearance.
            first_ref = (ref(first.get("doc"))
                         if isinstance(first, Mapping) and first.get("date") else None)
            rows.append(FormulationRow(
                rank, str(item.get("phrase", "")),
                tuple(str(v) for v in item.get("variants") or () if str(v)),
                int(_number(item.get("documents"))), int(_number(item.get("count"))),
                first_ref, timeline(bins, item, date_of), undated_articles(item, date_of)))
        return Section(tuple(rows), len(items))

    formulations = _list(result, "formulations")
    watched = _list(result, "watched") if "watched" in result else None

    groups: dict[str, list[tuple[str, int]]] = {}
    for line in _list(result, "boilerplate"):
        groups.setdefault(str(line.get("series", "")), []).append(
            (str(line.get("text", "")), int(_number(line.get("documents")))))
    boilerplate = tuple(BoilerplateGroup(series, tuple(sorted(lines, key=lambda item: -item[1])))
                        for series, lines in sorted(groups.items()))

    skipped = [(str(s.get("path", "")), str(s.get("reason", "")))
               for s in _list(result, "skipped")]
    dates = sorted(d.date for d in docs.values() if d.date)
    series = {d.series for d in docs.values() if d.series}
    left_out = result.get("formulations_left_out") is True
    facts = (
        ("Articles", f"{len(documents):,}"
         + (f" in {len(series):,} series" if series else "")),
        ("Dates", dates_fact(dates, len(documents))),
        ("Characters", f"{sum(int(_number(d.get('chars'))) for d in documents):,}"),
        ("Pairs sharing passages", f"{len(pairs):,}"),
        ("Clusters", f"{len(clusters):,}"),
        ("Formulations", "left out (--no-formulations)" if left_out
         else f"{len(formulations):,}"),
        *((("Watched phrases", f"{len(watched):,}, "
            f"{sum(1 for w in watched if _number(w.get('documents')) > 0):,} of them used"),)
          if watched is not None else ()),
        ("Boilerplate lines", f"{sum(len(g.lines) for g in boilerplate):,} in "
                              f"{len(boilerplate):,} series"),
        ("Skipped files or lines, and notes", f"{len(skipped):,}"),
    )
    return CollectionReport(
        title="Tandem collection report", name=name,
        generated=(now or datetime.now()).strftime("%Y-%m-%d %H:%M"), facts=facts,
        pairs=Section(tuple(pair_rows), len(pairs)),
        clusters=Section(tuple(cluster_rows), len(clusters)),
        formulations=replace(formulation_rows(formulations),
                             empty=FORMULATIONS_LEFT_OUT if left_out else ""),
        boilerplate=boilerplate, skipped=Section(tuple(skipped[:limits.skipped]), len(skipped)),
        bins=bins, watched=None if watched is None else formulation_rows(watched))


def dates_fact(dates: Sequence[str], articles: int) -> str:
    """The summary's dates of a collection of `articles`, `dates` (sorted) those of its dated
    ones: first to last, or the one day, and how many articles are undated (no timeline's
    bar counts them: a range alone reads as every article's)."""
    if not dates:
        return "none given"
    span = dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"
    undated = articles - len(dates)
    return span + (f"; {counted(undated, 'article')} undated" if undated else "")


def _list(result: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = result.get(key) or []
    if not isinstance(value, list):
        raise ReportError(f"collection result: \"{key}\" is not a list")
    return [item for item in value if isinstance(item, Mapping)]


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) \
        else 0.0


def _span(value: object) -> tuple[int, int] | None:
    if (isinstance(value, list | tuple) and len(value) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value)):
        return int(value[0]), int(value[1])
    return None


def carried_by(docs: Sequence[str]) -> str:
    """How many articles carry a cluster's passages (one id per passage): "4 articles", or
    "5 passages in 4 articles" where an article carries more than one."""
    articles = len(set(docs))
    named = counted(articles, "article")
    return named if len(docs) == articles else f"{len(docs):,} passages in {named}"


def doc_ref(doc: Mapping[str, Any]) -> DocRef:
    return DocRef(str(doc.get("id", "")), " ".join(str(doc.get("title") or "").split()),
                  str(doc.get("date") or "")[:10], str(doc.get("series") or ""))


def _direction(date_a: str, date_b: str) -> str:
    if not (date_a and date_b) or date_a == date_b:
        return ""
    return "A → B" if date_a < date_b else "B → A"


def _cluster_rank(cluster: Mapping[str, Any], ref: Callable[[object], DocRef]) -> tuple:
    """The cluster's place in the listed order (`cluster_order.cluster_rank`)."""
    source = ref(cluster.get("first"))
    docs = {str(p.get("doc")) for p in cluster.get("passages") or () if isinstance(p, Mapping)}
    return cluster_rank(len(docs), source.date, source.id)


def _member_order(passage: Mapping[str, Any], source: str,
                  ref: Callable[[object], DocRef]) -> tuple:
    doc = ref(passage.get("doc"))
    # The source first, then by date (undated last), then by id and position.
    return (doc.id != source, doc.date or "9999", doc.id, _span(passage.get("span")))
