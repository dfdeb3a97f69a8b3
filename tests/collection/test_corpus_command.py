"""`tandem corpus` as a user runs it: one shot, add, report, bad input, a killed or
interrupted add, and stores that are damaged or from another version."""

from __future__ import annotations

import contextlib
import html
import io
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.collection.planted import (
    BOILERPLATE,
    LINK_LIST,
    SET_PHRASE,
    Planted,
    make_collection,
    with_scraped_noise,
)
from tests.export.test_collection_report import pdf_text
from viewer.cli import run_compare
from viewer.collection.cli import run_corpus
from viewer.collection.engine import add_sources
from viewer.collection.store import CollectionStore, StoreError, set_aside
from viewer.core.model import Slogan
from viewer.core.trim import trim_noise
from viewer.present.collection_figures import slogan_label
from viewer.spark.cli import NEEDS_PYARROW, NEEDS_PYSPARK
from viewer.ui.collection.data import load

ROOT = Path(__file__).resolve().parents[2]


def tandem(*args: str, env: dict[str, str] | None = None,
           **options) -> subprocess.CompletedProcess[str]:
    options.setdefault("timeout", 300)
    options.setdefault("cwd", ROOT)
    return subprocess.run([sys.executable, "-m", "viewer", *args], env=env,
                          capture_output=True, text=True, **options)


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    env["PYTHONPATH"] = str(ROOT)
    return env


def _big_collection(path: Path, copies: int) -> Path:
    """Many articles quickly: the small planted collection repeated under new ids."""
    planted = make_collection()
    rows = [dict(row, id=f"{row['id']}-{k}", text=f"Copy {k}. " + row["text"])
            for k in range(copies) for row in planted.rows]
    return planted.write(path, rows)


def test_one_shot_writes_the_contract_and_keeps_its_store_in_the_cache(tmp_path: Path) -> None:
    source = make_collection().write(tmp_path / "c.jsonl")
    out = tmp_path / "out.json"
    result = tandem("corpus", str(source), "--json", str(out), "--quiet", env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["kind"] == "collection" and len(report["documents"]) == 30
    assert report["pairs"]
    stores = list((tmp_path / "cache" / "tandem" / "collections").glob("*.sqlite"))
    assert len(stores) == 1
    # The report command reads the same results back from that store.
    again = tandem("corpus", "report", str(stores[0]), "--json", "-", env=_env(tmp_path))
    assert json.loads(again.stdout) == report


def test_with_no_report_named_a_summary_is_told_not_the_whole_json(tmp_path: Path) -> None:
    # A whole collection's JSON is hundreds of KB: named nowhere, it is not dumped on the
    # terminal; the run says what it found, where the store is and how to write a report.
    source = make_collection().write(tmp_path / "c.jsonl")
    store = tmp_path / "my store.sqlite"
    built = tandem("corpus", str(source), "--store", str(store), env=_env(tmp_path))
    assert (built.returncode, built.stdout) == (0, "")
    report = json.loads(tandem("corpus", "report", str(store), "--json", "-",
                               env=_env(tmp_path)).stdout)
    counts = ", ".join(f"{len(report[key]):,} {noun}{'' if len(report[key]) == 1 else 's'}"
                       for key, noun in (("documents", "article"), ("pairs", "pair"),
                                         ("clusters", "cluster"),
                                         ("formulations", "formulation"),
                                         ("boilerplate", "boilerplate line")))
    summary = [f"tandem: {counts}; store {store}",
               "tandem: no report written (give --json OUT, --html OUT or --pdf OUT); to "
               f"write one from the store: tandem corpus report '{store}' --json OUT"]
    assert built.stderr.splitlines()[-2:] == summary
    assert report["pairs"] and report["clusters"] and report["formulations"]
    for run in (("corpus", "report", str(store)), ("corpus", str(source), "--store", str(store))):
        again = tandem(*run, env=_env(tmp_path))
        assert (again.returncode, again.stdout) == (0, "")
        assert again.stderr.splitlines()[-2:] == summary
        quiet = tandem(*run, "--quiet", env=_env(tmp_path))
        assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")


def test_add_then_report(tmp_path: Path) -> None:
    planted = make_collection()
    first = planted.write(tmp_path / "first.jsonl", planted.rows[:10])
    rest = planted.write(tmp_path / "rest.jsonl", planted.rows[10:])
    store = tmp_path / "s.sqlite"
    for source in (first, rest):
        result = tandem("corpus", "add", str(store), str(source), "--quiet", env=_env(tmp_path))
        assert result.returncode == 0, result.stderr
    out = tmp_path / "r.json"
    assert tandem("corpus", "report", str(store), "--json", str(out),
                  env=_env(tmp_path)).returncode == 0
    assert len(json.loads(out.read_text())["documents"]) == 30


def test_the_html_and_pdf_reports_name_the_collection_as_the_window_does(
        tmp_path: Path) -> None:
    # They were all headed "Tandem collection report", whatever collection they were of,
    # while the window's exports name it by its folder or file.
    planted = make_collection(documents=8)
    news, wire = tmp_path / "news.jsonl", tmp_path / "wire"
    planted.write(news, planted.rows[:4])
    wire.mkdir()
    for row in planted.rows[4:]:
        (wire / f"{row['id']}.txt").write_text(row["text"], encoding="utf-8")
    store = tmp_path / "s.sqlite"
    for args, name in ((["corpus", str(news), str(wire), "--store", str(store)],
                        "news.jsonl, wire"),
                       (["corpus", "report", str(store)], "s.sqlite")):
        html_out, pdf_out = tmp_path / "r.html", tmp_path / "r.pdf"
        result = tandem(*args, "--html", str(html_out), "--pdf", str(pdf_out), "--quiet",
                        env=_env(tmp_path))
        assert result.returncode == 0, result.stderr
        heading = f"Tandem collection report: {name}"
        assert f"<title>{heading}</title>" in html_out.read_text(encoding="utf-8")
        assert heading in pdf_text(pdf_out)


def test_a_report_from_the_cache_store_names_the_collection_as_the_one_shot_did(
        tmp_path: Path) -> None:
    # The one-shot command's summary says to run `tandem corpus report STORE` on the store
    # it keeps in the cache, whose name is a hash: those reports were headed "Tandem
    # collection report: 5e0c…8a1f.sqlite".
    planted = make_collection(documents=8)
    news, wire = tmp_path / "news.jsonl", tmp_path / "wire"
    planted.write(news, planted.rows[:4])
    (wire / "a").mkdir(parents=True)
    (wire / "b").mkdir()
    for k, row in enumerate(planted.rows[4:]):
        (wire / "ab"[k % 2] / f"{row['id']}.txt").write_text(row["text"], encoding="utf-8")
    for source, name in ((news, "news.jsonl"), (wire, "wire")):
        summary = tandem("corpus", str(source), env=_env(tmp_path))
        assert summary.returncode == 0, summary.stderr
        [store] = re.findall(r"tandem corpus report (\S+) --json", summary.stderr)
        html_out, pdf_out = tmp_path / "r.html", tmp_path / "r.pdf"
        result = tandem("corpus", "report", store, "--html", str(html_out),
                        "--pdf", str(pdf_out), env=_env(tmp_path))
        assert result.returncode == 0, result.stderr
        heading = f"Tandem collection report: {name}"
        assert f"<title>{heading}</title>" in html_out.read_text(encoding="utf-8")
        assert heading in pdf_text(pdf_out)
    # Two JSON-lines files are named as the one-shot command named them, and so is one
    # moved since (its articles' paths then name only the folder above it).
    (tmp_path / "two").mkdir()
    first, second = tmp_path / "two" / "news.jsonl", tmp_path / "two" / "wire.jsonl"
    planted.write(first, planted.rows[:4])
    planted.write(second, planted.rows[4:])
    summary = tandem("corpus", str(first), str(second), env=_env(tmp_path))
    assert summary.returncode == 0, summary.stderr
    [store] = re.findall(r"tandem corpus report (\S+) --json", summary.stderr)
    first.rename(tmp_path / "two" / "moved.jsonl")
    html_out = tmp_path / "r.html"
    result = tandem("corpus", "report", store, "--html", str(html_out), env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert ("<title>Tandem collection report: news.jsonl, wire.jsonl</title>"
            in html_out.read_text(encoding="utf-8"))


def test_a_phrase_only_articles_added_later_use_waits_for_refind_and_the_add_says_so(
        tmp_path: Path) -> None:
    # 92 articles indexed, then 8 more, each using a phrase no earlier one does: too few
    # for the formulations to be found afresh (a tenth more), so it is not looked for yet,
    # and the add tells how to look for it now. With --refind it is found, as indexing
    # all the articles at once finds it.
    phrase = "quorvel tandrasi mekolin vistaru"
    planted = make_collection(documents=100)
    for row in planted.rows[92:]:
        head, rest = row["text"].split("\n\n", 1)
        words = rest.split(" ")
        row["text"] = f"{head}\n\n" + " ".join([*words[:7], phrase, *words[7:]])
    first = planted.write(tmp_path / "first.jsonl", planted.rows[:92])
    late = planted.write(tmp_path / "late.jsonl", planted.rows[92:])
    store, env = tmp_path / "s.sqlite", _env(tmp_path)

    def phrases() -> list[str]:
        out = tmp_path / "r.json"
        assert tandem("corpus", "report", str(store), "--json", str(out),
                      env=env).returncode == 0
        return [f["phrase"] for f in json.loads(out.read_text())["formulations"]]

    assert tandem("corpus", "add", str(store), str(first), "--quiet", env=env).returncode == 0
    added = tandem("corpus", "add", str(store), str(late), env=env)
    assert added.returncode == 0, added.stderr
    assert ("tandem: note: the formulations were found when the store held 92 articles; "
            "their uses in the 8 added since are counted") in added.stderr
    assert "--refind" in added.stderr.splitlines()[-1]
    assert phrase not in phrases()
    refound = tandem("corpus", "add", str(store), str(late), "--refind", env=env)
    assert refound.returncode == 0, refound.stderr
    assert "note" not in refound.stderr
    once = tmp_path / "once.json"
    assert tandem("corpus", planted.write(tmp_path / "all.jsonl").as_posix(), "--json",
                  str(once), "--quiet", env=env).returncode == 0
    assert phrase in phrases()
    assert phrases() == [f["phrase"] for f in json.loads(once.read_text())["formulations"]]
def test_formulations_left_out_stay_out_through_an_add_until_refind(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # --no-formulations is the user's choice for a collection too large to read whole in
    # one process: the next add (however few its articles) must not read it whole after
    # all, nor list other pairs than leaving them out lists. --refind finds them then.
    planted = make_collection(documents=40)
    first = planted.write(tmp_path / "first.jsonl", planted.rows[:38])
    late = planted.write(tmp_path / "late.jsonl", planted.rows[38:])
    every = planted.write(tmp_path / "all.jsonl")
    store = tmp_path / "s.sqlite"

    def report(path: Path) -> dict:
        out = tmp_path / "r.json"
        assert run_corpus(["report", str(path), "--json", str(out)]) == 0
        return json.loads(out.read_text(encoding="utf-8"))

    assert run_corpus([str(first), "--store", str(store), "--no-formulations",
                       "--quiet"]) == 0
    assert run_corpus(["add", str(store), str(late)]) == 0
    # Said, with how to find them: "0 formulations" would read as none found.
    note = ("tandem: note: the formulations were left out (--no-formulations), and each add "
            f"leaves them out too; to find them (the whole collection in one process): "
            f"tandem corpus add {store} SOURCE... --refind\n")
    assert capsys.readouterr().err.endswith(note)
    assert run_corpus(["report", str(store)]) == 0
    told = capsys.readouterr().err
    assert "clusters, formulations left out, " in told and told.endswith(note)
    assert report(store)["formulations_left_out"] is True
    left_out, found = tmp_path / "left-out.sqlite", tmp_path / "found.sqlite"
    assert run_corpus([str(every), "--store", str(left_out), "--no-formulations",
                       "--quiet"]) == 0
    assert run_corpus([str(every), "--store", str(found), "--quiet"]) == 0
    assert report(found)["formulations"]
    assert report(store)["formulations"] == []
    assert report(store)["pairs"] == report(left_out)["pairs"]
    assert run_corpus(["add", str(store), str(late), "--refind", "--quiet"]) == 0
    assert report(store) == {**report(found), "documents": report(store)["documents"]}
    assert "formulations_left_out" not in report(store)


@pytest.mark.parametrize("case", ["json onto the source", "html onto a folder's metadata",
                                  "pdf onto an article", "json onto the store",
                                  "report onto its store", "compare onto the collection",
                                  "json onto a read-only source"])
def test_a_report_onto_an_input_or_the_store_is_refused(tmp_path: Path, case: str) -> None:
    planted = make_collection(documents=8)
    source = planted.write(tmp_path / "c.jsonl")
    folder = tmp_path / "articles"
    folder.mkdir()
    for row in planted.rows:
        (folder / f"{row['id']}.txt").write_text(row["text"], encoding="utf-8")
    metadata = folder / "metadata.csv"
    metadata.write_text("file,id,series,date\n" + "".join(
        f"{row['id']}.txt,{row['id']},{row['series']},{row['date']}\n" for row in planted.rows),
        encoding="utf-8")
    store = tmp_path / "s.sqlite"
    assert tandem("corpus", "add", str(store), str(source), "--quiet",
                  env=_env(tmp_path)).returncode == 0
    article = folder / f"{planted.rows[0]['id']}.txt"
    target, args = {
        "json onto the source": (source, ["corpus", str(source), "--json", str(source)]),
        "html onto a folder's metadata": (metadata, ["corpus", str(folder), "--html",
                                                     str(metadata)]),
        "pdf onto an article": (article, ["corpus", str(folder), "--pdf",
                                          str(folder / "." / article.name)]),
        "json onto the store": (store, ["corpus", str(source), "--store", str(store),
                                        "--json", str(store)]),
        "report onto its store": (store, ["corpus", "report", str(store), "--json", str(store)]),
        "compare onto the collection": (store, ["compare", str(article), str(article),
                                                "--collection", str(store), "--json",
                                                str(store)]),
        # Told it is read-only, the user would make it writable, to be told then.
        "json onto a read-only source": (source, ["corpus", str(source), "--json",
                                                  str(source)]),
    }[case]
    if case == "json onto a read-only source":
        source.chmod(0o444)
    before = target.read_bytes()
    result = tandem(*args, env=_env(tmp_path))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "would be overwritten" in lines[0], result.stderr
    assert target.read_bytes() == before


@pytest.mark.parametrize("onto", ["the JSON lines", "an article", "its metadata"])
def test_report_from_a_store_onto_a_file_it_was_read_from_is_refused(
        tmp_path: Path, onto: str) -> None:
    # `tandem corpus report STORE` is given no source, but the store's articles were read
    # from files still there: a report written over one would destroy an input.
    planted = make_collection(documents=8)
    source = planted.write(tmp_path / "c.jsonl")
    folder = tmp_path / "articles"
    folder.mkdir()
    for row in planted.rows[:4]:
        (folder / f"{row['id']}.txt").write_text(row["text"], encoding="utf-8")
    metadata = folder / "metadata.csv"
    metadata.write_text("file,id,series,date\n" + "".join(
        f"{row['id']}.txt,x{row['id']},{row['series']},{row['date']}\n"
        for row in planted.rows[:4]), encoding="utf-8")
    store = tmp_path / "s.sqlite"
    for given in (source, folder):
        assert tandem("corpus", "add", str(store), str(given), "--quiet",
                      env=_env(tmp_path)).returncode == 0
    target = {"the JSON lines": source, "an article": folder / f"{planted.rows[0]['id']}.txt",
              "its metadata": metadata}[onto]
    before = target.read_bytes()
    for report in ("--json", "--html", "--pdf"):
        result = tandem("corpus", "report", str(store), report, str(target),
                        env=_env(tmp_path))
        assert result.returncode == 2, result.stderr
        assert result.stderr == (f"tandem: {target}: is one of the inputs; it would be "
                                 "overwritten (choose another name for the output)\n")
        assert target.read_bytes() == before


def _article_folder(tmp_path: Path) -> tuple[Planted, Path]:
    """Eight articles written as text files into a folder of their own."""
    planted = make_collection(documents=8)
    folder = tmp_path / "articles"
    folder.mkdir()
    for row in planted.rows:
        (folder / f"{row['id']}.txt").write_text(row["text"], encoding="utf-8")
    return planted, folder


def test_compare_with_a_collection_onto_one_of_its_articles_is_refused(tmp_path: Path) -> None:
    # The articles the store was read from are the collection's: a comparison of two of
    # them written over a third would destroy it.
    planted, folder = _article_folder(tmp_path)
    store = tmp_path / "s.sqlite"
    assert tandem("corpus", "add", str(store), str(folder), "--quiet",
                  env=_env(tmp_path)).returncode == 0
    a, b, other = (folder / f"{row['id']}.txt" for row in planted.rows[:3])
    before = other.read_bytes()
    for report in ("--json", "--html", "--pdf"):
        result = tandem("compare", str(a), str(b), "--collection", str(store), report,
                        str(other), env=_env(tmp_path))
        assert result.returncode == 2, result.stderr
        assert result.stderr == (f"tandem: {other}: is one of the inputs; it would be "
                                 "overwritten (choose another name for the output)\n")
        assert other.read_bytes() == before


@pytest.mark.parametrize("report", ["--json", "--html", "--pdf"])
def test_compare_with_a_collection_into_a_folder_of_its_articles_is_refused(
        tmp_path: Path, report: str, capsys: pytest.CaptureFixture[str]) -> None:
    # A comparison written beside the articles (both texts whole, in a format the folder
    # reads) would be indexed as one more article by the next add of that folder, a
    # reprint of A and of B.
    planted, folder = _article_folder(tmp_path)
    store = tmp_path / "s.sqlite"
    with CollectionStore.create_or_open(store) as opened:
        add_sources(opened, [folder], workers=1)
    a, b = (str(folder / f"{row['id']}.txt") for row in planted.rows[:2])
    target = folder / "a-and-b.out"
    assert run_compare([a, b, "--collection", str(store), report, str(target)]) == 2
    assert capsys.readouterr().err == (
        f"tandem: {report} {target}: is inside the article folder {folder}, where the "
        "next run would read it as one of its articles (write the report elsewhere)\n")
    assert not target.exists()


@pytest.mark.parametrize("report", ["--json", "--html", "--pdf"])
def test_a_report_inside_a_source_folder_is_refused_before_any_work(
        tmp_path: Path, report: str) -> None:
    # Written there, it would be read as one of the folder's articles at the next run.
    folder = tmp_path / "articles"
    (folder / "2024").mkdir(parents=True)
    for row in make_collection(documents=8).rows:
        (folder / f"{row['id']}.txt").write_text(row["text"], encoding="utf-8")
    target = folder / "2024" / "report.out"
    result = tandem("corpus", str(folder), "--store", str(tmp_path / "s.sqlite"), report,
                    str(target), env=_env(tmp_path))
    assert result.returncode == 2
    assert result.stderr == (f"tandem: {report} {target}: is inside the source folder "
                             f"{folder}, where the next run would read it as one of its "
                             "articles (write the report elsewhere)\n")
    assert not target.exists() and not (tmp_path / "s.sqlite").exists()


@pytest.mark.parametrize("report", ["--json", "--html", "--pdf"])
def test_a_report_from_a_store_inside_a_folder_it_read_is_refused(
        tmp_path: Path, report: str) -> None:
    # `tandem corpus report` is given no source folder, so it wrote the report in one,
    # and the next add of that folder indexed the report as one of its articles.
    planted = make_collection(documents=8)
    folder = tmp_path / "articles"
    folder.mkdir()
    for row in planted.rows[:4]:
        (folder / f"{row['id']}.txt").write_text(row["text"], encoding="utf-8")
    (tmp_path / "lines").mkdir()
    lines = planted.write(tmp_path / "lines" / "c.jsonl", planted.rows[4:])
    store = tmp_path / "s.sqlite"
    for given in (folder, lines):
        assert tandem("corpus", "add", str(store), str(given), "--quiet",
                      env=_env(tmp_path)).returncode == 0
    target = folder / "report.out"
    result = tandem("corpus", "report", str(store), report, str(target), env=_env(tmp_path))
    assert result.returncode == 2
    assert result.stderr == (f"tandem: {report} {target}: is inside the article folder "
                             f"{folder}, where the next run would read it as one of its "
                             "articles (write the report elsewhere)\n")
    assert not target.exists()
    # Beside a JSON-lines file is no source folder: nothing there is read.
    beside = lines.parent / "report.out"
    assert tandem("corpus", "report", str(store), report, str(beside),
                  env=_env(tmp_path)).returncode == 0
    assert beside.exists()


@pytest.mark.parametrize("report", ["--json", "--html", "--pdf"])
def test_a_report_onto_a_store_not_yet_made_is_refused_before_any_work(
        tmp_path: Path, report: str) -> None:
    source = make_collection(documents=8).write(tmp_path / "c.jsonl")
    store = tmp_path / "new.sqlite"
    result = tandem("corpus", str(source), "--store", str(store), report,
                    str(tmp_path / "." / store.name), env=_env(tmp_path))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "is the store; it would be overwritten" in lines[0], result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["c.jsonl"]


@pytest.mark.parametrize("side", ["-wal", "-journal"])
def test_a_report_onto_a_side_file_of_the_store_is_refused(tmp_path: Path, side: str) -> None:
    # SQLite deleted a report written as the store's -wal or -journal file when it closed
    # the store (the run said nothing and exited 0), or read it as a hot journal to roll
    # back, and the next report called the store damaged.
    source = make_collection(documents=8).write(tmp_path / "c.jsonl")
    store = tmp_path / "s.sqlite"
    target = tmp_path / f"s.sqlite{side}"
    for args in (["corpus", str(source), "--store", str(store)],
                 ["corpus", "report", str(store)],
                 ["compare", str(source), str(source), "--collection", str(store)]):
        result = tandem(*args, "--html", str(target), env=_env(tmp_path))
        assert result.returncode == 2, result.stderr
        assert result.stderr == (f"tandem: {target}: is the store's SQLite {side} file, which "
                                 "SQLite deletes or reads as the store's own (choose another "
                                 "name for the output)\n")
        assert not target.exists()
        if not store.exists():
            assert tandem("corpus", str(source), "--store", str(store), "--quiet",
                          env=_env(tmp_path)).returncode == 0
    assert tandem("corpus", "report", str(store), "--json", str(tmp_path / "r.json"),
                  env=_env(tmp_path)).returncode == 0


@pytest.mark.parametrize("where", ["missing folder", "a folder", "read-only file",
                                   "a folder meant"])
def test_a_report_that_cannot_be_written_is_refused_before_any_work(
        tmp_path: Path, where: str) -> None:
    source = make_collection(documents=8).write(tmp_path / "c.jsonl")
    read_only = tmp_path / "old.json"
    read_only.write_text("{}")
    read_only.chmod(0o444)
    target = {"missing folder": tmp_path / "no" / "such" / "r.json",
              "a folder": tmp_path, "read-only file": read_only,
              # Written as a file named "reports" when the slash was resolved away.
              "a folder meant": f"{tmp_path / 'reports'}/"}[where]
    store = tmp_path / "s.sqlite"
    result = tandem("corpus", str(source), "--json", str(target), "--store", str(store),
                    "--quiet", env=_env(tmp_path))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and str(target) in result.stderr
    assert not store.exists()  # nothing indexed for a report it could not write
    assert read_only.read_text() == "{}"
    assert not (tmp_path / "reports").exists()


def test_a_report_to_dash_goes_to_stdout(tmp_path: Path) -> None:
    source = make_collection(documents=8).write(tmp_path / "c.jsonl")
    store = tmp_path / "s.sqlite"
    assert tandem("corpus", "add", str(store), str(source), "--quiet",
                  env=_env(tmp_path)).returncode == 0
    html = tandem("corpus", "report", str(store), "--html", "-", env=_env(tmp_path))
    assert html.returncode == 0 and html.stdout.startswith("<!DOCTYPE html>")
    assert "Tandem collection report" in html.stdout and not (ROOT / "-").exists()
    both = tandem("corpus", "report", str(store), "--html", "-", "--json", "-", env=_env(tmp_path))
    assert both.returncode == 2 and "would both go to standard output" in both.stderr


def test_a_pdf_to_a_terminal_is_refused_before_any_work(tmp_path: Path) -> None:
    from tests.terminal import run_on_terminal

    source = make_collection(documents=8).write(tmp_path / "c.jsonl")
    store = tmp_path / "s.sqlite"
    said = ("tandem: --pdf -: would print binary data on the terminal (give a file name, or "
            "redirect the output to a file or a pipe)\n")
    command = [sys.executable, "-m", "viewer", "corpus"]
    code, shown, error = run_on_terminal(
        [*command, str(source), "--store", str(store), "--pdf", "-", "--quiet"],
        env=_env(tmp_path), cwd=str(ROOT))
    assert (code, error, shown) == (2, said, b"")
    assert not store.exists()  # refused before indexing
    assert tandem("corpus", "add", str(store), str(source), "--quiet",
                  env=_env(tmp_path)).returncode == 0
    code, shown, error = run_on_terminal(
        [*command, "report", str(store), "--pdf", "-"], env=_env(tmp_path), cwd=str(ROOT))
    assert (code, error, shown) == (2, said, b"")


def test_bad_lines_are_skipped_with_their_line_number(tmp_path: Path) -> None:
    planted = make_collection(documents=8)
    source = tmp_path / "c.jsonl"
    lines = [json.dumps(r) for r in planted.rows]
    lines.insert(3, '{"id": "broken", "text": "unterminated')
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.json"
    result = tandem("corpus", str(source), "--json", str(out), "--quiet", env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text())
    assert len(report["documents"]) == 8
    (skipped,) = report["skipped"]
    assert skipped["path"].endswith("c.jsonl:4")
    assert skipped["reason"] == ("is not valid JSON: a string is not closed (or holds a raw "
                                 "line break)")
    # The terminal says so too, with the reason, however quiet the run: without --quiet
    # after a summary of what was indexed; and the window's list of skipped inputs.
    told_line = f"tandem: skipped {source}:4: {skipped['reason']}"
    assert result.stderr.splitlines() == [told_line]
    told = tandem("corpus", "add", str(tmp_path / "s.sqlite"), str(source), env=_env(tmp_path))
    assert told.returncode == 0, told.stderr
    assert told.stderr.splitlines() == [
        "tandem: articles added 8, changed 0, removed 0, unchanged 0; inputs skipped 1",
        told_line]
    assert [row["reason"] for row in load(str(tmp_path / "s.sqlite")).skipped] == [
        skipped["reason"]]


def test_an_undated_article_is_a_note_not_a_skipped_input(tmp_path: Path) -> None:
    planted = make_collection(documents=6)
    rows = [dict(row) for row in planted.rows]
    rows[2]["date"] = "03/04/2020"  # the 3rd of April, or March the 4th
    source = planted.write(tmp_path / "c.jsonl", rows)
    told = tandem("corpus", "add", str(tmp_path / "s.sqlite"), str(source), env=_env(tmp_path))
    assert told.returncode == 0, told.stderr
    assert told.stderr.splitlines() == [
        "tandem: articles added 6, changed 0, removed 0, unchanged 0; inputs skipped 0; "
        "notes 1",
        f"tandem: note on {source}:3: has the date '03/04/2020', which is not read as a "
        "date (write it YYYY-MM-DD); the article is indexed undated"]


@pytest.mark.parametrize("front_matter", [
    "---\ntitle: Leap day notes\ndate: 2023-02-29\n---\n",
    '+++\ntitle = "Leap day notes"\ndate = 2023-02-29\n+++\n'], ids=["yaml", "toml"])
def test_a_markdown_post_dated_a_day_that_is_none_is_a_note_not_a_traceback(
        tmp_path: Path, front_matter: str) -> None:
    # A blog's Hugo posts, one dated 29 February of a year with no such day: YAML read it
    # as a date and raised, and the run stopped with a traceback, nothing indexed; TOML
    # refused the whole front matter, and the post was titled by its first line, unsaid.
    planted, folder = _article_folder(tmp_path)
    post = folder / "leap.md"
    post.write_text(front_matter + "\n" + planted.rows[0]["text"], encoding="utf-8")
    out, store = tmp_path / "out.json", tmp_path / "store.sqlite"
    result = tandem("corpus", str(folder), "--store", str(store), "--json", str(out),
                    "--quiet", env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"tandem: note on {post}: has the date '2023-02-29', which is not read as a date "
        "(write it YYYY-MM-DD); the article is indexed undated"]
    documents = {d["id"]: d for d in json.loads(out.read_text())["documents"]}
    assert len(documents) == 9 and documents["leap"]["date"] == ""
    assert load(str(store)).title("leap") == "Leap day notes"


def test_unreadable_file_in_a_folder_is_skipped_and_counted(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for row in make_collection(documents=6).rows:
        (folder / f"{row['id']}.txt").write_text(row["text"], encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)
    out = tmp_path / "out.json"
    result = tandem("corpus", str(folder), "--json", str(out), "--quiet", env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text())
    assert len(report["documents"]) == 6
    assert [Path(s["path"]).name for s in report["skipped"]] == ["broken.txt"]


def test_a_failure_is_told_before_the_files_windows_keeps_in_every_folder(
        tmp_path: Path) -> None:
    # A folder copied from Windows: Thumbs.db (an OLE file) and desktop.ini in each of its
    # sub-folders would take every line the terminal shows and hide the unreadable PDF.
    folder = tmp_path / "articles"
    for k, row in enumerate(make_collection(documents=10).rows):
        sub = folder / f"s{k}"
        sub.mkdir(parents=True)
        (sub / "Thumbs.db").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(512))
        (sub / "desktop.ini").write_text("[.ShellClassInfo]\r\nIconResource=x.dll,-3\r\n",
                                         encoding="utf-8")
        (sub / f"{row['id']}.txt").write_text(row["text"], encoding="utf-8")
    (folder / "z.pdf").write_bytes(b"")
    store, out = tmp_path / "s.sqlite", tmp_path / "out.json"
    result = tandem("corpus", str(folder), "--json", str(out), "--store", str(store),
                    env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    failure = report["skipped"][0]
    assert Path(failure["path"]).name == "z.pdf"
    assert result.stderr.splitlines()[1:] == [
        f"tandem: skipped {folder / 'z.pdf'}: {failure['reason']}",
        "tandem: skipped 20 files the operating system keeps (Thumbs.db, desktop.ini), not "
        "articles"]
    assert "inputs skipped 21" in result.stderr.splitlines()[0]
    assert len(report["skipped"]) == 21
    # The window's list and the reports read them in the same order.
    assert Path(load(str(store)).skipped[0]["path"]).name == "z.pdf"


def test_duplicate_ids_and_empty_sources_exit_2_with_one_line(tmp_path: Path) -> None:
    rows = make_collection(documents=4).rows
    twice = tmp_path / "twice.jsonl"
    twice.write_text("\n".join(json.dumps(r) for r in rows + [rows[1]]) + "\n")
    result = tandem("corpus", str(twice), "--json", str(tmp_path / "o.json"), "--quiet",
                    env=_env(tmp_path))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "d002" in result.stderr
    assert "twice.jsonl:2" in result.stderr and "twice.jsonl:5" in result.stderr
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    result = tandem("corpus", str(empty), "--json", str(tmp_path / "o.json"), env=_env(tmp_path))
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "empty.jsonl" in result.stderr
    assert not (tmp_path / "o.json").exists()


def test_an_add_of_another_files_articles_under_the_same_ids_exits_2_unless_replace(
        tmp_path: Path) -> None:
    planted = make_collection(documents=4)
    for folder in ("en", "zh"):
        (tmp_path / folder).mkdir()
    first = planted.write(tmp_path / "en" / "collection.jsonl")
    # Another collection numbered as the first: the same ids, other texts.
    other_rows = [dict(row, text=f"Another outlet's story {k}. " + row["text"][::-1])
                  for k, row in enumerate(planted.rows)]
    second = planted.write(tmp_path / "zh" / "collection.jsonl", other_rows)
    store = tmp_path / "s.sqlite"
    assert tandem("corpus", "add", str(store), str(first), "--quiet",
                  env=_env(tmp_path)).returncode == 0
    with CollectionStore.open(str(store)) as opened:
        before = {row.id: opened.text(row.id) for row in opened.documents()}
    result = tandem("corpus", "add", str(store), str(second), env=_env(tmp_path))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"tandem: {second}: 4 ids (such as 'd001') already in "
                                    f"{store} name articles read from {first}")
    assert "--replace" in result.stderr
    with CollectionStore.open(str(store)) as opened:
        assert {row.id: opened.text(row.id) for row in opened.documents()} == before
    result = tandem("corpus", "add", str(store), str(second), "--replace", env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "added 0, changed 4," in result.stderr
    with CollectionStore.open(str(store)) as opened:
        assert {row.id: opened.text(row.id) for row in opened.documents()} == {
            row["id"]: row["text"] for row in other_rows}


def test_an_add_says_which_articles_its_sources_no_longer_hold_stay(tmp_path: Path) -> None:
    # A file deleted or renamed, or a line gone from a newer dump, stayed in the store
    # unsaid: "removed 0", and a renamed file listed as a pair with its own old copy.
    planted = make_collection(documents=6)
    folder = tmp_path / "articles"
    folder.mkdir()
    for row in planted.rows[:4]:
        (folder / f"{row['id']}.txt").write_text(row["text"], encoding="utf-8")
    dump = planted.write(tmp_path / "c.jsonl", planted.rows[4:])
    store = tmp_path / "store.sqlite"
    assert tandem("corpus", "add", str(store), str(folder), str(dump),
                  env=_env(tmp_path)).returncode == 0
    first, second = planted.rows[0]["id"], planted.rows[1]["id"]
    (folder / f"{first}.txt").unlink()
    (folder / f"{second}.txt").rename(folder / "renamed.txt")
    planted.write(dump, planted.rows[5:])  # a newer dump without its first line
    result = tandem("corpus", "add", str(store), str(folder), str(dump), env=_env(tmp_path))
    assert result.returncode == 0
    assert (f"tandem: note: 3 articles these sources no longer hold stay in the store (such "
            f"as {folder / f'{first}.txt'}): an add removes none") in result.stderr
    with CollectionStore.open(store) as opened:  # as it says
        assert {first, second, planted.rows[4]["id"], "renamed"} <= {
            d.id for d in opened.documents()}
    again = tandem("corpus", "add", str(store), str(folder), str(dump), "--quiet",
                   env=_env(tmp_path))
    assert (again.returncode, again.stderr) == (0, "")


def test_spark_options_given_to_the_embedded_engine_are_refused(tmp_path: Path) -> None:
    source = make_collection(documents=4).write(tmp_path / "c.jsonl")
    result = tandem("corpus", str(source), "--out", str(tmp_path / "tables"),
                    "--conf", "spark.a=b", "--quiet", env=_env(tmp_path))
    assert result.returncode == 2
    # Each option is told why it does not apply.
    assert result.stderr == ("tandem: --out, --conf: only with --engine spark (the embedded "
                             "engine keeps its results in the store that --store PATH names "
                             "and runs on this machine without Spark)\n")
    master = tandem("corpus", str(source), "--master", "local[2]", "--quiet", env=_env(tmp_path))
    assert (master.returncode, master.stderr) == (2, (
        "tandem: --master: only with --engine spark (the embedded engine runs on this machine "
        "without Spark)\n"))
    assert not (tmp_path / "tables").exists()
    assert not list((tmp_path / "cache").rglob("*.sqlite"))


def test_refind_given_to_the_spark_engine_is_refused(tmp_path: Path) -> None:
    # The Spark engine keeps no store, so there is nothing to find afresh: --refind (and
    # with --no-formulations a contradiction) is told before Spark starts, not ignored.
    source = make_collection(documents=4).write(tmp_path / "c.jsonl")
    for extra in ((), ("--no-formulations",)):
        result = tandem("corpus", str(source), "--engine", "spark", "--out",
                        str(tmp_path / "tables"), "--refind", *extra, "--quiet",
                        env=_env(tmp_path))
        assert (result.returncode, result.stderr) == (2, (
            "tandem: --refind: only with the embedded engine (the Spark engine keeps no "
            "store, and finds the formulations afresh on every run unless "
            "--no-formulations)\n"))
    assert not (tmp_path / "tables").exists()


def _without(modules: tuple[str, ...], *args: str, env: dict[str, str]
             ) -> subprocess.CompletedProcess[str]:
    """`tandem ARGS` in a Python where `modules` are not installed (as after the README's
    `pip install -e .`, which has no [spark] extra): importing one fails, finding it gives
    None."""
    blocked = ", ".join(f"{name!r}: None" for name in modules)
    code = (f"import sys; sys.modules.update({{{blocked}}}); from viewer.cli import main; "
            f"sys.exit(main(sys.argv[1:]))")
    return subprocess.run([sys.executable, "-c", code, *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def test_the_spark_parts_without_the_spark_extra_say_what_to_install(tmp_path: Path) -> None:
    source = make_collection(documents=4).write(tmp_path / "c.jsonl")
    spark_extra = ("pyspark", "py4j", "pyarrow", "pandas")
    result = _without(spark_extra, "corpus", str(source), "--engine", "spark", "--out",
                      str(tmp_path / "tables"), env=_env(tmp_path))
    assert (result.returncode, result.stderr) == (2, f"tandem: {NEEDS_PYSPARK}\n")
    (tmp_path / "tables").mkdir()
    for table in ("documents", "pairs", "clusters", "formulations"):
        (tmp_path / "tables" / table).mkdir()
    result = _without(spark_extra, "corpus", "import", str(tmp_path / "tables"), "--store",
                      str(tmp_path / "s.sqlite"), env=_env(tmp_path))
    assert (result.returncode, result.stderr) == (2, f"tandem: {NEEDS_PYARROW}\n")
    assert not (tmp_path / "s.sqlite").exists()


def test_damaged_or_foreign_stores_get_a_message_and_are_left_alone(tmp_path: Path) -> None:
    source = make_collection(documents=4).write(tmp_path / "c.jsonl")
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"this is not a database at all" * 100)
    before = garbage.read_bytes()
    result = tandem("corpus", "add", str(garbage), str(source), env=_env(tmp_path))
    assert result.returncode == 2 and "is not a collection store" in result.stderr
    assert garbage.read_bytes() == before
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (x)")
    result = tandem("corpus", "add", str(other), str(source), env=_env(tmp_path))
    assert result.returncode == 2 and "not a Tandem collection store" in result.stderr
    store = tmp_path / "store.sqlite"
    assert tandem("corpus", "add", str(store), str(source), env=_env(tmp_path)).returncode == 0
    with sqlite3.connect(store) as connection:
        connection.execute("PRAGMA user_version = 99")
    # Written by a later version: updating Tandem opens it, indexing again loses nothing.
    with pytest.raises(StoreError, match="written by a later Tandem version"):
        CollectionStore.open(store)
    result = tandem("corpus", "report", str(store), "--json", "-", env=_env(tmp_path))
    assert result.returncode == 2 and "update Tandem to open it" in result.stderr
    # A folder where the store goes: said as such, to add and to report alike.
    hint = (" (it looks like a collection's articles: index them with `tandem corpus add "
            "STORE SOURCE...`, the store first, and give that store)")
    (tmp_path / "o.json").write_text("{}", encoding="utf-8")  # a report there before
    for command in (["add", str(tmp_path), str(source)], ["report", str(tmp_path)],
                    ["report", str(tmp_path), "--json", str(tmp_path / "o.json")]):
        result = tandem("corpus", *command, env=_env(tmp_path))
        assert result.returncode == 2
        assert result.stderr == f"tandem: {tmp_path}: is not a file; give the path of a " \
                                f"collection store{hint}\n"
    # The source and the store swapped: the source is named as one, and left as it is.
    written = source.read_bytes()
    result = tandem("corpus", "add", str(source), str(tmp_path / "new.sqlite"),
                    env=_env(tmp_path))
    assert result.returncode == 2 and result.stderr.rstrip().endswith(hint)
    assert source.read_bytes() == written and not (tmp_path / "new.sqlite").exists()
    assert hint not in tandem("corpus", "add", str(garbage), str(source),
                              env=_env(tmp_path)).stderr
    (tmp_path / "empty").mkdir()  # holds no articles, so none are hinted at
    assert tandem("corpus", "report", str(tmp_path / "empty"), env=_env(tmp_path)).stderr == \
        f"tandem: {tmp_path / 'empty'}: is not a file; give the path of a collection store\n"


def test_a_blank_source_is_refused_not_read_as_the_current_folder(tmp_path: Path) -> None:
    # `tandem corpus "$DIR"` with DIR unset: "" is the current folder to the file system,
    # whose files were indexed (or the store or report told as inside "the source folder ").
    here = tmp_path / "here"
    here.mkdir()
    make_collection(documents=4).write(here / "c.jsonl")
    store = tmp_path / "s.sqlite"
    for command in (["", "--json", str(tmp_path / "o.json")], [" ", "--store", str(store)],
                    ["add", str(store), str(here / "c.jsonl"), ""],
                    ["", "--engine", "spark", "--out", str(tmp_path / "t")]):
        result = tandem("corpus", *command, env=_env(tmp_path), cwd=here)
        blank = " " if " " in command else ""
        assert (result.returncode, result.stderr) == (
            2, f"tandem: SOURCE {blank!r}: names no file or folder; give the path of the "
               "articles\n")
    assert sorted(os.listdir(tmp_path)) == ["here"]
    assert os.listdir(here) == ["c.jsonl"]


def test_a_named_pipe_given_as_the_store_is_refused_not_waited_on(tmp_path: Path) -> None:
    # Nobody writes to the pipe: opening it to tell whether it holds articles would wait
    # forever. A pipe is no store, whatever its name, and is told so at once.
    source = make_collection(documents=4).write(tmp_path / "c.jsonl")
    for name in ("pipe", "pipe.sqlite"):
        pipe = tmp_path / name
        os.mkfifo(pipe)
        for command in (["add", str(pipe), str(source)], ["report", str(pipe)],
                        [str(source), "--store", str(pipe), "--json", str(tmp_path / "o.json")]):
            result = tandem("corpus", *command, env=_env(tmp_path), timeout=60)
            assert (result.returncode, result.stderr) == (
                2, f"tandem: {pipe}: is not a file; give the path of a collection store\n")
        assert not (tmp_path / "o.json").exists()


def test_an_article_given_as_the_store_is_not_called_damaged(tmp_path: Path) -> None:
    source = make_collection(documents=4).write(tmp_path / "c.jsonl")
    article = tmp_path / "victim.txt"
    article.write_text("A plain article.\nIts second line, of no database at all.\n" * 20,
                       encoding="utf-8")
    before = article.read_bytes()
    hint = (" (it looks like a collection's articles: index them with `tandem corpus add "
            "STORE SOURCE...`, the store first, and give that store)")
    said = f"tandem: {article}: is not a collection store (nor any database); it is left as it is: "
    for command, remedy in (
            ([str(source), "--store", str(article), "--json", str(tmp_path / "x.json")],
             "give a new file name for the store"),
            (["add", str(article), str(source)], "give a new file name for the store"),
            (["report", str(article)], "give the path of a collection store")):
        result = tandem("corpus", *command, env=_env(tmp_path))
        assert (result.returncode, result.stderr) == (2, f"{said}{remedy}{hint}\n")
        assert article.read_bytes() == before
    assert not (tmp_path / "x.json").exists()


def test_a_text_named_as_a_store_is_not_taken_for_articles(tmp_path: Path) -> None:
    # `notes.db` holding a line of text: named as a store, so no collection's articles
    # (those are hinted at only where the store and the source look swapped).
    source = make_collection(documents=4).write(tmp_path / "c.jsonl")
    notes = tmp_path / "notes.db"
    notes.write_bytes(b"hi\n")
    said = f"tandem: {notes}: is not a collection store (nor any database); it is left as it is: "
    for command, remedy in ((["add", str(notes), str(source)],
                             "give a new file name for the store"),
                            (["report", str(notes)], "give the path of a collection store")):
        result = tandem("corpus", *command, env=_env(tmp_path))
        assert (result.returncode, result.stderr) == (2, f"{said}{remedy}\n")
        assert notes.read_bytes() == b"hi\n"


def test_a_damaged_cache_store_is_named_as_such_and_set_aside_only_when_asked(
        tmp_path: Path) -> None:
    source = make_collection(documents=4).write(tmp_path / "c.jsonl")
    out = tmp_path / "out.json"
    assert tandem("corpus", str(source), "--json", str(out), "--quiet",
                  env=_env(tmp_path)).returncode == 0
    [cached] = (tmp_path / "cache").rglob("*.sqlite")
    damaged = cached.read_bytes()[:4096] + b"\x00garbage" * 500
    cached.write_bytes(damaged)
    out.unlink()
    result = tandem("corpus", str(source), "--json", str(out), "--quiet", env=_env(tmp_path))
    assert result.returncode == 2 and not out.exists()
    assert result.stderr.startswith(f"tandem: {cached}: is damaged or not a collection store")
    assert "the index Tandem keeps in its cache for these sources: delete it to index them " \
        "afresh, or give --store PATH" in result.stderr
    assert cached.read_bytes() == damaged  # never replaced unasked
    # Set aside (as the window does when the user agrees), the sources index afresh.
    aside = Path(set_aside(str(cached)))
    assert aside.read_bytes() == damaged and not cached.exists()
    assert tandem("corpus", str(source), "--json", str(out), "--quiet",
                  env=_env(tmp_path)).returncode == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["documents"]) == 4
    # A store the user named keeps the plain message: it is theirs, not a cache.
    named = tmp_path / "named.sqlite"
    named.write_bytes(damaged)
    result = tandem("corpus", "add", str(named), str(source), env=_env(tmp_path))
    assert result.returncode == 2 and "Tandem keeps in its cache" not in result.stderr


def test_the_store_is_never_a_source_nor_inside_one(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for row in make_collection(documents=4).rows:
        (folder / f"{row['id']}.txt").write_text(row["text"], encoding="utf-8")
    article = sorted(folder.glob("*.txt"))[0]
    before = article.read_bytes()
    result = tandem("corpus", "add", str(article), str(folder), env=_env(tmp_path))
    assert result.returncode == 2 and article.read_bytes() == before
    assert result.stderr == f"tandem: {article}: is inside the source folder {folder}, where " \
                            "it would be read as one of its files; put the store elsewhere\n"
    inside = folder / "store.sqlite"
    result = tandem("corpus", str(folder), "--store", str(inside), "--json", "-",
                    env=_env(tmp_path))
    assert result.returncode == 2 and "is inside the source folder" in result.stderr
    assert not inside.exists()
    lines = make_collection(documents=4).write(tmp_path / "c.jsonl")
    result = tandem("corpus", "add", str(lines), str(lines), env=_env(tmp_path))
    assert result.returncode == 2 and "is also given as a source" in result.stderr
    # A store given as a source is told as such.
    store = tmp_path / "s.sqlite"
    assert tandem("corpus", "add", str(store), str(lines), env=_env(tmp_path)).returncode == 0
    result = tandem("corpus", str(store), "--json", "-", env=_env(tmp_path))
    assert result.returncode == 2
    assert result.stderr.startswith(f"tandem: {store}: is a database (a collection store?), "
                                    "not articles: 'tandem corpus report STORE' reports")


def test_a_first_add_that_fails_leaves_no_store(tmp_path: Path) -> None:
    store = tmp_path / "deep" / "s.sqlite"
    empty = tmp_path / "empty"
    empty.mkdir()
    twice = make_collection(documents=4)
    lines = twice.write(tmp_path / "twice.jsonl", twice.rows + twice.rows[:1])
    for source in (tmp_path / "missing", empty, lines):
        result = tandem("corpus", "add", str(store), str(source), env=_env(tmp_path))
        assert result.returncode == 2, result.stderr
        assert not list(store.parent.glob("s.sqlite*"))
    # A store that was there stays, whatever fails.
    good = make_collection(documents=4).write(tmp_path / "c.jsonl")
    assert tandem("corpus", "add", str(store), str(good), env=_env(tmp_path)).returncode == 0
    result = tandem("corpus", "add", str(store), str(lines), env=_env(tmp_path))
    assert result.returncode == 2 and store.exists()
    with CollectionStore.open(str(store)) as kept:
        assert len(kept.documents()) == 4


def _stop_while_reading(add: subprocess.Popen[str], source: Path) -> None:
    """Stop `add` (SIGSTOP) once it has `source` open: it has made its store and is
    reading its articles."""
    held = Path(f"/proc/{add.pid}/fd")
    deadline = time.monotonic() + 60
    while add.poll() is None and time.monotonic() < deadline:
        with contextlib.suppress(OSError):  # a descriptor closed while looked at
            if any(os.readlink(fd) == str(source) for fd in held.iterdir()):
                os.kill(add.pid, signal.SIGSTOP)
                return
        time.sleep(0.001)
    pytest.fail("the add never read its source")


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
@pytest.mark.parametrize("meanwhile", ["filled", "still adding"])
def test_a_first_add_that_fails_leaves_the_store_another_add_made_meanwhile(
        tmp_path: Path, meanwhile: str) -> None:
    # Two adds into one new store: the first, still reading its source, found no store
    # when it began; when it failed, it removed the store the second had filled and said
    # it had indexed, or was still adding to. The first is stopped while it reads a
    # source that holds no article, long enough to be caught reading.
    store, broken = tmp_path / "s.sqlite", tmp_path / "broken.jsonl"
    broken.write_text("{broken\n" * 100_000, encoding="utf-8")
    first = subprocess.Popen([sys.executable, "-m", "viewer", "corpus", "add", str(store),
                              str(broken), "--quiet"], cwd=ROOT, env=_env(tmp_path),
                             text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _stop_while_reading(first, broken)
        if meanwhile == "filled":
            good = make_collection(documents=4).write(tmp_path / "c.jsonl")
            second = tandem("corpus", "add", str(store), str(good), env=_env(tmp_path))
            assert second.returncode == 0, second.stderr
            first.send_signal(signal.SIGCONT)
            _, stderr = first.communicate(timeout=60)
        else:
            with CollectionStore.create_or_open(store):  # as an add reading its sources
                first.send_signal(signal.SIGCONT)
                _, stderr = first.communicate(timeout=60)
    finally:
        first.kill()
        first.wait()
    assert first.returncode == 2 and "no readable article found" in stderr, stderr
    with CollectionStore.open(str(store)) as kept:
        assert len(kept.documents()) == (4 if meanwhile == "filled" else 0)


def _start_add(tmp_path: Path, store: Path, source: Path) -> subprocess.Popen[str]:
    # As from a terminal: Ctrl-C is on in the add, even where the tests themselves run as a
    # background job (a shell starts those with SIGINT ignored, which the add would inherit).
    return subprocess.Popen([sys.executable, "-m", "viewer", "corpus", "add", str(store),
                             str(source), "--quiet"], cwd=ROOT, env=_env(tmp_path),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_ctrl_c_on)


def _ctrl_c_on() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for_writes(store: Path, process: subprocess.Popen[str]) -> None:
    """Until the add has written into its open transaction (the write-ahead log grows)."""
    wal = Path(str(store) + "-wal")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > 200_000:
            return
        time.sleep(0.01)
    pytest.fail("the add finished or never wrote before it could be interrupted")


@pytest.mark.parametrize("how", ["kill", "interrupt", "terminate"])
def test_an_interrupted_add_leaves_the_store_as_it_was(tmp_path: Path, how: str) -> None:
    store = tmp_path / "store.sqlite"
    small = make_collection(documents=10).write(tmp_path / "small.jsonl")
    assert tandem("corpus", "add", str(store), str(small), env=_env(tmp_path)).returncode == 0
    with CollectionStore.open(store) as opened:
        before = opened.report()
    big = _big_collection(tmp_path / "big.jsonl", copies=40)
    process = _start_add(tmp_path, store, big)
    _wait_for_writes(store, process)
    process.send_signal({"kill": signal.SIGKILL, "interrupt": signal.SIGINT,
                         "terminate": signal.SIGTERM}[how])
    _, stderr = process.communicate(timeout=60)
    if how == "kill":
        assert process.returncode == -signal.SIGKILL
    else:
        assert process.returncode == 130
        assert stderr.strip().count("\n") == 0 and "interrupted" in stderr
    with CollectionStore.open(store) as opened:
        assert opened.report() == before
    # Still usable: the next add completes.
    assert tandem("corpus", "add", str(store), str(small), env=_env(tmp_path)).returncode == 0


def test_a_run_interrupted_once_its_store_is_written_says_so(tmp_path: Path) -> None:
    # Ctrl-C while the one shot wrote its report said "the store is as it was before",
    # though the store held the new articles.
    store, out = tmp_path / "store.sqlite", tmp_path / "out.json"
    source = _big_collection(tmp_path / "big.jsonl", copies=12)
    assert tandem("corpus", str(source), "--store", str(store), "--json", str(out),
                  env=_env(tmp_path)).returncode == 0
    report = out.read_bytes()
    assert len(report) > 1 << 17  # more than a pipe holds
    store.unlink()
    # The report goes to a pipe no one reads: the run waits there, its store written.
    process = subprocess.Popen(
        [sys.executable, "-m", "viewer", "corpus", str(source), "--store", str(store),
         "--json", "-"], cwd=ROOT, env=_env(tmp_path), stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, preexec_fn=_ctrl_c_on)
    deadline = time.monotonic() + 120
    while not _holds_articles(store):
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            pytest.fail("the run never wrote its store while it could be interrupted")
        time.sleep(0.05)
    time.sleep(0.5)  # into writing the report
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stderr.decode().splitlines()[-1] == (
        f"tandem: interrupted once {store} was written: it holds the articles, but the "
        "reports asked for may not all be written; 'tandem corpus report' writes them "
        "from the store")
    with CollectionStore.open(store) as opened:
        assert opened.report() == json.loads(report)


class _TerminalCtrlCAtTheLastFrame(io.StringIO):
    """Standard error on a terminal where Ctrl-C lands while the progress bar draws its
    last frame, which comes once the add has committed (a write to a terminal paused
    with Ctrl-S, or over a slow link, waits there)."""

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if "100%" in text:
            raise KeyboardInterrupt
        return super().write(text)


def test_ctrl_c_once_the_add_has_committed_says_the_store_holds_the_articles(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Ctrl-C landing after the commit but before the add returned (in the commit itself,
    # the last progress frame, or closing the store) said "the store is as it was
    # before", though it held the new articles.
    store = tmp_path / "store.sqlite"
    source = make_collection(documents=10).write(tmp_path / "c.jsonl")
    terminal = _TerminalCtrlCAtTheLastFrame()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert run_corpus(["add", str(store), str(source)]) == 130
    assert terminal.getvalue().splitlines()[-1] == (
        f"tandem: interrupted once {store} was written: it holds the articles")
    with CollectionStore.open(store) as opened:
        assert len(opened.documents()) == 10


def _holds_articles(store: Path) -> bool:
    """Whether the store at `store` has committed articles (read as another program)."""
    try:
        with contextlib.closing(sqlite3.connect(f"{store.as_uri()}?mode=ro", uri=True,
                                                timeout=0)) as connection:
            return bool(connection.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return False


@pytest.mark.skipif((os.cpu_count() or 1) < 2 or not Path("/proc/self/task").is_dir(),
                    reason="aligns in worker processes on two cores or more; reads /proc")
def test_an_add_killed_while_its_workers_align_leaves_them_no_last_word(
        tmp_path: Path) -> None:
    # Killed outright, the add could not end its workers: they aligned on, then each
    # printed a traceback on writing to it. They now go with it, saying nothing.
    store = tmp_path / "store.sqlite"
    process = _start_add(tmp_path, store, _big_collection(tmp_path / "big.jsonl", copies=40))
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    deadline = time.monotonic() + 120
    while process.poll() is None and not children.read_text().split():
        if time.monotonic() > deadline:
            pytest.fail("the add never started its workers")
        time.sleep(0.01)
    workers = [int(pid) for pid in children.read_text().split()]
    time.sleep(0.2)  # into their first chunks of pairs
    process.send_signal(signal.SIGKILL)
    _, stderr = process.communicate(timeout=60)  # until every worker lets go of stderr
    assert process.returncode == -signal.SIGKILL
    assert stderr == ""
    # A worker lets go of stderr as it begins to exit: give its exit a moment to end.
    deadline = time.monotonic() + 10
    while [pid for pid in workers if _running(pid)] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if _running(pid)]


def _running(pid: int) -> bool:
    """Whether process `pid` is alive (not gone, nor a zombie)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_compare_with_a_collection_marks_passages_other_articles_carry(tmp_path: Path) -> None:
    planted = make_collection()
    store = tmp_path / "store.sqlite"
    source = planted.write(tmp_path / "c.jsonl")
    assert tandem("corpus", "add", str(store), str(source), env=_env(tmp_path)).returncode == 0
    texts = planted.by_id()
    first, second, third = planted.chain
    for doc_id in (second, third):
        (tmp_path / f"{doc_id}.txt").write_text(texts[doc_id]["text"], encoding="utf-8",
                                                 newline="")
    result = tandem("compare", str(tmp_path / f"{second}.txt"), str(tmp_path / f"{third}.txt"),
                    "--collection", str(store), "--json", "-", env=_env(tmp_path))
    assert (result.returncode, result.stderr) == (0, "")  # both are its articles: no note
    data = json.loads(result.stdout)
    assert data["collection"]["documents"] == 30
    assert (data["collection"]["a"], data["collection"]["b"]) == (second, third)
    (phrase,) = data["shared_phrases"]
    assert phrase["collection"]["others"] == 1
    assert phrase["collection"]["first"]["doc"] == first
    for slogan in data["slogans"]:
        figures = slogan["collection"]
        assert figures["of"] == 30 and figures["documents"] >= 1
        assert figures["first"]["doc"] <= third  # ids follow the dates here
    missing = tandem("compare", str(tmp_path / f"{second}.txt"), str(tmp_path / f"{third}.txt"),
                     "--collection", str(tmp_path / "nothing.sqlite"), env=_env(tmp_path))
    assert missing.returncode == 2 and "no such collection store" in missing.stderr


def test_compare_with_a_collection_says_which_text_is_none_of_its_articles(
        tmp_path: Path) -> None:
    # A wrong store, or a text edited since it was indexed: the figures that need the
    # article are missing, and one line says why; the JSON stays as it is.
    planted, store, _ = _indexed(tmp_path)
    inside, outside, other = tmp_path / "in.txt", tmp_path / "out.txt", tmp_path / "other.txt"
    inside.write_text(planted.rows[0]["text"], encoding="utf-8", newline="")
    outside.write_text("An article of no collection.\n\n" + planted.rows[1]["text"],
                       encoding="utf-8", newline="")
    other.write_text("Another one.\n\n" + planted.rows[2]["text"], encoding="utf-8",
                     newline="")
    where = f"an article of {store} (30 articles; none has the same text)"
    for a, b, said in (
            (inside, outside, f"B is not {where}, so only A's shared passages are matched "
                              "to its clusters"),
            (outside, inside, f"A is not {where}, so only B's shared passages are matched "
                              "to its clusters"),
            (outside, other, f"neither A nor B is {where}, so only its formulations and its "
                             "figures for the slogans apply: no shared passage is matched to "
                             "its clusters")):
        result = tandem("compare", str(a), str(b), "--collection", str(store), "--json", "-",
                        env=_env(tmp_path))
        assert (result.returncode, result.stderr) == (0, f"tandem: note: {said}\n")
        found = json.loads(result.stdout)["collection"]
        assert found == {"store": str(store), "documents": 30,
                         "a": "d001" if a == inside else None,
                         "b": "d001" if b == inside else None}


def test_an_article_saved_with_another_ending_is_still_the_stores_article(
        tmp_path: Path) -> None:
    # Saved from the JSON lines to a file, an article gains a final line break (or more),
    # and on Windows "\r\n" for every line break: it is the same article, its passages
    # moved to where they are in the stored text.
    planted, store, _ = _indexed(tmp_path)
    texts = planted.by_id()
    first, second, third = planted.chain
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(texts[second]["text"] + "\n", encoding="utf-8", newline="")
    b.write_text(texts[third]["text"].rstrip().replace("\n", "\r\n") + "\r\n\r\n",
                 encoding="utf-8", newline="")
    result = tandem("compare", str(a), str(b), "--collection", str(store), "--json", "-",
                    env=_env(tmp_path))
    assert (result.returncode, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    assert (data["collection"]["a"], data["collection"]["b"]) == (second, third)
    (phrase,) = data["shared_phrases"]
    assert phrase["collection"]["first"]["doc"] == first


def test_texts_compared_trimmed_are_still_the_stores_articles(tmp_path: Path) -> None:
    # Two carriers of the chain as scraped pages, indexed noise and all: with --trim the
    # compared texts are none of the stored ones, but they are the articles that trim to
    # them, and their passages are moved onto the stored texts to meet the clusters.
    planted = make_collection()
    first, second, third = planted.chain
    with_scraped_noise(planted, (second, third))
    texts = planted.by_id()
    for doc in (second, third):  # a slogan of the collection, in the last paragraph
        texts[doc]["text"] = texts[doc]["text"].replace(
            f".\n\n{LINK_LIST[0]}", f" and {SET_PHRASE}.\n\n{LINK_LIST[0]}")
    store, source = tmp_path / "store.sqlite", planted.write(tmp_path / "c.jsonl")
    assert tandem("corpus", "add", str(store), str(source), env=_env(tmp_path)).returncode == 0
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(texts[second]["text"], encoding="utf-8", newline="")
    b.write_text(texts[third]["text"].replace("\n", "\r\n"), encoding="utf-8", newline="")
    result = tandem("compare", str(a), str(b), "--trim", "--collection", str(store),
                    "--json", "-", env=_env(tmp_path))
    data = json.loads(result.stdout)
    # What was trimmed is told, on the terminal as in the JSON; nothing else is.
    assert result.returncode == 0
    assert result.stderr == "".join(f"tandem: note: {path}: {note}\n" for path, document
                                    in zip((a, b), data["documents"], strict=True)
                                    for note in document["notes"])
    assert all(document["notes"] for document in data["documents"])
    assert (data["collection"]["a"], data["collection"]["b"]) == (second, third)
    trimmed = {side: trim_noise(path.read_bytes().decode("utf-8")).text
               for side, path in (("a", a), ("b", b))}
    assert all(LINK_LIST[0] not in text for text in trimmed.values())
    # The chain's passage, at its offsets in the trimmed texts, in the chain's cluster.
    passage = texts[first]["text"].split("\n\n")[3].strip()
    carried = [p for p in data["shared_phrases"] if passage in p["text_a"]]
    assert len(carried) == 1
    for side in "ab":
        assert trimmed[side][slice(*carried[0][side])] == carried[0][f"text_{side}"]
    assert carried[0]["collection"]["others"] == 1
    assert carried[0]["collection"]["first"]["doc"] == first
    (slogan,) = [s for s in data["slogans"] if s["phrase"] == SET_PHRASE]
    for side in "ab":
        assert [trimmed[side][start:end] for start, end in slogan[f"occurrences_{side}"]] == [
            SET_PHRASE]
    assert slogan["collection"]["of"] == 30 and slogan["collection"]["documents"] == 7
    # Edited since, B is still none of its articles, and the note says so.
    b.write_text(texts[third]["text"].replace("Title of", "Headline of"), encoding="utf-8")
    result = tandem("compare", str(a), str(b), "--trim", "--collection", str(store),
                    "--json", "-", env=_env(tmp_path))
    assert result.returncode == 0
    assert result.stderr.startswith(
        f"tandem: note: B is not an article of {store} (30 articles; none has the same "
        "text, trimmed or not), so only A's shared passages are matched to its clusters\n"
        f"tandem: note: {a}: trimmed ")
    assert json.loads(result.stdout)["collection"]["b"] is None
    # The reports say it too: without it, the passages' missing figures read as none.
    page, paper = tmp_path / "report.html", tmp_path / "report.pdf"
    assert tandem("compare", str(a), str(b), "--trim", "--collection", str(store), "--html",
                  str(page), "--pdf", str(paper), env=_env(tmp_path)).returncode == 0
    said = ("B is not an article of store.sqlite (30 articles; none has the same text, "
            "trimmed or not), so only A's shared passages are matched to its clusters.")
    assert said in html.unescape(page.read_text(encoding="utf-8"))
    assert said in " ".join(pdf_text(paper).split())


def test_compare_with_a_collection_lists_its_formulations_a_copy_carries(
        tmp_path: Path) -> None:
    # An article of the small dev collection and a copy of it under another title: one
    # passage covers both, and the formulations inside it are used once in each, which
    # two texts alone take as pieces of the copy.
    store = tmp_path / "store.sqlite"
    source = ROOT / "tests" / "fixtures" / "collection" / "window" / "dev-small.jsonl.gz"
    assert tandem("corpus", "add", str(store), str(source), env=_env(tmp_path)).returncode == 0
    with CollectionStore.open(store) as opened:
        formulations = opened.formulations()
        articles = len(opened.documents())
        undated = {d.id for d in opened.documents() if not d.date}
        doc = formulations[0]["occurrences"][0]["doc"]
        text = opened.text(doc)
    used = [f for f in formulations if doc in {o["doc"] for o in f["occurrences"]}]
    (tmp_path / "a.txt").write_text(text, encoding="utf-8", newline="")
    (tmp_path / "b.txt").write_text("A copy\n" + text.split("\n", 1)[1], encoding="utf-8",
                                    newline="")

    def slogans(*more: str) -> dict[str, dict]:
        result = tandem("compare", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), *more,
                        "--json", "-", env=_env(tmp_path))
        assert result.returncode == 0, result.stderr
        return {s["phrase"]: s for s in json.loads(result.stdout)["slogans"]}

    alone, behind = slogans(), slogans("--collection", str(store))
    assert used and not {f["phrase"] for f in used} & set(alone)
    # The HTML and PDF reports give each the collection's figures, as the window does.
    html_out, pdf_out = tmp_path / "r.html", tmp_path / "r.pdf"
    assert tandem("compare", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--collection",
                  str(store), "--html", str(html_out), "--pdf", str(pdf_out),
                  env=_env(tmp_path)).returncode == 0
    page = html_out.read_text(encoding="utf-8")
    printed = " ".join(subprocess.run(["pdftotext", "-layout", str(pdf_out), "-"],
                                      capture_output=True, text=True, check=True).stdout.split())
    for formulation in used:
        slogan = behind[formulation["phrase"]]
        uses = [tuple(tuple(span) for span in slogan[f"occurrences_{side}"]) for side in "ab"]
        label = slogan_label(slogan["collection"], Slogan(slogan["phrase"], slogan["words"],
                                                          *uses))
        assert f"<td>{html.escape(label)}</td>" in page
        assert label.split(" · first ")[0] in printed
    for formulation in used:
        slogan = behind[formulation["phrase"]]
        uses = next(o for o in formulation["occurrences"] if o["doc"] == doc)["spans"]
        assert slogan["occurrences_a"] == uses
        assert slogan["count_b"] == len(uses)
        # With the articles using it that are undated: the first is the first dated one.
        assert slogan["collection"] == {
            "documents": formulation["documents"], "of": articles, "first": formulation["first"],
            "undated": len({o["doc"] for o in formulation["occurrences"]} & undated)}
    assert any(f["variants"] for f in used)  # their articles are counted too


def test_compare_with_a_collection_counts_a_watched_phrase_as_the_report_does(
        tmp_path: Path) -> None:
    # A watch-list line naming one of the collection's formulations, without its variants:
    # the pair gives the line's figures, as the report's watched phrases do, not those of
    # the formulation and its variants. A line neither text uses is said to be so.
    store = tmp_path / "store.sqlite"
    source = ROOT / "tests" / "fixtures" / "collection" / "window" / "dev-small.jsonl.gz"
    env = _env(tmp_path)
    assert tandem("corpus", "add", str(store), str(source), env=env).returncode == 0
    with CollectionStore.open(store) as opened:
        formulations = [f for f in opened.formulations() if f["variants"]]
        articles = len(opened.documents())
        undated = {d.id for d in opened.documents() if not d.date}
    watchlist = tmp_path / "watch.txt"
    watchlist.write_text("\n".join([*(f["phrase"] for f in formulations),
                                    "a phrase no article prints"]) + "\n", encoding="utf-8")
    report = tandem("corpus", "report", str(store), "--watchlist", str(watchlist), "--json", "-",
                    env=env)
    assert report.returncode == 0, report.stderr
    watched = {w["phrase"]: w for w in json.loads(report.stdout)["watched"]}
    narrower = [f for f in formulations if watched[f["phrase"]]["documents"] != f["documents"]]
    assert narrower  # lines the variants would count otherwise
    formulation = narrower[0]
    doc = next(o["doc"] for o in formulation["occurrences"]
               if o["doc"] in {p["doc"] for p in watched[formulation["phrase"]]["occurrences"]})
    with CollectionStore.open(store) as opened:
        text = opened.text(doc)
    (tmp_path / "a.txt").write_text(text, encoding="utf-8", newline="")
    (tmp_path / "b.txt").write_text("A copy\n" + text.split("\n", 1)[1], encoding="utf-8",
                                    newline="")
    result = tandem("compare", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--collection",
                    str(store), "--watchlist", str(watchlist), "--json", "-", env=env)
    assert result.returncode == 0, result.stderr
    slogans = {s["phrase"]: s for s in json.loads(result.stdout)["slogans"]}
    line = watched[formulation["phrase"]]
    assert slogans[formulation["phrase"]]["watchlist"]
    assert slogans[formulation["phrase"]]["collection"] == {
        "documents": line["documents"], "of": articles, "first": line["first"],
        "undated": len({o["doc"] for o in line["occurrences"]} & undated)}
    unused = slogans["a phrase no article prints"]
    assert unused["collection"]["documents"] == 0
    label = slogan_label(unused["collection"], Slogan(unused["phrase"], unused["words"], (), ()))
    assert label.startswith("used by neither · in 0/")


def test_a_store_another_process_is_writing_gets_a_message(tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite"
    source = make_collection(documents=6).write(tmp_path / "c.jsonl")
    assert tandem("corpus", "add", str(store), str(source), env=_env(tmp_path)).returncode == 0
    with sqlite3.connect(store, timeout=0.1) as holder:
        holder.execute("BEGIN IMMEDIATE")  # as a running add holds it
        result = tandem("corpus", "add", str(store), str(source), env=_env(tmp_path))
        holder.rollback()
    assert result.returncode == 2 and "an add writing to it" in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_store_another_process_is_reading_does_not_say_it_is_written(tmp_path: Path) -> None:
    # A window or a `compare --collection` reading the store (one read transaction) keeps
    # an add from committing: the message said another tandem was writing to it.
    store = tmp_path / "store.sqlite"
    planted = make_collection(documents=6)
    source = planted.write(tmp_path / "c.jsonl")
    assert tandem("corpus", "add", str(store), str(source), env=_env(tmp_path)).returncode == 0
    more = make_collection(documents=7).write(tmp_path / "more.jsonl")
    with sqlite3.connect(store, timeout=0.1) as reader:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM documents").fetchall()  # as a reader holds it
        result = tandem("corpus", "add", str(store), str(more), env=_env(tmp_path))
        reader.rollback()
    assert result.returncode == 2, result.stderr
    assert "or the window or a comparison reading it" in result.stderr


def _indexed(tmp_path: Path) -> tuple[Planted, Path, Path]:
    """The planted collection, the store `tandem corpus add` indexed it into, its source."""
    planted = make_collection()
    store, source = tmp_path / "store.sqlite", planted.write(tmp_path / "c.jsonl")
    assert tandem("corpus", "add", str(store), str(source), env=_env(tmp_path)).returncode == 0
    return planted, store, source


def _alter(store: Path, statement: str) -> None:
    """Run one SQL `statement` on the store, as another program (or version) might."""
    with sqlite3.connect(store) as connection:
        connection.execute(statement)
    connection.close()


def test_results_an_earlier_version_found_are_read_with_a_note(tmp_path: Path) -> None:
    # A store without the `keys` entry, as an earlier version wrote it: its results are
    # read (report, compare --collection) with a note that `add` brings them up to date.
    planted, store, source = _indexed(tmp_path)
    assert tandem("corpus", "report", str(store), "--json", "-",
                  env=_env(tmp_path)).stderr == ""
    _alter(store, "DELETE FROM meta WHERE key = 'keys'")
    report = tandem("corpus", "report", str(store), "--json", "-", env=_env(tmp_path))
    assert report.returncode == 0 and json.loads(report.stdout)["pairs"]
    assert report.stderr == (f"tandem: note: {store} was indexed by an earlier version of "
                             f"Tandem: its results are that version's until `tandem corpus "
                             f"add {store} SOURCE...` brings them up to date\n")
    first, second, _ = planted.chain
    for doc_id in (first, second):
        (tmp_path / f"{doc_id}.txt").write_text(planted.by_id()[doc_id]["text"], "utf-8")
    compared = tandem("compare", str(tmp_path / f"{first}.txt"), str(tmp_path / f"{second}.txt"),
                      "--collection", str(store), "--json", "-", env=_env(tmp_path))
    assert compared.returncode == 0 and "earlier version" in compared.stderr
    assert tandem("corpus", "add", str(store), str(source), "--quiet",
                  env=_env(tmp_path)).returncode == 0
    assert tandem("corpus", "report", str(store), "--json", "-",
                  env=_env(tmp_path)).stderr == ""


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
def test_a_report_in_a_folder_that_takes_no_new_file_is_refused_before_indexing(
        tmp_path: Path) -> None:
    # /proc takes no file, whoever runs the tests (root may write in any folder of ours).
    source = make_collection(documents=4).write(tmp_path / "c.jsonl")
    store = tmp_path / "s.sqlite"
    done = tandem("corpus", str(source), "--json", "/proc/tandem-report.json",
                  "--store", str(store), env=_env(tmp_path))
    assert done.returncode == 2
    assert done.stderr.startswith("tandem: /proc/tandem-report.json: cannot be written in its "
                                  "folder (")
    assert done.stderr.endswith("(choose a folder you can write in)\n")
    assert not store.exists()  # refused before any indexing
    # A device is written directly, as before.
    assert tandem("corpus", str(source), "--json", "/dev/null", "--quiet",
                  "--store", str(store), env=_env(tmp_path)).returncode == 0


def test_a_store_is_read_whatever_characters_its_path_holds(tmp_path: Path) -> None:
    # Read as a URI, "coll#v2.sqlite" was "coll": another store, or a new empty file.
    planted = make_collection()
    small, large = tmp_path / "coll", tmp_path / "coll#v2 ?x=1 %20.sqlite"
    for store, rows in ((small, planted.rows[:10]), (large, planted.rows)):
        source = planted.write(tmp_path / "c.jsonl", rows)
        assert tandem("corpus", "add", str(store), str(source), "--quiet",
                      env=_env(tmp_path)).returncode == 0
    report = tandem("corpus", "report", str(large), "--json", "-", env=_env(tmp_path))
    assert report.returncode == 0, report.stderr
    assert len(json.loads(report.stdout)["documents"]) == 30
    missing = tmp_path / "h#1.sqlite"
    result = tandem("corpus", "report", str(missing), "--json", "-", env=_env(tmp_path))
    assert result.returncode == 2 and "no such collection store" in result.stderr
    assert not (tmp_path / "h").exists()


def test_a_store_damaged_past_its_first_pages_gets_one_line(tmp_path: Path) -> None:
    planted, store, _ = _indexed(tmp_path)
    data = bytearray(store.read_bytes())
    noise = random.Random(1)
    for start in range(2 * 4096, len(data), 7 * 4096):  # the first pages stay whole
        data[start:start + 2000] = noise.randbytes(2000)
    store.write_bytes(data)
    first, second, _ = planted.chain
    for doc_id in (first, second):
        (tmp_path / f"{doc_id}.txt").write_text(planted.by_id()[doc_id]["text"], "utf-8")
    for command in (["corpus", "report", str(store), "--json", "-"],
                    ["compare", str(tmp_path / f"{first}.txt"), str(tmp_path / f"{second}.txt"),
                     "--collection", str(store), "--json", "-"]):
        result = tandem(*command, env=_env(tmp_path))
        assert result.returncode == 2
        assert result.stderr == (f"tandem: {store}: is damaged or not a collection store "
                                 "(database disk image is malformed); it is left as it is: "
                                 "index the collection into a new store\n")
    assert store.read_bytes() == data


def _damage_table(store: Path, table: str) -> bytes:
    """Overwrite the root page of the store's `table` with noise, as a bad disk sector
    would; the store's bytes after."""
    with contextlib.closing(sqlite3.connect(store)) as connection:
        (root,), = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                                      (table,))
        (size,), = connection.execute("PRAGMA page_size")
    data = bytearray(store.read_bytes())
    data[(root - 1) * size:root * size] = random.Random(7).randbytes(size)
    store.write_bytes(data)
    return bytes(data)


def _set_aside_change_counter(store: bytes) -> bytes:
    """A store's bytes with its header's file change counter (offset 24) and the
    version-valid-for number (offset 92) zeroed: an add that opens the store to write puts
    it in WAL mode and, failing, back in rollback-journal mode, which counts as a change
    in the header alone (SQLite's file format, section 1.3); every page is as it was."""
    return store[:24] + bytes(4) + store[28:92] + bytes(4) + store[96:]


def test_an_add_that_meets_a_damaged_page_calls_the_store_damaged(tmp_path: Path) -> None:
    # Damage met inside the add's transaction (the index, read only there) was told as
    # "could not be written", as a full disk is: no word that the store is damaged, and
    # no offer to index afresh where the store is only a cache.
    planted, store, source = _indexed(tmp_path)
    damaged = _damage_table(store, "tokens")
    result = tandem("corpus", "add", str(store), str(source), env=_env(tmp_path))
    assert (result.returncode, result.stderr) == (
        2, f"tandem: {store}: is damaged or not a collection store (database disk image is "
           "malformed); it is left as it is: index the collection into a new store\n")
    assert _set_aside_change_counter(store.read_bytes()) == _set_aside_change_counter(damaged)
    out = tmp_path / "out.json"
    assert tandem("corpus", str(source), "--json", str(out), env=_env(tmp_path)
                  ).returncode == 0
    [cached] = (tmp_path / "cache").rglob("*.sqlite")
    _damage_table(cached, "tokens")
    result = tandem("corpus", str(source), "--json", str(out), env=_env(tmp_path))
    assert result.returncode == 2 and result.stderr.startswith(
        f"tandem: {cached}: is damaged or not a collection store")
    assert result.stderr.rstrip().endswith(
        "it is the index Tandem keeps in its cache for these sources: delete it to index "
        "them afresh, or give --store PATH")


def test_a_store_a_later_version_indexed_is_read_and_never_added_to(tmp_path: Path) -> None:
    _, store, source = _indexed(tmp_path)
    _alter(store, "UPDATE meta SET value = '999' WHERE key = 'matcher'")
    before = tandem("corpus", "report", str(store), "--json", "-", env=_env(tmp_path))
    assert before.returncode == 0 and json.loads(before.stdout)["pairs"]
    assert before.stderr == (f"tandem: note: {store} was indexed by a later version of "
                             "Tandem: its results are that version's\n")
    added = tandem("corpus", "add", str(store), str(source), env=_env(tmp_path))
    assert added.returncode == 2
    assert added.stderr.startswith(f"tandem: {store}: was indexed by a later version of "
                                   "Tandem (matcher 999, this version's ")
    assert tandem("corpus", "report", str(store), "--json", "-",
                  env=_env(tmp_path)).stdout == before.stdout


def _without_root_privilege() -> list[str]:
    """A command prefix that runs a program under the permissions of files and folders
    (root's override dropped), or [] when it already does."""
    if os.geteuid() != 0:
        return []
    return ["setpriv", "--inh-caps=-all",
            "--bounding-set=-dac_override,-dac_read_search,-fowner"]


def _run_while_unreadable(locked: Path, mode: int, run: list[str],
                          tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`tandem RUN...` without root's right to read what it may not, while `locked` may
    be read by no one; `locked` gets `mode` back after."""
    locked.chmod(0o000)
    try:
        return subprocess.run([*_without_root_privilege(), sys.executable, "-m", "viewer",
                               *run], cwd=ROOT, env=_env(tmp_path), capture_output=True,
                              text=True, timeout=300)
    finally:
        locked.chmod(mode)


def _left_in_wal_mode(store: Path) -> None:
    """Put `store` in WAL mode, as an add made while the window read it leaves it."""
    with contextlib.closing(sqlite3.connect(store)) as connection:
        assert connection.execute("PRAGMA journal_mode = WAL").fetchone() == ("wal",)


def _reported_without_root(store: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`tandem corpus report STORE --json -`, run without root's file permissions."""
    return subprocess.run(
        [*_without_root_privilege(), sys.executable, "-m", "viewer", "corpus", "report",
         str(store), "--json", "-"], cwd=ROOT, env=_env(tmp_path), capture_output=True,
        text=True, timeout=300)


#: Tests that take files' permissions away: root reads whatever they say, unless setpriv
#: gives up its override.
NEEDS_SETPRIV = pytest.mark.skipif(os.geteuid() == 0 and not shutil.which("setpriv"),
                                   reason="as root, needs setpriv to give up root's file "
                                          "permissions")


@NEEDS_SETPRIV
def test_a_metadata_csv_that_cannot_be_opened_says_so_not_how_to_save_it(
        tmp_path: Path) -> None:
    # It was told "cannot be read as CSV ([Errno 13] Permission denied: PATH); save it as
    # UTF-8": its format, which was never read, rather than its permissions.
    source = tmp_path / "news"
    source.mkdir()
    for name in ("a.txt", "b.txt"):
        (source / name).write_text(f"Article {name} here.\n", encoding="utf-8")
    metadata = source / "metadata.csv"
    metadata.write_text("file,id\na.txt,d1\n", encoding="utf-8")
    metadata.chmod(0o000)
    try:
        result = subprocess.run(
            [*_without_root_privilege(), sys.executable, "-m", "viewer", "corpus", "add",
             str(tmp_path / "store.sqlite"), str(source)], cwd=ROOT, env=_env(tmp_path),
            capture_output=True, text=True, timeout=300)
    finally:
        metadata.chmod(0o644)
    assert (result.returncode, result.stderr) == (
        2, f"tandem: {metadata}: cannot be read (permission denied); check the file's "
           "permissions, or move it out of the folder to read the articles without it\n")


@NEEDS_SETPRIV
def test_a_store_its_user_may_not_read_is_told_so(tmp_path: Path) -> None:
    # Another user's store on a shared machine: an add called it "read-only" (make it
    # writable, and report reads it where it is), report "unable to open database file".
    planted, folder = _article_folder(tmp_path)
    store = tmp_path / "store.sqlite"
    assert tandem("corpus", "add", str(store), str(folder), env=_env(tmp_path)).returncode == 0
    said = (f"tandem: {store}: cannot be read (permission denied); check the file's "
            "permissions (it is left as it is)\n")
    other = tmp_path / "other.txt"
    other.write_text(planted.rows[0]["text"], encoding="utf-8")
    for run in (["corpus", "add", str(store), str(folder)],
                ["corpus", str(folder), "--store", str(store), "--quiet"],
                ["corpus", "report", str(store), "--json", "-"],
                ["compare", str(other), str(folder / f"{planted.rows[1]['id']}.txt"),
                 "--collection", str(store), "--json", "-"]):
        result = _run_while_unreadable(store, 0o644, run, tmp_path)
        assert (result.returncode, result.stdout, result.stderr) == (2, "", said), run


@NEEDS_SETPRIV
def test_a_store_in_a_folder_that_cannot_be_written_is_read(tmp_path: Path) -> None:
    # Reading a store in WAL mode writes its -shm index beside it; where that is refused,
    # the store was called damaged.
    planted = make_collection()
    indexed, source = tmp_path / "store.sqlite", planted.write(tmp_path / "c.jsonl")
    assert tandem("corpus", "add", str(indexed), str(source), env=_env(tmp_path)).returncode == 0
    expected = tandem("corpus", "report", str(indexed), "--json", "-",
                      env=_env(tmp_path)).stdout
    # The store alone, as a copy of it is shelved.
    shelf = tmp_path / "shelf"
    shelf.mkdir()
    store = shelf / "store.sqlite"
    shutil.copyfile(indexed, store)
    shelf.chmod(0o555)
    try:
        result = _reported_without_root(store, tmp_path)
    finally:
        shelf.chmod(0o755)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == expected


@NEEDS_SETPRIV
def test_a_store_in_wal_mode_in_a_read_only_folder_is_read_through_a_symlink(
        tmp_path: Path) -> None:
    # The folder that could not be written was looked for beside the link, not where
    # SQLite keeps the store (the link's target): the store was called damaged.
    _, indexed, _ = _indexed(tmp_path)
    expected = tandem("corpus", "report", str(indexed), "--json", "-",
                      env=_env(tmp_path)).stdout
    shelf, links = tmp_path / "shelf", tmp_path / "links"
    shelf.mkdir()
    links.mkdir()
    store = shelf / "store.sqlite"
    shutil.copyfile(indexed, store)
    _left_in_wal_mode(store)
    (links / "store.sqlite").symlink_to(store)
    shelf.chmod(0o555)
    try:
        result = _reported_without_root(links / "store.sqlite", tmp_path)
    finally:
        shelf.chmod(0o755)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == expected
    assert sorted(entry.name for entry in shelf.iterdir()) == ["store.sqlite"]


#: Runs an add of SOURCE to STORE and kills itself (SIGKILL) once its transaction has
#: written to the log, before it commits: a page cache of a few pages spills this small
#: add's writes there, as a large add's spill.
_KILLED_IN_ITS_ADD = (
    "import os, signal, sys\n"
    "from viewer.collection.engine import add_sources\n"
    "from viewer.collection.store import CollectionStore\n"
    "def stop(stage, fraction):\n"
    "    if stage == 'Finding candidate pairs':\n"
    "        assert os.path.getsize(sys.argv[1] + '-wal') > 0\n"
    "        os.kill(os.getpid(), signal.SIGKILL)\n"
    "with CollectionStore.create_or_open(sys.argv[1]) as store:\n"
    "    store.connection.execute('PRAGMA cache_size = 4')\n"
    "    add_sources(store, [sys.argv[2]], stop, workers=1)\n")
#: Commits a write to STORE in WAL mode and kills itself before the log is folded in.
_KILLED_ONCE_COMMITTED = (
    "import os, signal, sqlite3, sys\n"
    "connection = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "connection.execute('PRAGMA journal_mode = WAL')\n"
    "connection.execute('CREATE TABLE written_since (x)')\n"
    "os.kill(os.getpid(), signal.SIGKILL)\n")


@NEEDS_SETPRIV
@pytest.mark.parametrize("killed", ["in its add", "once committed"])
def test_a_store_left_with_its_log_alone_in_a_read_only_folder_is_read_unless_it_has_writes(
        tmp_path: Path, killed: str) -> None:
    # An add killed in its transaction (SIGKILL) leaves STORE-wal, whose frames none
    # commits: SQLite discards them. With its -shm gone and its folder read-only, the
    # store was refused all the same as holding "changes not yet saved".
    planted = make_collection()
    shelf = tmp_path / "shelf"
    shelf.mkdir()
    store = shelf / "store.sqlite"
    first = planted.write(tmp_path / "first.jsonl", planted.rows[:20])
    assert tandem("corpus", "add", str(store), str(first), env=_env(tmp_path)).returncode == 0
    expected = tandem("corpus", "report", str(store), "--json", "-",
                      env=_env(tmp_path)).stdout
    code = _KILLED_IN_ITS_ADD if killed == "in its add" else _KILLED_ONCE_COMMITTED
    stopped = subprocess.run([sys.executable, "-c", code, str(store),
                              str(planted.write(tmp_path / "all.jsonl"))], cwd=ROOT,
                             env=_env(tmp_path), capture_output=True, timeout=300)
    assert stopped.returncode == -signal.SIGKILL
    Path(f"{store}-shm").unlink()
    assert sorted(entry.name for entry in shelf.iterdir()) == [
        "store.sqlite", "store.sqlite-wal"]
    shelf.chmod(0o555)
    try:
        result = _reported_without_root(store, tmp_path)
    finally:
        shelf.chmod(0o755)
    if killed == "in its add":
        # The store as the add before it left it: what SQLite recovers it to.
        assert (result.returncode, result.stderr) == (0, "")
        assert result.stdout == expected
    else:
        assert result.returncode == 2
        assert result.stderr == (
            f"tandem: {store}: cannot be read where it is: its folder cannot be written and "
            f"it holds changes not yet saved into it ({store}-wal); copy the store with its "
            "-wal file to a folder you can write to\n")
    assert sorted(entry.name for entry in shelf.iterdir()) == [
        "store.sqlite", "store.sqlite-wal"]


@NEEDS_SETPRIV
def test_a_read_only_store_left_in_wal_mode_is_read_without_side_files(
        tmp_path: Path) -> None:
    # A store written while the window read it stays in WAL mode; made read-only (chmod
    # 444, as an archived copy is), each report left a -wal and a -shm file beside it:
    # a reader of a WAL store makes them, and none may remove them from a read-only store.
    _, store, _ = _indexed(tmp_path)
    expected = tandem("corpus", "report", str(store), "--json", "-",
                      env=_env(tmp_path)).stdout
    _left_in_wal_mode(store)
    assert sorted(entry.name for entry in tmp_path.iterdir()
                  if entry.name.startswith("store")) == ["store.sqlite"]
    store.chmod(0o444)
    try:
        result = _reported_without_root(store, tmp_path)
    finally:
        store.chmod(0o644)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == expected
    assert sorted(entry.name for entry in tmp_path.iterdir()
                  if entry.name.startswith("store")) == ["store.sqlite"]


@NEEDS_SETPRIV
@pytest.mark.parametrize("read_only", ["folder", "file"])
def test_an_add_to_a_store_that_cannot_be_written_says_so_and_not_damaged(
        tmp_path: Path, read_only: str) -> None:
    # SQLite's "attempt to write a readonly database" was told as a damaged store (a
    # read-only folder) or a failed write, with no word of what to do.
    planted = make_collection()
    source = planted.write(tmp_path / "c.jsonl")
    shelf = tmp_path / "shelf"
    shelf.mkdir()
    store = shelf / "store.sqlite"
    assert tandem("corpus", "add", str(store), str(source), env=_env(tmp_path)).returncode == 0
    before = store.read_bytes()
    locked = shelf if read_only == "folder" else store
    locked.chmod(0o555 if read_only == "folder" else 0o444)
    try:
        result = subprocess.run(
            [*_without_root_privilege(), sys.executable, "-m", "viewer", "corpus", "add",
             str(store), str(source)], cwd=ROOT, env=_env(tmp_path), capture_output=True,
            text=True, timeout=300)
    finally:
        locked.chmod(0o755 if read_only == "folder" else 0o644)
    cause = (f"its folder {shelf} cannot be written" if read_only == "folder"
             else "the file is read-only")
    assert result.returncode == 2
    assert result.stderr.startswith(f"tandem: {store}: cannot be written: {cause}")
    assert result.stderr.count("\n") == 1 and "damaged" not in result.stderr
    assert store.read_bytes() == before


def test_the_reports_name_an_article_headed_by_its_series_boilerplate_as_the_window_does(
        tmp_path: Path) -> None:
    # The articles of one series open with its header, their first line when indexed.
    planted = make_collection()
    headed = set()
    for row in planted.rows:
        if row["series"] == planted.boilerplate_series:
            row["text"] = f"{BOILERPLATE}\n\n{row['text']}"
            headed.add(row["id"])
    source, store = planted.write(tmp_path / "all.jsonl"), tmp_path / "store.sqlite"
    html_out, pdf_out, json_out = tmp_path / "r.html", tmp_path / "r.pdf", tmp_path / "r.json"
    result = tandem("corpus", str(source), "--store", str(store), "--html", str(html_out),
                    "--pdf", str(pdf_out), "--json", str(json_out), env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    page = html_out.read_text(encoding="utf-8")
    named = dict(re.findall(r'(?:<td>|<li>|>)([^<>]*?) <span class="id muted">([^<]+)</span>',
                            page))
    named = {doc: html.unescape(title) for title, doc in named.items()}
    assert headed & set(named)
    window = load(str(store))
    assert named == {doc: window.title(doc) for doc in named}
    assert all(named[doc] == f"Title of {doc}" for doc in headed & set(named))
    printed = " ".join(subprocess.run(["pdftotext", str(pdf_out), "-"], capture_output=True,
                                      text=True, check=True).stdout.split())
    assert all(f"Title of {doc}" in printed for doc in headed & set(named))
    # The JSON keeps to the contract, which names no titles.
    assert all("title" not in d for d in json.loads(json_out.read_text())["documents"])


def test_a_report_of_a_store_holding_no_article_says_so(tmp_path: Path) -> None:
    # A first add killed before it wrote an article leaves such a store (its clean-up never
    # ran): "0 articles, 0 pairs" alone read as a collection in which nothing recurs.
    store = tmp_path / "s.sqlite"
    with CollectionStore.create_or_open(str(store)):
        pass
    result = tandem("corpus", "report", str(store), "--json", str(tmp_path / "out.json"),
                    env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "out.json").read_text())["documents"] == []
    assert result.stderr == ("tandem: note: the store holds no articles (its first add was "
                             "stopped before it wrote any): add them with 'tandem corpus add "
                             "STORE SOURCE'\n")
    quiet = tandem("corpus", "report", str(store), "--json", str(tmp_path / "out.json"),
                   "--quiet", env=_env(tmp_path))
    assert (quiet.returncode, quiet.stderr) == (0, "")


def test_a_single_article_given_as_the_collection_gets_a_note_of_what_to_give(
        tmp_path: Path) -> None:
    article = tmp_path / "one.txt"
    article.write_text(make_collection().rows[0]["text"], encoding="utf-8")
    result = tandem("corpus", str(article), "--json", str(tmp_path / "out.json"),
                    env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert len(json.loads((tmp_path / "out.json").read_text())["documents"]) == 1
    assert "single article" in result.stderr and "tandem compare A B" in result.stderr
    # Two articles are a collection, however small: no such note.
    (tmp_path / "two").mkdir()
    for k, row in enumerate(make_collection().rows[:2]):
        (tmp_path / "two" / f"{k}.txt").write_text(row["text"], encoding="utf-8")
    result = tandem("corpus", str(tmp_path / "two"), "--json", str(tmp_path / "two.json"),
                    env=_env(tmp_path))
    assert result.returncode == 0 and "single article" not in result.stderr


def test_an_add_whose_log_cannot_be_folded_in_says_to_keep_it(tmp_path: Path) -> None:
    # A disk full as the log is folded into the store (the store must grow): the add
    # committed into STORE-wal and ended as though all were well, while the store alone,
    # copied or mailed, read as damaged.
    import resource

    planted = make_collection()
    store = tmp_path / "s.sqlite"
    first = tandem("corpus", "add", str(store), str(planted.write(tmp_path / "a.jsonl",
                                                                    planted.rows[:20])),
                   "--quiet", env=_env(tmp_path))
    assert first.returncode == 0, first.stderr
    held = store.stat().st_size

    def store_may_not_grow() -> None:  # in the child: writes past its size fail
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (held, held))

    more = planted.write(tmp_path / "b.jsonl", planted.rows[20:])
    added = tandem("corpus", "add", str(store), str(more), "--quiet", env=_env(tmp_path),
                   preexec_fn=store_may_not_grow)
    assert added.returncode == 0, added.stderr
    assert Path(f"{store}-wal").stat().st_size > 0
    assert added.stderr.startswith(f"tandem: note: {store}: its last writes are kept in "
                                   f"{store}-wal, which could not be folded into the store (")
    assert "keep the two files together" in added.stderr
    # With its log beside it the store holds them all; the next add folds the log in.
    again = tandem("corpus", "add", str(store), str(more), "--quiet", env=_env(tmp_path))
    assert (again.returncode, again.stderr) == (0, "")
    assert not Path(f"{store}-wal").exists()
    with CollectionStore.open(store) as reopened:
        assert reopened.document_count() == len(planted.rows)


def test_characters_the_pdf_report_draws_as_boxes_are_told_on_the_terminal(
        tmp_path: Path) -> None:
    # The collection PDF drew an article titled in Devanagari as boxes and no one said so,
    # while `tandem compare --pdf` tells it.
    devanagari = "\u0928\u092e\u0938\u094d\u0924\u0947"
    shared = ("The harbour commission approved a binding timetable for retiring the coal "
              "cranes and retraining every dock worker before the winter season.")
    folder = tmp_path / "news"
    folder.mkdir()
    for name, title in (("one", f"{devanagari} harbour news"), ("two", "Dock news")):
        (folder / f"{name}.txt").write_text(f"{title}\n\nIn {name} news today. {shared}\n",
                                            encoding="utf-8")
    store, pdf = tmp_path / "s.sqlite", tmp_path / "r.pdf"
    for args in (["corpus", str(folder), "--store", str(store)],
                 ["corpus", "report", str(store)]):
        result = tandem(*args, "--pdf", str(pdf), env=_env(tmp_path))
        assert result.returncode == 0, result.stderr
        [line] = [line for line in result.stderr.splitlines() if "no glyph" in line]
        assert line.startswith("tandem: note: the PDF report: ")
        told = line.removeprefix("tandem: note: the PDF report: ")
        assert "show as empty boxes" in told
        assert told in " ".join(pdf_text(pdf).split())
        # As the other notes, not under --quiet.
        quiet = tandem(*args, "--pdf", str(pdf), "--quiet", env=_env(tmp_path))
        assert quiet.returncode == 0 and quiet.stderr == ""


def test_a_file_name_with_control_characters_is_told_on_one_line(tmp_path: Path) -> None:
    # macOS's "Icon\r" of a folder with its own icon (Dropbox copies it), or a name with a
    # newline or a terminal's escape sequence: printed as it was, the line was overwritten,
    # cut in two, or turned the terminal red.
    folder = tmp_path / "news"
    folder.mkdir()
    shared = ("The harbour commission approved a binding timetable for retiring the coal "
              "cranes and retraining every dock worker before the winter season.")
    for name in ("one", "two"):
        (folder / f"{name}.txt").write_text(f"{name} news\n\n{shared}\n", encoding="utf-8")
    odd = ["Icon\r", "two\nlines.pdf", "red \x1b[31mtext.pdf"]
    for name in odd:
        (folder / name).write_bytes(b"")
    result = tandem("corpus", str(folder), "--store", str(tmp_path / "s.sqlite"), "--json",
                    str(tmp_path / "r.json"), env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert all(line.startswith("tandem: ") for line in lines) and "\x1b" not in result.stderr
    for name in odd[1:]:
        escaped = name.encode("unicode_escape").decode("ascii")
        assert sum(f"skipped {folder / escaped}: " in line for line in lines) == 1, name
    # A file the operating system keeps is summed up with the others of its kind.
    assert ("tandem: skipped 1 file the operating system keeps (Icon\\r), not articles"
            in lines)
    # The one line of a source holding no article names the first file skipped.
    only = tmp_path / "only"
    only.mkdir()
    (only / odd[1]).write_bytes(b"")
    failed = tandem("corpus", str(only), "--store", str(tmp_path / "o.sqlite"), "--json",
                    str(tmp_path / "o.json"), env=_env(tmp_path))
    assert failed.returncode == 2
    assert failed.stderr.count("\n") == 1 and "two\\nlines.pdf" in failed.stderr


@NEEDS_SETPRIV
@pytest.mark.parametrize("command", ["add", "one-shot"])
def test_an_article_file_that_cannot_be_opened_now_keeps_its_article_told_once(
        tmp_path: Path, command: str) -> None:
    # An indexed file made unreadable (chmod 000) kept its article on add with no word of
    # it, while the report listed it as skipped too; the one-shot command dropped it.
    source = tmp_path / "news"
    source.mkdir()
    for name in ("a", "b", "c"):
        (source / f"{name}.txt").write_text(f"Article {name} on the harbour plan.\n",
                                            encoding="utf-8")
    store = tmp_path / "store.sqlite"
    run = (["corpus", "add", str(store), str(source)] if command == "add"
           else ["corpus", str(source), "--store", str(store), "--json", "-"])
    assert tandem(*run, env=_env(tmp_path)).returncode == 0
    locked = source / "b.txt"
    result = _run_while_unreadable(locked, 0o644, run, tmp_path)
    assert result.returncode == 0, result.stderr
    told = ("the article read from it before stays in the store as it was until the file "
            "is read again; to drop it, remove the file" + (
                ", then run 'tandem corpus SOURCE... --store STORE' with every source the "
                "store holds (an add removes none)" if command == "add" else
                ": the next run does"))
    assert result.stderr.splitlines()[:2] == [
        "tandem: articles added 0, changed 0, removed 0, unchanged 2, kept as read before 1; "
        "inputs skipped 0; notes 1",
        f"tandem: note on {locked}: permission denied (check the file's permissions); {told}"]
    report = tandem("corpus", "report", str(store), "--json", "-", env=_env(tmp_path))
    reported = json.loads(report.stdout)
    assert sorted(d["id"] for d in reported["documents"]) == ["a", "b", "c"]
    assert reported["skipped"] == [{"path": str(locked), "reason": "permission denied (check "
                                    f"the file's permissions); {told}"}]
    assert [row["indexed"] for row in load(str(store)).skipped] == [True]


def _news_with_wire_folder(tmp_path: Path) -> Path:
    """A folder "news" of two articles, a.txt and b.txt, and a sub-folder "xinhua" of two
    wire stories named alike."""
    source = tmp_path / "news"
    (source / "xinhua").mkdir(parents=True)
    for name in ("a", "b"):
        (source / f"{name}.txt").write_text(f"Article {name} on the harbour plan.\n",
                                            encoding="utf-8")
        (source / "xinhua" / f"{name}.txt").write_text(f"Wire {name} on the rail line.\n",
                                                       encoding="utf-8")
    return source


@NEEDS_SETPRIV
def test_a_sub_folder_that_cannot_be_opened_keeps_its_articles_in_a_mirrored_store(
        tmp_path: Path) -> None:
    # The one-shot command with --store removed the articles of a sub-folder that could
    # not be opened for a while, as though it were empty, and told a metadata.csv row for
    # one of its files "not in the folder".
    source = _news_with_wire_folder(tmp_path)
    (source / "metadata.csv").write_text("file,id\nxinhua/a.txt,wire-a\n", encoding="utf-8")
    store = tmp_path / "store.sqlite"
    run = ["corpus", str(source), "--store", str(store)]
    assert tandem(*run, "--quiet", env=_env(tmp_path)).returncode == 0
    with CollectionStore.open(store) as opened:
        before = {d.id: opened.text(d.id) for d in opened.documents()}
    assert sorted(before) == ["a", "b", "wire-a", "xinhua/b"]
    locked = source / "xinhua"
    result = _run_while_unreadable(locked, 0o755, run, tmp_path)
    assert result.returncode == 0, result.stderr
    # Its metadata.csv row is no input skipped: the folder's note tells why it is not read.
    assert result.stderr.splitlines()[:2] == [
        "tandem: articles added 0, changed 0, removed 0, unchanged 2, kept as read before 2; "
        "inputs skipped 0; notes 1",
        f"tandem: note on {locked}: folder cannot be read (permission denied; check the "
        "folder's permissions); the 2 articles read from it before stay in the store as "
        "they were until it is read again"]
    with CollectionStore.open(store) as opened:
        assert {d.id: opened.text(d.id) for d in opened.documents()} == before


@NEEDS_SETPRIV
@pytest.mark.parametrize("mode", [0o000, 0o644], ids=["closed", "listed-not-entered"])
def test_metadata_rows_of_files_in_a_sub_folder_that_cannot_be_read_are_no_inputs_skipped(
        tmp_path: Path, mode: int) -> None:
    # Each row of such a file was counted among the inputs skipped, beside the folder's
    # (or its files') own line, though its articles were kept as read before; in a
    # folder that could be listed but not entered (no "x"), each was told "not in the
    # folder", where it is.
    source = _news_with_wire_folder(tmp_path)
    (source / "metadata.csv").write_text(
        "file,id,series\nxinhua/a.txt,wire-a,x\nxinhua/b.txt,wire-b,x\nmissing.txt,m,x\n",
        encoding="utf-8")
    store = tmp_path / "store.sqlite"
    run = ["corpus", "add", str(store), str(source)]
    assert tandem(*run, "--quiet", env=_env(tmp_path)).returncode == 0
    locked = source / "xinhua"
    locked.chmod(mode)
    try:
        result = subprocess.run([*_without_root_privilege(), sys.executable, "-m", "viewer",
                                 *run], cwd=ROOT, env=_env(tmp_path), capture_output=True,
                                text=True, timeout=300)
    finally:
        locked.chmod(0o755)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "tandem: articles added 0, changed 0, removed 0, unchanged 2, kept as read before 2; "
        f"inputs skipped 1; notes {1 if mode == 0o000 else 2}")
    # The one row at fault is still told: it lists a file the folder does not hold.
    rows = [line for line in lines if "metadata.csv" in line]
    assert rows == [f"tandem: skipped {source / 'metadata.csv'}:4: lists missing.txt, which "
                    "is not in the folder"]
    with CollectionStore.open(store) as opened:
        assert sorted(d.id for d in opened.documents()) == ["a", "b", "wire-a", "wire-b"]


@NEEDS_SETPRIV
def test_files_and_folders_that_cannot_be_read_are_told_why_in_one_spelling(
        tmp_path: Path) -> None:
    # One run told a file "permission denied (check the file's permissions)" (the
    # loader's words), a folder "Permission denied" (the system's), and a file in a folder
    # that could be listed but not entered "cannot be read (Permission denied)", with
    # nothing to do about it.
    source = tmp_path / "news"
    for folder in ("closed", "listed"):
        (source / folder).mkdir(parents=True)
        (source / folder / "a.txt").write_text(f"Wire {folder} on the rail line.\n",
                                               encoding="utf-8")
    for name in ("a", "b"):
        (source / f"{name}.txt").write_text(f"Article {name} on the harbour plan.\n",
                                            encoding="utf-8")
    store = tmp_path / "store.sqlite"
    run = ["corpus", "add", str(store), str(source)]
    assert tandem(*run, "--quiet", env=_env(tmp_path)).returncode == 0
    locked = {source / "closed": 0o000, source / "listed": 0o644, source / "b.txt": 0o000}
    for path, mode in locked.items():
        path.chmod(mode)
    try:
        result = subprocess.run([*_without_root_privilege(), sys.executable, "-m", "viewer",
                                 *run], cwd=ROOT, env=_env(tmp_path), capture_output=True,
                                text=True, timeout=300)
    finally:
        for path in locked:
            path.chmod(0o755)
    assert result.returncode == 0, result.stderr
    reasons = sorted(line.split(": ", 2)[2] for line in result.stderr.splitlines()[1:])
    drop = ("; to drop it, remove the file, then run 'tandem corpus SOURCE... --store STORE' "
            "with every source the store holds (an add removes none)")
    assert reasons == sorted([
        "folder cannot be read (permission denied; check the folder's permissions); the 1 "
        "article read from it before stays in the store as it was until it is read again",
        "cannot be read (permission denied; check the folder's permissions); the article "
        f"read from it before stays in the store as it was until the file is read again{drop}",
        "permission denied (check the file's permissions); the article read from it before "
        f"stays in the store as it was until the file is read again{drop}"]), result.stderr


def test_a_command_after_options_that_take_no_value_is_the_command(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # `tandem corpus --quiet add S SRC` read "add" as a source that is not there.
    source = make_collection(documents=4).write(tmp_path / "c.jsonl")
    store = tmp_path / "s.sqlite"
    assert run_corpus(["--quiet", "add", str(store), str(source)]) == 0
    assert capsys.readouterr().err == ""
    with CollectionStore.open(store) as opened:
        assert opened.document_count() == 4
