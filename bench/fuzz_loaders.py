"""Run the loader fuzz targets for a long time by hand and report inputs tried and failures.

    python bench/fuzz_loaders.py                      # 2000 hypothesis inputs per loader
    python bench/fuzz_loaders.py --examples 20000 pdf docx
    python bench/fuzz_loaders.py --atheris pdf --seconds 300   # coverage-guided, if installed
    python bench/fuzz_loaders.py pdf-pages html-attributes     # the shapes that were quadratic

Memory is capped (address space, default 2 GB) so an input that would need unbounded memory
fails as a MemoryError finding instead of taking the machine down. The targets are the same
ones the quick test run uses (tests/fuzz/targets.py).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import traceback
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1] / "tests"
sys.path[:0] = [str(TESTS), str(TESTS / "fuzz"), str(TESTS.parent)]

from hypothesis import HealthCheck, given, settings  # noqa: E402
from targets import TARGETS, TIME_LIMIT, TRIED, inputs  # noqa: E402


def run_hypothesis(name: str, examples: int) -> str | None:
    target, kind = TARGETS[name]

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(inputs(kind))
    def run(data: bytes) -> None:
        target(data)

    try:
        run()
    except Exception:  # a finding: report it, keep fuzzing the other loaders
        return traceback.format_exc(limit=6)
    return None


def run_atheris(name: str, seconds: int, instrument: bool) -> None:
    import tempfile

    import atheris  # optional: pip install atheris
    from targets import seeds

    target, kind = TARGETS[name]
    corpus = tempfile.mkdtemp(prefix=f"fuzz-{name}-")  # starts from real files of the format
    for index, seed in enumerate(seeds(kind)):
        Path(corpus, f"seed{index}").write_bytes(seed)
    sys.argv = [sys.argv[0], f"-max_total_time={seconds}", "-rss_limit_mb=2048",
                f"-timeout={int(TIME_LIMIT) + 1}", "-max_len=65536", corpus]
    if instrument:  # coverage of the parsers already imported; slow to start (minutes)
        atheris.instrument_all()
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("loaders", nargs="*", metavar="LOADER",
                        help=f"any of {', '.join(TARGETS)} (default: all)")
    parser.add_argument("--examples", type=int, default=2000)
    parser.add_argument("--memory-mb", type=int, default=2048)
    parser.add_argument("--atheris", action="store_true", help="use atheris (one loader)")
    parser.add_argument("--seconds", type=int, default=120, help="atheris run time")
    parser.add_argument("--instrument", action="store_true",
                        help="atheris: instrument every loaded module for coverage guidance")
    args = parser.parse_args()
    args.loaders = args.loaders or list(TARGETS)
    unknown = set(args.loaders) - set(TARGETS)
    if unknown:
        parser.error(f"unknown loader(s): {', '.join(sorted(unknown))}")
    limit = args.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if args.atheris:
        run_atheris(args.loaders[0], args.seconds, args.instrument)
        return 0
    failures = 0
    for name in args.loaders:
        started = time.perf_counter()
        problem = run_hypothesis(name, args.examples)
        seconds = time.perf_counter() - started
        status = "ok" if problem is None else "FAILED"
        print(f"{name:10} {TRIED[name]:7d} inputs  {seconds:7.1f} s  {status}", flush=True)
        if problem:
            failures += 1
            print(problem, flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
