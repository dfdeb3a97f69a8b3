"""Bylines and datelines: the lines at an article's head that say who wrote it, or where
and when it was filed, rather than what it is about.

Two readers meet them. A collection names an article by its first line
(`viewer.collection.titles`): "本报记者卢新宁" names its reporter, not the story, and is no
title. A report re-joins the lines a text hard-wrapped into paragraphs
(`viewer.export.report_model`): a byline shorter than the headline above it made the
headline look like a full line, and the two read as one ("焊花如血王文辉", "Flood waters
rise By Jane Smith"). What a byline looks like is described here, once, for both.

A byline is a label and names, and nothing else: "By Jane Smith", "本报记者卢新宁",
"新华社记者 张三、李四", "记者 王林", "文/张三", "作者：李四", "本报记者 张三 通讯员 李四".
A dateline is a place and a day the story was filed on: "新华社北京1月1日电",
"本报上海3月5日讯（记者张三）", "BEIJING, Jan. 1 (Xinhua) --". Traditional characters
read as their simplified forms (本報記者, 新華社北京1月1日電). A headline that opens with a
name ("肖亚庆：努力书写网络强国建设新篇章", "Xiao Yaqing: Strive to write ...",
"记者走基层：…") goes on to say what the story is about, and is neither.

A reprint's credit names the paper the story first ran in, and when: "Reprinted from Capital
Review, 2020-09-13", "Republished with permission from The Conversation", "Originally
published in Harbour Times". It heads the article as a byline does, and is no headline
either. (A Chinese reprint's bracketed "（转载自关东商报，2019-03-31）" is a note:
`viewer.collection.article.is_note`.)

A name alone ("王文辉", 2 to 4 Han characters) under a headline is its author's byline too
(`is_name_alone`), but only there: alone at an article's head it may be the headline
itself ("焊花如血", "春节").
"""

from __future__ import annotations

import re

from viewer.core.han_script import to_simplified

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
#: A Chinese name: a surname and a given name, two to four characters; a minority name
#: with its parts joined by a middle dot ("买买提·艾力").
_HAN_NAME = rf"(?:[{_HAN}]{{2,4}}|[{_HAN}]{{1,8}}(?:[·•・][{_HAN}]{{1,8}})+)"
#: Who publishes: this paper (本报, 本刊, 本台, 本网) or a named agency, paper, site or
#: station (新华社, 人民日报, 中新网, 央视, 澎湃新闻), by how such names end.
_OUTLET = rf"(?:本[报刊台网站]|[{_HAN}]{{1,10}}?(?:社|报|网|台|刊|站|新闻|视))"
#: A reporter's label, the outlet and a post before it ("新华社驻东京记者"): a name may
#: follow it straight away ("本报记者卢新宁"), as no word does a bare "记者" ("记者走基层").
_REPORTER = (rf"(?:{_OUTLET}(?:驻[{_HAN}]{{1,6}})?|特约|实习|首席)"
             r"(?:特约|实习|首席|摄影)?(?:记者|通讯员|撰稿人?)")
#: Any label of who wrote or took part ("记者", "作者", "编辑"), named after a space or a
#: colon: "记者 王林", "作者：李四".
_LABEL = (rf"(?:{_OUTLET})?(?:特约|实习|首席|摄影)?"
          r"(?:记者|通讯员|撰稿人?|撰文|作者|摄影|编辑|责任编辑|责编)")
_SEPARATOR = r"(?:\s*[:：/／|｜]\s*|\s+)"
#: A one-character label, "文" (text by) or "图", "摄" (pictures by): named after a colon
#: or a slash alone ("文/张三"), as a spaced-out word opens with one ("文 化强国").
_SHORT_LABEL = r"[文图摄]\s*[:：/／|｜]\s*"
#: Names listed after a label, none of them a label itself: "本报记者" is four Han
#: characters, as a name may be. Were it read as one, each space between credits ("本报记者
#: 张三 本报记者 李四") could end a list of names or go on with it, and a line that fails at
#: its end was tried every way: 90 characters of "本报记者 " and a "!" took 20 seconds.
#: Nor does a name open on 和 or 与, which join names: a run of them could be split into
#: names and joins every way (60 of them took 11 seconds).
_LISTED_NAME = rf"(?!{_REPORTER}|{_LABEL}|[和与]){_HAN_NAME}"
_HAN_NAMES = rf"{_LISTED_NAME}(?:(?:\s*[、，,]\s*|\s+|[和与]){_LISTED_NAME})*"
#: A label, then names. The label is read one way only (atomic): "本报记者 " is a
#: reporter's label and a spaced one alike, and trying both for each credit doubled the
#: work of a failing line with every credit.
_CHINESE_CREDIT = (rf"(?>{_REPORTER}{_SEPARATOR}?|{_LABEL}{_SEPARATOR}|{_SHORT_LABEL})"
                   rf"{_HAN_NAMES}")
_CHINESE_BYLINE = rf"{_CHINESE_CREDIT}(?:[\s，,；;]+{_CHINESE_CREDIT})*"

_NUMERAL = "0-9０-９〇零一二三四五六七八九十"
#: The day a Chinese story was filed on, and the word that it was: "1月1日电", "3月5日讯";
#: or this paper's news, undated: "本报讯". Its reporters may follow, in brackets or not:
#: after it, a bare "记者" names ("本报北京1月4日电 记者兰世章"), as it does nowhere else.
_FILED_BY = (rf"(?:记者|通讯员)\s*{_HAN_NAMES}"
             rf"(?:\s*[，,；;]?\s*(?:记者|通讯员)\s*{_HAN_NAMES})*")
_CHINESE_DATELINE = (rf"(?:[{_HAN}]{{2,16}}?(?:[{_NUMERAL}]{{2,4}}年)?[{_NUMERAL}]{{1,3}}月"
                     rf"[{_NUMERAL}]{{1,3}}日(?:电|讯|消息)|本[报刊台网站]讯)"
                     rf"(?:\s*[（(]\s*(?:{_FILED_BY}|{_HAN_NAMES})\s*[)）]"
                     rf"|\s*{_CHINESE_BYLINE}|\s*{_FILED_BY})?")

#: An English name: one to four words each opening with a capital ("Jane Smith",
#: "J. R. Hartley", "Mary-Ann O'Neil"); "By the numbers" opens with no name.
_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
#: Nor does a headline in title case: what follows "By" opens on no determiner or question
#: word ("By Any Means Necessary", "BY WHAT RIGHT"). "The" and "Our" may open an agency's
#: or a paper's credit ("By The Associated Press", "By Our Correspondent"), "A" and "An"
#: an initial or a surname ("By A. J. Smith", "By An Li"), "How" a surname.
_NOT_A_NAME = (r"(?i:any|all|some|every|each|this|that|these|those|your|their|its|"
               r"what|why|when|where|which|who)(?=\s)")
_NAMES = rf"{_NAME}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*){_NAME})*"
#: What may follow the names: their paper or post ("By Jane Smith, Reuters", "| China
#: Daily | Updated 2021-01-01"), short, and no sentence: it ends on no stop.
_AFTER_NAMES = r"(?:\s*[,|·•–—-]\s*[^\n]{0,60}[^.!?\s])?"
_ENGLISH_BYLINE = (rf"(?:(?:By|BY|Written by|Reported by)\s+"
                   rf"|(?:Author|Authors|Reporter|Text)\s*:\s*)(?!{_NOT_A_NAME}){_NAMES}"
                   rf"{_AFTER_NAMES}")
_ENGLISH_DATELINE = (r"[A-Z][A-Z .'-]+,(?:\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2},?)?"
                     r"\s*\([A-Za-z .]+\)\s*(?:--|[-–—])?")

#: Where a reprint first ran: a paper's name opens with a capital ("from the archive" is
#: none), and the credit, short, ends on no question or exclamation (a headline may).
_ENGLISH_CREDIT = (r"(?:(?:Reprinted|Republished|Reposted)(?:\s+with(?:\s+\w+)?\s+permission)?"
                   r"\s+(?:from|by|in)|Originally\s+(?:published|printed|appeared)\s+(?:in|by|on))"
                   r"\s+(?:the\s+)?[A-Z0-9][^\n]{0,80}?[^\s!?]")

_BYLINE = re.compile(rf"{_CHINESE_BYLINE}|{_CHINESE_DATELINE}|{_ENGLISH_BYLINE}"
                     rf"|{_ENGLISH_DATELINE}|{_ENGLISH_CREDIT}")
#: Brackets a whole byline may stand in: "（记者 张三）", "(By Jane Smith)".
_ENCLOSED = re.compile(r"[（(【\[]\s*(.*?)\s*[)）】\]]")
_NAME_ALONE = re.compile(_HAN_NAME)
#: The longest a byline or dateline runs, in characters: a longer line is a story's.
_LONGEST = 120


def is_byline(line: str) -> bool:
    """Whether `line` (one line, spaces collapsed or not) is a byline or a dateline alone:
    who wrote the article, or where and when it was filed, and nothing of what it says."""
    line = line.strip()
    if len(line) > _LONGEST:
        return False
    line = to_simplified(line)  # 本報記者, 新華社北京1月1日電
    enclosed = _ENCLOSED.fullmatch(line)
    return _BYLINE.fullmatch(enclosed.group(1) if enclosed else line) is not None


def is_name_alone(line: str) -> bool:
    """Whether `line` is a Chinese name and nothing else ("王文辉"): under a headline, its
    author's byline."""
    return _NAME_ALONE.fullmatch(line.strip()) is not None
