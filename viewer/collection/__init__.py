"""Collections: many articles read into an embedded store, searched for reuse and formulations."""
