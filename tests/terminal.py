"""Run a command with its standard output on a pseudo-terminal, as a user at a terminal
does, for the tests of what the commands refuse to print there."""

from __future__ import annotations

import os
import pty
import subprocess
import threading


def run_on_terminal(args: list[str], *, env: dict[str, str], cwd: str,
                    timeout: float = 120) -> tuple[int, bytes, str]:
    """Run `args` with stdout on a pseudo-terminal and stderr on a pipe; return the exit
    code, the bytes the terminal received and the standard error."""
    main, child_end = pty.openpty()
    received = bytearray()

    def drain() -> None:
        # Read while the command runs: a full terminal buffer would block its writes.
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # EIO: the command closed the terminal's last end
                return
            if not chunk:
                return
            received.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        done = subprocess.run(args, stdout=child_end, stderr=subprocess.PIPE, cwd=cwd,
                              env=env, timeout=timeout, text=True)
    finally:
        os.close(child_end)
    reader.join(timeout=10)
    os.close(main)
    return done.returncode, bytes(received), done.stderr
