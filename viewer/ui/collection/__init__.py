"""The collection in the window: opening, indexing off the GUI thread, and the tabbed view."""
