"""Theme overlap: passages on the same subject in other words, scored in [0, 1]."""

from viewer.core.compare import compare
from viewer.core.document import Document

A = """Rail fares will rise by five percent in January, the transport ministry announced on
Monday, blaming higher energy costs and the expense of replacing ageing carriages on the
busiest commuter lines.

The city zoo welcomed twin panda cubs this spring; keepers say both are healthy, feeding
well and gaining weight, and visitors will be able to see them from the summer onwards.

Farmers in the valley reported a record apple harvest after a mild and sunny autumn, and
cider makers expect to hire extra seasonal workers to cope with the glut of fruit."""

B = """Two giant panda babies born at the municipal zoo are thriving, according to their
keepers, who weigh them every morning and expect to show them to the public in summer.

A new library opened downtown with a large collection of children's books, a rooftop
garden and a cafe run by volunteers from the neighbourhood association.

Commuters face higher train ticket prices from the new year after the ministry approved a
five percent increase, citing energy bills and the cost of new carriages."""


def test_paraphrased_passages_are_paired_best_first_with_shared_terms():
    result = compare(Document(A, "a"), Document(B, "b"))
    assert result.shared_phrases == ()
    pairs = [(A[t.a[0]:t.a[1]].split()[0], B[t.b[0]:t.b[1]].split()[0]) for t in result.themes]
    assert set(pairs[:2]) == {("The", "Two"), ("Rail", "Commuters")}  # pandas, fares
    assert all(0.0 <= t.score <= 1.0 for t in result.themes)
    assert [t.score for t in result.themes] == sorted((t.score for t in result.themes),
                                                      reverse=True)
    panda = next(t for t in result.themes if B[t.b[0]:t.b[1]].startswith("Two"))
    assert "panda" in panda.terms and "zoo" in panda.terms


def test_unrelated_passages_are_not_listed_beyond_the_closest_pair():
    a = Document("Volcanic ash grounded flights across the northern islands for two days.", "a")
    b = Document("The orchestra rehearsed a new symphony by a young Estonian composer.", "b")
    assert len(compare(a, b).themes) <= 1
