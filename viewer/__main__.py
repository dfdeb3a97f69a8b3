"""Let `python -m viewer` behave exactly like the `tandem` command."""

import sys

from viewer.cli import main

sys.exit(main())
