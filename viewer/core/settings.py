"""The one frozen bundle of settings that shapes a comparison, with documented defaults."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any


@dataclass(frozen=True)
class Settings:
    """Every knob of a comparison. Defaults suit news-length articles."""

    #: Shortest shared passage reported, in words (a CJK character counts as a word/1.6).
    min_words: int = 5
    #: Unmatched words tolerated between two matched runs of one passage (Copyfind's
    #: "imperfections"): a lightly edited sentence stays one passage.
    gap_words: int = 8
    #: Reduce words to their Snowball stem before matching ("nations" matches "nation").
    stemming: bool = False
    #: Treat "Digital" and "digital" as different words.
    case_sensitive: bool = False
    #: Judge short passages by how improbable their words are, so runs of ordinary words
    #: ("on the other hand, the") are not reported; also keeps stop words out of slogans
    #: and theme terms.
    ignore_stop_words: bool = True
    #: Bits of surprise a short passage needs beyond what chance gives two texts this long.
    rarity_margin: float = 30.0
    #: Slogans: phrase length range in words and how often a phrase must occur in all.
    #: A recurring stretch longer than the longest is a copied passage, not a slogan.
    slogan_min_words: int = 2
    slogan_max_words: int = 20
    slogan_min_count: int = 2
    max_slogans: int = 100
    #: Themes: smallest score listed and how many pairs at most.
    theme_min_score: float = 0.12
    max_themes: int = 40
    #: The user's own phrases, always searched and highlighted.
    watchlist: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["watchlist"] = list(self.watchlist)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        """Build settings from a mapping, ignoring unknown keys (old saved settings)."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if "watchlist" in values:
            values["watchlist"] = tuple(values["watchlist"])
        return replace(cls(), **values)
