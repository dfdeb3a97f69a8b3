"""The formulations' timelines, binned once for the window and the reports: per day over a
short collection, per month, per year over a long one."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from pathlib import Path

from tests.collection.planted import embedded_report, make_collection
from viewer.export.collection_html import write_collection_html
from viewer.export.collection_model import build_report
from viewer.present.timeline import MAX_DAYS, MAX_MONTHS, month_range, timeline_bins
from viewer.ui.collection.data import load


def _days(first: datetime.date, count: int) -> list[str]:
    return [(first + datetime.timedelta(days=k)).isoformat() for k in range(count)]


def test_a_collection_of_one_month_counts_its_formulations_per_day_in_every_view(
        tmp_path: Path) -> None:
    planted = make_collection()  # dated within March 2021
    source = planted.write(tmp_path / "march.jsonl")
    report = embedded_report(source, tmp_path / "store.sqlite")
    dates = {d["id"]: d["date"] for d in report["documents"]}
    assert len({d[:7] for d in dates.values()}) == 1 and report["formulations"]
    days = _days(datetime.date.fromisoformat(min(dates.values())),
                 (datetime.date.fromisoformat(max(dates.values()))
                  - datetime.date.fromisoformat(min(dates.values()))).days + 1)
    model = build_report(report)
    window = load(str(tmp_path / "store.sqlite"))
    assert model.bins == window.bins == tuple(days)
    for item, row in zip(report["formulations"], model.formulations.rows, strict=True):
        per_day = Counter[str]()
        for occurrence in item["occurrences"]:
            per_day[dates[occurrence["doc"]]] += len(occurrence["spans"])
        assert row.timeline.counts == tuple(per_day.get(day, 0) for day in days)
        assert sum(row.timeline.counts) == item["count"]
        # The window draws what the reports draw.
        assert window.timeline(item) == row.timeline
    # The HTML report's charts say so, from the first day to the last.
    write_collection_html(report, tmp_path / "march.html")
    page = (tmp_path / "march.html").read_text(encoding="utf-8")
    assert f"uses per day, {days[0]} to {days[-1]}" in page
    assert f"<span>{days[0]}</span>" in page and f"<span>{days[-1]}</span>" in page
    titles = set(re.findall(r"<title>(\d{4}-\d\d-\d\d): \d+</title>", page))
    assert titles and titles <= set(days)


def test_a_span_of_more_days_counts_per_month_and_a_long_one_per_year() -> None:
    start = datetime.date(2021, 1, 30)
    assert timeline_bins(_days(start, MAX_DAYS)) == tuple(_days(start, MAX_DAYS))
    longer = _days(start, MAX_DAYS + 1)
    assert timeline_bins(longer) == month_range(longer) == (
        "2021-01", "2021-02", "2021-03", "2021-04", "2021-05")
    decades = [f"{year}-06-01" for year in range(2000, 2000 + MAX_MONTHS // 12 + 2)]
    assert timeline_bins(decades) == tuple(d[:4] for d in decades)
    # Undated articles (and a date of a month alone, which no day's bar can show) aside.
    assert timeline_bins(["", "2021-03-02", "2021-03-04"]) == (
        "2021-03-02", "2021-03-03", "2021-03-04")
    assert timeline_bins(["2021-03", "2021-03-04"]) == ("2021-03",)
    assert timeline_bins(["", ""]) == ()
