"""A store whose match keys another version of Tandem made reads its texts again.

Until an `add` does so, its results are the other version's: `other_version_note` says
so to whoever reads them (`tandem corpus report`, `compare --collection`, the window). A
store a later version indexed is read as it is and never added to (`later_version`).

The vocabulary, every document's token ids and its n-gram hashes follow from the keys
(`viewer.core.normalize.KEYS_VERSION`): an `add` that met old keys beside new ones would
miss what the two share (傳統 stored as itself, 传统 arriving as 传统 since version 2).
So before adding anything, a store of other keys is tokenized again from its stored
texts, in document order as one indexing of them would, and all its pairs are aligned
again. The offsets do not change (keys never move them), nor do the documents' rows.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable

from viewer.collection.store import CollectionStore, UnusableStore
from viewer.collection.words import TOKENIZE_BATCH, tokenize_articles
from viewer.core.collection.formulations import FINDER_VERSION
from viewer.core.collection.index import document_grams
from viewer.core.normalize import KEYS_VERSION, Normalizer
from viewer.core.shared import MATCHER_VERSION
from viewer.core.tokenize import Vocabulary

#: The meta entry holding the version (a store without it was written by version 1).
KEYS_META = "keys"


def keys_current(store: CollectionStore) -> bool:
    """Whether the store's vocabulary holds this version's keys (an empty store does)."""
    return store.meta(KEYS_META, "1") == str(KEYS_VERSION) or not store.document_count()


def rekey(store: CollectionStore, normalizer: Normalizer,
          report: Callable[[float], None]) -> None:
    """Tokenize every stored document again with `normalizer` into a new vocabulary and
    drop every aligned passage (inside the caller's transaction); `report` is told the
    share done."""
    texts = store.texts()
    nums = sorted(texts)
    gram_n = int(store.meta("gram_n"))
    vocabulary = Vocabulary()
    for start in range(0, len(nums), TOKENIZE_BATCH):
        report(start / len(nums))
        batch = nums[start:start + TOKENIZE_BATCH]
        streams = tokenize_articles([texts[num] for num in batch], vocabulary, normalizer)
        for num, stream in zip(batch, streams, strict=True):
            store.put_tokens(num, stream.ids, stream.starts, stream.ends,
                             document_grams(stream.ids, gram_n))
    store.replace_vocabulary(vocabulary.keys)
    store.remove_all_passages()
    mark_keys(store)


def later_version(store: CollectionStore) -> str:
    """What a later version of Tandem than this one wrote into the store (its keys, its
    matcher or its formulation finder), as "what N, this version's M"; "" when none did.
    Such a store is read as it is, and never added to: this version would take it back."""
    for key, ours, what in _VERSIONED:
        theirs = store.meta(key, "")
        if theirs.isdigit() and int(theirs) > ours:
            return f"{what} {theirs}, this version's {ours}"
    return ""


#: The versioned meta entries: key, this version's number, what it records in words.
_VERSIONED = ((KEYS_META, KEYS_VERSION, "match keys"), ("matcher", MATCHER_VERSION, "matcher"),
              ("formulations_finder", FINDER_VERSION, "formulation finder"))


def refuse_later_version(store: CollectionStore) -> None:
    """`UnusableStore` when a later version of Tandem indexed the store (`later_version`)."""
    later = later_version(store)
    if later:
        raise UnusableStore(f"{store.path}: was indexed by a later version of Tandem "
                            f"({later}): add to it with that version, or index the "
                            "collection into a new store (this one is left as it is)")


def other_version_note(store: CollectionStore, name: str = "") -> str:
    """What a reader of the store's results should know when another version of Tandem
    found them (its keys or its matcher are not this version's), else "". The store is
    called `name` (a window names the collection it shows: a path said first, the note
    cut short to fit kept the path and lost what it is about), by default its path."""
    name = name or store.path
    if later_version(store):
        return f"{name} was indexed by a later version of Tandem: its results are that version's"
    if keys_current(store) and store.meta("matcher", str(MATCHER_VERSION)) == str(
            MATCHER_VERSION):
        return ""
    return (f"{name} was indexed by an earlier version of Tandem: its results are that "
            f"version's until `tandem corpus add {shlex.quote(store.path)} SOURCE...` brings "
            "them up to date")


def mark_keys(store: CollectionStore) -> None:
    """Record that the store's keys are this version's."""
    store.set_meta(KEYS_META, str(KEYS_VERSION))
