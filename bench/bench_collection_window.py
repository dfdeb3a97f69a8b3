"""Benchmark the collection in the window: prints figures, asserts nothing.

    python bench/bench_collection_window.py [--dev JSONL] [--store10k SQLITE]

1. While a 1,000-article collection (the benchmark's `dev` set) indexes from the window, the
   longest event-loop stall (a 5 ms timer's largest gap beyond its interval), split into the
   indexing itself and the moment its results are read and shown; and the time to index.
2. Opening an indexed 10,000-article store (the scale set of bench_corpus.py, indexed once
   with `tandem corpus add` when missing): the time from the open to the tabs shown.

Runs offscreen with a temporary cache and settings. The machine is shared: quote figures
as measured under load, and run twice.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's viewer

from PySide6.QtCore import QElapsedTimer, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

DEV = Path(__file__).resolve().parents[2] / "shared/eval/collection/sets/dev/collection.jsonl"
SCALE = Path("/tmp/tandem-eval/collection")
TICK_MS = 5
STALL_NOTED_MS = 30


class StallMeter:
    """The largest gap between ticks of a `TICK_MS` timer, beyond the interval, per phase."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.last = 0
        self.phase = "idle"
        self.worst: dict[str, float] = {}
        #: (ms since start, gap, phase) of every stall above STALL_NOTED_MS.
        self.noted: list[tuple[int, int, str]] = []
        self.timer = QTimer(interval=TICK_MS)
        self.timer.timeout.connect(self._tick)

    def start(self, phase: str) -> None:
        self.phase = phase
        self.clock.start()
        self.last = 0
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.elapsed()
        gap = now - self.last - TICK_MS
        self.last = now
        if gap > STALL_NOTED_MS:
            self.noted.append((now, gap, self.phase))
        self.worst[self.phase] = max(self.worst.get(self.phase, 0.0), float(gap))


def wait(app: QApplication, done, limit: float = 900.0) -> None:  # type: ignore[no-untyped-def]
    start = time.monotonic()
    while not done():
        app.processEvents()
        time.sleep(0.001)
        if time.monotonic() - start > limit:
            raise SystemExit("gave up waiting")


def settle(app: QApplication, seconds: float = 0.5) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.005)


def index_dev(app: QApplication, dev: Path, settings: str) -> None:
    from viewer.ui.main_window import MainWindow

    window = MainWindow(settings)
    window.resize(1280, 800)
    window.show()
    settle(app)  # the window's first paint is not part of what is measured
    meter = StallMeter()
    started = time.perf_counter()
    meter.start("indexing")
    shown = []
    window.collection.opened.connect(lambda: shown.append(time.perf_counter()))
    # The results are read and shown on the GUI thread once indexing ends.
    window.collection.indexer.finished.connect(lambda *_: setattr(meter, "phase", "showing"))
    window.open_paths([str(dev)])
    wait(app, lambda: bool(shown) and not window.collection.indexer.running)
    for _ in range(20):  # let the tabs paint
        app.processEvents()
        time.sleep(0.005)
    meter.timer.stop()
    data = window.collection.data
    print(f"dev ({len(data.documents):,} articles, {len(data.pairs):,} pairs): indexed and "
          f"shown in {shown[0] - started:.1f} s")
    print(f"  longest event-loop stall while indexing: {meter.worst.get('indexing', 0):.0f} ms")
    print(f"  longest stall reading and showing the results: "
          f"{meter.worst.get('showing', 0):.0f} ms")
    print(f"  stalls above {STALL_NOTED_MS} ms (at ms: length): "
          + ", ".join(f"{at}: {gap}" for at, gap, _ in meter.noted))
    window.close()


def store_10k(path: Path) -> Path:
    if not path.exists():
        source = SCALE / "scale10k" / "collection.jsonl"
        if not source.exists():
            raise SystemExit(f"{source} is missing: run bench/bench_corpus.py once to make it")
        print(f"indexing {source} into {path} (minutes) ...", flush=True)
        subprocess.run([sys.executable, "-m", "viewer", "corpus", "add", str(path), str(source),
                        "--quiet"], check=True, cwd=ROOT,
                       env=dict(os.environ, PYTHONPATH=str(ROOT)))
    return path


def open_10k(app: QApplication, store: Path, settings: str) -> None:
    from viewer.ui.main_window import MainWindow

    window = MainWindow(settings)
    window.resize(1280, 800)
    window.show()
    settle(app)
    started = time.perf_counter()
    window.open_paths([str(store)])
    view = window.collection.view
    for k in range(view.tabs.count()):  # each tab laid out and painted once
        view.tabs.setCurrentIndex(k)
        view.tabs.currentWidget().grab()
    view.tabs.setCurrentIndex(0)
    app.processEvents()
    seconds = time.perf_counter() - started
    data = window.collection.data
    print(f"10k store ({len(data.documents):,} articles, {len(data.pairs):,} pairs, "
          f"{len(data.clusters):,} clusters, {len(data.formulations):,} formulations): "
          f"tabs shown in {seconds:.2f} s")
    window.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--store10k", type=Path, default=SCALE / "scale10k-window.sqlite")
    parser.add_argument("--skip-dev", action="store_true")
    parser.add_argument("--skip-10k", action="store_true")
    args = parser.parse_args()
    app = QApplication([])
    from viewer.ui.gc_policy import collect_in_gui_thread

    collect_in_gui_thread(app)  # as `viewer.app.run_window` does
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CACHE_HOME"] = os.path.join(tmp, "cache")  # the child inherits it
        settings = os.path.join(tmp, "tandem.ini")
        if not args.skip_dev:
            index_dev(app, args.dev, settings)
        if not args.skip_10k:
            open_10k(app, store_10k(args.store10k), settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
