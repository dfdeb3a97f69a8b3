"""Writers of a `Comparison`: JSON (the command-line contract), HTML and PDF reports."""
