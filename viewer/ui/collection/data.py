"""What the collection view shows, read once from an indexed store (Qt-free).

The store keeps the finished results in the order they are shown, so this is mostly reading;
what it adds is per article how much of it is shared with others (the union of its pairs'
passages), per formulation its use over the collection's span, and lookups the
view needs (a document by id, the clusters a passage belongs to).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from viewer.collection.cli import store_name
from viewer.collection.rekey import other_version_note
from viewer.collection.store import CollectionStore, DocumentRow, PairRow
from viewer.collection.titles import titled_documents
from viewer.core.shared import covered_text_share
from viewer.export.collection_model import dated_first
from viewer.export.report_model import excerpt
from viewer.present.timeline import Timeline, timeline, timeline_bins, undated_articles
from viewer.ui.collection.cluster_rows import ClusterRow, cluster_rows

#: Characters of a cluster's text shown beside it.
CLUSTER_TEXT = 200


@dataclass(frozen=True)
class ArticleFacts:
    """An article with how much of it the listed pairs share with other articles."""

    row: DocumentRow
    #: The share of its text (whitespace left out, as a pair's shares count it) that the
    #: union of its pairs' passages covers (`shared_text_shares`).
    shared: float
    pairs: int


@dataclass(frozen=True)
class ClusterMember:
    doc: str
    span: tuple[int, int]
    #: The cluster's first article in date order, beside which the others are read.
    first: bool
    #: ... and dated before every other, so the source (`dated_first`).
    is_source: bool


@dataclass
class CollectionData:
    """An indexed collection as the window shows it."""

    name: str
    store_path: str
    documents: list[DocumentRow]
    pairs: list[PairRow]
    clusters: list[dict[str, Any]]
    formulations: list[dict[str, Any]]
    boilerplate: list[dict[str, Any]]
    #: Inputs left out and notes on articles indexed all the same (`CollectionStore.skipped`).
    skipped: list[dict[str, Any]]
    #: Each cluster's text (its source's passage, cut short), by cluster id.
    cluster_texts: dict[int, str] = field(default_factory=dict)
    #: Said when the results are an earlier version's (see `other_version_note`).
    note: str = ""
    #: Whether the formulations were left out (`--no-formulations`), not looked for.
    formulations_left_out: bool = False
    #: Each paired article's share of text in its pairs' passages (`shared_text_shares`),
    #: by id: an article with one pair shows the share that pair does.
    text_shares: dict[str, float] = field(default_factory=dict)
    by_id: dict[str, DocumentRow] = field(init=False)
    #: The named series, in order ("" is the series of articles at the top of a folder).
    series: list[str] = field(init=False)
    articles: list[ArticleFacts] = field(init=False)
    #: The timelines' days, months or years (`timeline_bins`); () when none is dated.
    bins: tuple[str, ...] = field(init=False)
    undated_counts: dict[int, int] = field(init=False)
    cluster_rows: list[ClusterRow] = field(init=False)

    def __post_init__(self) -> None:
        self.by_id = {d.id: d for d in self.documents}
        self.series = sorted({d.series for d in self.documents if d.series})
        self.articles = _article_facts(self.documents, self.pairs, self.text_shares)
        self.bins = timeline_bins(d.date for d in self.documents)
        self._dates = {d.id: d.date for d in self.documents}
        self._titled = Counter(d.title for d in self.documents)
        # Worked out here, where the store is read off the GUI thread: a large collection's
        # take the window a third of a second.
        #: How many of the articles using each formulation have no date, by its id().
        self.undated_counts = {id(f): self.undated_articles(f) for f in self.formulations}
        # A cluster's source row asks for its pair with each other article: a wire story
        # run by hundreds, among tens of thousands of pairs, was a scan of them all each.
        self._pair_of: dict[frozenset[str], PairRow] = {}
        for pair in self.pairs:
            self._pair_of.setdefault(frozenset((pair.a, pair.b)), pair)
        #: The Clusters tab's rows (`cluster_rows`).
        self.cluster_rows = cluster_rows(self)

    def title(self, doc_id: str) -> str:
        """What the tabs call an article: its title, with its id where other articles of
        the collection have that title too (one story filed twice), else its id."""
        row = self.by_id.get(doc_id)
        if row is None or not row.title:
            return doc_id
        return f"{row.title} ({doc_id})" if self._titled[row.title] > 1 else row.title

    def date_of(self, doc_id: str) -> str:
        """An article's date: "" when it has none (or is no article of the collection)."""
        return self._dates.get(doc_id, "")

    def series_of(self, doc_id: str) -> str:
        """An article's series: "" when it has none (or is no article of the collection)."""
        row = self.by_id.get(doc_id)
        return row.series if row else ""

    def timeline(self, formulation: Mapping[str, Any]) -> Timeline:
        """A formulation's uses per day, month or year over the collection's span, and its
        uses in undated articles, as the reports count them."""
        return timeline(self.bins, formulation, self._dates)

    def undated_articles(self, formulation: Mapping[str, Any]) -> int:
        """How many of the articles using `formulation` have no date."""
        return undated_articles(formulation, self._dates)

    def cluster_members(self, cluster: Mapping[str, Any]) -> list[ClusterMember]:
        """A cluster's passages: the source first, then by date (undated last) and id."""
        source = str(cluster.get("first", ""))
        members = []
        for passage in cluster.get("passages") or ():
            span = passage.get("span") or (0, 0)
            members.append((str(passage.get("doc", "")), (int(span[0]), int(span[1]))))

        def order(member: tuple[str, tuple[int, int]]) -> tuple:
            doc = self.by_id.get(member[0])
            return (member[0] != source, (doc.date if doc else "") or "9999", member[0], member[1])

        members.sort(key=order)
        dates = {doc: row.date if (row := self.by_id.get(doc)) else "" for doc, _ in members}
        dated = dated_first(dates.get(source, ""),
                            (date for doc, date in dates.items() if doc != source))
        out = []
        for k, (doc, span) in enumerate(members):
            first = k == 0 and doc == source
            out.append(ClusterMember(doc, span, first, first and dated))
        return out

    def listed_passages(self, id_a: str, id_b: str
                        ) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        """The passages the Pairs tab lists for two articles, in its order, as (span in
        `id_a`, span in `id_b`); none when it lists no such pair."""
        pair = self._pair_of.get(frozenset((id_a, id_b)))
        if pair is None:
            return []
        first, second = ("a", "b") if pair.a == id_a else ("b", "a")
        return [((int(p[first][0]), int(p[first][1])),
                 (int(p[second][0]), int(p[second][1]))) for p in pair.passages]

    def cluster_reading(self, source: str, doc: str, span: tuple[int, int],
                        others: Iterable[str], at_source: tuple[int, int]
                        ) -> tuple[str, tuple[int, int]] | None:
        """Where a cluster's row (`doc`'s passage at `span`) is read: the article beside
        the cluster's `source` and the source's passage to show. An article carrying the
        text twice, in two settings, shares each copy with other articles: another
        article's row shows the source's passage its pair lists with this one's (else
        `at_source`, the source's first); a row of the source itself, its passage beside
        the first of `others` (the other articles, in date order) whose pair lists it
        (else the first of them). None when no other article carries the text."""
        if doc != source:
            paired = (at for at, other in self.listed_passages(source, doc)
                      if _overlap(other, span))
            return doc, next(paired, at_source)
        others = list(others)
        sharing = (other for other in others
                   if any(_overlap(at, span) for at, _ in self.listed_passages(source, other)))
        partner = next(sharing, others[0] if others else None)
        return (partner, span) if partner is not None else None

    def clusters_at(self, doc_id: str, span: tuple[int, int]) -> list[dict[str, Any]]:
        """The clusters with a passage of `doc_id` overlapping `span`."""
        return [c for c in self.clusters for p in c.get("passages") or ()
                if p.get("doc") == doc_id and p["span"][0] < span[1] and span[0] < p["span"][1]]


def _overlap(a: tuple[int, int] | list[int], b: tuple[int, int] | list[int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def load(store_path: str, name: str = "") -> CollectionData:
    """Read the results of the store at `store_path` (`StoreError` when it cannot be used),
    the collection called `name`, or as a store opened by itself is (`store_name`)."""
    with CollectionStore.open(store_path) as store:
        boilerplate = store.boilerplate()
        clusters = store.clusters()
        pairs = store.pairs()
        documents = titled_documents(store, boilerplate)
        name = name or store_name(store_path, (d.path for d in documents))
        return CollectionData(
            name=name, store_path=store_path,
            documents=documents,
            pairs=pairs, clusters=clusters,
            formulations=store.formulations(), boilerplate=boilerplate,
            skipped=store.skipped(), note=other_version_note(store, name),
            formulations_left_out=store.formulations_left_out(),
            cluster_texts={int(c["id"]): _source_text(store, c) for c in clusters},
            text_shares=shared_text_shares(store, pairs))


def shared_text_shares(store: CollectionStore, pairs: Iterable[PairRow]) -> dict[str, float]:
    """Each paired article's share of text that the union of its pairs' passages covers,
    counted as a pair's shares are (`covered_text_share`: whitespace in neither count)."""
    spans = _pair_spans(pairs)
    return {doc_id: covered_text_share(found, store.text(doc_id))
            for doc_id, found in spans.items()}


def _source_text(store: CollectionStore, cluster: Mapping[str, Any]) -> str:
    span = next((p["span"] for p in cluster.get("passages") or ()
                 if p.get("doc") == cluster.get("first")), None)
    if span is None:
        return ""
    start, end = int(span[0]), int(span[1])
    text = store.passage_text(str(cluster["first"]), (start, min(end, start + CLUSTER_TEXT * 2)))
    return excerpt(text, (0, len(text)), CLUSTER_TEXT)


def _pair_spans(pairs: Iterable[PairRow]) -> dict[str, list[tuple[int, int]]]:
    """Each paired article's passages in its pairs, by id."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for pair in pairs:
        for passage in pair.passages:
            spans[pair.a].append(tuple(passage["a"]))  # type: ignore[arg-type]
            spans[pair.b].append(tuple(passage["b"]))  # type: ignore[arg-type]
    return spans


def _article_facts(documents: Iterable[DocumentRow], pairs: list[PairRow],
                   text_shares: Mapping[str, float]) -> list[ArticleFacts]:
    counts: dict[str, int] = defaultdict(int)
    for pair in pairs:
        counts[pair.a] += 1
        counts[pair.b] += 1
    return [ArticleFacts(d, text_shares.get(d.id, 0.0), counts.get(d.id, 0)) for d in documents]
