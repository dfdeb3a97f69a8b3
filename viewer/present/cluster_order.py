"""The order clusters are listed in, the same in the window and in the reports: the
clusters carried by the most articles first (the stories a reader looks for, and the ones a
printed report keeps when it cannot print them all), then by their source's date, undated
last, then by the source's id."""

from __future__ import annotations

#: What the order is called where a list offers to go back to it.
CLUSTER_ORDER_NAME = "Most articles first"


def cluster_rank(articles: int, first_date: str, first_id: str) -> tuple[int, str, str]:
    """The key ranking a cluster carried by `articles` articles whose first is `first_id`,
    dated `first_date` ("" if undated)."""
    return (-articles, first_date or "\uffff", first_id)
