"""The finished results of a collection, derived from what its store holds.

`derive(store)` recomputes boilerplate per series, formulations, the listed pairs (the
aligned passages less boilerplate and set phrasing) and clusters, and stores them as the
result tables the reports and the window read. Run inside the engine's transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np

from viewer.collection import passage_rules as rules
from viewer.collection.align import pair_language
from viewer.collection.refresh import FULL_RUN_GROWTH, updated_formulations
from viewer.collection.store import FORMULATIONS_LEFT_OUT, CollectionStore, PairRow
from viewer.collection.words import CJK_LANGUAGES, collection_normalizer, stored_vocabulary
from viewer.core.collection import time_order
from viewer.core.collection.boilerplate import find_boilerplate, spans_by_document
from viewer.core.collection.clusters import DisjointSets, Link, find_clusters
from viewer.core.collection.few_articles import reads_two_by_two, with_pairwise
from viewer.core.collection.formulations import (
    FINDER_VERSION,
    MIN_DOCUMENTS,
    Formulation,
    find_formulations,
)
from viewer.core.collection.index import DocumentFrequencies, IndexParams, index_params
from viewer.core.collection.readings import by_reading, merged_ranking, picked
from viewer.core.figures import Figures
from viewer.core.model import Span
from viewer.core.shared import visible_chars
from viewer.core.tokenize import TokenStream, Vocabulary, char_codes

Progress = Callable[[str, float], None]
#: A kept passage: (document index x, span in x, document index y, span in y, words,
#: short words, surplus bits).
Passage = tuple[int, Span, int, Span, int, int, float]


def _quiet(stage: str, fraction: float) -> None:
    pass


def derive(store: CollectionStore, progress: Progress | None = None,
           added: set[int] | None = None,
           grams: dict[int, np.ndarray] | None = None,
           formulations: bool | None = None) -> None:
    """Recompute boilerplate, formulations, pairs and clusters from the stored documents
    and passages, and store them as the finished result tables.

    `added`: the numbers of the documents just added, when nothing was changed or removed;
    the formulations are then updated with their uses in those (`viewer.collection.refresh`)
    unless the collection has grown enough since they were last found afresh. `grams`:
    the stored `CollectionStore.grams`, when the caller has read them already: emptied once
    used, as a large collection's take ~100 MB the formulations need. `formulations`:
    True finds them afresh, False leaves them out (`--no-formulations`, recorded in the
    store), None does as the store last did: a store they were left out of keeps them out
    (finding them takes the whole collection in one process, which the user chose to
    avoid)."""
    report = progress or _quiet
    report("Finding boilerplate", 0.75)
    docs = store.documents()
    nums = [d.num for d in docs]
    position = {num: k for k, num in enumerate(nums)}
    texts_by_num = store.texts()
    texts = [texts_by_num[num] for num in nums]
    boilerplate = find_boilerplate(texts, [d.series for d in docs],
                                   languages=[d.language for d in docs])
    excluded = spans_by_document(boilerplate, len(docs))
    order_key = [time_order.order_key(d.date, d.id) for d in docs]
    # Every document's tokens are held to the end: as stored, in half the memory.
    arrays = store.token_arrays(compact=True)
    streams = [TokenStream(*arrays.pop(d.num), np.zeros(0, dtype=np.uint32)) for d in docs]
    keys = store.vocabulary_keys()  # what the streams' ids stand for
    raw = [row for row in store.raw_passages()
           if not rules.mostly_in((row[2], row[3]), excluded[position[row[0]]])
           and not rules.mostly_in((row[4], row[5]), excluded[position[row[1]]])]
    n = int(store.meta("gram_n", "5"))
    params = index_params(n == index_params(True, 0).n, len(docs))
    document_grams = store.grams() if grams is None else grams
    passages, furniture = _copies(raw, [position[row[0]] for row in raw],
                                  [position[row[1]] for row in raw], texts, streams,
                                  [d.language in CJK_LANGUAGES for d in docs], params,
                                  list(document_grams.values()))
    document_grams.clear()

    report("Finding formulations", 0.8)
    readings = by_reading([d.language for d in docs])
    sizes = {reading: len(members) for reading, members in readings.items()}
    # Formulations another version of the finder listed are not what it finds now.
    current = store.meta("formulations_finder") == str(FINDER_VERSION)
    listed: list[Formulation]
    if formulations is False or (formulations is None and store.formulations_left_out()):
        listed = []
        leave_formulations_out(store, True)
        store.set_meta("formulations_readings", "{}")  # none were found, at no size
    elif (formulations is None and added is not None and current
            and _still_current(sizes, json.loads(store.meta("formulations_readings", "{}")),
                               json.loads(store.meta("formulations_pairwise", "[]")))):
        key_ids = {key: k for k, key in enumerate(keys)}
        listed = updated_formulations(
            store.formulations(), [d.id for d in docs], [d.date for d in docs], streams,
            sorted(position[num] for num in added), collection_normalizer(), key_ids, texts,
            excluded)
    else:
        listed = _formulations(keys, docs, texts, streams, excluded)
        mark_formulations_found(store, [d.language for d in docs], streams)
    kept_formulations = not_copies(listed, passages, len(docs))
    for item in kept_formulations:
        for k, used in item.occurrences:
            excluded[k].extend(used)
    for spans in excluded:
        spans.sort()

    report("Listing pairs and clusters", 0.9)
    by_pair: dict[tuple[int, int], list[rules.PairPassage]] = {}
    for kx, span_x, ky, span_y, words, short_words, surplus in passages:
        if rules.dropped_as_formulaic(short_words, span_x, span_y, excluded[kx], excluded[ky]):
            continue
        # `a` is the earlier document (date, then id).
        if order_key[ky] < order_key[kx]:
            kx, ky, span_x, span_y = ky, kx, span_y, span_x
        by_pair.setdefault((kx, ky), []).append((span_x, span_y, words, short_words, surplus))
    pairs = []
    links: list[Link] = []

    sentences = rules.SentencesAround(texts.__getitem__, streams.__getitem__, keys)

    def lists(ka: int, kb: int, passage: rules.PairPassage, cjk: bool) -> bool:
        side_a = rules.side_tokens(streams[ka], passage[0])
        side_b = rules.side_tokens(streams[kb], passage[1])
        # The figures and the sentences around it matter only where the tokens do.
        read = rules.needs_side_tokens(passage[3])
        figures = (rules.passage_figures(side_a, side_b, keys, texts[ka], texts[kb])
                   if read else Figures.NEITHER)
        around = sentences.of(ka, passage[0], kb, passage[1]) if read else None
        return rules.lists_its_pair(side_a, side_b, passage[3], cjk, excluded[ka], excluded[kb],
                                    furniture.get((ka, passage[0], kb)),
                                    furniture.get((kb, passage[1], ka)), figures=figures,
                                    around=around)

    visible: dict[int, int] = {}  # an article in many pairs is counted once

    def visible_of(k: int) -> int:
        if k not in visible:
            visible[k] = visible_chars(texts[k])
        return visible[k]

    for (ka, kb), shared in by_pair.items():
        cjk = pair_language(docs[ka].language, docs[kb].language) in CJK_LANGUAGES
        entry = rules.pair_entry(shared, texts[ka], texts[kb], (visible_of(ka), visible_of(kb)))
        if entry is None or not any(lists(ka, kb, p, cjk) for p in shared):
            continue
        pairs.append(PairRow(a=docs[ka].id, b=docs[kb].id, **entry))
        links.extend((ka, p[0], kb, p[1]) for p in rules.listed_passages(shared))
    pairs.sort(key=lambda p: rules.pair_rank(p.words, p.shared_a, p.shared_b, p.a, p.b))
    clusters = [{"id": k, "first": docs[c.first].id,
                 "passages": [{"doc": docs[d].id, "span": list(span)} for d, span in c.passages]}
                for k, c in enumerate(find_clusters(links, order_key), 1)]
    ids, dates = [d.id for d in docs], [d.date for d in docs]
    store.set_results(
        pairs, clusters, [formulation_dict(f, ids, dates) for f in kept_formulations],
        [{"series": b.series, "text": b.text, "documents": b.documents} for b in boilerplate])


def _copies(raw: list[tuple[Any, ...]], xs: list[int], ys: list[int],
            texts: list[str], streams: list[TokenStream], cjk: list[bool],
            params: IndexParams, grams: list[np.ndarray],
            ) -> tuple[list[Passage], dict[tuple[int, Span, int], np.ndarray]]:
    """The aligned passages (rows of `raw`, their documents' indexes `xs`, `ys`) that are
    copies, not set phrasing nor a formula two copies meet by (see `passage_rules`), and
    the furniture of their sides ((document index, span, other document's index) ->
    `passage_rules.furniture`). `cjk`: whether each document is in a CJK language."""
    n = params.n
    sides = {k: (rules.side_grams(streams[xs[k]], (row[2], row[3]), n),
                 rules.side_grams(streams[ys[k]], (row[4], row[5]), n))
             for k, row in enumerate(raw)}
    among = [g for pair in sides.values() for g in pair]
    frequencies = DocumentFrequencies.of(
        grams, n, among=np.unique(np.concatenate(among)) if among
        else np.zeros(0, dtype=np.uint64))
    empty = np.zeros(0, dtype=np.int64)
    found = {k: (frequencies.of_grams(gx), frequencies.of_grams(gy))
             for k, (gx, gy) in sides.items()}
    # Read by `lists_its_pair`.
    furniture = {}
    for k, (dfs_x, dfs_y) in found.items():
        row = raw[k]
        both = ((xs[k], (row[2], row[3]), dfs_x, ys[k]), (ys[k], (row[4], row[5]), dfs_y, xs[k]))
        tokens = [len(rules.side_tokens(streams[doc], span)) for doc, span, _, _ in both]
        whole = rules.copies_an_article(
            (tokens[0], tokens[1]), (len(streams[xs[k]].ids), len(streams[ys[k]].ids)))
        for (doc, span, dfs, other), count in zip(both, tokens, strict=True):
            furniture[(doc, span, other)] = rules.furniture(dfs, count, params,
                                                            article_copy=whole)
    sentence = {k: rules.whole_sentences(texts[xs[k]], row[2:4], texts[ys[k]], row[4:6])
                for k, row in enumerate(raw) if rules.needs_sentence(row[7])}
    # Longer passages: set phrasing only when found in many articles.
    kept = [k for k, row in enumerate(raw)
            if not rules.long_set_phrasing(row[7], *found.get(k, (empty, empty)),
                                           sentence=sentence.get(k, False))]
    # Stretches of each document that a longer passage copies: a short passage there is
    # part of that copy (an edited copy of a copy), not set phrasing.
    copied: list[list[rules.Stretch]] = [[] for _ in streams]
    for k in kept:
        row = raw[k]
        if rules.is_copy_stretch(row[7]):
            copied[xs[k]].append((row[2], row[3], True, ys[k]))
            copied[ys[k]].append((row[4], row[5], True, xs[k]))
    for stretches in copied:
        stretches.sort()
    passages: list[Passage] = []
    for k in kept:
        x, y, x0, x1, y0, y1, words, short_words, surplus = raw[k]
        kx, ky = xs[k], ys[k]
        inside = (rules.in_copy((x0, x1), copied[kx]) or rules.in_copy((y0, y1), copied[ky]))
        if rules.short_set_phrasing(short_words, *found.get(k, (empty, empty)),
                                    inside_copy=inside, sentence=sentence.get(k, False)):
            continue  # a short stretch found in other articles too: formulaic, not a copy
        if rules.may_join_copies(short_words) and rules.formula_between_copies(
                rules.side_tokens(streams[kx], (x0, x1)), rules.side_tokens(streams[ky], (y0, y1)),
                cjk[kx] or cjk[ky], rules.holding_copies((x0, x1), copied[kx], ky),
                rules.holding_copies((y0, y1), copied[ky], kx)):
            continue
        passages.append((kx, (x0, x1), ky, (y0, y1), words, short_words, surplus))
    return passages, furniture


def mark_formulations_found(store: CollectionStore, languages: list[str],
                            streams: list[TokenStream]) -> None:
    """Record in `store` that its formulations were found afresh over its documents (each
    one's language and tokens, in order): by this finder, at these sizes of its readings,
    which it read two by two. Until the collection grows past them, an `add` keeps the
    formulations and counts their uses in the new articles (`_still_current`)."""
    readings = by_reading(languages)
    store.set_meta("formulations_readings", json.dumps(
        {reading: len(members) for reading, members in readings.items()}, sort_keys=True))
    store.set_meta("formulations_pairwise", json.dumps(sorted(
        reading for reading, members in readings.items()
        if reads_two_by_two(picked(streams, members)))))
    store.set_meta("formulations_finder", str(FINDER_VERSION))
    leave_formulations_out(store, False)


def leave_formulations_out(store: CollectionStore, left_out: bool) -> None:
    """Record in `store` whether its formulations were left out rather than looked for:
    an empty list then means "not looked for", not "none found"."""
    store.set_meta(FORMULATIONS_LEFT_OUT, "1" if left_out else "0")


def formulations_found_at(store: CollectionStore) -> int:
    """How many articles the store held when its formulations were last found afresh (0
    when it does not say): since then they have been kept up to date (`refresh`)."""
    return sum(json.loads(store.meta("formulations_readings", "{}")).values())


def _still_current(sizes: dict[str, int], found_at: dict[str, int],
                   read_two_by_two: list[str]) -> bool:
    """Whether the formulations found when each reading (`readings`) had `found_at`
    articles may be kept up to date (`refresh`) now that they have `sizes`: each reading
    is as it was, or has grown by at most `FULL_RUN_GROWTH` and was not among those
    `read_two_by_two` (`few_articles`): those are read in another way than the finder
    reads more, and found afresh in no time."""
    def kept(reading: str, size: int) -> bool:
        then = found_at.get(reading, 0)
        return size == then or (reading not in read_two_by_two and then > 0
                                and size <= then * (1 + FULL_RUN_GROWTH))
    return all(kept(reading, size) for reading, size in sizes.items())


def _formulations(keys: list[str], docs: list[Any], texts: list[str],
                  tokens: list[TokenStream], excluded: list[list[Span]]) -> list[Formulation]:
    if not docs:
        return []
    return fresh_formulations(texts, tokens, stored_vocabulary(keys),
                              [d.date for d in docs], [d.series for d in docs],
                              [d.language for d in docs], excluded, [d.id for d in docs])


def fresh_formulations(texts: list[str], tokens: list[TokenStream], vocabulary: Vocabulary,
                       dates: list[str], series: list[str], languages: list[str],
                       excluded: list[list[Span]], ids: list[str]) -> list[Formulation]:
    """The formulations of a whole collection, found afresh: documents in order, tokens of
    one vocabulary built in that order (`words.tokenize_articles`), each document's
    boilerplate spans `excluded`, its id in `ids`. The articles of each language are
    read on their own, in that language (`readings`), and the readings' lists merged."""
    streams = [TokenStream(t.ids, t.starts, t.ends, char_codes(text))
               for t, text in zip(tokens, texts, strict=True)]
    rankings = []
    for reading, members in by_reading(languages).items():
        own_texts, own_streams = picked(texts, members), picked(streams, members)
        own_dates, own_excluded = picked(dates, members), picked(excluded, members)
        own_ids = picked(ids, members)
        found = with_pairwise(
            find_formulations(own_texts, own_streams, vocabulary, own_dates, own_excluded,
                              reading, series=picked(series, members), ids=own_ids),
            own_texts, own_streams, vocabulary, own_dates, own_excluded, reading, ids=own_ids)
        rankings.append([_renumbered(item, members) for item in found])
    return merged_ranking(rankings)


def _renumbered(item: Formulation, members: list[int]) -> Formulation:
    """`item`, found among the documents `members` (in order), with their numbers in the
    whole collection."""
    return replace(item, first=members[item.first],
                   occurrences=tuple((members[k], spans) for k, spans in item.occurrences))


def formulation_dict(item: Formulation, ids: list[str], dates: list[str]) -> dict[str, Any]:
    """A formulation in the JSON contract's form (`ids`, `dates`: the documents', in order)."""
    return {"phrase": item.phrase, "variants": list(item.variants),
            "documents": item.documents, "count": item.count,
            "first": {"doc": ids[item.first], "date": dates[item.first]},
            "per_month": dict(item.per_month),
            "occurrences": [{"doc": ids[k], "spans": [list(s) for s in spans]}
                            for k, spans in item.occurrences]}


def not_copies(formulations: list[Formulation], passages: list[Passage],
               count: int) -> list[Formulation]:
    """The formulations less those that are pieces of copied passages: a sentence of a
    passage copied into a few articles recurs too, once in each copy. Documents that hold a
    formulation only inside copies of one another are one writing of it (`_writings`); a
    formulation is kept when it recurs in `MIN_DOCUMENTS` writings, as it must recur in so
    many documents to be found at all (a slogan planted in two articles, each reprinted
    whole, and used in three more, is in five writings). A copy is a passage of
    `passage_rules.COPY_WORDS` words or more: a shorter one around a formulation is as
    likely the formula it is set in ("the decision-making and deployment of the Party
    Central Committee"), which every writer of the genre uses."""
    inside: list[list[rules.Stretch]] = [[] for _ in range(count)]
    for kx, span_x, ky, span_y, _, short_words, _ in passages:
        if short_words >= rules.COPY_WORDS:
            inside[kx].append((span_x[0], span_x[1], True, ky))
            inside[ky].append((span_y[0], span_y[1], True, kx))
    for spans in inside:
        spans.sort()
    return [item for item in formulations if _writings(item, inside) >= MIN_DOCUMENTS]


def _writings(item: Formulation, inside: list[list[rules.Stretch]]) -> int:
    """How many documents hold `item`, counting those that hold it only inside copies of
    one another (the stretches `inside` each document) as one. A document that also uses
    it outside every copy writes it on its own: that one of its uses lies in a passage
    another article copied (a speech quoted in a few reports) does not make the others
    copies."""
    slot = {k: n for n, (k, _) in enumerate(item.occurrences)}
    writings = DisjointSets(len(slot))
    for k, spans in item.occurrences:
        sources = [rules.copied_from(span, inside[k]) & slot.keys() for span in spans]
        if all(sources):
            for other in set().union(*sources):
                writings.union(slot[k], slot[other])
    return len({writings.find(n) for n in range(len(slot))})
