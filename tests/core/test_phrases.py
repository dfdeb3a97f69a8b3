"""The recurring grams of texts laid end to end: what is weighed in bounded batches, or let
go to save memory, gives what weighing all at once gives (up to the rounding of sums
taken in another order)."""

import random
import tracemalloc

import numpy as np
import pytest

import viewer.core.collection.edges as edges_module
import viewer.core.phrases as phrases
from viewer.core.collection.edges import EdgeEvidence
from viewer.core.normalize import shared_normalizer
from viewer.core.phrases import RecurringGrams, breaks_after
from viewer.core.tokenize import TokenStream, Vocabulary, token_offsets, tokenize

PHRASES = ["steady harbour of civic trust", "lasting quantum unity", "the green corridor"]


def _texts() -> list[str]:
    """Forty texts of common words, each using some of `PHRASES` in varied contexts."""
    rng = random.Random(5)
    words = ["river", "stone", "market", "bright", "quiet", "open", "early", "people",
             "north", "field", "city", "old"]
    texts = []
    for _ in range(40):
        sentences = []
        for _ in range(12):
            sentence = rng.choices(words, k=rng.randint(4, 9))
            if rng.random() < 0.4:
                sentence.insert(rng.randint(0, len(sentence)), rng.choice(PHRASES))
            sentences.append(" ".join(sentence).capitalize() + ".")
        texts.append(" ".join(sentences))
    return texts


def _streams(texts: list[str]) -> list[TokenStream]:
    vocabulary = Vocabulary()
    return [tokenize(t, shared_normalizer(language="en"), vocabulary) for t in texts]


def _grams(streams: list[TokenStream]) -> RecurringGrams:
    ids = np.concatenate([s.ids for s in streams])
    stops = np.concatenate([breaks_after(s) for s in streams])
    doc_of = np.repeat(np.arange(len(streams)), [len(s) for s in streams])
    return RecurringGrams(ids, stops, np.zeros(len(ids), dtype=bool), doc_of, 6, min_docs=2)


def test_neighbour_variety_weighed_in_small_batches_is_what_it_is_weighed_at_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    grams = _grams(_streams(_texts()))
    content = np.ones(len(grams.word_count), dtype=bool)
    index = np.arange(len(grams.levels[2]))
    at_once = grams.neighbour_variety(2, index, content, across_breaks=True)
    # The level's uses run to thousands: batches of 50 make dozens of them.
    assert grams.levels[2].count.sum() > 20 * 50
    monkeypatch.setattr(phrases, "VARIETY_BATCH_USES", 50)
    batched = grams.neighbour_variety(2, index, content, across_breaks=True)
    for whole, parts in zip(at_once, batched, strict=True):
        np.testing.assert_allclose(parts, whole, rtol=1e-12)
    # A gram with more uses than a batch is weighed whole, in a batch of its own.
    monkeypatch.setattr(phrases, "VARIETY_BATCH_USES", 1)
    single = grams.neighbour_variety(2, index, content, across_breaks=True)
    for whole, parts in zip(at_once, single, strict=True):
        np.testing.assert_allclose(parts, whole, rtol=1e-12)


def test_contexts_let_go_are_made_again_alike() -> None:
    grams = _grams(_streams(_texts()))
    content = np.ones(len(grams.word_count), dtype=bool)
    index = np.arange(len(grams.levels[3]))
    before = grams.neighbour_variety(3, index, content, repeats_once=True)
    grams.forget_contexts()
    after = grams.neighbour_variety(3, index, content, repeats_once=True)
    for first, again in zip(before, after, strict=True):
        assert np.array_equal(first, again)


def test_token_offsets_lay_the_streams_end_to_end_in_half_the_memory() -> None:
    texts = _texts()[:3]
    streams = _streams(texts)
    starts, ends = token_offsets(streams)
    assert starts.dtype == ends.dtype == np.int32
    laid = [(k, s, e) for k, stream in enumerate(streams)
            for s, e in zip(stream.starts.tolist(), stream.ends.tolist(), strict=True)]
    assert list(zip(starts.tolist(), ends.tolist(), strict=True)) == [(s, e) for _, s, e in laid]
    # Each offset is into its own text: the words read back are the texts' words.
    assert [texts[k][s:e] for k, s, e in laid][:3] == texts[0].split()[:3]
    empty = token_offsets([])
    assert len(empty[0]) == len(empty[1]) == 0


@pytest.mark.parametrize("pair_slice", [7, edges_module.PAIR_SLICE])
def test_edge_pairs_are_each_kept_once_with_how_often_they_occur(
        pair_slice: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # Pairs are keyed a slice at a time: slices that cut the collection anywhere count
    # every pair as one pass would.
    monkeypatch.setattr(edges_module, "PAIR_SLICE", pair_slice)
    streams = _streams(_texts()[:6])
    ids = np.concatenate([s.ids for s in streams])
    stops = np.concatenate([breaks_after(s) for s in streams])
    doc_of = np.repeat(np.arange(len(streams)), [len(s) for s in streams])
    edges = EdgeEvidence(ids, stops, np.zeros(len(ids), dtype=bool), doc_of)
    counted: dict[tuple[int, int], int] = {}
    for p in range(len(ids) - 1):
        if not stops[p] and doc_of[p] == doc_of[p + 1]:
            pair = (int(ids[p]), int(ids[p + 1]))
            counted[pair] = counted.get(pair, 0) + 1
    kept = {(int(k) // edges.words, int(k) % edges.words): int(c)
            for k, c in zip(edges.keys, edges.counts, strict=True)}
    assert kept == counted
    assert np.all(np.diff(edges.keys) > 0)


def test_recurring_grams_of_narrow_word_ids_are_those_of_wide_ones() -> None:
    # Stored tokens come back as 32-bit ids. A gram's key (two ids of a 5,000-word
    # vocabulary) packed with its index overflows 32 bits: the grams must not depend on
    # the width the ids came in.
    rng = np.random.default_rng(3)
    phrase = rng.integers(0, 5000, size=9)
    docs = []
    for k in range(60):
        text = rng.integers(0, 5000, size=3000)
        if k % 4 == 0:
            text[1000:1009] = phrase
        docs.append(text)
    ids = np.concatenate(docs)
    doc_of = np.repeat(np.arange(len(docs)), 3000)
    stops = np.zeros(len(ids), dtype=bool)
    blocked = np.zeros(len(ids), dtype=bool)
    wide = RecurringGrams(ids.astype(np.int64), stops, blocked, doc_of, 10, min_docs=3)
    narrow = RecurringGrams(ids.astype(np.int32), stops, blocked, doc_of, 10, min_docs=3)
    assert sorted(narrow.levels) == sorted(wide.levels) == list(range(2, 10))
    for n, level in wide.levels.items():
        np.testing.assert_array_equal(narrow.levels[n].positions, level.positions)
        np.testing.assert_array_equal(narrow.levels[n].count, level.count)
    assert wide.levels[9].documents.tolist() == [15]


def test_looking_up_one_position_does_not_copy_the_level() -> None:
    # Levels hold positions as 32-bit integers; positions are asked for as numpy makes
    # them (64-bit). Searching one width with the other makes numpy convert the whole
    # level at every call: tens of MB and ms for one position, thousands of times over
    # while formulations are segmented.
    rng = np.random.default_rng(5)
    ids = rng.integers(0, 40, size=2_000_000)
    doc_of = np.repeat(np.arange(100), 20_000)
    no_marks = np.zeros(len(ids), dtype=bool)
    grams = RecurringGrams(ids, no_marks, no_marks, doc_of, 3, min_docs=2)
    level = grams.levels[2]
    assert level.positions.dtype == np.int32 and len(level.positions) > 1_000_000
    one = np.array([int(level.positions[12345])])
    tracemalloc.start()
    try:
        found = level.gram_at(one)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert found.tolist() == [int(level.gram[12345])]
    assert peak < 100_000
