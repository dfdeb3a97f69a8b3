"""Two texts with a collection behind them: `tandem compare A B --collection STORE`.

For a comparison of two texts and an indexed collection store:
- each slogan gets its collection figures: in how many of the collection's documents it
  occurs, and where it was first seen (earliest date), its variants counted in; for one of
  the collection's formulations, the figures of its entry in the report; for a phrase of
  the watch-list, those of its line counted as the report's watched phrases are
  (`watched_phrases`), so the pair and the collection give one figure for it;
- each shared passage that is part of a larger cluster of the collection (A or B is one of
  the collection's articles, found by its text: `stored_article`; of two with one text,
  the one read from its file) gets that cluster: how many other articles carry it,
  which (`articles`), and the first one. Texts loaded with `--trim` are also found as
  the articles they are trimmed from.

Its formulations are listed among the comparison's slogans wherever either text uses them
(`known_forms`, passed to `compare`): recurring is what the collection tells.

`collection_context(comparison, store, watchlist)` returns the fields that the JSON of the
comparison gains: `{"collection": {...}, "slogans": [...], "shared_phrases": [...]}`, one
entry (or None) per slogan and per shared phrase, in the comparison's order, and the
languages of the store's articles (`"languages"`, for `outside_note`).
`compare_in_collection` makes the comparison and its context from one snapshot of the store.
`viewer.present.collection_figures.outside_note` words when A or B is none of the store's
articles, and so which of its figures cannot apply.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from viewer.collection.store import CollectionStore
from viewer.collection.stored_article import the_two_articles
from viewer.collection.watched import watched_phrases
from viewer.collection.words import collection_normalizer
from viewer.core.collection.clusters import MIN_OVERLAP
from viewer.core.collection.time_order import order_key
from viewer.core.compare import compare
from viewer.core.document import Document
from viewer.core.model import Comparison, KnownForms, Span
from viewer.core.normalize import Normalizer
from viewer.core.settings import Settings
from viewer.core.slogans import phrase_key
from viewer.core.tokenize import Vocabulary, tokenize
from viewer.present.timeline import undated_articles

#: A pair's listed passages, as `CollectionStore.pair_passages` reads them.
PairPassages = Callable[[str, str], list[dict[str, Any]]]
#: The articles a listed pair joins to one, as `CollectionStore.partners` reads them.
Partners = Callable[[str], list[str]]


class _Occurrences:
    """Finds a phrase's token sequence in every stored document."""

    def __init__(self, store: CollectionStore) -> None:
        docs = store.documents()
        arrays = store.token_arrays()
        self.docs = docs
        self.keys = {key: k for k, key in enumerate(store.vocabulary_keys())}
        lengths = np.array([len(arrays[d.num][0]) for d in docs], dtype=np.int64)
        self.offsets = np.concatenate(([0], np.cumsum(lengths)))
        self.ids = (np.concatenate([arrays[d.num][0] for d in docs]) if docs
                    else np.zeros(0, dtype=np.int64))
        self.normalizer = collection_normalizer()

    def documents_with(self, phrase: str) -> list[int]:
        """Indices of the documents holding `phrase` (as the matcher reads words)."""
        vocabulary = Vocabulary()
        stream = tokenize(phrase, self.normalizer, vocabulary)
        wanted = [self.keys.get(vocabulary.keys[t]) for t in stream.ids.tolist()]
        if not wanted or None in wanted or len(wanted) > len(self.ids):
            return []
        positions = np.flatnonzero(self.ids[:len(self.ids) - len(wanted) + 1] == wanted[0])
        for k, token in enumerate(wanted[1:], 1):
            positions = positions[self.ids[positions + k] == token]
        docs = np.searchsorted(self.offsets, positions, side="right") - 1
        ends = np.searchsorted(self.offsets, positions + len(wanted) - 1, side="right") - 1
        return sorted(set(docs[docs == ends].tolist()))


def compare_in_collection(doc_a: Document, doc_b: Document, settings: Settings,
                          store: CollectionStore, trimmed: bool = False
                          ) -> tuple[Comparison, dict[str, Any]]:
    """The comparison of two texts with the store's formulations among its slogans, and
    its `collection_context`, read from one snapshot of the store: an add committing
    meanwhile cannot pair its results with the slogans the earlier ones made."""
    with store.snapshot():
        comparison = compare(doc_a, doc_b, settings, known=known_forms(store.formulations()))
        return comparison, collection_context(comparison, store, settings.watchlist,
                                              trimmed=trimmed)


def known_forms(formulations: list[dict[str, Any]]) -> KnownForms:
    """A collection's formulations (its report's entries) as `compare` takes them: each
    its forms, its name first."""
    return tuple((f["phrase"], *f["variants"]) for f in formulations)


def _first(docs: list[Any]) -> dict[str, str]:
    first = min(docs, key=lambda d: order_key(d.date, d.id))
    return {"doc": first.id, "date": first.date}


def collection_context(comparison: Comparison, store: CollectionStore,
                       watchlist: Sequence[str] = (),
                       counted: Sequence[Mapping[str, Any]] | None = None,
                       trimmed: bool = False,
                       known: Sequence[str | None] = (None, None)) -> dict[str, Any]:
    """The collection's figures for the slogans and shared passages of a comparison
    (`watchlist`: the lines its watch-list slogans come from; `counted`: those lines as
    `watched_phrases` counted them in this store, when they were counted already, which
    takes reading every article's tokens; `trimmed`: its texts went through `trim_noise`,
    so an article that trims to one of them is that text; `known`: the ids A and B were
    read from the store as, None for either that was not: of two reprints with one text,
    each is then the one opened). All of it is read from one
    snapshot of the store (the window reads it so, beside `compare_in_collection`): an add
    committing midway would pair clusters with documents it removed."""
    with store.snapshot():
        return _context(comparison, store, watchlist, counted, trimmed, known)


def _context(comparison: Comparison, store: CollectionStore, watchlist: Sequence[str],
             counted: Sequence[Mapping[str, Any]] | None, trimmed: bool,
             known: Sequence[str | None]) -> dict[str, Any]:
    occurrences = _Occurrences(store)
    docs = occurrences.docs
    total = len(docs)
    entries = {phrase_key(form, occurrences.normalizer): entry
               for entry in store.formulations() for form in (entry["phrase"], *entry["variants"])}
    watched = _watched_entries(comparison, store, watchlist, occurrences.normalizer,
                               counted)
    dates = {d.id: d.date for d in docs}
    slogans: list[dict[str, Any] | None] = []
    for slogan in comparison.slogans:
        if slogan.watchlist and (line := watched.get(
                phrase_key(slogan.phrase, occurrences.normalizer))) is not None:
            slogans.append({"documents": line["documents"], "of": total,
                            "first": line["first"], "undated": undated_articles(line, dates)})
            continue
        forms = (slogan.phrase, *slogan.variants)
        entry = next((entries[key] for key in (phrase_key(f, occurrences.normalizer)
                                                for f in forms) if key in entries), None)
        if entry is not None:  # the collection's figures, its variants counted in
            slogans.append({"documents": entry["documents"], "of": total,
                            "first": entry["first"], "undated": undated_articles(entry, dates)})
            continue
        found = sorted(set().union(*(occurrences.documents_with(f) for f in forms)))
        slogans.append({"documents": len(found), "of": total,
                        "first": _first([docs[k] for k in found]),
                        "undated": sum(not docs[k].date for k in found)} if found else
                       {"documents": 0, "of": total, "first": None, "undated": 0})
    articles = the_two_articles(store, (comparison.document_a, comparison.document_b),
                                trimmed, known)
    ids = [None if article is None else article.id for article in articles]
    clusters = store.clusters()
    # Every passage of A in one cluster asks for the same pairs: each is read once.
    pair_passages = functools.cache(store.pair_passages)
    partners = functools.cache(store.partners)
    phrases: list[dict[str, Any] | None] = []
    for phrase in comparison.shared_phrases:
        spans = tuple(span if article is None else article.span(span)
                      for article, span in zip(articles, (phrase.a, phrase.b), strict=True))
        phrases.append(_cluster_of(clusters, ids, (spans[0], spans[1]), dates,
                                   pair_passages, partners))
    return {"collection": {"store": store.path, "documents": total, "a": ids[0], "b": ids[1]},
            "slogans": slogans, "shared_phrases": phrases,
            "languages": sorted({d.language for d in docs})}


def _watched_entries(comparison: Comparison, store: CollectionStore, watchlist: Sequence[str],
                     normalizer: Normalizer, counted: Sequence[Mapping[str, Any]] | None
                     ) -> dict[tuple[str, ...], Mapping[str, Any]]:
    """The watch-list lines of the comparison's watch-list slogans, counted across the
    collection (`counted`, else counted now), by the key of their phrase (none read when
    no slogan is one)."""
    if not any(slogan.watchlist for slogan in comparison.slogans) or not watchlist:
        return {}
    entries = watched_phrases(store, watchlist) if counted is None else counted
    return {phrase_key(entry["phrase"], normalizer): entry for entry in entries}


def _cluster_of(clusters: list[dict[str, Any]], ids: list[str | None],
                spans: tuple[Span, Span], dates: dict[str, str],
                pair_passages: PairPassages, partners: Partners) -> dict[str, Any] | None:
    """The cluster holding this passage of A (or of B), if it reaches other articles.

    Clusters may nest: a reprint of A whole is one cluster, and a paragraph of A that B
    and others carry is another (`find_clusters` keeps a short span inside a far longer
    one apart). The passage's cluster is the one whose spans in A and B it overlaps on the
    most sides, then most closely (the overlap's share of the two spans' reach). Its
    figures count only the articles that carry this passage (`_carriers`)."""
    best, best_fit = None, (0, 0.0)
    for cluster in clusters:
        sides, closeness = 0, 0.0
        for doc_id, (start, end) in zip(ids, spans, strict=True):
            fits = [(min(end, p1) - max(start, p0)) / (max(end, p1) - min(start, p0))
                    for p in cluster["passages"] if p["doc"] == doc_id
                    for p0, p1 in [p["span"]] if p0 < end and start < p1]
            if doc_id is not None and fits:
                sides, closeness = sides + 1, closeness + max(fits)
        if (sides, closeness) > best_fit:
            best, best_fit = cluster, (sides, closeness)
    if best is None:
        return None
    members = _carriers(pair_passages, partners, best, ids, spans)
    others = members - {i for i in ids if i is not None}
    if not others:
        return None
    def in_time(doc: str) -> tuple[str, str]:
        return order_key(dates.get(doc, ""), doc)

    first = min(members, key=in_time)
    return {"cluster": best["id"], "documents": len(members), "others": len(others),
            "first": {"doc": first, "date": dates.get(first, "")},
            "undated": sum(not dates.get(doc) for doc in members),
            "articles": sorted(others, key=in_time)}


def _carriers(pair_passages: PairPassages, partners: Partners, cluster: dict[str, Any],
              ids: list[str | None], spans: tuple[Span, Span]) -> set[str]:
    """The articles of `cluster` that carry the passage at `spans` of A and B (`ids`, None
    for a text that is none of the collection's articles): those of A and B in it, and
    the others that pairs of the collection link to this stretch of A or of B, from
    article to article (a story whose every copy is paired with its source alone reaches
    each copy through the source), the stretch followed into each. A cluster joins every
    stretch that overlaps another, so a reprint of A whole brings in the articles that
    reprinted only A's first half; those do not carry its end."""
    members = {p["doc"] for p in cluster["passages"]}
    reached = {doc: span for doc, span in zip(ids, spans, strict=True)
               if doc is not None and doc in members}
    waiting = list(reached.items())
    while waiting:
        doc, span = waiting.pop()
        # Only the articles paired with it: a story's copies each asking every other
        # of thousands would ask millions of pairs.
        for other in partners(doc):
            if other not in members or other in reached:
                continue
            stretch = next((_followed(span, passage["a"], passage["b"])
                            for passage in pair_passages(doc, other)
                            if _same_stretch(span, passage["a"])), None)
            if stretch is not None:
                reached[other] = stretch
                waiting.append((other, stretch))
    return set(reached)


def _followed(span: Span, here: Sequence[int], there: Sequence[int]) -> Span:
    """The part of a passage's other side `there` that the part of `span` within its side
    `here` stands for, in proportion: the stretch followed into the other article."""
    start, end = max(span[0], here[0]), min(span[1], here[1])
    scale = (there[1] - there[0]) / max(1, here[1] - here[0])
    return (there[0] + round((start - here[0]) * scale),
            there[0] + round((end - here[0]) * scale))


def _same_stretch(span: Span, other: Sequence[int]) -> bool:
    """Whether two spans of one text overlap by at least half the shorter (as
    `find_clusters` joins two stretches of an article)."""
    overlap = min(span[1], other[1]) - max(span[0], other[0])
    return overlap > 0 and overlap >= MIN_OVERLAP * min(span[1] - span[0], other[1] - other[0])
