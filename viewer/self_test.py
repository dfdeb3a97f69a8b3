"""`tandem --self-test`: prove that this installation (a checkout, a venv or a bundle) works.

Compares the two shipped sample articles, opens them in the window offscreen, exports the
comparison as PDF and HTML to a temporary folder, and checks every data file the engine reads
at run time (word frequencies, stop words, stemmers, the PDF fonts). Prints one line per check
and a summary; exits 0 only when every check passed. A failure is one line naming what is
missing, never a traceback, so a broken bundle says what it lacks.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from viewer import __version__
from viewer.resources import resource_path

if TYPE_CHECKING:
    from viewer.core.model import Comparison

SAMPLE_NAMES = ("sample_a.txt", "sample_b.txt")
EXIT_OK = 0
EXIT_FAILED = 1
#: How long the window may work on the samples before it is photographed and closed.
SETTLE_SECONDS = 1.5


class CheckFailed(Exception):
    """A self-test check found a problem; its message says which and why."""


class SelfTest:
    """Runs the checks in order, each depending on the ones before, and keeps their outcome."""

    def __init__(self, samples: Path, out_dir: Path, echo: Callable[[str], None] = print,
                 out_dir_kept: bool = True, font_folders: Sequence[Path] | None = None
                 ) -> None:
        self.samples = samples
        #: Where the PDF report's fonts are looked for: None, where the report looks.
        self.font_folders = font_folders
        self.out_dir = out_dir
        #: Whether `out_dir` outlives the test; if not, the report names no file in it.
        self.out_dir_kept = out_dir_kept
        self.echo = echo
        self.failures: list[str] = []
        self.comparison: Comparison | None = None
        self.outputs: dict[str, Path] = {}

    def check(self, name: str, step: Callable[[], str]) -> bool:
        started = time.perf_counter()
        try:
            detail = step()
        except CheckFailed as exc:
            return self._fail(name, str(exc))
        except Exception as exc:  # a self-test reports every failure, whatever raised it
            return self._fail(name, f"{type(exc).__name__}: {exc}")
        self.echo(f"  ok    {name}: {detail} ({time.perf_counter() - started:.2f} s)")
        return True

    def _fail(self, name: str, message: str) -> bool:
        self.failures.append(f"{name}: {message}")
        self.echo(f"  FAIL  {name}: {message}")
        return False

    # --- the checks -------------------------------------------------------------------

    def sample_files(self) -> str:
        paths = [self.samples / name for name in SAMPLE_NAMES]
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise CheckFailed(f"the sample articles are missing from this installation: "
                              f"{', '.join(missing)}")
        return ", ".join(str(p) for p in paths)

    def engine_data(self) -> str:
        import snowballstemmer

        from viewer.core import english_lexicon, translations
        from viewer.core.rarity import frequencies
        from viewer.core.stopwords import stop_words

        sizes = {lang: len(frequencies(lang)) for lang in ("en", "zh")}
        empty = [lang for lang, size in sizes.items() if not size]
        if empty:
            raise CheckFailed(f"wordfreq's frequency lists are missing for {', '.join(empty)} "
                              "(the small_*.msgpack.gz data files were not found)")
        if "the" not in stop_words("en"):
            raise CheckFailed("the stopwords package's English list is missing")
        if snowballstemmer.stemmer("english").stemWord("nations") != "nation":
            raise CheckFailed("snowballstemmer's English stemmer does not work")
        try:
            glossary = translations.glossary()
        except translations.DictionaryMissing as exc:
            raise CheckFailed(str(exc)) from None
        try:
            lexicon = english_lexicon.readings().adjectives_only
        except english_lexicon.LexiconMissing as exc:
            raise CheckFailed(str(exc)) from None
        return (f"word frequencies en {sizes['en']}, zh {sizes['zh']}; stop words; stemmer; "
                f"Chinese-English dictionary ({len(glossary.whole)} English words); "
                f"English lexicon ({len(lexicon)} adjectives)")

    def compare_samples(self) -> str:
        from viewer.core.compare import compare
        from viewer.core.loading import load_document

        doc_a, doc_b = (load_document(str(self.samples / name)) for name in SAMPLE_NAMES)
        self.comparison = c = compare(doc_a, doc_b)
        if not c.shared_phrases:
            raise CheckFailed("the sample articles share passages, but none were found")
        return (f"{len(c.shared_phrases)} shared phrases, {len(c.slogans)} slogans, "
                f"{len(c.themes)} theme pairs")

    def window(self) -> str:
        return open_window(self.samples / SAMPLE_NAMES[0], self.samples / SAMPLE_NAMES[1],
                           self.out_dir / "window.png")

    def export_pdf(self) -> str:
        try:
            from viewer.export.pdf_report import write_pdf
        except ImportError as exc:
            raise CheckFailed(f"PDF export is not part of this installation ({exc})") from None
        path = self.out_dir / "sample.pdf"
        write_pdf(self._compared(), path)
        head = _checked_output(path)
        if not head.startswith(b"%PDF-"):
            raise CheckFailed(f"{path} is not a PDF file")
        self.outputs["PDF"] = path
        return self._written(path)

    def export_html(self) -> str:
        try:
            from viewer.export.html_report import write_html
        except ImportError as exc:
            raise CheckFailed(f"HTML export is not part of this installation ({exc})") from None
        path = self.out_dir / "sample.html"
        write_html(self._compared(), path)
        _checked_output(path)
        text = path.read_text(encoding="utf-8", errors="replace").lower()
        if "<html" not in text or SAMPLE_NAMES[0] not in text:
            raise CheckFailed(f"{path} is not an HTML report naming {SAMPLE_NAMES[0]}")
        self.outputs["HTML"] = path
        return self._written(path)

    def _compared(self) -> Comparison:
        """The samples' comparison, for the checks that export it."""
        if self.comparison is None:
            raise CheckFailed("the sample articles were not compared")
        return self.comparison

    def _written(self, path: Path) -> str:
        return f"{path if self.out_dir_kept else path.name} ({path.stat().st_size:,} bytes)"

    def fonts(self) -> str:
        """The fonts the PDF report draws with, found as it finds them (in `font_folders`
        alone when given), and whether they draw Chinese."""
        from viewer.export.pdf_report import (
            draws_chinese,
            font_candidates,
            font_file,
            fonts_among,
            latin_font_candidates,
            report_fonts,
        )

        if getattr(sys, "frozen", False):
            bundled = [resource_path("fonts", name) for name in ("wqy-microhei.ttc",
                                                                  "DejaVuSans.ttf")]
            missing = [str(path) for path in bundled if not path.is_file()]
            if missing:
                raise CheckFailed(f"the bundle lacks its fonts {', '.join(missing)}")
        fonts = report_fonts() if self.font_folders is None else fonts_among(
            font_candidates(self.font_folders), latin_font_candidates(self.font_folders))
        if not draws_chinese(fonts):
            raise CheckFailed("no font with Chinese characters was found: Chinese text in "
                              "PDF reports would show as empty boxes (install the "
                              "fonts-wqy-microhei package)")
        cjk, latin = font_file(fonts.cjk), font_file(fonts.latin)
        return f"Chinese {cjk}" if latin == cjk else f"Chinese {cjk}, other text {latin}"

    def run(self) -> int:
        self.echo(f"Tandem {__version__} self-test ({_where()})")
        started = time.perf_counter()
        self.check("data files", self.engine_data)
        self.check("PDF fonts", self.fonts)
        if self.check("sample articles", self.sample_files) and \
                self.check("comparison", self.compare_samples):
            self.check("window", self.window)
            self.check("PDF export", self.export_pdf)
            self.check("HTML export", self.export_html)
        seconds = time.perf_counter() - started
        if not self.out_dir_kept:
            self.echo("  (the screenshot and the exports were written to a temporary folder, "
                      "removed now)")
        if self.failures:
            self.echo(f"Self-test FAILED ({len(self.failures)} problem"
                      f"{'s' if len(self.failures) > 1 else ''}, {seconds:.1f} s):")
            for failure in self.failures:
                self.echo(f"  - {failure}")
            return EXIT_FAILED
        self.echo(f"Self-test passed in {seconds:.1f} s.")
        return EXIT_OK


def open_window(file_a: Path, file_b: Path, png: Path, timeout: float = 30.0) -> str:
    """Start the real window on two files through `run_window`, screenshot it, close it.

    Waits for a visible main window, lets it settle (the comparison runs on a worker
    thread), saves a screenshot to `png` and quits the event loop `run_window` is running.
    """
    from PySide6.QtCore import QTimer, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication, QMainWindow

    from viewer.app import run_window

    running = QApplication.instance()
    # Another kind of application (a QCoreApplication) raises here: a failed check.
    app = running if isinstance(running, QApplication) else QApplication(
        [sys.argv[0] if sys.argv else "tandem"])
    seen: dict[str, object] = {}
    started = time.perf_counter()
    shown_at: float | None = None

    def on_poll() -> None:
        nonlocal shown_at
        elapsed = time.perf_counter() - started
        windows = [w for w in app.topLevelWidgets()
                   if isinstance(w, QMainWindow) and w.isVisible()]
        if windows and shown_at is None:
            shown_at = elapsed
        if windows and shown_at is not None and elapsed - shown_at >= SETTLE_SECONDS:
            window = windows[0]
            seen["title"] = window.windowTitle()
            seen["size"] = f"{window.width()}x{window.height()}"
            seen["saved"] = window.grab().save(str(png))
            seen["icon"] = not window.windowIcon().isNull() or not app.windowIcon().isNull()
            for each in windows:
                each.close()
            app.quit()
        elif elapsed > timeout:
            seen["timed_out"] = True
            app.quit()
        else:
            QTimer.singleShot(100, on_poll)

    QTimer.singleShot(100, on_poll)
    previous = qInstallMessageHandler(_offscreen_notice_dropped)
    try:
        # The window remembers recent files: keep that in the test's folder, not the user's.
        code = run_window([str(file_a), str(file_b)],
                          settings_path=str(png.with_suffix('.ini')))
    finally:
        qInstallMessageHandler(previous)
    if seen.get("timed_out"):
        raise CheckFailed(f"no main window was shown within {timeout:.0f} s")
    if "title" not in seen:
        raise CheckFailed(f"run_window returned {code} without showing a main window")
    if not seen["saved"]:
        raise CheckFailed(f"the window's screenshot could not be saved to {png}")
    icon = "with icon" if seen["icon"] else "WITHOUT icon"
    return f"'{seen['title']}' {seen['size']}, {icon}, screenshot {png.name}"


#: What Qt's offscreen platform says as a window starts of what it cannot do (no window
#: manager takes size hints there): nothing wrong with the installation.
OFFSCREEN_NOTICE = "This plugin does not support"


def _offscreen_notice_dropped(kind: object, context: object, message: str) -> None:
    """Qt's messages while the window is checked, on standard error as Qt writes them, but
    for the offscreen platform's `OFFSCREEN_NOTICE`: the report is the checks' lines."""
    if not message.startswith(OFFSCREEN_NOTICE):
        sys.stderr.write(message + "\n")


def _checked_output(path: Path) -> bytes:
    if not path.is_file():
        raise CheckFailed(f"{path} was not written")
    if path.stat().st_size == 0:
        raise CheckFailed(f"{path} is empty")
    with path.open("rb") as handle:
        return handle.read(16)


def _where() -> str:
    kind = "bundle" if getattr(sys, "frozen", False) else f"Python {platform.python_version()}"
    return f"{kind}, {platform.system()} {platform.machine()}"


def run_self_test(samples: Path | None = None, keep: Path | None = None) -> int:
    """Run every check; outputs go to `keep` if given, else to a folder removed afterwards."""
    # Offscreen unless the caller chose a platform: a self-test must not flash a window, and
    # must run where there is no display at all.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    samples = resource_path("samples") if samples is None else samples
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        return SelfTest(samples, keep).run()
    with tempfile.TemporaryDirectory(prefix="tandem-self-test-") as folder:
        return SelfTest(samples, Path(folder), out_dir_kept=False).run()
