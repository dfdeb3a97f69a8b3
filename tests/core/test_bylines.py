"""Which lines at an article's head are bylines or datelines, and which headlines are not."""

from __future__ import annotations

import pytest

from viewer.core.bylines import is_byline, is_name_alone

BYLINES = ["本报记者卢新宁", "新华社记者 张三、李四", "记者 王林", "记者：买买提·艾力", "文/张三",
           "文｜张三 图｜李四", "作者：李四", "本报记者 张三 通讯员 李四", "新华社驻东京记者张三",
           "澎湃新闻记者 张三", "特约记者王林", "（记者 张三）", "新华社北京1月1日电",
           "新华社北京１月１日电", "本报上海3月5日讯（记者张三）",
           # After a dateline a bare label names: no headline opens so.
           "本报北京１月４日电记者兰世章", "本报北京1月4日电 记者兰世章、李四", "本报讯 记者张三",
           "本报讯（记者 张三）", "本报讯", "本站讯",
           # Two credits: the reporter and a correspondent.
           "本报讯（记者张三 通讯员李四）", "本报讯 记者张三 通讯员李四",
           "本报北京1月4日电 记者张三，通讯员李四", "本报讯（通讯员 李四 记者 王五）",
           "By Jane Smith",
           "BY JANE SMITH", "By Jane Smith and John Doe, Reuters", "By A. J. Smith",
           "By An Li", "By Thea Wong",
           # An agency's or a paper's credit.
           "By The Associated Press", "BY THE ASSOCIATED PRESS", "By Our Correspondent",
           "Written by The Editors", "By Jane Smith and The Associated Press",
           "By Jane Smith | China Daily | Updated: 2021-01-01 08:00", "Author: Jane Smith",
           "(By Jane Smith)", "BEIJING, Jan. 1 (Xinhua) --",
           # A reprint's credit: where it first ran.
           "Reprinted from Capital Review, 2020-09-13",
           "Republished with permission from The Conversation",
           "Originally published in Harbour Times",
           # Written in traditional characters, as Hong Kong and Taiwan papers write them.
           "本報記者盧新寧", "新華社北京1月1日電", "記者 王林", "文／張三"]
# Headlines that open on a name or a label, and lines of a story that open on a dateline.
HEADLINES = ["王文辉：焊花如血", "Zhang Wei: Write a new chapter for the harbour",
             "Firmly grasping the initiative and striving to become a strong network country",
             "By the numbers: the harbour's year", "By 2030, the harbour will double",
             "记者走基层：春运路上", "记者手记", "记者从市政府获悉，今年将新建两座桥。",
             "记者 王林在现场采访时说，这是一件大事。", "文 化强国", "北京1月1日起实施新规",
             "新华社北京1月1日电（记者张三）今天上午，会议在北京召开。",
             "本报北京1月4日电 记者从市政府获悉，今年将新建两座桥。",
             "By Jane Smith, who saw the river rise.", "焊花如血", "(Photo)", "",
             # Headlines in title case: no name opens on a determiner or a question word.
             "By Any Means Necessary", "BY WHAT RIGHT",
             "By All Accounts, A Quiet Year",
             "Reprinted from the archive: the ferry's first year", "Reprinted by popular demand",
             "Reprinted from Harbour Times: why did the ferry sink?",
             "記者走基層：春運路上", "王文輝：一國兩制行穩致遠"]


@pytest.mark.parametrize("line", BYLINES)
def test_a_byline_or_dateline_is_one(line: str) -> None:
    assert is_byline(line)


@pytest.mark.parametrize("line", HEADLINES)
def test_a_headline_opening_on_a_name_or_a_label_is_no_byline(line: str) -> None:
    assert not is_byline(line)


def test_a_name_alone_is_two_to_four_han_characters_or_a_name_with_a_middle_dot() -> None:
    assert all(map(is_name_alone, ["王文辉", "欧阳修", "买买提·艾力", " 王林 "]))
    assert not any(map(is_name_alone,
                       ["王", "王 文辉", "的意见。", "Jane Smith", "新时代宣传工作"]))


@pytest.mark.parametrize("credit", ["本报记者 ", "本报记者张三 ", "本报记者张三，", "央视记者 "])
def test_a_line_of_credits_that_fails_at_its_end_is_answered(credit: str) -> None:
    # Its labels were read as names too (本报记者 is four Han characters), so each space
    # between the credits could end a list of names or go on with it: a line failing at its
    # end was tried every way, 2 to the number of credits. 90 characters of "本报记者 " then
    # "!" took 20 seconds, 100 took 156; at the longest a byline runs (120) this test did
    # not finish. Every article's head and every line break of a report ask this.
    failing = (credit * 30)[:119] + "!"
    assert len(failing) == 120 and not is_byline(failing)
    # 和 and 与 join names, and may be part of one: a run of them was split every way.
    assert not is_byline("记者 " + "和" * 114 + "!")
    assert not is_byline("本报讯 记者" + "与" * 110 + "!")
    # Credits so listed are still a byline, however many.
    assert is_byline(("本报记者张三，" * 17).rstrip("，"))
    assert is_byline("本报记者 张三 本报记者 李四 通讯员 王五、赵六")
