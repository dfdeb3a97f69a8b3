"""The presentation layer: what every view shows of a `Comparison`, computed once, Qt-free.

The window (highlighter, overview strips, scroll map, navigation) and the reports (PDF,
HTML) only translate these results into formats, CSS or drawing:

- `marks`: the typed marks of each side and the one rule that resolves overlapping marks;
- `alignment`: which passages stand level (one chain, weighted by words) and the scroll map;
- `navigation`: the reading order of passages, next/previous, the passage at a position;
- `palette`: the colours for light, dark and print;
- `script_note`: the note on a traditional Chinese text compared with a simplified one.
- `timeline`: a collection's formulations' uses per day, month or year, for the window's
  chart and the collection reports' bars.
"""
