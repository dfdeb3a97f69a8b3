"""Quick fuzzing of every loader in the normal test run; `TANDEM_FUZZ_EXAMPLES=5000` (or
`bench/fuzz_loaders.py`) runs the same targets for as long as you like."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from targets import TARGETS, inputs

EXAMPLES = int(os.environ.get("TANDEM_FUZZ_EXAMPLES", "60"))


@pytest.mark.parametrize("name", list(TARGETS))
def test_loader_survives_fuzzed_input(name: str) -> None:
    target, kind = TARGETS[name]

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(inputs(kind))
    def run(data: bytes) -> None:
        target(data)

    run()
