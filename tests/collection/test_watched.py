"""`tandem corpus --watchlist`: the user's own phrases counted across a collection, in the
JSON, HTML and PDF results, as the articles write them."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pypdf import PdfReader

from tests.collection.planted import SET_PHRASE, make_collection
from tests.collection.test_corpus_command import ROOT, _env, tandem

ABSENT = "a phrase no article of this collection writes"
DEV_SMALL = ROOT / "tests" / "fixtures" / "collection" / "window" / "dev-small.jsonl.gz"


def _watchlist(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _uses(rows: list[dict[str, str]], phrase: str) -> dict[str, list[tuple[int, int]]]:
    """Article id -> spans of `phrase` in it, case and runs of spaces aside (read here
    with a regular expression, not with Tandem's matcher)."""
    pattern = re.compile(r"\s+".join(map(re.escape, phrase.split())), re.IGNORECASE)
    found = {row["id"]: [m.span() for m in pattern.finditer(row["text"])] for row in rows}
    return {doc: spans for doc, spans in found.items() if spans}


def test_watched_phrases_are_counted_where_the_articles_write_them(tmp_path: Path) -> None:
    planted = make_collection()
    source = planted.write(tmp_path / "c.jsonl")
    shouted = "  ".join(SET_PHRASE.upper().split())
    watch = _watchlist(tmp_path / "watch.txt", "# what the desk follows", shouted,
                       SET_PHRASE, "", ABSENT, "---")
    out = tmp_path / "out.json"
    result = tandem("corpus", str(source), "--json", str(out), "--store",
                    str(tmp_path / "s.sqlite"), "--watchlist", str(watch), "--quiet",
                    env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    # Lines not counted are told (they were dropped without a word).
    assert (f'tandem: note: --watchlist {watch}: ignored: "{SET_PHRASE}" (same as '
            f'"{shouted}"), "---" (no words)\n') in result.stderr
    watched = json.loads(out.read_text(encoding="utf-8"))["watched"]
    # One entry per phrase asked about, as first written (spaces made single); the second
    # spelling of the set phrase is the same phrase to the matcher.
    assert [w["phrase"] for w in watched] == [" ".join(shouted.split()), ABSENT]

    expected = _uses(planted.rows, SET_PHRASE)
    assert len(expected) >= 3
    found = watched[0]
    assert {o["doc"]: [tuple(s) for s in o["spans"]] for o in found["occurrences"]} == expected
    assert found["documents"] == len(expected)
    assert found["count"] == sum(len(spans) for spans in expected.values())
    dates = {row["id"]: row["date"] for row in planted.rows}
    first = min(expected, key=lambda doc: dates[doc])
    assert found["first"] == {"doc": first, "date": dates[first]}
    months: dict[str, int] = {}
    for doc, spans in expected.items():
        months[dates[doc][:7]] = months.get(dates[doc][:7], 0) + len(spans)
    assert found["per_month"] == months

    assert watched[1] == {"phrase": ABSENT, "variants": [], "documents": 0, "count": 0,
                          "first": None, "per_month": {}, "occurrences": []}


def test_without_a_watchlist_the_results_are_the_contract_alone(tmp_path: Path) -> None:
    source = make_collection().write(tmp_path / "c.jsonl")
    store = tmp_path / "s.sqlite"
    plain = tandem("corpus", str(source), "--json", "-", "--store", str(store), "--quiet",
                   env=_env(tmp_path))
    assert plain.returncode == 0, plain.stderr
    watch = _watchlist(tmp_path / "watch.txt", SET_PHRASE)
    watched = tandem("corpus", "report", str(store), "--json", "-", "--watchlist", str(watch),
                     env=_env(tmp_path))
    assert watched.returncode == 0, watched.stderr
    without, with_list = json.loads(plain.stdout), json.loads(watched.stdout)
    assert "watched" not in without
    assert with_list.pop("watched")[0]["documents"] > 0
    assert with_list == without


def test_the_reports_show_the_watched_phrases(tmp_path: Path) -> None:
    source = make_collection().write(tmp_path / "c.jsonl")
    store = tmp_path / "s.sqlite"
    assert tandem("corpus", "add", str(store), str(source), "--quiet",
                  env=_env(tmp_path)).returncode == 0
    watch = _watchlist(tmp_path / "watch.txt", SET_PHRASE, ABSENT)
    html_out, pdf_out = tmp_path / "r.html", tmp_path / "r.pdf"
    result = tandem("corpus", "report", str(store), "--watchlist", str(watch),
                    "--html", str(html_out), "--pdf", str(pdf_out), env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    page = html_out.read_text(encoding="utf-8")
    section = page[page.index('<h2 id="watched">'):page.index('<h2 id="boilerplate">')]
    assert "Watched phrases (2)" in section
    assert SET_PHRASE in section and ABSENT in section and "not used" in section
    assert '<a href="#watched">' in page
    printed = " ".join(" ".join(sheet.extract_text().split())
                       for sheet in PdfReader(str(pdf_out)).pages)
    assert "Watched phrases (2)" in printed
    assert "not used" in printed


def test_a_report_made_without_a_watchlist_has_no_such_section(tmp_path: Path) -> None:
    source = make_collection().write(tmp_path / "c.jsonl")
    html_out = tmp_path / "r.html"
    assert tandem("corpus", str(source), "--html", str(html_out), "--store",
                  str(tmp_path / "s.sqlite"), "--quiet", env=_env(tmp_path)).returncode == 0
    page = html_out.read_text(encoding="utf-8")
    assert "Watched phrases" not in page and 'id="watched"' not in page


def test_chinese_phrases_match_whatever_the_spaces_between_characters(tmp_path: Path) -> None:
    phrase = "坚持以人民为中心的发展思想"
    texts = [f"会议强调，必须{phrase}，推动高质量发展。", "今天天气很好，市场上人很多。",
             f"文章指出：{phrase}。我们要{phrase}。", "坚持以人民为中心，发展经济。"]
    rows = [{"id": f"z{k}", "series": "s", "date": f"2023-0{k + 1}-10", "text": text}
            for k, text in enumerate(texts)]
    source = tmp_path / "zh.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                      encoding="utf-8")
    watch = _watchlist(tmp_path / "watch.txt", "坚持 以人民为中心 的 发展思想")
    result = tandem("corpus", str(source), "--json", "-", "--store", str(tmp_path / "s.sqlite"),
                    "--watchlist", str(watch), "--quiet", env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    (found,) = json.loads(result.stdout)["watched"]
    spans = {o["doc"]: [tuple(s) for s in o["spans"]] for o in found["occurrences"]}
    assert spans == {row["id"]: [(m.start(), m.end()) for m in re.finditer(phrase, row["text"])]
                     for row in rows if phrase in row["text"]}
    assert found["first"]["doc"] == "z0" and found["count"] == 3


def _watched(tmp_path: Path, rows: list[dict[str, str]], *phrases: str) -> list[dict]:
    source = tmp_path / "c.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                      encoding="utf-8")
    result = tandem("corpus", str(source), "--json", "-", "--store", str(tmp_path / "s.sqlite"),
                    "--watchlist", str(_watchlist(tmp_path / "watch.txt", *phrases)),
                    "--quiet", env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["watched"]


def test_a_use_does_not_run_across_the_end_of_a_sentence(tmp_path: Path) -> None:
    texts = ["Officials said U.S. policy makers met in May.",
             "The board set the policy. Makers of cars were not asked.",
             "Our policy makers, and theirs, met again."]
    rows = [{"id": f"e{k}", "series": "s", "date": f"2023-0{k + 1}-10", "text": text}
            for k, text in enumerate(texts)]
    abroad, ours = _watched(tmp_path, rows, "U.S. policy makers", "policy makers")
    # The phrase's own full stops are no end: "U.S." is written so in the phrase.
    start = texts[0].index("U.S.")
    assert [(o["doc"], o["spans"]) for o in abroad["occurrences"]] == [
        ("e0", [[start, start + len("U.S. policy makers")]])]
    assert [o["doc"] for o in ours["occurrences"]] == ["e0", "e2"]


def test_quotation_marks_inside_a_use_are_no_end(tmp_path: Path) -> None:
    texts = ["要坚持“十五大”精神。", "十五大。精神文明建设。", "学习十五大精神。"]
    rows = [{"id": f"z{k}", "series": "s", "date": f"2023-0{k + 1}-10", "text": text}
            for k, text in enumerate(texts)]
    (found,) = _watched(tmp_path, rows, "十五大精神")
    assert {o["doc"]: o["spans"] for o in found["occurrences"]} == {
        "z0": [[texts[0].index("十"), texts[0].index("神") + 1]],
        "z2": [[texts[2].index("十"), texts[2].index("神") + 1]]}


def test_a_line_names_variants_counted_with_the_phrase(tmp_path: Path) -> None:
    texts = ["Leaders praised the green corridor of trust at the summit.",
             "Ministers spoke of a green corridor of mutual trust.",
             "The green corridor of trust and the green corridor of mutual trust differ.",
             "Nothing here is on the list."]
    rows = [{"id": f"e{k}", "series": "s", "date": f"2023-0{k + 1}-10", "text": text}
            for k, text in enumerate(texts)]
    grouped, inside = _watched(
        tmp_path, rows,
        "green corridor of trust | green corridor of mutual trust | blue corridor",
        "green corridor | green corridor of trust")
    assert grouped["phrase"] == "green corridor of trust"
    assert grouped["variants"] == ["green corridor of mutual trust"]
    forms = ("green corridor of trust", "green corridor of mutual trust")
    expected = {row["id"]: sorted([m.start(), m.end()] for form in forms
                                  for m in re.finditer(form, row["text"]))
                for row in rows if any(form in row["text"] for form in forms)}
    assert {o["doc"]: o["spans"] for o in grouped["occurrences"]} == expected
    assert (grouped["documents"], grouped["count"]) == (3, 4)
    # A form inside another's use is that use, counted once.
    assert {o["doc"]: len(o["spans"]) for o in inside["occurrences"]} == {
        "e0": 1, "e1": 1, "e2": 2}
    assert inside["variants"] == ["green corridor of trust"]


def test_a_formulations_forms_watched_give_its_figures(tmp_path: Path) -> None:
    """Named on the watch-list with its variants, a formulation the finder listed is
    counted as the finder counted it: the two searches agree."""
    store = tmp_path / "s.sqlite"
    first = tandem("corpus", str(DEV_SMALL), "--json", "-", "--store", str(store), "--quiet",
                   env=_env(tmp_path))
    assert first.returncode == 0, first.stderr
    formulations = json.loads(first.stdout)["formulations"]
    assert formulations and any(f["variants"] for f in formulations)
    lines = [" | ".join([f["phrase"], *f["variants"]]) for f in formulations]
    again = tandem("corpus", "report", str(store), "--json", "-", "--watchlist",
                   str(_watchlist(tmp_path / "watch.txt", *lines)), env=_env(tmp_path))
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["watched"] == formulations


def test_a_bad_watchlist_exits_2_before_any_work(tmp_path: Path) -> None:
    source = make_collection().write(tmp_path / "c.jsonl")
    store = tmp_path / "s.sqlite"
    missing = tmp_path / "nowhere.txt"
    result = tandem("corpus", str(source), "--json", str(tmp_path / "o.json"), "--store",
                    str(store), "--watchlist", str(missing), env=_env(tmp_path))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "--watchlist" in lines[0] and str(missing) in lines[0]
    assert not store.exists()


def test_the_watchlist_is_an_input_no_report_replaces(tmp_path: Path) -> None:
    source = make_collection().write(tmp_path / "c.jsonl")
    watch = _watchlist(tmp_path / "watch.txt", SET_PHRASE)
    result = tandem("corpus", str(source), "--json", str(watch), "--store",
                    str(tmp_path / "s.sqlite"), "--watchlist", str(watch), env=_env(tmp_path))
    assert result.returncode == 2
    assert watch.read_text(encoding="utf-8") == SET_PHRASE + "\n"


def test_the_spark_engine_refuses_a_watchlist_and_says_how_to_count_it(tmp_path: Path) -> None:
    source = make_collection().write(tmp_path / "c.jsonl")
    watch = _watchlist(tmp_path / "watch.txt", SET_PHRASE)
    result = tandem("corpus", str(source), "--engine", "spark", "--out", str(tmp_path / "t"),
                    "--json", str(tmp_path / "o.json"), "--watchlist", str(watch),
                    env=_env(tmp_path))
    assert result.returncode == 2
    assert "tandem corpus report STORE --watchlist" in result.stderr
    assert not (tmp_path / "t").exists()


def test_a_pair_takes_the_watch_list_as_counted_for_the_window_without_reading_it_again(
        tmp_path: Path) -> None:
    # The window counts the watch-list once, for its Formulations tab; each pair opened
    # then gives those figures, not a count read again from every article's tokens.
    from viewer.collection.context import collection_context
    from viewer.collection.engine import add_sources
    from viewer.collection.store import CollectionStore
    from viewer.collection.watched import watched_phrases
    from viewer.core.compare import compare
    from viewer.core.document import Document
    from viewer.core.settings import Settings

    planted = make_collection()
    source = planted.write(tmp_path / "c.jsonl")
    users = sorted(_uses(planted.rows, SET_PHRASE))
    fewer = planted.write(tmp_path / "fewer.jsonl",
                          [r for r in planted.rows if r["id"] not in users[2:]])
    watchlist = (SET_PHRASE, ABSENT)
    counted = {}
    for name, path in (("all", source), ("fewer", fewer)):
        with CollectionStore.create_or_open(tmp_path / f"{name}.sqlite") as store:
            add_sources(store, [path], workers=1)
            counted[name] = watched_phrases(store, watchlist)
    rows = {r["id"]: r["text"] for r in planted.rows}
    comparison = compare(Document(rows[users[0]], "a"), Document(rows[users[1]], "b"),
                         Settings(watchlist=watchlist))
    [k] = [k for k, s in enumerate(comparison.slogans) if s.phrase == SET_PHRASE]
    assert comparison.slogans[k].watchlist
    with CollectionStore.open(tmp_path / "all.sqlite") as store:
        afresh = collection_context(comparison, store, watchlist)
        given = collection_context(comparison, store, watchlist, counted["all"])
        other = collection_context(comparison, store, watchlist, counted["fewer"])
    assert given == afresh
    assert afresh["slogans"][k]["documents"] == len(users) > 2
    assert other["slogans"][k]["documents"] == 2  # what was counted is what it gives
