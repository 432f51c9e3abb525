"""The Overview's facts, one to a line: each a single label whose text is the whole fact
("In the bank: £6.40"), so a screen reader reads it once; and the getting-started
checklist with a button to the page of each step not yet done."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pa_employer.services.overview.shown import FactLine, Step
from pa_employer.ui.widgets import heading

#: A figure below zero is shown in this colour, and always with words too.
WARNING_COLOUR = "#b00020"


class FactLabel(QLabel):
    """A wrapped label that keeps the height its lines need at its width (a layout counts
    a wrapped label as one short line and would squeeze it under large text)."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        needed = self.heightForWidth(self.width())
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)


def fact_label(text: str = "") -> QLabel:
    """One fact on one line; its accessible name is its text (read once)."""
    label = FactLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _clear(layout: QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.setParent(None)
            widget.deleteLater()
        elif item.layout() is not None:
            inner = item.layout()
            assert isinstance(inner, QVBoxLayout | QHBoxLayout)
            while inner.count():
                child = inner.takeAt(0).widget()
                if child is not None:
                    child.setParent(None)
                    child.deleteLater()


class MoneyFacts(QWidget):
    """In the bank, each kind still to pay, free to spend, hours this pay period."""

    def __init__(self) -> None:
        super().__init__()
        self.title = heading("Money", 1.2)
        self.lines = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(self.lines)
        #: The labels shown, by what they say (for tests and the screenshots).
        self.labels: list[QLabel] = []

    def show_lines(self, lines: tuple[FactLine, ...]) -> None:
        _clear(self.lines)
        self.labels = []
        for line in lines:
            label = self._add(line.text, line.indent, line.warning)
            if line.spoken:
                label.setAccessibleName(line.spoken)
            if line.details:
                label.setToolTip(line.details)
                label.setAccessibleDescription(line.details)

    def _add(self, text: str, indent: bool, warning: bool) -> QLabel:
        label = fact_label(text)
        label.setWordWrap(False)  # one short figure a line, never squeezed
        if warning:
            label.setStyleSheet(f"color: {WARNING_COLOUR}; font-weight: bold")
        if indent:
            row = QHBoxLayout()
            row.addSpacing(label.fontMetrics().horizontalAdvance("MM"))
            row.addWidget(label, 1)
            self.lines.addLayout(row)
        else:
            self.lines.addWidget(label)
        self.labels.append(label)
        return label

    def texts(self) -> list[str]:
        return [label.text() for label in self.labels]


class Checklist(QWidget):
    """Getting started: each step done or to do, in words; a button to each step's page."""

    def __init__(self, go_to: Callable[[str], None]) -> None:
        super().__init__()
        self.go_to = go_to
        self.title = heading("Getting started", 1.2)
        self.title.setToolTip(
            "These steps stay here until each is done; each ticks off by itself from what "
            "you record."
        )
        self.rows = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(self.rows)
        self.labels: list[QLabel] = []
        self.buttons: list[QPushButton] = []

    def show_steps(self, steps: tuple[Step, ...]) -> None:
        _clear(self.rows)
        self.labels, self.buttons = [], []
        for step in steps:
            row = QHBoxLayout()
            mark = "\N{CHECK MARK}" if step.done else "\N{BALLOT BOX}"
            label = fact_label(f"{mark} {step.words}")
            label.setAccessibleName(step.words)
            row.addWidget(label, 1)
            self.labels.append(label)
            if not step.done:
                button = QPushButton(f"Go to {step.place}")
                button.setAccessibleName(f"Go to the {step.place} page: {step.title}")
                button.clicked.connect(lambda _c=False, place=step.place: self.go_to(place))
                row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
                self.buttons.append(button)
            self.rows.addLayout(row)

    def texts(self) -> list[str]:
        return [label.accessibleName() for label in self.labels]
