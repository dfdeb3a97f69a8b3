"""Which article is first where several share the earliest date: the one of the lowest
id, for a formulation's first appearance as for a cluster's source, whatever order the
articles were stored in, indexed at once or added later, in the report and in `tandem
compare --collection`."""

from __future__ import annotations

import json
from pathlib import Path

from tests.collection.planted import SET_PHRASE, Planted, embedded_report, make_collection
from tests.collection.test_corpus_command import _env, tandem
from viewer.collection.engine import add_sources
from viewer.collection.store import CollectionStore

#: Two articles using the set phrase, given one date before every other article's.
TIED = ("d042", "d087")
TIED_DATE = "2021-02-15"


def _tied_collection() -> Planted:
    """A hundred articles, the set phrase in a sentence of every third, two of which
    (`TIED`) share the earliest date; the later one copies a paragraph of the earlier."""
    planted = make_collection(documents=100)
    rows = planted.by_id()
    for row in planted.rows:
        if int(row["id"][1:]) % 3 == 0:
            head, rest = row["text"].split("\n\n", 1)
            words = rest.split(" ")
            row["text"] = f"{head}\n\n" + " ".join([*words[:9], SET_PHRASE, *words[9:]])
    for doc in TIED:
        rows[doc]["date"] = TIED_DATE
    copied = rows[TIED[0]]["text"].split("\n\n")[2]
    rows[TIED[1]]["text"] += f"\n{copied}\n"
    return planted


def _expected_first(planted: Planted) -> str:
    """The lowest id among the articles of the earliest date that write the set phrase."""
    users = [row for row in planted.rows if SET_PHRASE in row["text"]]
    earliest = min(row["date"] for row in users)
    return min(row["id"] for row in users if row["date"] == earliest)


def _later_id_first(planted: Planted) -> list[dict[str, str]]:
    """The articles with the later of `TIED` moved to the front."""
    rows = planted.by_id()
    return [rows[TIED[1]], *(row for row in planted.rows if row["id"] != TIED[1])]


def _set_phrase(report: dict) -> dict:
    [found] = [f for f in report["formulations"] if f["phrase"] == SET_PHRASE]
    return found


def _in_id_order(formulation: dict) -> dict:
    """`formulation` with its occurrences by id (they come in the order stored)."""
    return dict(formulation, occurrences=sorted(formulation["occurrences"],
                                                key=lambda o: o["doc"]))


def _tied_cluster(report: dict) -> dict:
    [found] = [c for c in report["clusters"]
               if {p["doc"] for p in c["passages"]} == set(TIED)]
    return found


def test_stored_later_the_lower_id_is_still_first(tmp_path: Path) -> None:
    planted = _tied_collection()
    expected = _expected_first(planted)
    assert expected == TIED[0]
    report = embedded_report(planted.write(tmp_path / "all.jsonl", _later_id_first(planted)),
                             tmp_path / "store.sqlite")
    stored = [doc["id"] for doc in report["documents"]]
    assert stored.index(TIED[1]) < stored.index(TIED[0])
    assert _set_phrase(report)["first"] == {"doc": expected, "date": TIED_DATE}
    assert _tied_cluster(report)["first"] == expected  # the same rule


def test_added_later_the_lower_id_is_first_as_in_a_fresh_index(tmp_path: Path) -> None:
    # The lower id added on its own, too few articles to find the formulations afresh:
    # their first appearances are brought up to date, and are those of indexing at once.
    planted = _tied_collection()
    once = embedded_report(planted.write(tmp_path / "all.jsonl"), tmp_path / "once.sqlite")
    assert _set_phrase(once)["first"]["doc"] == _expected_first(planted)
    rows = planted.by_id()
    first = planted.write(tmp_path / "first.jsonl",
                          [row for row in planted.rows if row["id"] != TIED[0]])
    late = planted.write(tmp_path / "late.jsonl", [rows[TIED[0]]])
    with CollectionStore.create_or_open(tmp_path / "store.sqlite") as store:
        add_sources(store, [first], workers=1)
        assert _set_phrase(store.report())["first"]["doc"] == TIED[1]
        add_sources(store, [late], workers=1)
        added = store.report()
    assert _in_id_order(_set_phrase(added)) == _in_id_order(_set_phrase(once))


def test_the_report_and_compare_with_the_collection_name_one_first(tmp_path: Path) -> None:
    planted = _tied_collection()
    expected = _expected_first(planted)
    rows = planted.by_id()
    store, env = tmp_path / "store.sqlite", _env(tmp_path)
    for name, part in (("first", [row for row in planted.rows if row["id"] != TIED[0]]),
                       ("late", [rows[TIED[0]]])):
        added = tandem("corpus", "add", str(store), str(planted.write(tmp_path / name, part)),
                       "--quiet", env=env)
        assert added.returncode == 0, added.stderr
    report = json.loads(tandem("corpus", "report", str(store), "--json", "-", env=env).stdout)
    first = _set_phrase(report)["first"]
    assert first == {"doc": expected, "date": TIED_DATE}
    texts = []
    for doc in TIED:
        texts.append(tmp_path / f"{doc}.txt")
        texts[-1].write_text(rows[doc]["text"], encoding="utf-8", newline="")
    compared = tandem("compare", str(texts[1]), str(texts[0]), "--collection", str(store),
                      "--json", "-", env=env)
    assert (compared.returncode, compared.stderr) == (0, "")
    data = json.loads(compared.stdout)
    [slogan] = [s for s in data["slogans"] if s["phrase"] == SET_PHRASE]
    assert slogan["collection"]["first"] == first
