"""Benchmark the window on a ~1 MB pair: open to full highlights, longest event-loop stall,
peak memory.

Usage: python bench/bench_window.py [A B]
Without paths, a pair is generated from the shipped samples (repeated and perturbed so the
copies are not identical). Runs offscreen.
"""

from __future__ import annotations

import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's viewer

from PySide6.QtCore import QElapsedTimer, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

TARGET_BYTES = 1_000_000
LIMIT_SECONDS = 540


def generate_pair(folder: Path) -> tuple[Path, Path]:
    from viewer.resources import resource_path

    rng = random.Random(7)
    pieces = []
    for name in ("sample_a.txt", "sample_b.txt"):
        paragraphs = resource_path("samples", name).read_text(encoding="utf-8").split("\n\n")
        out, size, copy = [], 0, 0
        while size < TARGET_BYTES:
            copy += 1
            chosen = rng.sample(paragraphs, k=len(paragraphs))
            for paragraph in chosen:
                words = paragraph.split()
                # Perturb: every copy renames a few words so copies differ from each other.
                for _ in range(max(1, len(words) // 12)):
                    i = rng.randrange(len(words))
                    words[i] = f"{words[i]}{copy}"
                text = " ".join(words)
                out.append(text)
                size += len(text.encode("utf-8")) + 2
        pieces.append("\n\n".join(out) + "\n")
    a, b = folder / "bench_a.txt", folder / "bench_b.txt"
    a.write_text(pieces[0], encoding="utf-8")
    b.write_text(pieces[1], encoding="utf-8")
    return a, b


def main() -> int:
    app = QApplication([])
    from viewer.ui.gc_policy import collect_in_gui_thread
    from viewer.ui.main_window import MainWindow

    collect_in_gui_thread(app)  # as `viewer.app.run_window` does

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if len(sys.argv) == 3:
            a, b = Path(sys.argv[1]), Path(sys.argv[2])
        else:
            a, b = generate_pair(folder)
        window = MainWindow(str(folder / "bench.ini"))
        window.resize(1280, 800)
        window.show()
        for _ in range(10):
            app.processEvents()

        gaps: list[float] = []
        clock = QElapsedTimer()
        ticker = QTimer()
        ticker.setInterval(5)

        def on_tick() -> None:
            gaps.append(clock.restart())

        ticker.timeout.connect(on_tick)
        started = time.perf_counter()
        clock.start()
        ticker.start()
        # Files load on the worker; open_paths only starts the job (it loaded them on the
        # GUI thread before, which this figure measured).
        window.open_paths([str(a), str(b)])
        opened = time.perf_counter()
        open_stall = (opened - started) * 1000
        clock.restart()
        gaps.clear()
        arrived = None
        while window.rendered is None or window.busy:
            app.processEvents()
            time.sleep(0.001)
            if arrived is None and window.rendered is not None:
                arrived = time.perf_counter()
            if time.perf_counter() - started > LIMIT_SECONDS:
                print(f"gave up after {LIMIT_SECONDS} s")
                window.close()
                return 1
        done = time.perf_counter()
        arrived = arrived or done
        ticker.stop()
        comparison = window.rendered.comparison
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"pair: {a.stat().st_size / 1e6:.2f} MB + {b.stat().st_size / 1e6:.2f} MB; "
              f"{len(comparison.shared_phrases)} passages, {len(comparison.slogans)} slogans, "
              f"{len(comparison.themes)} theme pairs")
        print(f"open to full highlights: {done - started:.2f} s "
              f"(engine {comparison.stats.seconds:.2f} s)")
        print(f"result arrival to full highlights (GUI side): {(done - arrived) * 1000:.0f} ms")
        print(f"GUI-thread load + setPlainText of both texts: {open_stall:.0f} ms")
        print(f"longest event-loop stall while computing/highlighting: "
              f"{max(gaps, default=0):.0f} ms over {len(gaps)} ticks")
        print(f"peak memory (ru_maxrss): {peak_mb:.0f} MB")
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
