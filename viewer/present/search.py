"""What a search typed in a list's filter and the texts it is looked for in are compared as.

Letters in either case, full-width letters and digits as their ASCII forms (Chinese state
media write １９５８年, a reader types 1958), and traditional and simplified Chinese alike (網絡
finds 网络, as the Find bar and the matcher read them).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from viewer.core.han_script import key_characters


@lru_cache(maxsize=65536)  # the same titles, looked through again at each key typed
def search_key(text: str) -> str:
    """`text` as a search reads it: NFKC, case-folded, each Chinese character as its key."""
    return key_characters(unicodedata.normalize("NFKC", text).casefold())
