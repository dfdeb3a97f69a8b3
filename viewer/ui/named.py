"""`named`: a widget given its Qt object name in the expression that makes it."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

QObjectT = TypeVar("QObjectT", bound=QObject)


def named(widget: QObjectT, name: str) -> QObjectT:
    """`widget`, its object name (what style sheets and tests find it by) set to `name`.

    PySide6 takes any Qt property as a constructor keyword, `QLabel(objectName=...)`, but
    its type stubs list a class's own properties only, not inherited ones such as this."""
    widget.setObjectName(name)
    return widget
