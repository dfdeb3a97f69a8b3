"""The one frozen bundle of settings that shapes a comparison, and the one declaration of them.

Each setting is declared once in `DECLARED` (type, default, range, label, help, command-line
flag); the command line's options, the window's settings panel and the check of saved
settings are all made from it, so they cannot disagree.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields
from typing import Any

from viewer.core.errors import TandemError


@dataclass(frozen=True)
class Settings:
    """Every knob of a comparison. Defaults suit news-length articles (see `DECLARED`)."""

    min_words: int = 5
    gap_words: int = 8
    stemming: bool = False
    case_sensitive: bool = False
    ignore_stop_words: bool = True
    rarity_margin: float = 30.0
    slogan_min_words: int = 2
    slogan_max_words: int = 20
    slogan_min_count: int = 2
    max_slogans: int = 100
    theme_min_score: float = 0.12
    max_themes: int = 40
    watchlist: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["watchlist"] = list(self.watchlist)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        """Settings from a mapping of plain values (saved settings, JSON); unknown keys are
        ignored (older files), and every known value is checked (`SettingError`)."""
        if not isinstance(data, dict):
            raise SettingError(None, "must be a mapping of names to values")
        values = {d.name: d.checked(data[d.name]) for d in DECLARED if d.name in data}
        return checked_settings(values)


class SettingError(TandemError):
    """A setting of the wrong type, shape or range; `declared` is None for the whole."""

    def __init__(self, declared: Declared | None, problem: str, flag: bool = False) -> None:
        self.declared = declared
        self.problem = problem
        if declared is None:
            name = "settings"
        elif flag and declared.flag:
            name = declared.flag
        else:
            name = declared.name
        super().__init__(f"{name} {problem}")


@dataclass(frozen=True)
class Declared:
    """One setting: its field of `Settings`, type, default, range, and how people see it."""

    name: str
    kind: type  # int, float, bool, or tuple (a list of phrases)
    label: str
    help: str
    #: Command-line flag; for a bool, the flag sets the value opposite to the default.
    flag: str | None
    group: str
    minimum: float | None = None
    maximum: float | None = None
    #: What the command-line flag does, where that differs from `help` (an inverted bool).
    flag_help: str = ""

    @property
    def default(self) -> Any:
        return getattr(_DEFAULTS, self.name)

    def checked(self, value: Any, flag: bool = False) -> Any:
        """`value` if it has this setting's type and lies in its range, else `SettingError`."""
        def fail(problem: str) -> SettingError:
            return SettingError(self, problem, flag)

        if self.kind is bool:
            if not isinstance(value, bool):
                raise fail("must be true or false")
            return value
        if self.kind is tuple:
            if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
                raise fail("must be a list of phrases")
            return tuple(value)
        if self.kind is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise fail(f"must be a whole number{self.range_text()}")
        elif isinstance(value, bool) or not isinstance(value, int | float) \
                or not math.isfinite(value):
            raise fail(f"must be a number{self.range_text()}")
        if (self.minimum is not None and value < self.minimum) or \
                (self.maximum is not None and value > self.maximum):
            raise fail(f"must be{self.range_text()}")
        return float(value) if self.kind is float else value

    def range_text(self) -> str:
        """' from LOW to HIGH', or nothing for an unbounded setting."""
        if self.minimum is None or self.maximum is None:
            return ""
        low, high = (int(x) if self.kind is int else x for x in (self.minimum, self.maximum))
        return f" from {low} to {high}"


_DEFAULTS = Settings()

#: The settings as people see them: "label | help" (help: the panel's tooltip, the CLI's).
_TEXTS = {
    "min_words": "Minimum words | shortest shared passage reported, in words (a CJK "
                 "character counts as a word/1.6); none under 4 words (5 CJK characters) "
                 "is ever found, whatever this says: shorter runs are shared by chance",
    "gap_words": "Gap tolerance | unmatched words tolerated between two matched runs of one "
                 "passage: a lightly edited sentence stays one passage",
    "stemming": "Match word stems | match words by their Snowball stem (nations = nation)",
    "case_sensitive": "Case sensitive | tell Digital from digital",
    "ignore_stop_words": "Ignore common words | skip short passages made of ordinary words, "
                         "and keep function words out of themes",
    "rarity_margin": "Rarity margin (bits) | how improbable a passage must be beyond what "
                     "chance gives two texts this long; a long copy clears the default "
                     "many times over, a few hundred bits drop even those",
    "slogan_min_words": "Slogan: fewest words | shortest slogan, in words",
    "slogan_max_words": "Slogan: most words | longest slogan, in words",
    "slogan_min_count": "Slogan: least occurrences | occurrences in both texts together",
    "max_slogans": "Most slogans | how many found slogans at most are listed (watch-list "
                   "phrases are listed besides)",
    "theme_min_score": "Theme: lowest score | smallest theme score listed, 0..1 (the "
                       "closest pair is listed whatever its score)",
    "max_themes": "Most theme pairs | how many theme pairs at most are listed",
    "watchlist": "Watch-list | the user's own phrases, one a line, always searched and "
                 "highlighted; a line may name variants after its phrase, each after a "
                 "vertical bar (green transition|green energy transition)",
}

#: Type, group, range and command-line flag of each setting ("-": none). A bool's flag
#: sets the value opposite to its default.
_KINDS = {"int": int, "float": float, "bool": bool, "phrases": tuple}
_TABLE = """
name               kind     group     minimum  maximum  flag
min_words          int      matching  1        200      --min-words
gap_words          int      matching  0        100      --gap
stemming           bool     matching  -        -        --stem
case_sensitive     bool     matching  -        -        --case-sensitive
ignore_stop_words  bool     matching  -        -        --keep-stop-words
rarity_margin      float    matching  0        1000     --rarity-margin
slogan_min_words   int      slogans   1        50       --slogan-min-words
slogan_max_words   int      slogans   1        50       --slogan-max-words
slogan_min_count   int      slogans   1        10000    --slogan-min-count
max_slogans        int      slogans   0        10000    --max-slogans
watchlist          phrases  slogans   -        -        -
theme_min_score    float    themes    0        1        --theme-min-score
max_themes         int      themes    0        10000    --max-themes
"""
_FLAG_HELP = {"ignore_stop_words": "report short passages of common words too, and count "
                                   "function words in themes"}


def _declared(table: str) -> tuple[Declared, ...]:
    out = []
    for line in table.strip().splitlines()[1:]:
        name, kind, group, low, high, flag = line.split()
        label, help_text = _TEXTS[name].split(" | ")
        out.append(Declared(name, _KINDS[kind], label, help_text,
                            None if flag == "-" else flag, group,
                            None if low == "-" else float(low),
                            None if high == "-" else float(high),
                            _FLAG_HELP.get(name, "")))
    return tuple(out)


DECLARED: tuple[Declared, ...] = _declared(_TABLE)

assert {d.name for d in DECLARED} == {f.name for f in fields(Settings)}
BY_NAME = {d.name: d for d in DECLARED}


def checked_settings(values: dict[str, Any], flags: bool = False) -> Settings:
    """Settings from already type-checked `values` (defaults for the rest), with the checks
    that tie two settings together."""
    settings = Settings(**values)
    if settings.slogan_min_words > settings.slogan_max_words:
        raise SettingError(BY_NAME["slogan_min_words"],
                           "must not exceed " + ("--slogan-max-words" if flags
                                                 else "slogan_max_words"), flags)
    return settings


def watchlist_phrases(text: str) -> tuple[str, ...]:
    """The phrases of a watch-list written one a line, as a `--watchlist` file or the
    window's editor holds it: each line stripped, blank lines and `#` comments skipped."""
    # Notepad saves UTF-8 with a byte-order mark, which is no letter of the first phrase.
    lines = text.removeprefix("\ufeff").splitlines()
    return tuple(line.strip() for line in lines
                 if line.strip() and not line.lstrip().startswith("#"))
