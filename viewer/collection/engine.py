"""Index a collection into its store and derive the results: the orchestration of `tandem corpus`.

`add_sources(store, sources)` reads the articles, stores the new and changed ones (each
tokenized once, with the store's one shared vocabulary, and reduced to its n-gram hashes),
aligns only the candidate pairs that involve them (the same matcher as `tandem compare`,
`viewer.core.shared`, over both cores), then recomputes the finished results from what is
stored: boilerplate per series, formulations, the pairs without them, clusters. Everything
is written in one transaction: an interrupted run leaves the store as it was.

`sync=True` also removes stored articles the sources no longer hold (the one-shot command).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from viewer.collection.refresh import FULL_RUN_GROWTH, updated_formulations
from viewer.collection.sources import Article, Skipped, read_sources
from viewer.collection.store import CollectionStore, PairRow, StoreError
from viewer.core.collection.boilerplate import find_boilerplate, spans_by_document
from viewer.core.collection.clusters import find_clusters
from viewer.core.collection.formulations import find_formulations
from viewer.core.collection.index import (
    DocumentFrequencies,
    candidate_pairs,
    document_grams,
    index_params,
)
from viewer.core.document import detect_language
from viewer.core.grams import gram_hashes
from viewer.core.match import chance_level, surplus_bits
from viewer.core.model import Span
from viewer.core.normalize import Normalizer, shared_normalizer
from viewer.core.rarity import Rarity
from viewer.core.settings import Settings
from viewer.core.shared import (
    CJK_CHARS_PER_WORD,
    canonical_order,
    covered_share,
    general_bits,
    phrases_of,
    shared_alignments,
)
from viewer.core.tokenize import TokenStream, Vocabulary, char_codes, tokenize_many

#: Progress callback: what is being done and how far, 0..1.
Progress = Callable[[str, float], None]
_CJK = frozenset({"zh", "ja"})
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
_TOKENIZE_BATCH = 200
#: The matcher's settings of a collection (the defaults of `tandem compare`).
SETTINGS = Settings()


def _quiet(stage: str, fraction: float) -> None:
    pass


@dataclass(frozen=True)
class AddSummary:
    """What an `add` changed."""

    added: int
    changed: int
    removed: int
    unchanged: int
    aligned_pairs: int
    skipped: int


def add_sources(store: CollectionStore, sources: Sequence[str | os.PathLike[str]],
                progress: Progress | None = None, *, sync: bool = False,
                workers: int | None = None) -> AddSummary:
    """Add the articles of `sources` to `store` and refresh its results (see module doc)."""
    report = progress or _quiet
    skipped: list[Skipped] = []
    report("Reading articles", 0.0)
    articles = list(read_sources(sources, skipped.append, on_progress=lambda done: report(
        "Reading articles", 0.05 * done.fraction)))
    with store.transaction():
        summary = _add(store, articles, skipped, report, sync, workers)
    report("Done", 1.0)
    return summary


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _vocabulary(keys: list[str]) -> Vocabulary:
    vocabulary = Vocabulary()
    vocabulary.keys = keys
    vocabulary.ids = {key: k for k, key in enumerate(keys)}
    vocabulary.spellings = list(keys)
    return vocabulary


def _add(store: CollectionStore, articles: list[Article], skipped: list[Skipped],
         report: Progress, sync: bool, workers: int | None) -> AddSummary:
    known = store.hashes()
    fresh: list[tuple[int, Article, str]] = []
    changed = 0
    next_num = store.next_number()
    for article in articles:
        digest = _digest(article.text)
        old = known.get(article.id)
        if old is not None and old[1] == digest:
            _update_metadata(store, old[0], article)
            continue
        if old is not None:
            changed += 1
            num = old[0]
        else:
            num, next_num = next_num, next_num + 1
        fresh.append((num, article, digest))
    removed = 0
    if sync:
        present = {a.id for a in articles}
        for doc_id, (num, _) in known.items():
            if doc_id not in present:
                store.remove_document(num)
                removed += 1
    store.set_skipped([(s.path, s.reason) for s in skipped])

    keys = store.vocabulary_keys()
    vocabulary = _vocabulary(keys)
    known_keys = len(keys)
    normalizer = _normalizer()
    languages = [detect_language(a.text) for _, a, _ in fresh]
    # The index's n-gram length is chosen once, by the store's first articles.
    stored_n = store.meta("gram_n")
    cjk_index = (stored_n == str(index_params(True, 0).n) if stored_n
                 else sum(lang in _CJK for lang in languages) > len(languages) / 2)
    gram_n = index_params(cjk_index, 0).n
    store.set_meta("gram_n", str(gram_n))
    for start in range(0, len(fresh), _TOKENIZE_BATCH):
        report("Indexing articles", 0.05 + 0.25 * start / max(1, len(fresh)))
        batch = fresh[start:start + _TOKENIZE_BATCH]
        streams = tokenize_many([a.text for _, a, _ in batch], normalizer, vocabulary)
        for (num, article, digest), stream, language in zip(
                batch, streams, languages[start:start + _TOKENIZE_BATCH], strict=True):
            store.put_document(num, {
                "id": article.id, "series": article.series, "date": article.date,
                "path": article.path, "title": article.title, "text": article.text,
                "hash": digest, "chars": len(article.text), "words": len(stream),
                "language": language,
            }, stream.ids, stream.starts, stream.ends, document_grams(stream.ids, gram_n))
    store.add_vocabulary(known_keys, vocabulary.keys[known_keys:])

    report("Finding candidate pairs", 0.3)
    grams = store.grams()
    nums = sorted(grams)
    position = {num: k for k, num in enumerate(nums)}
    new_mask = np.zeros(len(nums), dtype=bool)
    for num, _, _ in fresh:
        new_mask[position[num]] = True
    params = index_params(cjk_index, len(nums))
    candidates = candidate_pairs([grams[num] for num in nums], params, only=new_mask)
    pairs = [(nums[x], nums[y]) for x, y in zip(candidates.first.tolist(),
                                                 candidates.second.tolist(), strict=True)]
    rows = _align_pairs(store, vocabulary, pairs, report, workers)
    store.add_passages(rows)
    derive(store, report, None if changed or removed else {num for num, _, _ in fresh})
    return AddSummary(added=len(fresh) - changed, changed=changed, removed=removed,
                      unchanged=len(articles) - len(fresh), aligned_pairs=len(pairs),
                      skipped=len(skipped))


def _normalizer() -> Normalizer:
    return shared_normalizer(case_sensitive=SETTINGS.case_sensitive,
                             stemming=SETTINGS.stemming, language="en")


def _update_metadata(store: CollectionStore, num: int, article: Article) -> None:
    store.connection.execute(
        "UPDATE documents SET series = ?, date = ?, path = ?, title = ? WHERE num = ? AND "
        "(series != ? OR date != ? OR path != ? OR title != ?)",
        (article.series, article.date, article.path, article.title, num,
         article.series, article.date, article.path, article.title))


# -- alignment of candidate pairs, over the cores -----------------------------------------

@dataclass
class _AlignContext:
    texts: dict[int, str]
    streams: dict[int, TokenStream]
    languages: dict[int, str]
    keys: list[str]
    bits: dict[str, np.ndarray]
    general: dict[tuple[int, bool], np.ndarray]


_CONTEXT: _AlignContext | None = None


def _align_pairs(store: CollectionStore, vocabulary: Vocabulary, pairs: list[tuple[int, int]],
                 report: Progress, workers: int | None) -> list[tuple[int, ...]]:
    """Align every pair with the two-text matcher; rows for the `passages` table."""
    global _CONTEXT
    if not pairs:
        return []
    involved = sorted({num for pair in pairs for num in pair})
    arrays = store.token_arrays(involved)
    texts, languages = {}, {}
    for num in involved:
        text, language = store.connection.execute(
            "SELECT text, language FROM documents WHERE num = ?", (num,)).fetchone()
        texts[num], languages[num] = text, language
    streams = {num: TokenStream(ids, starts, ends, np.zeros(0, dtype=np.uint32))
               for num, (ids, starts, ends) in arrays.items()}
    needed = {("zh" if languages[x] in _CJK or languages[y] in _CJK else
               languages[x] if languages[x] == languages[y] else "en") for x, y in pairs}
    bits = {lang: Rarity(lang).bits_of(vocabulary.keys) for lang in needed}
    _CONTEXT = _AlignContext(texts, streams, languages, vocabulary.keys, bits, {})
    chunks = [pairs[k:k + 64] for k in range(0, len(pairs), 64)]
    rows: list[tuple[int, ...]] = []
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    try:
        if workers > 1 and len(pairs) > 64 and "fork" in multiprocessing.get_all_start_methods():
            # Workers leave Ctrl-C to the parent, which ends the pool and rolls back.
            with multiprocessing.get_context("fork").Pool(workers, _ignore_interrupt) as pool:
                for k, chunk_rows in enumerate(pool.imap(_align_chunk, chunks)):
                    rows.extend(chunk_rows)
                    report("Aligning pairs", 0.35 + 0.4 * (k + 1) / len(chunks))
        else:
            for k, chunk in enumerate(chunks):
                rows.extend(_align_chunk(chunk))
                report("Aligning pairs", 0.35 + 0.4 * (k + 1) / len(chunks))
    finally:
        _CONTEXT = None
    return rows


def _ignore_interrupt() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _align_chunk(pairs: list[tuple[int, int]]) -> list[tuple[int, ...]]:
    return [row for x, y in pairs for row in align_pair(x, y)]


def align_pair(x: int, y: int) -> list[tuple[int, ...]]:
    """The passages documents x < y share: (x, y, x0, x1, y0, y1, words) rows, exactly
    what `compare()` finds for the two texts."""
    context = _CONTEXT
    assert context is not None
    a, b = (x, y) if canonical_order(context.texts[x], context.texts[y]) else (y, x)
    lang_a, lang_b = context.languages[a], context.languages[b]
    cjk = lang_a in _CJK or lang_b in _CJK
    language = "zh" if cjk else lang_a if lang_a == lang_b else "en"
    bits = context.bits[language]
    general = context.general.get((a, cjk))
    if general is None:
        general = general_bits(context.streams[a], context.keys, bits, cjk)
        context.general[(a, cjk)] = general
    stream_a, stream_b = context.streams[a], context.streams[b]
    alignments = shared_alignments(stream_a, stream_b, context.keys, bits, cjk, SETTINGS,
                                   general_a=general)
    phrases = phrases_of(alignments, stream_a, stream_b, cjk, differences=False)
    chance = chance_level(len(stream_a), len(stream_b))
    scale = CJK_CHARS_PER_WORD if cjk else 1.0
    rows = []
    for al, p in zip(alignments, phrases, strict=True):
        span_x, span_y = (p.a, p.b) if a == x else (p.b, p.a)
        rows.append((x, y, span_x[0], span_x[1], span_y[0], span_y[1], p.words,
                     round(min(al.a1 - al.a0, al.b1 - al.b0) / scale),
                     round(surplus_bits(al, chance), 3)))
    return rows


# -- the finished results -------------------------------------------------------------------

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
    for spans in copied:
        spans.sort()
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
            sorted(position[num] for num in added), _normalizer(), keys)
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
               if max(p[3] for p in found) >= MIN_PAIR_WORDS}
    pairs = []
    links = []
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
    cjk = sum(lang in _CJK for lang in languages) > len(languages) / 2
    return find_formulations(texts, streams, _vocabulary(keys), [d.date for d in docs],
                             excluded, "zh" if cjk else "en")


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



__all__ = ["AddSummary", "StoreError", "add_sources", "align_pair", "derive"]
