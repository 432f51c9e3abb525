"""A small accessible horizontal bar chart: labels with whole-pence values.

Sizes come from the font, so the chart grows with large text. Bars are drawn in
high-contrast colours, each with its own hatch pattern and its value written beside it,
so nothing depends on colour. The text alternative (every bar's label and value) is the
widget's accessible description and tooltip; the chart takes the keyboard focus so a
screen reader reaches it. Generic: any tab can use it with its own labels and values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFocusEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from pa_employer.core.money import format_pence

#: Dark, high-contrast fills (each passes 4.5:1 against white) with a pattern each.
COLOURS = ("#1f4e79", "#7a2e00", "#1e5e20", "#5b2a86", "#7a5c00", "#8b1a3a")
PATTERNS = (
    Qt.BrushStyle.SolidPattern,
    Qt.BrushStyle.BDiagPattern,
    Qt.BrushStyle.Dense3Pattern,
    Qt.BrushStyle.DiagCrossPattern,
    Qt.BrushStyle.Dense5Pattern,
    Qt.BrushStyle.FDiagPattern,
)


@dataclass(frozen=True)
class Bar:
    label: str
    pence: int


def text_alternative(title: str, bars: Sequence[Bar]) -> str:
    """The chart in words: its title, then each bar's label and value."""
    if not bars:
        return f"{title}: nothing to show."
    items = "; ".join(f"{b.label}: {format_pence(b.pence)}" for b in bars)
    return f"{title}. {len(bars)} bar{'s' if len(bars) != 1 else ''}: {items}."


class BarChart(QWidget):
    """Horizontal bars, one a row: the label above its bar, the value after it."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = name
        self.bars: tuple[Bar, ...] = ()
        self.setAccessibleName(name)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.set_bars(())

    def set_bars(self, bars: Sequence[Bar]) -> None:
        self.bars = tuple(bars)
        words = text_alternative(self.title, self.bars)
        self.setAccessibleDescription(words)
        self.setToolTip(words)
        self.updateGeometry()
        self.update()

    # -- sizes from the font -------------------------------------------------------

    def _row_height(self) -> int:
        line = self.fontMetrics().height()
        return line * 2 + line // 2  # label line, bar line, a gap

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        rows = max(len(self.bars), 1)
        width = self.fontMetrics().averageCharWidth() * 60
        return QSize(width, rows * self._row_height() + line // 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * 30, self.sizeHint().height())

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    # -- painting ------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.windowText().color()
        metrics = self.fontMetrics()
        line = metrics.height()
        pad = line // 4
        if self.hasFocus():
            pen = QPen(palette.highlight().color(), max(2, line // 8))
            painter.setPen(pen)
            painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
        if not self.bars:
            painter.setPen(text_colour)
            painter.drawText(pad, pad + metrics.ascent(), "Nothing to show.")
            return
        biggest = max((b.pence for b in self.bars), default=0)
        widest_value = max(metrics.horizontalAdvance(format_pence(b.pence)) for b in self.bars)
        room = max(self.width() - 2 * pad - widest_value - line, line)
        y = pad
        for number, bar in enumerate(self.bars):
            painter.setPen(text_colour)
            label = metrics.elidedText(
                bar.label, Qt.TextElideMode.ElideRight, self.width() - 2 * pad
            )
            painter.drawText(pad, y + metrics.ascent(), label)
            bar_top = y + line
            length = 0.0 if biggest <= 0 else room * max(bar.pence, 0) / biggest
            colour = QColor(COLOURS[number % len(COLOURS)])
            shape = QRectF(pad, bar_top + 2, max(length, 2.0), line - 4)
            painter.fillRect(shape, QColor("white"))
            painter.fillRect(shape, QBrush(colour, PATTERNS[number % len(PATTERNS)]))
            painter.setPen(QPen(colour, 1.5))
            painter.drawRect(shape)
            painter.setPen(text_colour)
            painter.drawText(
                int(pad + max(length, 2.0) + line // 2),
                bar_top + metrics.ascent(),
                format_pence(bar.pence),
            )
            y += self._row_height()
