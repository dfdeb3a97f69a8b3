"""The finished results of a collection, derived from what its store holds.

`derive(store)` recomputes boilerplate per series, formulations, the listed pairs (the
aligned passages less boilerplate and set phrasing) and clusters, and stores them as the
result tables the reports and the window read. Run inside the engine's transaction.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from typing import Any

import numpy as np

from viewer.collection.refresh import FULL_RUN_GROWTH, updated_formulations
from viewer.collection.store import CollectionStore, PairRow
from viewer.collection.words import CJK_LANGUAGES, collection_normalizer, stored_vocabulary
from viewer.core.collection.boilerplate import find_boilerplate, spans_by_document
from viewer.core.collection.clusters import Link, find_clusters
from viewer.core.collection.formulations import find_formulations
from viewer.core.collection.index import DocumentFrequencies
from viewer.core.grams import gram_hashes
from viewer.core.model import Span
from viewer.core.shared import CJK_CHARS_PER_WORD, covered_share
from viewer.core.tokenize import TokenStream, char_codes

Progress = Callable[[str, float], None]

#: A passage is left out of the pairs when this share of either side is boilerplate or a
#: formulation: those recur by design and say nothing about copying.
EXCLUDED_SHARE = 0.5
#: A pair is listed when one of its passages has at least this many words. `compare()`
#: reports shorter runs of rare words between two texts; among the millions of pairs of a
#: collection such runs meet by chance.
MIN_PAIR_WORDS = 8
#: A formulation occurrence inside a passage this many times its length is part of a copy.
COPY_LENGTH = 1.5
#: A shared passage of this many words (on its shorter side) is a copy even when its
#: text recurs like a formulation (formulations run up to about 20 words; most far less).
COPY_WORDS = 15
#: Set phrasing, not a copy: a passage shorter than `SET_PHRASE_WORDS` (words on its
#: shorter side) whose n-grams are mostly found in `RECURRING_DOCUMENTS` articles or more,
#: or one shorter than `FORMULATION_WORDS` found in `WIDELY_RECURRING_DOCUMENTS` or more
#: (a formulation, listed or not). Most set phrases run to a dozen words, a few to twenty;
#: a sentence copied along a chain of a few articles is longer or in fewer articles.
SET_PHRASE_WORDS = 12
FORMULATION_WORDS = 20
RECURRING_DOCUMENTS = 3
WIDELY_RECURRING_DOCUMENTS = 8


def _quiet(stage: str, fraction: float) -> None:
    pass


def derive(store: CollectionStore, progress: Progress | None = None,
           added: set[int] | None = None) -> None:
    """Recompute boilerplate, formulations, pairs and clusters from the stored documents
    and passages, and store them as the finished result tables.

    `added`: the numbers of the documents just added, when nothing was changed or removed;
    the formulations are then updated with their uses in those (`viewer.collection.refresh`)
    unless the collection has grown enough since they were last found afresh."""
    report = progress or _quiet
    report("Finding boilerplate", 0.75)
    docs = store.documents()
    nums = [d.num for d in docs]
    position = {num: k for k, num in enumerate(nums)}
    texts_by_num = store.texts()
    texts = [texts_by_num[num] for num in nums]
    boilerplate = find_boilerplate(texts, [d.series for d in docs])
    excluded = spans_by_document(boilerplate, len(docs))
    order_key = [(d.date or "\uffff", d.id) for d in docs]
    arrays = store.token_arrays()
    streams = [TokenStream(*arrays.pop(d.num), np.zeros(0, dtype=np.uint32)) for d in docs]
    raw = [row for row in store.raw_passages()
           if not _mostly_in((row[2], row[3]), excluded[position[row[0]]])
           and not _mostly_in((row[4], row[5]), excluded[position[row[1]]])]
    n = int(store.meta("gram_n", "5"))
    short = [gram_hashes(_tokens_in(streams[position[num]], span).ids, n)
             for row in raw if row[7] < FORMULATION_WORDS
             for num, span in ((row[0], (row[2], row[3])), (row[1], (row[4], row[5])))]
    frequencies = DocumentFrequencies.of(
        list(store.grams().values()), n,
        among=np.unique(np.concatenate(short)) if short else np.zeros(0, dtype=np.uint64))

    def recurring(row: tuple[Any, ...], documents: int) -> bool:
        kx, ky = position[row[0]], position[row[1]]
        return max(_recurring_share(streams[kx], (row[2], row[3]), frequencies, documents),
                   _recurring_share(streams[ky], (row[4], row[5]), frequencies, documents)
                   ) >= EXCLUDED_SHARE

    # Longer passages: set phrasing only when found in many articles.
    kept = [row for row in raw if not (SET_PHRASE_WORDS <= row[7] < FORMULATION_WORDS
                                       and recurring(row, WIDELY_RECURRING_DOCUMENTS))]
    # Stretches of each document that a longer passage copies: a short passage there is
    # part of that copy (an edited copy of a copy), not set phrasing.
    copied: list[list[tuple[int, int, bool]]] = [[] for _ in docs]
    for row in kept:
        if row[7] >= SET_PHRASE_WORDS:
            copied[position[row[0]]].append((row[2], row[3], True))
            copied[position[row[1]]].append((row[4], row[5], True))
    for stretches in copied:
        stretches.sort()
    passages = []
    for row in kept:
        x, y, x0, x1, y0, y1, words, short_words, surplus = row
        kx, ky = position[x], position[y]
        if short_words < SET_PHRASE_WORDS and not _in_copy((x0, x1), copied[kx]) \
                and not _in_copy((y0, y1), copied[ky]) and recurring(row, RECURRING_DOCUMENTS):
            continue  # a short stretch found in other articles too: formulaic, not a copy
        passages.append((kx, (x0, x1), ky, (y0, y1), words, short_words, surplus))

    report("Finding formulations", 0.8)
    found_at = int(store.meta("formulations_documents", "0"))
    if added is not None and found_at > 0 and len(docs) <= found_at * (1 + FULL_RUN_GROWTH):
        keys = {key: k for k, key in enumerate(store.vocabulary_keys())}
        listed: list[Any] = updated_formulations(
            store.formulations(), [d.id for d in docs], [d.date for d in docs], streams,
            sorted(position[num] for num in added), collection_normalizer(), keys)
    else:
        listed = _formulations(store, docs, texts, streams, excluded)
        store.set_meta("formulations_documents", str(len(docs)))
    formulations = _not_copies(listed, passages, len(docs))
    for item in formulations:
        for k, spans in item.occurrences:
            excluded[k].extend(spans)
    for spans in excluded:
        spans.sort()

    report("Listing pairs and clusters", 0.9)
    by_pair: dict[tuple[int, int], list[tuple[Span, Span, int, int, float]]] = {}
    for kx, span_x, ky, span_y, words, short_words, surplus in passages:
        if short_words < COPY_WORDS and (_mostly_in(span_x, excluded[kx])
                                         or _mostly_in(span_y, excluded[ky])):
            continue
        # `a` is the earlier document (date, then id).
        if order_key[ky] < order_key[kx]:
            kx, ky, span_x, span_y = ky, kx, span_y, span_x
        by_pair.setdefault((kx, ky), []).append((span_x, span_y, words, short_words, surplus))
    by_pair = {key: found for key, found in by_pair.items()
               if any(lists_its_pair(streams[key[0]], p[0], streams[key[1]], p[1], p[3],
                                        docs[key[0]].language in CJK_LANGUAGES
                                        or docs[key[1]].language in CJK_LANGUAGES)
                      for p in found)}
    pairs = []
    links: list[Link] = []
    for (ka, kb), shared in by_pair.items():
        shared.sort()
        pairs.append(PairRow(
            a=docs[ka].id, b=docs[kb].id,
            shared_a=covered_share([p[0] for p in shared], docs[ka].chars),
            shared_b=covered_share([p[1] for p in shared], docs[kb].chars),
            words=sum(p[2] for p in shared),
            passages=[{"a": list(p[0]), "b": list(p[1]), "words": p[2]} for p in shared]))
        links.extend((ka, p[0], kb, p[1]) for p in shared)
    pairs.sort(key=lambda p: (-p.words, p.a, p.b))
    clusters = [{"id": k, "first": docs[c.first].id,
                 "passages": [{"doc": docs[d].id, "span": list(span)} for d, span in c.passages]}
                for k, c in enumerate(find_clusters(links, order_key), 1)]
    store.set_results(
        pairs, clusters,
        [_formulation_dict(f, docs) for f in formulations],
        [{"series": b.series, "text": b.text, "documents": b.documents} for b in boilerplate])


def lists_its_pair(stream_x: TokenStream, span_x: Span, stream_y: TokenStream,
                      span_y: Span, short_words: int, cjk: bool) -> bool:
    """Whether a passage is enough to list its pair: `MIN_PAIR_WORDS` words, and if it
    is short (set phrasing could be that long), as many of them in one unbroken run. Two
    datelines of one city (新华社阿布扎比１月１３日讯记者, ...１月８日讯记者) or two
    sessions of one body (第一次全体会议, 第二次) align across the word they differ in,
    but each run of them alone is the length chance meets among many pairs."""
    if short_words < MIN_PAIR_WORDS:
        return False
    if short_words >= SET_PHRASE_WORDS:
        return True
    run = _longest_common_run(_tokens_in(stream_x, span_x).ids, _tokens_in(stream_y, span_y).ids)
    return run / (CJK_CHARS_PER_WORD if cjk else 1.0) >= MIN_PAIR_WORDS


def _longest_common_run(a: np.ndarray, b: np.ndarray) -> int:
    """The length of the longest run of tokens found, in order, in both `a` and `b`."""
    if not len(a) or not len(b):
        return 0
    same = a[:, None] == b[None, :]
    run = same[0].astype(np.int64)
    best = int(run.max())
    for row in same[1:]:
        run = np.where(row, np.concatenate(([0], run[:-1])) + 1, 0)
        best = max(best, int(run.max()))
    return best


def _tokens_in(stream: TokenStream, span: Span) -> TokenStream:
    t0 = int(np.searchsorted(stream.starts, span[0]))
    t1 = int(np.searchsorted(stream.ends, span[1], side="right"))
    return TokenStream(stream.ids[t0:t1], stream.starts[t0:t1], stream.ends[t0:t1],
                       stream.codes[:0])


def _recurring_share(stream: TokenStream, span: Span, frequencies: DocumentFrequencies,
                     documents: int) -> float:
    """The share of a passage side's n-grams that at least `documents` articles hold."""
    return frequencies.share_in(_tokens_in(stream, span).ids, documents)


def _formulations(store: CollectionStore, docs: list[Any], texts: list[str],
                  tokens: list[TokenStream], excluded: list[list[Span]]) -> list[Any]:
    if not docs:
        return []
    keys = store.vocabulary_keys()
    streams = [TokenStream(t.ids, t.starts, t.ends, char_codes(text))
               for t, text in zip(tokens, texts, strict=True)]
    languages = [d.language for d in docs]
    cjk = sum(lang in CJK_LANGUAGES for lang in languages) > len(languages) / 2
    return find_formulations(texts, streams, stored_vocabulary(keys), [d.date for d in docs],
                             excluded, "zh" if cjk else "en", series=[d.series for d in docs])


def _formulation_dict(item: Any, docs: list[Any]) -> dict[str, Any]:
    first = docs[item.first]
    return {"phrase": item.phrase, "variants": list(item.variants),
            "documents": item.documents, "count": item.count,
            "first": {"doc": first.id, "date": first.date},
            "per_month": dict(item.per_month),
            "occurrences": [{"doc": docs[k].id, "spans": [list(s) for s in spans]}
                            for k, spans in item.occurrences]}


def _not_copies(formulations: list[Any], passages: list[tuple[Any, ...]],
                count: int) -> list[Any]:
    """The formulations less those that are pieces of copied passages: a sentence of a
    passage copied into a few articles recurs too, but most of its occurrences then lie
    in a shared passage that is clearly longer, or long enough to be a copy itself."""
    inside: list[list[tuple[int, int, bool]]] = [[] for _ in range(count)]
    for kx, span_x, ky, span_y, _, short_words, _ in passages:
        long = short_words >= COPY_WORDS
        inside[kx].append((span_x[0], span_x[1], long))
        inside[ky].append((span_y[0], span_y[1], long))
    for spans in inside:
        spans.sort()
    kept = []
    for item in formulations:
        total = copied = 0
        for k, spans in item.occurrences:
            for span in spans:
                total += 1
                copied += _in_copy(span, inside[k])
        if copied * 2 < total:
            kept.append(item)
    return kept


def _in_copy(span: Span, passages: list[tuple[int, int, bool]]) -> bool:
    """Whether most of `span` lies in one of the sorted `passages` (start, end, long)
    that is long or clearly longer than it."""
    start, end = span
    length = end - start
    k = bisect_right(passages, (end, end, True))
    for lo, hi, long in reversed(passages[max(0, k - 16):k]):
        overlap = min(hi, end) - max(lo, start)
        if overlap >= 0.8 * length and (long or hi - lo >= COPY_LENGTH * length):
            return True
    return False


def _mostly_in(span: Span, excluded: list[Span]) -> bool:
    return _excluded_share(span, excluded) >= EXCLUDED_SHARE


def _excluded_share(span: Span, excluded: list[Span]) -> float:
    """The share of `span` lying in the sorted spans `excluded` (which may overlap)."""
    start, end = span
    if end <= start or not excluded:
        return 0.0
    covered, reach = 0, start
    for lo, hi in excluded:
        if lo >= end:
            break
        lo, hi = max(lo, reach), min(hi, end)
        if hi > lo:
            covered += hi - lo
            reach = hi
    return covered / (end - start)
