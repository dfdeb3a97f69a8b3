"""The desktop window: widgets that render a `Comparison`; no matching happens here."""
