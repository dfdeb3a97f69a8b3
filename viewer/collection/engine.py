"""Index a collection into its store and derive the results: the orchestration of `tandem corpus`.

`add_sources(store, sources)` reads the articles, stores the new and changed ones (each
tokenized once, with the store's one shared vocabulary, and reduced to its n-gram hashes),
aligns only the candidate pairs that involve them (the same matcher as `tandem compare`,
`viewer.core.shared`, over both cores) and drops the passages of older pairs that are no
longer candidates, then recomputes the finished results from what is
stored: boilerplate per series, formulations, the pairs without them, clusters. Everything
is written in one transaction: an interrupted run leaves the store as it was.

`sync=True` also removes stored articles the sources no longer hold (the one-shot command).
Neither replaces nor removes the articles of other sources a store holds (`clashes`), unless
`replace=True` says texts under ids another source file has are newer texts of its articles.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from viewer.collection.align import align_pairs
from viewer.collection.clashes import (
    TakenId,
    file_of,
    of_other_sources,
    refuse_removing,
    refuse_replacing,
    refuse_taking,
    taken_id,
)
from viewer.collection.passage_rules import sentence_bounds
from viewer.collection.rekey import keys_current, mark_keys, refuse_later_version, rekey
from viewer.collection.results import derive
from viewer.collection.sources import Article, Skipped, lies_in, read_sources
from viewer.collection.store import CollectionStore, DocumentRow, StoreError
from viewer.collection.words import (
    CJK_LANGUAGES,
    TOKENIZE_BATCH,
    collection_normalizer,
    content_hash,
    stored_vocabulary,
    tokenize_articles,
)
from viewer.core.collection.edited_sentences import SentenceTokens, copied_sentence_pairs
from viewer.core.collection.index import (
    LoneRuns,
    candidate_pairs,
    document_grams,
    index_params,
)
from viewer.core.document import detect_language
from viewer.core.shared import MATCHER_VERSION
from viewer.present.wording import counted

#: Progress callback: what is being done and how far, 0..1.
Progress = Callable[[str, float], None]


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
    #: What the run left out, and its notes on articles it indexed, in order.
    reported: tuple[Skipped, ...] = ()
    #: Where the stored articles were read from that the sources no longer hold (a file
    #: deleted or renamed, a line gone from a newer dump): an add without `sync` keeps them.
    left: tuple[str, ...] = ()
    #: Stored articles kept as read before: their file is there but cannot be read now.
    kept: int = 0

    @property
    def skipped(self) -> int:
        """Inputs left out."""
        return sum(not item.indexed for item in self.reported)

    @property
    def noted(self) -> int:
        """Notes on articles indexed all the same (a date not read as one)."""
        return sum(item.indexed for item in self.reported)


def add_sources(store: CollectionStore, sources: Sequence[str | os.PathLike[str]],
                progress: Progress | None = None, *, sync: bool = False,
                cache: bool = False, workers: int | None = None,
                committing: Callable[[], None] | None = None,
                replace: bool = False, refind: bool = False,
                formulations: bool = True) -> AddSummary:
    """Add the articles of `sources` to `store` and refresh its results (see module doc).
    `cache`: the store is the cache of exactly these sources (the window's, the one-shot
    command's), so with `sync` what it holds that they no longer do goes, wherever its file
    now is. `replace`: an article read under an id (given, not made from a path) that an
    article of another source file has replaces it, rather than being refused
    (`refuse_taking`). `committing()` is called when all is written, just before the
    transaction commits: from there on the run can no longer be undone. `refind`: the
    formulations are found afresh, however little the collection grew (see
    `viewer.collection.refresh`), also in a store they were left out of. `formulations`
    False leaves them out (`--no-formulations`), and the store records it: later adds keep
    them out until one `refind`s them."""
    refuse_later_version(store)
    # Stored as absolute paths: whether an article's file is still there, and so whether
    # it belongs to another source (`clashes`), must not depend on where a later add runs.
    paths = [os.path.abspath(source) for source in sources]
    report = progress or _quiet
    skipped: list[Skipped] = []
    report("Reading articles", 0.0)
    articles = list(read_sources(paths, skipped.append, on_progress=lambda done: report(
        "Reading articles", 0.05 * done.fraction)))
    with store.transaction():
        summary = _add(store, articles, skipped, report, sync, workers,
                       paths, cache,
                       # A cache holds exactly its sources: no other source's article.
                       replace_given_ids=cache or replace, refind=refind,
                       formulations=False if not formulations else True if refind else None)
        if committing is not None:
            committing()
    report("Done", 1.0)
    return summary


def _renamed(stored: dict[str, DocumentRow], articles: list[Article],
             present: set[str]) -> set[str]:
    """The ids of `stored` articles (id -> stored row) read from a file that an article
    read now comes from under another id, the old one given by no article now (a
    metadata.csv row edited): that file's article is the new one. A JSON-lines line is no
    file: a newer dump may hold other articles at the same lines."""
    now = {a.path: a.id for a in articles}
    return {doc_id for doc_id, row in stored.items()
            if doc_id not in present and now.get(row.path, doc_id) != doc_id
            and os.path.isfile(row.path)}


def _add(store: CollectionStore, articles: list[Article], skipped: list[Skipped],
         report: Progress, sync: bool, workers: int | None,
         sources: list[str], cache: bool, *, replace_given_ids: bool,
         refind: bool, formulations: bool | None) -> AddSummary:
    known = store.hashes()
    stored = {row.id: row for row in store.documents()} if known else {}
    # Where each stored article was read from: those of other sources stay (`clashes`).
    stored_paths = {doc_id: row.path for doc_id, row in stored.items()}
    fresh: list[tuple[int, Article, str]] = []
    taken: list[TakenId] = []
    changed = relabelled = 0
    next_num = store.next_number()
    for article in articles:
        digest = content_hash(article.text)
        old = known.get(article.id)
        if old is not None and old[1] == digest:
            # Another date or series (metadata.csv edited) moves first appearances and
            # boilerplate: the article has changed, its text need not be read again.
            row = stored[article.id]
            relabel = (row.date, row.series) != (article.date, article.series)
            if (not replace_given_ids and row.path != article.path
                    and of_other_sources(row.path, sources)):
                # Another source's article: it keeps its file, date and series. Another
                # date or series given for it under its id is refused as another text is.
                if relabel and not article.id_from_path:
                    taken.append(TakenId(article.id, row.path, article.path,
                                         same_text=True))
                continue
            relabelled += relabel
            _update_metadata(store, old[0], article)
            continue
        if old is not None:
            if article.id_from_path:
                refuse_replacing(store.path, article.id, stored_paths[article.id],
                                 article.path, sources)
            elif not replace_given_ids and (clash := taken_id(
                    article.id, stored_paths[article.id], article.path, sources)):
                taken.append(clash)
            changed += 1
            num = old[0]
        else:
            num, next_num = next_num, next_num + 1
        fresh.append((num, article, digest))
    refuse_taking(store.path, taken, sources)
    present = {a.id for a in articles}
    # A file still there that cannot be read now (emptied, damaged, its permissions) is
    # no file gone: its article stays as read before, with a note saying so, in place of
    # its skipped line (it was listed both as an article and as skipped).
    unread, skipped = _kept_unread(stored, present, skipped, sync)
    present |= unread
    # A file that went away while the folder was read is told once, on its own line: a
    # one-shot run drops its article with those of files gone before the run.
    went: set[str] = set()
    if not sync:
        went, skipped = _kept_gone(stored, present, skipped)
    # A file whose metadata.csv row now gives it another id is that article under its new
    # id: kept under the old one too, it would make a pair sharing every word with itself.
    gone = _renamed(stored, articles, present)
    if sync:
        if not cache:
            refuse_removing(store.path, [path for doc_id, path in stored_paths.items()
                                         if doc_id not in present], sources)
        gone |= {doc_id for doc_id in known if doc_id not in present}
    left = [] if sync else _no_longer_held(stored, present | gone | went, sources)
    for doc_id in sorted(gone):
        store.remove_document(known[doc_id][0])
    removed = len(gone)
    # What other sources skipped stays listed: their articles stay too.
    kept = [] if sync else [(row["path"], row["reason"], row["indexed"])
                            for row in store.skipped()
                            if of_other_sources(row["path"], sources)]
    store.set_skipped(kept + [(s.path, s.reason, s.indexed) for s in skipped])

    normalizer = collection_normalizer()
    # Keys another version made would not meet this one's: the stored texts are read
    # again and every pair aligned again (see `rekey`).
    rekeyed = not keys_current(store)
    if rekeyed:
        rekey(store, normalizer, lambda done: report("Reading stored articles again",
                                                     0.05 * done))
    mark_keys(store)
    keys = store.vocabulary_keys()
    vocabulary = stored_vocabulary(keys)
    known_keys = len(keys)
    languages = [detect_language(a.text) for _, a, _ in fresh]
    # The index's n-gram length is chosen once, by the store's first articles.
    stored_n = store.meta("gram_n")
    cjk_index = (stored_n == str(index_params(True, 0).n) if stored_n
                 else sum(lang in CJK_LANGUAGES for lang in languages) > len(languages) / 2)
    gram_n = index_params(cjk_index, 0).n
    store.set_meta("gram_n", str(gram_n))
    for start in range(0, len(fresh), TOKENIZE_BATCH):
        report("Indexing articles", 0.05 + 0.25 * start / max(1, len(fresh)))
        batch = fresh[start:start + TOKENIZE_BATCH]
        streams = tokenize_articles([a.text for _, a, _ in batch], vocabulary, normalizer)
        for (num, article, digest), stream, language in zip(
                batch, streams, languages[start:start + TOKENIZE_BATCH], strict=True):
            store.put_document(num, {
                "id": article.id, "series": article.series, "date": article.date,
                "path": article.path, "title": article.title, "text": article.text,
                "hash": digest, "chars": len(article.text), "words": len(stream),
                "language": language,
            }, stream.ids, stream.starts, stream.ends, document_grams(stream.ids, gram_n))
    store.add_vocabulary(known_keys, vocabulary.keys[known_keys:])

    report("Finding candidate pairs", 0.3)
    # Passages another version of the matcher found are not what it finds now: all pairs
    # are aligned again (see `MATCHER_VERSION`).
    realign = bool(known) and (rekeyed or store.meta("matcher") != str(MATCHER_VERSION))
    store.set_meta("matcher", str(MATCHER_VERSION))
    if realign:
        store.remove_all_passages()
    grams = store.grams()
    nums = _index_order(grams, articles, store.hashes())
    position = {num: k for k, num in enumerate(nums)}
    new_mask = np.zeros(len(nums), dtype=bool)
    for num, _, _ in fresh:
        new_mask[position[num]] = True
    params = index_params(cjk_index, len(nums))
    candidates = candidate_pairs([grams[num] for num in nums], params)
    pairs = [_ordered(nums[x], nums[y]) for x, y in zip(candidates.first.tolist(),
                                                         candidates.second.tolist(), strict=True)]
    if candidates.lone is not None:
        pairs = sorted(pairs + _edited_sentence_pairs(
            store, candidates.lone, nums, params.n, cjk_index,
            None if realign else (new_mask, store.passage_pairs())))
    if not realign:
        # A run the new articles hold too, or text they take over the cap, unmakes the
        # candidate pairs it made of older ones: their passages go, as a fresh run would
        # not align them. Of the rest, only the pairs with a new article are aligned.
        store.remove_pair_passages(store.passage_pairs() - set(pairs))
        pairs = [(x, y) for x, y in pairs if new_mask[position[x]] or new_mask[position[y]]]
    rows = align_pairs(store, vocabulary, pairs, report, workers)
    store.add_passages(rows)
    derive(store, report, None if changed or relabelled or removed or realign or refind
           else {num for num, _, _ in fresh}, grams, formulations)
    return AddSummary(added=len(fresh) - changed, changed=changed + relabelled,
                      removed=removed, unchanged=len(articles) - len(fresh) - relabelled,
                      aligned_pairs=len(pairs), reported=tuple(skipped),
                      left=tuple(left), kept=len(unread))


def _index_order(grams: dict[int, np.ndarray], articles: list[Article],
                 stored: dict[str, tuple[int, str]]) -> list[int]:
    """The numbers of the stored documents (`grams`' keys) in the order the index reads
    them: those this add did not read (other sources', files gone) by number, then those
    it read, as read (`stored`: each id's number). A run of more articles than the index's
    cap pairs each of them with the first holding it (`candidate_pairs`): read in the
    order the sources give them, as indexing them afresh reads them, an article added
    later that sorts first is that first, not whichever the store held before."""
    read = list(dict.fromkeys(stored[a.id][0] for a in articles if a.id in stored))
    taken = set(read)
    return sorted(num for num in grams if num not in taken) + [
        num for num in read if num in grams]


def _ordered(x: int, y: int) -> tuple[int, int]:
    """A pair of document numbers as the passages table keeps it, the lower first."""
    return (x, y) if x < y else (y, x)


def _kept_unread(stored: dict[str, DocumentRow], present: set[str],
                 skipped: list[Skipped], sync: bool) -> tuple[set[str], list[Skipped]]:
    """The ids of the `stored` articles not read now (`present`) whose file, or a folder
    it is in, is skipped as there but unreadable (`Skipped.unreadable`), and `skipped`
    with each such file's or folder's line turned into a note on its articles, which stay
    as read before (`sync`: by a run that drops what its sources no longer hold)."""
    held, files = _held_by(stored, present, {item.path for item in skipped if item.unreadable})
    told = [Skipped(item.path, f"{item.problem or item.reason}; "
                               f"{_stay(len(held[item.path]), item.path in files, sync)}",
                    indexed=True)
            if item.unreadable and item.path in held else item for item in skipped]
    return set().union(*held.values()), told


def _kept_gone(stored: dict[str, DocumentRow], present: set[str],
               skipped: list[Skipped]) -> tuple[set[str], list[Skipped]]:
    """The ids of the `stored` articles not read now (`present`) whose file, or a folder
    it is in, went away while the run read its folder (`Skipped.gone`), and `skipped` with
    each such line saying that they stay, as an add keeps what its sources no longer hold:
    told there once, not again among them."""
    held, _ = _held_by(stored, present, {item.path for item in skipped if item.gone})
    told = [Skipped(item.path, f"{item.reason}; until then {_stay_as_they_were(held[item.path])}",
                    gone=True)
            if item.gone and item.path in held else item for item in skipped]
    return set().union(*held.values()), told


def _held_by(stored: dict[str, DocumentRow], present: set[str], paths: set[str]
             ) -> tuple[dict[str, set[str]], set[str]]:
    """The ids of the `stored` articles not read now (`present`) by the one of `paths`
    that is their file or a folder it is in, and those of `paths` that are such a file."""
    held: dict[str, set[str]] = {}
    files: set[str] = set()
    if not paths:
        return held, files
    for doc_id, row in stored.items():
        if doc_id not in present:
            where = next((path for path in _self_and_folders(row.path) if path in paths),
                         None)
            if where is not None:
                held.setdefault(where, set()).add(doc_id)
                if where == row.path:
                    files.add(where)
    return held, files


def _self_and_folders(path: str) -> Iterator[str]:
    """`path`, then each folder it is in, up to the top."""
    while True:
        yield path
        parent = os.path.dirname(path)
        if parent == path:
            return
        path = parent


def _stay(count: int, file: bool, sync: bool) -> str:
    """What is told of the `count` articles that stay though their `file`, or a folder
    they are in, cannot be read; for a file, how its article is dropped instead (`sync`:
    by a run that drops what its sources no longer hold)."""
    if file:
        drop = (": the next run does" if sync else
                ", then run 'tandem corpus SOURCE... --store STORE' with every source the "
                "store holds (an add removes none)")
        return ("the article read from it before stays in the store as it was until the "
                f"file is read again; to drop it, remove the file{drop}")
    return (f"the {counted(count, 'article')} read from it before "
            f"{'stays' if count == 1 else 'stay'} in the store as "
            f"{'it was' if count == 1 else 'they were'} until it is read again")


def _stay_as_they_were(ids: set[str]) -> str:
    """That the articles `ids` read before stay in the store as they were."""
    if len(ids) == 1:
        return "the article read from it before stays in the store as it was"
    return f"the {counted(len(ids), 'article')} read from it before stay in the store as they were"


def _no_longer_held(stored: dict[str, DocumentRow], accounted: set[str],
                    sources: list[str]) -> list[str]:
    """The paths (sorted) of the `stored` articles read from `sources` that are not
    `accounted` for (read now, or taken out) and whose file is gone, or whose JSON-lines
    file no longer holds them."""
    return sorted(row.path for doc_id, row in stored.items()
                  if doc_id not in accounted and _in_sources(row.path, sources)
                  and (file_of(row.path) != row.path or not os.path.isfile(row.path)))


def _in_sources(stored_path: str, sources: list[str]) -> bool:
    """Whether an article read from `stored_path` (a file, or a JSON-lines "FILE:LINE")
    came from one of `sources` (absolute paths), there or not."""
    path = file_of(stored_path)
    return any(path == source or lies_in(path, source) for source in sources)


def _update_metadata(store: CollectionStore, num: int, article: Article) -> None:
    store.connection.execute(
        "UPDATE documents SET series = ?, date = ?, path = ?, title = ? WHERE num = ? AND "
        "(series != ? OR date != ? OR path != ? OR title != ?)",
        (article.series, article.date, article.path, article.title, num,
         article.series, article.date, article.path, article.title))


def _edited_sentence_pairs(store: CollectionStore, lone: LoneRuns, nums: list[int], n: int,
                           cjk: bool, since: tuple[np.ndarray, set[tuple[int, int]]] | None,
                           ) -> list[tuple[int, int]]:
    """The pairs (store numbers) of one sentence copied and edited that the index's n-grams
    are too few to pair (see `viewer.core.collection.edited_sentences`); `lone` is numbered
    by position in `nums`. `since`: the new articles (a mask over `nums`) and the pairs
    aligned before, when only pairs with a new article are aligned. An older pair is then
    tested again only if it has passages: the test depends on its two texts and on the
    n-grams they alone hold, so an added article can take a pair out, never bring one in."""
    if since is not None:
        fresh, aligned = since
        keys = np.array([x * len(nums) + y for x, y in _positions(aligned, nums)],
                        dtype=np.int64)
        lone = lone.of_pairs(fresh[lone.first] | fresh[lone.second]
                             | np.isin(lone.first * len(nums) + lone.second, keys))

    def document(position: int) -> SentenceTokens:
        num = nums[position]
        (ids, starts, ends), = store.token_arrays([num], compact=True).values()
        return SentenceTokens.of(store.text_of(num), ids, starts, ends)

    found = copied_sentence_pairs(lone, document, n, **sentence_bounds(cjk))
    return [_ordered(nums[x], nums[y]) for x, y in sorted(found)]


def _positions(pairs: set[tuple[int, int]], nums: list[int]) -> list[tuple[int, int]]:
    """Store-numbered pairs as positions in `nums` (sorted), those of stored articles."""
    at = {num: k for k, num in enumerate(nums)}
    return sorted(_ordered(at[x], at[y]) for x, y in pairs if x in at and y in at)


# -- alignment of candidate pairs, over the cores -----------------------------------------


__all__ = ["AddSummary", "StoreError", "add_sources", "derive"]
