"""The fixture collections (tests/fixtures/collection): both forms read alike, every span in
truth.json points at what it says, and the files are what make_fixtures.py writes."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from viewer.collection.sources import Article, read_sources

ROOT = Path(__file__).resolve().parent.parent / "fixtures" / "collection"


def load(name: str) -> tuple[dict, list[Article], list[Article]]:
    truth = json.loads((ROOT / name / "truth.json").read_text(encoding="utf-8"))
    folder = list(read_sources([ROOT / name / "articles"]))
    lines = list(read_sources([ROOT / name / "collection.jsonl"]))
    return truth, folder, lines


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


@pytest.mark.parametrize("name", ["en", "zh"])
def test_folder_and_json_lines_hold_the_same_articles(name: str) -> None:
    truth, folder, lines = load(name)
    assert [(a.id, a.series, a.date, a.text, a.title) for a in folder] == [
        (a.id, a.series, a.date, a.text, a.title) for a in lines]
    assert [(d["id"], d["series"], d["date"], d["chars"]) for d in truth["documents"]] == [
        (a.id, a.series, a.date, len(a.text)) for a in folder]
    for article, document in zip(folder, truth["documents"], strict=True):
        with open(ROOT / name / "articles" / document["file"], encoding="utf-8",
                  newline="") as handle:
            assert article.text == handle.read()


@pytest.mark.parametrize("name", ["en", "zh"])
def test_truth_spans_hold_what_was_planted(name: str) -> None:
    truth, articles, _ = load(name)
    texts = {a.id: a.text for a in articles}
    dates = {a.id: a.date for a in articles}
    for pair in truth["pairs"]:
        assert dates[pair["a"]] < dates[pair["b"]]
        for case in pair["cases"]:
            a = texts[pair["a"]][slice(*case["a"])]
            b = texts[pair["b"]][slice(*case["b"])]
            if case["obfuscation"] == "none":
                assert a == b
            elif case["obfuscation"] == "light":  # the same words, written differently
                assert "".join(words(a)) == "".join(words(b)) and a != b
            else:
                shared = set(words(a)) & set(words(b))
                assert 0.6 < len(shared) / len(set(words(a))) < 0.95
    [cluster] = truth["clusters"] or [None]
    if cluster is not None:
        members = [p["doc"] for p in cluster["passages"]]
        assert members == sorted(members, key=dates.__getitem__)
        assert cluster["first"] == members[0]
    [formulation] = truth["formulations"]
    forms = [formulation["phrase"], *formulation["variants"]]
    for occurrence in formulation["occurrences"]:
        for span, form in zip(occurrence["spans"], occurrence["forms"], strict=True):
            assert texts[occurrence["doc"]][slice(*span)] == forms[form]
    used = [o["doc"] for o in formulation["occurrences"]]
    assert formulation["first"]["doc"] == min(used, key=dates.__getitem__)
    assert sum(dates[d] == formulation["first"]["date"] for d in texts) == 1
    [boilerplate] = truth["boilerplate"]
    for occurrence in boilerplate["occurrences"]:
        assert texts[occurrence["doc"]][slice(*occurrence["span"])] == boilerplate["text"]


def test_the_files_are_what_the_builder_writes(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_fixtures", ROOT / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    builder.write_all(tmp_path)
    for name in ("en", "zh"):
        made = sorted(p.relative_to(tmp_path / name) for p in (tmp_path / name).rglob("*")
                      if p.is_file())
        kept = sorted(p.relative_to(ROOT / name) for p in (ROOT / name).rglob("*")
                      if p.is_file())
        assert made == kept
        for relative in made:
            assert (tmp_path / name / relative).read_bytes() == (
                ROOT / name / relative).read_bytes(), relative
