"""Command-line parsing whose mistakes are told in one line, as every other bad input is.

argparse prints the whole usage (nine lines for `tandem compare`) before saying what is
wrong; a mistyped value is then hard to find. Here the message names the program, says what
is wrong and where to read more: `tandem compare: argument --min-words: invalid int value:
'abc' (see tandem compare --help)`, with exit status 2 as before.
"""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn


class OneLineParser(argparse.ArgumentParser):
    """An `argparse.ArgumentParser` whose errors are one line on standard error."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: {message} (see {self.prog} --help)\n")
        sys.exit(2)
