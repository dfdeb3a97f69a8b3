"""`tandem compare` never writes onto its inputs, writes devices and pipes in place, and ends
an interrupted run with exit 130 and one line. Every case runs the real command."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "core"


def tandem(*args: str, cwd: Path = ROOT, **kwargs) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "viewer", "compare", *args], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=120, **kwargs)


@pytest.fixture
def articles(tmp_path: Path) -> tuple[Path, Path]:
    # In a folder of their own: a collection's store must not be inside its source folder.
    (tmp_path / "articles").mkdir()
    a, b = tmp_path / "articles" / "a.txt", tmp_path / "articles" / "b.txt"
    a.write_bytes((FIXTURES / "harbour_a.txt").read_bytes())
    b.write_bytes((FIXTURES / "harbour_b.txt").read_bytes())
    return a, b


def _same(a: Path) -> str:
    return str(a)


def _relative(a: Path) -> str:
    return "./a.txt"


def _dotdot(a: Path) -> str:
    sub = a.parent / "sub"
    sub.mkdir()
    return str(sub / ".." / "a.txt")


def _symlink(a: Path) -> str:
    link = a.parent / "link.pdf"
    link.symlink_to(a)
    return str(link)


def _hardlink(a: Path) -> str:
    hard = a.parent / "hard.json"
    os.link(a, hard)
    return str(hard)


OUTPUTS_ONTO_A: dict[str, Callable[[Path], str]] = {
    "same path": _same, "relative": _relative, "through ..": _dotdot,
    "symlink": _symlink, "hard link": _hardlink,
}


@pytest.mark.parametrize("how", list(OUTPUTS_ONTO_A))
@pytest.mark.parametrize("flag", ["--json", "--pdf", "--html"])
def test_an_output_onto_an_input_is_refused(articles, how, flag) -> None:
    a, b = articles
    before = a.read_bytes()
    out = OUTPUTS_ONTO_A[how](a)
    done = tandem(str(a), str(b), flag, out, cwd=a.parent)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "would be overwritten" in lines[0], done.stderr
    assert a.read_bytes() == before
    assert sorted(p.name for p in a.parent.iterdir() if p.name.endswith(".part")) == []


def test_an_output_onto_the_watchlist_is_refused(articles) -> None:
    a, b = articles
    watch = a.parent / "w.txt"
    watch.write_text("harbour\n")
    done = tandem(str(a), str(b), "--watchlist", str(watch), "--json", str(watch))
    assert done.returncode == 2 and "would be overwritten" in done.stderr
    assert watch.read_text() == "harbour\n"


@pytest.mark.parametrize("flag", ["--pdf", "--html"])
def test_a_report_to_dash_goes_to_stdout_and_two_there_are_refused(articles, flag) -> None:
    a, b = articles
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "viewer", "compare", str(a), str(b), flag, "-"],
                          cwd=a.parent, env=env, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert not (a.parent / "-").exists()
    if flag == "--pdf":
        from io import BytesIO

        from pypdf import PdfReader

        assert "Tandem comparison report" in PdfReader(BytesIO(done.stdout)).pages[0].extract_text()
    else:
        assert done.stdout.startswith(b"<!DOCTYPE html>")
    both = tandem(str(a), str(b), flag, "-", "--json", "/dev/stdout", cwd=a.parent)
    assert both.returncode == 2 and "would both go to standard output" in both.stderr
    assert both.stdout == ""


@pytest.mark.parametrize("target", ["-", "/dev/stdout"])
def test_a_pdf_to_a_terminal_is_refused_in_one_line(articles, target) -> None:
    from tests.terminal import run_on_terminal

    a, b = articles
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    code, shown, error = run_on_terminal(
        [sys.executable, "-m", "viewer", "compare", str(a), str(b), "--pdf", target],
        env=env, cwd=str(a.parent))
    assert code == 2, error
    assert error == (f"tandem: --pdf {target}: would print binary data on the terminal (give "
                     "a file name, or redirect the output to a file or a pipe)\n")
    assert b"%PDF" not in shown
    # HTML is text: it may go to the terminal.
    code, shown, error = run_on_terminal(
        [sys.executable, "-m", "viewer", "compare", str(a), str(b), "--html", target],
        env=env, cwd=str(a.parent))
    assert code == 0, error
    assert shown.startswith(b"<!DOCTYPE html>")


def test_json_to_dev_stdout_appends_to_a_log(articles, tmp_path) -> None:
    a, b = articles
    log = tmp_path / "log"
    log.write_text("earlier run\n")
    with open(log, "a") as out:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        done = subprocess.run([sys.executable, "-m", "viewer", "compare", str(a), str(b),
                               "--json", "/dev/stdout"], stdout=out, stderr=subprocess.PIPE,
                              text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    text = log.read_text()
    assert text.startswith("earlier run\n{") and '"version": 1' in text


def test_json_to_dev_stdout_through_a_pipe(articles) -> None:
    a, b = articles
    done = subprocess.run(f"{sys.executable} -m viewer compare {a} {b} --json /dev/stdout | cat",
                          shell=True, cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert '"version": 1' in done.stdout


@pytest.mark.parametrize("output", ["--json", "--html", "--pdf"])
@pytest.mark.parametrize("target", ["-", "/dev/stdout"])
@pytest.mark.parametrize("command", ["compare", "corpus"])
def test_a_reader_that_stopped_early_ends_the_run_quietly(articles, tmp_path, target,
                                                         command, output) -> None:
    # `tandem ... | head`: the pipe's reader is gone before anything is written.
    a, b = articles
    args = [str(a), str(b)] if command == "compare" else [
        str(a.parent), "--quiet", "--store", str(tmp_path / "store.sqlite")]
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run([sys.executable, "-m", "viewer", command, *args, output, target],
                              stdout=write, stderr=subprocess.PIPE, text=True, timeout=120,
                              env={**os.environ, "PYTHONPATH": str(ROOT),
                                   "XDG_CACHE_HOME": str(tmp_path / "cache")})
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (141, "")


def _run_with_stdout(command: str, args: list[str], tmp_path: Path, stdout: object,
                     **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "viewer", command, *args, "--json", "-"],
                          stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT),
                               "XDG_CACHE_HOME": str(tmp_path / "cache"), **env})


def _json_args(command: str, a: Path, b: Path, tmp_path: Path) -> list[str]:
    return [str(a), str(b)] if command == "compare" else [
        str(a.parent), "--quiet", "--store", str(tmp_path / "store.sqlite")]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("command", ["compare", "corpus"])
def test_json_to_a_full_stdout_is_told_in_one_line(articles, tmp_path, command) -> None:
    # `tandem ... --json - > file` on a full disk: a traceback, where --html - said so.
    a, b = articles
    with open("/dev/full", "w") as full:
        done = _run_with_stdout(command, _json_args(command, a, b, tmp_path), tmp_path, full)
    assert done.returncode == 2
    assert done.stderr.startswith("tandem: -: cannot be written: ")
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


@pytest.mark.parametrize("command", ["compare", "corpus"])
def test_json_to_stdout_is_utf8_whatever_its_text_encoding(articles, tmp_path,
                                                          command) -> None:
    # A terminal or pipe Python takes for ASCII (PYTHONIOENCODING, a C locale of old):
    # the JSON of an article named in Chinese ended in a UnicodeEncodeError traceback.
    a, b = articles
    b = b.rename(b.with_name("网络强国.txt"))
    done = _run_with_stdout(command, _json_args(command, a, b, tmp_path), tmp_path,
                            subprocess.PIPE, PYTHONIOENCODING="ascii")
    assert (done.returncode, done.stderr) == (0, "")
    assert "网络强国" in done.stdout


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_run_exits_130_with_one_line_naming_what_was_written(
        articles, tmp_path, sig) -> None:
    a, b = articles
    pdf, html, fifo = tmp_path / "r.pdf", tmp_path / "r.html", tmp_path / "out.fifo"
    os.mkfifo(fifo)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # The JSON goes to a pipe nobody reads, written after the PDF and the HTML: once the
    # HTML exists the command is certainly running our code, blocked on the pipe.
    child = subprocess.Popen([sys.executable, "-m", "viewer", "compare", str(a), str(b),
                              "--pdf", str(pdf), "--html", str(html), "--json", str(fifo)],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    deadline = time.monotonic() + 90
    while not html.exists() and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.05)
    time.sleep(0.3)
    child.send_signal(sig)
    out, err = child.communicate(timeout=30)
    assert child.returncode == 130, err
    # "interrupted" alone left the user to guess whether the reports there were whole.
    assert err.strip().splitlines() == [
        f"tandem: interrupted once --pdf {pdf} and --html {html} were written; --json "
        f"{fifo} not (run the command again to write it)"], err
    assert pdf.read_bytes().startswith(b"%PDF-") and pdf.read_bytes().rstrip().endswith(
        b"%%EOF")
    assert html.read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def _odd_names(tmp_path: Path) -> list[Path]:
    text = (FIXTURES / "harbour_a.txt").read_bytes()
    paths = [Path(os.fsdecode(bytes(tmp_path) + b"/bad\xffname.txt")),
             tmp_path / "new\nline.txt"]
    for path in paths:
        path.write_bytes(text)
    return paths


def test_odd_file_names_reach_every_output(tmp_path) -> None:
    import json

    bad, newline = _odd_names(tmp_path)
    out = tmp_path / "out"
    done = tandem(str(bad), str(newline), "--json", f"{out}.json", "--html", f"{out}.html",
                  "--pdf", f"{out}.pdf")
    assert done.returncode == 0, done.stderr
    names = [d["name"] for d in json.loads(Path(f"{out}.json").read_text("utf-8"))["documents"]]
    assert names == ["bad\\xffname.txt", "new\\nline.txt"]
    assert "bad\\xffname.txt" in Path(f"{out}.html").read_text("utf-8")
    stdout = subprocess.run([sys.executable, "-m", "viewer", "compare", str(bad), str(newline),
                             "--json", "-"], cwd=ROOT, capture_output=True, timeout=120)
    assert stdout.returncode == 0
    json.loads(stdout.stdout.decode("utf-8"))  # valid UTF-8 and JSON


def test_an_error_about_an_odd_name_stays_on_one_line(tmp_path) -> None:
    bad, newline = _odd_names(tmp_path)
    missing = tmp_path / "gone\nmissing.txt"
    done = tandem(str(missing), str(bad))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"tandem: {tmp_path}/gone\\nmissing.txt: no such file (check the path)"]


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e30", "1e12", "0", "-5", "lots"])
def test_absurd_max_size_is_refused_clearly(articles, value) -> None:
    a, b = articles
    done = tandem(str(a), str(b), f"--max-size={value}")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "--max-size" in done.stderr.splitlines()[-1]


def test_a_read_only_output_is_refused(articles, tmp_path) -> None:
    a, b = articles
    kept = tmp_path / "kept.json"
    kept.write_text("keep me")
    kept.chmod(0o444)
    done = tandem(str(a), str(b), "--json", str(kept))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"tandem: {kept}: is read-only (choose another name, or make the file writable first)"]
    assert kept.read_text() == "keep me"


def test_reports_to_a_device_are_written_in_place(articles) -> None:
    a, b = articles
    done = tandem(str(a), str(b), "--html", "/dev/null", "--json", "/dev/null")
    assert done.returncode == 0, done.stderr
    assert Path("/dev/null").is_char_device()


def test_two_reports_on_one_file_are_refused_before_any_work(articles, tmp_path) -> None:
    a, b = articles
    same = tmp_path / "same.out"
    for first, second in ((str(same), str(same)), (str(same), f"{tmp_path}/./same.out")):
        done = tandem(str(a), str(b), "--json", first, "--html", second, cwd=a.parent)
        assert done.returncode == 2
        assert done.stderr == f"tandem: {second}: is given to --json and to --html (give " \
                              "each report its own file)\n"
        assert not same.exists()


def test_a_report_that_cannot_be_written_is_refused_before_any_work(articles, tmp_path) -> None:
    a, b = articles
    done = tandem(str(a), str(b), "--json", "", cwd=a.parent)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == ("tandem: --json '': names no file (give a file name, or - for "
                           "standard output)\n")
    missing = tmp_path / "no such folder" / "r.json"
    # A file's name given as a folder's: "create the folder first" cannot be done.
    under_file = a.parent / a.name / "reports" / "r.json"
    for target, said in ((missing, "is in a folder that does not exist (create the folder "
                                   "first, or choose another place)"),
                         (under_file, f"is under {a}, which is a file, not a folder (choose "
                                      "another place)"),
                         (tmp_path, "is a folder (give a file name for the output)")):
        done = tandem(str(a), str(b), "--json", str(target), cwd=a.parent)
        assert (done.returncode, done.stderr) == (2, f"tandem: {target}: {said}\n")
    # A folder meant, not made: the report was written as a file named "reports".
    done = tandem(str(a), str(b), "--json", "reports/", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (
        2, "tandem: reports/: ends in a slash, as a folder does, but no such folder is there "
           "(give the output a file name: without the slash, or in a folder that exists)\n")
    assert not (tmp_path / "reports").exists()


@pytest.mark.parametrize(("command", "said"), [
    (["compare", "a.txt", "b.txt", "--min-words", "abc"],
     "tandem compare: argument --min-words: invalid int value: 'abc' (see tandem compare "
     "--help)\n"),
    (["corpus", "add", "s.sqlite"],
     "tandem corpus add: the following arguments are required: SOURCE (see tandem corpus add "
     "--help)\n"),
])
def test_a_mistyped_command_line_is_told_in_one_line(articles, command, said) -> None:
    done = subprocess.run([sys.executable, "-m", "viewer", *command], cwd=articles[0].parent,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert (done.returncode, done.stderr, done.stdout) == (2, said, "")


def test_a_report_named_as_long_as_a_file_name_may_be_is_written(articles, tmp_path) -> None:
    # The name takes 250 of the 255 bytes a file name may have: the report is written (its
    # temporary file beside it must not be refused for a longer name of its own).
    a, b = articles
    target = tmp_path / ("r" * 245 + ".json")
    done = tandem(str(a), str(b), "--json", str(target))
    assert (done.returncode, done.stderr) == (0, "")
    assert target.read_text("utf-8").startswith("{")
    assert sorted(os.listdir(tmp_path)) == sorted(["articles", target.name])


@pytest.mark.parametrize("flag", ["--json", "--pdf"])
def test_a_report_named_longer_than_a_file_name_may_be_is_refused_in_one_line(
        articles, tmp_path, flag) -> None:
    a, b = articles
    target = tmp_path / ("r" * 300 + ".json")
    done = tandem(str(a), str(b), flag, str(target))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"tandem: {target}: has a name too long for a file (choose a " \
                          "shorter name)\n"
