"""`tandem compare --json` follows the JSON contract, version 1, to the letter."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "core"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "viewer", "compare", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def read_exact(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def test_json_output_follows_contract_version_1(tmp_path):
    a, b = FIXTURES / "harbour_a.txt", FIXTURES / "harbour_b.txt"
    out = tmp_path / "out.json"
    done = run(str(a), str(b), "--json", str(out), "--min-words", "6")
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    texts = [read_exact(a), read_exact(b)]

    assert data["version"] == 1
    assert [d["name"] for d in data["documents"]] == ["harbour_a.txt", "harbour_b.txt"]
    for doc, text in zip(data["documents"], texts, strict=True):
        assert doc["chars"] == len(text)
        assert isinstance(doc["words"], int) and doc["words"] > 100
        assert doc["language"] == "en" and Path(doc["path"]).is_absolute()
    assert data["settings"]["min_words"] == 6

    assert data["shared_phrases"]
    for p in data["shared_phrases"]:
        assert set(p) >= {"a", "b", "words", "exact", "text_a", "text_b"}
        assert p["text_a"] == texts[0][p["a"][0]:p["a"][1]]
        assert p["text_b"] == texts[1][p["b"][0]:p["b"][1]]
        assert isinstance(p["exact"], bool) and p["words"] >= 6
        assert p["exact"] == (p["differences"] == [])
    for s in data["slogans"]:
        assert set(s) >= {"phrase", "words", "count_a", "count_b", "occurrences_a",
                          "occurrences_b", "watchlist"}
        assert (s["count_a"], s["count_b"]) == (len(s["occurrences_a"]), len(s["occurrences_b"]))
    for t in data["themes"]:
        assert set(t) >= {"a", "b", "score", "terms"} and 0 <= t["score"] <= 1
        assert t["terms"] and "related" not in t  # harbour pairs share terms
    stats = data["stats"]
    assert 0 < stats["shared_chars_a"] < 1 and 0 < stats["shared_chars_b"] < 1
    assert stats["seconds"] >= 0


def test_a_theme_pair_sharing_no_term_lists_the_words_that_relate_it(tmp_path):
    # Paired by the meaning of their words alone, the two were listed with "terms": []
    # and nothing else: now "related" names a word of each, nearest in meaning first.
    a, b = tmp_path / "snow.txt", tmp_path / "blizzard.txt"
    a.write_text("Heavy snowfall closed the mountain roads on Sunday and stranded hundreds "
                 "of skiers in their hotels overnight.\n", encoding="utf-8")
    b.write_text("A blizzard blocked alpine highways, leaving winter sports fans stuck in "
                 "guesthouses until morning.\n", encoding="utf-8")
    out = tmp_path / "out.json"
    done = run(str(a), str(b), "--json", str(out))
    assert done.returncode == 0, done.stderr
    [theme] = json.loads(out.read_text(encoding="utf-8"))["themes"]
    assert theme["terms"] == []
    assert ["roads", "highways"] in theme["related"]
    assert ["hotels", "guesthouses"] in theme["related"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])  # with Notepad's mark
def test_dash_writes_json_to_stdout_and_watchlist_file_is_read(tmp_path, encoding):
    watch = tmp_path / "watch.txt"
    watch.write_text("# my phrases\nferry terminal\n\n", encoding=encoding)
    done = run(str(FIXTURES / "harbour_a.txt"), str(FIXTURES / "harbour_b.txt"),
               "--json", "-", "--watchlist", str(watch))
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    [watched] = [s for s in data["slogans"] if s["watchlist"]]  # the comment is none
    assert watched["phrase"] == "ferry terminal"
    assert (watched["count_a"], watched["count_b"]) == (1, 1)


@pytest.mark.parametrize("content,problem,hint", [
    (None, "no such file", "check the path"),
    (bytes(range(256)) * 8, "is binary", "give a plain-text file with one phrase per line")])
def test_a_bad_watchlist_is_named_as_the_watch_list(tmp_path, content, problem, hint):
    watch = tmp_path / "watch.docx"
    if content is not None:
        watch.write_bytes(content)
    done = run(str(FIXTURES / "harbour_a.txt"), str(FIXTURES / "harbour_b.txt"),
               "--json", "-", "--watchlist", str(watch))
    assert done.returncode == 2 and done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line.startswith(f"tandem: --watchlist {watch}: {problem}")
    assert line.endswith(f"({hint})")


@pytest.mark.parametrize("option,what", [("--collection", "the collection store"),
                                         ("--watchlist", "the watch-list file")])
@pytest.mark.parametrize("blank", ["", " "])
def test_a_blank_input_path_is_refused_not_taken_as_not_given(option, what, blank):
    # `--collection "$STORE"` with STORE never set: a run without the collection, exit 0,
    # would pass for one with it.
    done = run(str(FIXTURES / "harbour_a.txt"), str(FIXTURES / "harbour_b.txt"),
               "--json", "-", option, blank)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"tandem: {option} {blank!r}: names no file (give the path of {what})\n"


def test_bad_setting_is_one_line_and_exit_code_2():
    done = run(str(FIXTURES / "harbour_a.txt"), str(FIXTURES / "harbour_b.txt"),
               "--min-words", "0")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "min-words" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_chinese_texts_words_are_counted_as_its_shared_phrases_words_are():
    # One passage copied whole: in words as in characters, it is the share of the text
    # the contract's figures give.
    articles = ROOT / "tests" / "fixtures" / "collection" / "zh" / "articles"
    result = run(str(articles / "2023-03-09_zh02.txt"), str(articles / "2023-05-18_zh06.txt"),
                 "--json", "-")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    [phrase] = report["shared_phrases"]
    for side, document in zip("ab", report["documents"], strict=True):
        share = (phrase[side][1] - phrase[side][0]) / document["chars"]
        assert phrase["words"] / document["words"] == pytest.approx(share, rel=0.15)


@pytest.mark.parametrize("trim", [False, True])
def test_settings_say_whether_the_texts_were_trimmed(tmp_path, trim):
    # --trim shapes the result (offsets then index the trimmed text), so the settings that
    # shaped it say so, trimmed or not; a reader cannot tell from the notes, which are
    # empty when nothing was trimmed.
    a, b = FIXTURES / "harbour_a.txt", FIXTURES / "harbour_b.txt"
    done = run(str(a), str(b), "--json", "-", *(["--trim"] if trim else []))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["settings"]["trim"] is trim


def test_a_dash_for_an_article_says_standard_input_is_not_read():
    # "-" reads standard input in many tools; here it names no file, and the message says
    # why rather than "no such file", which sends the user looking for a path.
    done = subprocess.run([sys.executable, "-m", "viewer", "compare", "-",
                           str(FIXTURES / "harbour_b.txt")], cwd=ROOT, input="some words\n",
                          capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.splitlines() == [
        "tandem: -: standard input is not read, only files are "
        "(save the text to a file and give its path)"]


def test_watch_list_lines_not_watched_are_told(tmp_path):
    # A line of no words, and one the matcher reads as an earlier one, were dropped without
    # a word, as the window's watch-list once dropped them.
    watch = tmp_path / "watch.txt"
    watch.write_text("ferry terminal\n.*\nFerry  TERMINAL\n", encoding="utf-8")
    done = run(str(FIXTURES / "harbour_a.txt"), str(FIXTURES / "harbour_b.txt"),
               "--json", "-", "--watchlist", str(watch))
    assert done.returncode == 0, done.stderr
    assert done.stderr == (f'tandem: note: --watchlist {watch}: ignored: ".*" (no words), '
                           '"Ferry  TERMINAL" (same as "ferry terminal")\n')
    assert [s["phrase"] for s in json.loads(done.stdout)["slogans"]
            if s["watchlist"]] == ["ferry terminal"]
