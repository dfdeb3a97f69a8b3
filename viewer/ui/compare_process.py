"""The comparison as a child process, for very large texts: Cancel stops the work at once
and the memory it used goes back to the system.

In a thread, the engine notices Cancel only between its steps, which on texts of many
megabytes last seconds. A child process can simply be terminated. Qt-free: the child
imports only the engine and `viewer.ui.rendering`.
"""

from __future__ import annotations

from dataclasses import replace
from multiprocessing.queues import Queue

from viewer.core.compare import compare
from viewer.core.document import Document
from viewer.core.errors import TandemError
from viewer.core.model import KnownForms
from viewer.core.settings import Settings
from viewer.ui.rendering import prepare


def run(doc_a: Document, doc_b: Document, settings: Settings, messages: Queue,
        known: KnownForms = ()) -> None:
    """Compare and prepare in this process, reporting through `messages`."""
    try:
        comparison = compare(doc_a, doc_b, settings,
                             progress=lambda stage, fraction: messages.put(
                                 ("progress", stage, fraction)), known=known)
        messages.put(("progress", "Preparing highlights", 1.0))
        rendered = prepare(comparison)
        # The window has the documents already: send the result without their texts, which
        # would otherwise be pickled here and unpickled there for nothing.
        bare = Document(text="", name="")
        messages.put(("finished", replace(rendered, comparison=replace(
            comparison, document_a=bare, document_b=bare))))
    except TandemError as exc:
        messages.put(("failed", str(exc)))
    except Exception as exc:  # noqa: BLE001 - reported to the window, never a traceback
        messages.put(("failed", f"the comparison failed: {type(exc).__name__}: {exc}"))
