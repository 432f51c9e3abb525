"""A field's explanation shown under it, not only in a tooltip a keyboard user never sees.

``show_hint(field)`` puts a short wrapped line of text beneath ``field`` (in its form row,
or after it in a row or column of widgets) and makes it the field's accessible
description, so a screen reader reads it with the field. It is for the hard fields (the
first pay day, the NI number, the Employment Allowance, the pension dates...); easy
fields keep their tooltip only.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QBoxLayout, QFormLayout, QLabel, QLayout, QWidget

HINT_NAME = "field-hint"


def hint_label(text: str) -> QLabel:
    """The hint's look: wrapped, a little smaller than the field's text, selectable."""
    label = QLabel(text)
    label.setObjectName(HINT_NAME)
    label.setWordWrap(True)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 0.92)
    label.setFont(font)
    return label


def _holds(layout: QLayout, widget: QWidget) -> bool:
    if layout.indexOf(widget) >= 0:
        return True
    for index in range(layout.count()):
        item = layout.itemAt(index)
        inner = item.layout() if item is not None else None
        if inner is not None and _holds(inner, widget):
            return True
    return False


def _layouts(layout: QLayout) -> list[QLayout]:
    """``layout`` and every layout inside it."""
    found = [layout]
    for index in range(layout.count()):
        item = layout.itemAt(index)
        inner = item.layout() if item is not None else None
        if inner is not None:
            found += _layouts(inner)
    return found


def _place(widget: QWidget, hint: QLabel) -> bool:
    parent = widget.parentWidget()
    top = parent.layout() if parent is not None else None
    if top is None:
        return False
    for layout in _layouts(top):
        if isinstance(layout, QFormLayout):
            for row in range(layout.rowCount()):
                item = layout.itemAt(row, QFormLayout.ItemRole.FieldRole)
                spanning = layout.itemAt(row, QFormLayout.ItemRole.SpanningRole)
                for cell in (item, spanning):
                    if cell is None:
                        continue
                    inner = cell.layout()
                    if cell.widget() is widget or (inner is not None and _holds(inner, widget)):
                        layout.insertRow(row + 1, "", hint)
                        return True
        elif isinstance(layout, QBoxLayout) and layout.indexOf(widget) >= 0:
            layout.insertWidget(layout.indexOf(widget) + 1, hint)
            return True
    return False


def show_hint(widget: QWidget, text: str = "") -> QLabel:
    """Show ``text`` (default: the field's description or tooltip) beneath ``widget``,
    which must already be in its form; the field's accessible description says the same."""
    words = text or widget.accessibleDescription() or widget.toolTip()
    hint = hint_label(words)
    if not _place(widget, hint):
        raise ValueError(f"show_hint: {widget.accessibleName()!r} is not in a form yet")
    widget.setAccessibleDescription(words)
    if not widget.toolTip():
        widget.setToolTip(words)
    return hint
