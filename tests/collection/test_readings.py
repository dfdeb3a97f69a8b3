"""A collection in two languages lists the formulations and boilerplate of each as that
language's articles alone list them (`viewer.core.collection.readings`): here the 30
English articles of tests/fixtures/collection/en beside the 8 Chinese ones of
tests/fixtures/collection/zh, in one JSON-lines file. Read together by the majority's
language, the Chinese articles' slogan went unlisted; counted among the English articles
of their series, their editor's line was no boilerplate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.collection.planted import embedded_report
from tests.conftest import FIXTURES
from viewer.collection.engine import add_sources
from viewer.collection.store import CollectionStore
from viewer.core.collection.few_articles import FEW_ARTICLES
from viewer.core.collection.readings import by_reading, merged_ranking

EN = FIXTURES / "collection" / "en"
ZH = FIXTURES / "collection" / "zh"
#: The English series the Chinese articles are put in (8 English articles).
SERIES = "gazette"


def _rows(folder: Path) -> list[dict[str, Any]]:
    with open(folder / "collection.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _write(path: Path, rows: list[dict[str, Any]]) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def _formulations(report: dict[str, Any]) -> list[str]:
    """Each listed formulation, whole, as one comparable string."""
    return sorted(json.dumps(item, sort_keys=True) for item in report["formulations"])


def mixed_rows() -> list[dict[str, Any]]:
    """The English and the Chinese articles, the Chinese ones in the series of most English
    ones: a series that publishes in both languages."""
    return _rows(EN) + [{**row, "series": SERIES} for row in _rows(ZH)]


def test_each_language_lists_what_its_articles_alone_list(tmp_path: Path) -> None:
    mixed = embedded_report(_write(tmp_path / "mixed.jsonl", mixed_rows()),
                            tmp_path / "mixed.sqlite")
    # Too many articles for every two to be read (`few_articles`), too few Chinese ones
    # for the finder to tell a formulation by their figures alone.
    assert len(mixed["documents"]) >= FEW_ARTICLES > len(_rows(ZH))
    english = embedded_report(EN / "collection.jsonl", tmp_path / "en.sqlite")
    chinese = embedded_report(_write(tmp_path / "zh.jsonl", mixed_rows()[len(_rows(EN)):]),
                              tmp_path / "zh.sqlite")
    assert _formulations(mixed) == sorted(_formulations(english) + _formulations(chinese))
    # The series' boilerplate in each language: the English footer in 7 of its 8 English
    # articles, the Chinese editor's line in 4 of its 8 Chinese ones (too few of 16).
    assert mixed["boilerplate"] == sorted(
        english["boilerplate"] + chinese["boilerplate"],
        key=lambda b: (b["series"], -b["documents"], b["text"]))
    assert [(b["series"], b["documents"]) for b in chinese["boilerplate"]] == [(SERIES, 4)]
    # The Chinese articles' slogan, with the uses planted.
    [planted] = json.loads((ZH / "truth.json").read_text(encoding="utf-8"))["formulations"]
    [found] = [item for item in mixed["formulations"] if item["phrase"] == planted["phrase"]]
    assert ({o["doc"]: o["spans"] for o in found["occurrences"]}
            == {o["doc"]: o["spans"] for o in planted["occurrences"]})


def test_articles_added_to_a_language_read_two_by_two_are_read_afresh(tmp_path: Path) -> None:
    # Two of the five Chinese articles indexed first use the slogan; the third comes with
    # the three added. The collection grows by less than a tenth, which would keep its
    # formulations and count new uses only (`refresh`), but its Chinese articles are read
    # two by two, and reading them again finds the slogan.
    english, chinese = _rows(EN), _rows(ZH)
    first = _write(tmp_path / "first.jsonl", english + chinese[:5])
    rest = _write(tmp_path / "rest.jsonl", chinese[5:])
    [planted] = json.loads((ZH / "truth.json").read_text(encoding="utf-8"))["formulations"]
    users = {o["doc"] for o in planted["occurrences"]}
    assert len(users & {row["id"] for row in chinese[:5]}) == 2
    once = embedded_report(_write(tmp_path / "all.jsonl", english + chinese),
                           tmp_path / "once.sqlite")
    assert planted["phrase"] in [item["phrase"] for item in once["formulations"]]
    with CollectionStore.create_or_open(tmp_path / "store.sqlite") as store:
        add_sources(store, [first], workers=1)
        assert planted["phrase"] not in [f["phrase"] for f in store.report()["formulations"]]
        add_sources(store, [first, rest], workers=1)
        assert store.report()["formulations"] == once["formulations"]


def test_readings_take_chinese_and_japanese_together_and_the_rest_as_english() -> None:
    assert by_reading(["en", "zh", "ja", "en", "zh"]) == {"en": [0, 3], "zh": [1, 2, 4]}


def test_ranked_lists_merge_by_each_items_place_in_its_own_list() -> None:
    # Places: a .08, b .25, c .42, d .58, e .75, f .92; x .25, y .75 (the longer list first).
    assert merged_ranking([list("abcdef"), ["x", "y"]]) == list("abxcdeyf")
    assert merged_ranking([["x"]]) == ["x"]
    assert merged_ranking([]) == []
