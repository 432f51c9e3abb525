"""The Money section's Forecast tab: the balance expected week by week.

In words first: the balance expected at the end of the council's year and at the end of
the support plan, the weeks where money runs short, the extra pay day (53 weekly, 27
two-weekly or 14 four-weekly pay days in a tax year) and its cash gap, and every
assumption. Then a chart of each week's closing balance (its text alternative is its
accessible description, and the table beside it has every figure) and the week-by-week
table; the week chosen in the table is told in words below it.

Mnemonics: the Money tabs take L, S, O, F and C and the menus F, G and H, so this tab
uses M (from), T (to), U (update), W (week by week) and A (assumptions).
Signals: none (it only reads).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFocusEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pa_employer.core.account.forecast import (
    Forecast,
    WeekRow,
    balance_words,
    extra_pay_day_words,
    short_words,
)
from pa_employer.core.money import format_pence
from pa_employer.core.validation import InputError
from pa_employer.ui.context import AppContext
from pa_employer.ui.widgets import (
    DateField,
    FieldError,
    heading,
    make_button,
    make_sortable,
    scrolling,
)

HEADERS = ("Week starting", "Money in", "Money out", "Balance at the end of the week", "Short?")

#: High-contrast fills: money left (solid) and below zero (hatched, and said in words).
ABOVE = "#1f4e79"
BELOW = "#8b1a3a"


def chart_words(weeks: Sequence[WeekRow]) -> str:
    """The chart's text alternative: the range, the start, the lowest and the end."""
    if not weeks:
        return "Balance at the end of each week: nothing to show."
    lowest = min(weeks, key=lambda w: w.balance_pence)
    below = sum(1 for w in weeks if w.balance_pence < 0)
    return (
        f"Balance at the end of each week, {len(weeks)} weeks from "
        f"{weeks[0].start:%d %b %Y} to {weeks[-1].end:%d %b %Y}: "
        f"{format_pence(weeks[0].balance_pence)} after the first week, lowest "
        f"{format_pence(lowest.balance_pence)} in the week of {lowest.start:%d %b %Y}, "
        f"{format_pence(weeks[-1].balance_pence)} at the end. "
        + (f"{below} weeks end below zero. " if below else "No week ends below zero. ")
        + "The week by week table has every figure."
    )


class BalanceChart(QWidget):
    """One bar a week: the balance at the end of the week, with a zero line. Bars below
    zero are hatched in another colour; sizes come from the font."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.weeks: tuple[WeekRow, ...] = ()
        self.setAccessibleName("Chart of the balance at the end of each week")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.set_weeks(())

    def set_weeks(self, weeks: Sequence[WeekRow]) -> None:
        self.weeks = tuple(weeks)
        words = chart_words(self.weeks)
        self.setAccessibleDescription(words)
        self.setToolTip(words)
        self.update()

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(self.fontMetrics().averageCharWidth() * 60, line * 10)

    def minimumSizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(self.fontMetrics().averageCharWidth() * 30, line * 10)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        text_colour = palette.windowText().color()
        metrics = self.fontMetrics()
        line = metrics.height()
        pad = line // 2
        if self.hasFocus():
            painter.setPen(QPen(palette.highlight().color(), max(2, line // 8)))
            painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
        painter.setPen(text_colour)
        if not self.weeks:
            painter.drawText(pad, pad + metrics.ascent(), "Nothing to show.")
            return
        values = [w.balance_pence for w in self.weeks]
        top, bottom = max(max(values), 0), min(min(values), 0)
        span = max(top - bottom, 1)
        labels = (format_pence(top), format_pence(bottom))
        left = pad + max(metrics.horizontalAdvance(t) for t in labels) + pad
        area = QRectF(left, pad, max(self.width() - left - pad, 1), self.height() - 2 * pad)

        def y_of(pence: int) -> float:
            return area.top() + area.height() * (top - pence) / span

        zero = y_of(0)
        painter.drawText(pad, int(y_of(top)) + metrics.ascent() // 2, labels[0])
        if bottom < 0:
            painter.drawText(pad, int(y_of(bottom)), labels[1])
        step = area.width() / len(values)
        gap = 1.0 if step > 3 else 0.0
        for n, pence in enumerate(values):
            x = area.left() + n * step
            y = y_of(pence)
            rect = QRectF(x + gap, min(y, zero), max(step - 2 * gap, 1.0), abs(zero - y))
            if pence >= 0:
                painter.fillRect(rect, QColor(ABOVE))
            else:
                painter.fillRect(rect, QBrush(QColor(BELOW), Qt.BrushStyle.BDiagPattern))
                painter.setPen(QPen(QColor(BELOW), 1))
                painter.drawRect(rect)
        painter.setPen(QPen(text_colour, 1))
        painter.drawLine(QPointF(area.left(), zero), QPointF(area.right(), zero))
        if top != 0:
            lift = metrics.ascent() // 2 if bottom < 0 else 0
            painter.drawText(pad, int(zero) + lift, "£0")


def _item(text: str, align_right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def week_words(week: WeekRow) -> str:
    """One week in words: each amount, other spending and the balance."""
    lines = [
        f"Week of {week.start:%d %b %Y} to {week.end:%d %b %Y}: starts at "
        f"{format_pence(week.opening_pence)}, ends at {format_pence(week.balance_pence)}."
    ]
    for m in week.items:
        sign = "in" if m.signed_pence >= 0 else "out"
        lines.append(f"• {m.day:%a %d %b}: {format_pence(m.pence)} {sign}: {m.label}")
    if week.other_spending_pence:
        lines.append(
            f"• Other spending spread over the week: {format_pence(week.other_spending_pence)}"
        )
    if not week.items and not week.other_spending_pence:
        lines.append("• Nothing comes in or goes out this week.")
    if week.short:
        lines.append(f"Short: {week.short_words}.")
    return "\n".join(lines)


class ForecastTab(QWidget):
    """The expected balance to the end of the council's year and of the plan."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result: Forecast | None = None
        self.setAccessibleName("Forecast")

        self.start = DateField()
        self.start.setAccessibleName("From")
        self.start.setAccessibleDescription("The first day of the forecast; blank for today.")
        start_label = QLabel("Fro&m:")
        start_label.setBuddy(self.start)
        self.end = DateField()
        self.end.setAccessibleName("To")
        self.end.setAccessibleDescription(
            "The last day; blank for the later of 31 March and the end of the support plan."
        )
        end_label = QLabel("&To:")
        end_label.setBuddy(self.end)
        self.update_button = make_button(
            "&Update", "Work out the forecast again for the dates typed."
        )
        self.update_button.clicked.connect(self.refresh)
        self.start.returnPressed.connect(self.refresh)
        self.end.returnPressed.connect(self.refresh)
        chooser = QHBoxLayout()
        for widget in (start_label, self.start, end_label, self.end, self.update_button):
            chooser.addWidget(widget)
        chooser.addStretch(1)

        self.summary = self._words()
        self.short = self._words()
        self.extra = self._words()
        short_box = self._box("When money runs short", self.short)
        extra_box = self._box("Extra pay day (53 pay days in a tax year)", self.extra)

        self.chart = BalanceChart()
        chart_box = QGroupBox("Balance at the end of each week")
        QVBoxLayout(chart_box).addWidget(self.chart)

        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setAccessibleName("Week by week")
        self.table.setAccessibleDescription(
            "One row a week: money in, money out, the balance at the end of the week and "
            "whether money runs short. Arrow keys move between weeks."
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setMinimumHeight(self.fontMetrics().height() * 14)
        self.table.currentCellChanged.connect(self._week_chosen)
        make_sortable(self.table)
        table_label = QLabel("&Week by week (choose a week to see what happens in it):")
        table_label.setBuddy(self.table)
        self.week = self._words()

        self.assumptions = QListWidget()
        self.assumptions.setAccessibleName("What the forecast assumes")
        self.assumptions.setWordWrap(True)
        self.assumptions.setSpacing(self.fontMetrics().height() // 4)
        self.assumptions.setMinimumHeight(self.fontMetrics().height() * 10)
        assumptions_label = QLabel("What the forecast &assumes:")
        assumptions_label.setBuddy(self.assumptions)

        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(0, 0, 0, 0)
        inner_layout.addWidget(self.summary)
        inner_layout.addWidget(short_box)
        inner_layout.addWidget(extra_box)
        inner_layout.addWidget(chart_box)
        inner_layout.addWidget(table_label)
        inner_layout.addWidget(self.table)
        inner_layout.addWidget(self.week)
        inner_layout.addWidget(assumptions_label)
        inner_layout.addWidget(self.assumptions)

        layout = QVBoxLayout(self)
        layout.addWidget(heading("Money forecast", 1.15))
        layout.addLayout(chooser)
        layout.addWidget(scrolling(inner, "Money forecast"), 1)
        # The Money page calls refresh() when the tab is first shown.

    @staticmethod
    def _words() -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    @staticmethod
    def _box(title: str, label: QLabel) -> QGroupBox:
        box = QGroupBox(title)
        box.setAccessibleName(title)  # the label inside is read by its words
        QVBoxLayout(box).addWidget(label)
        return box

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Focus given to the tab goes to the first date."""
        self.start.setFocus(event.reason())

    def _dates(self) -> tuple[date | None, date | None]:
        return self.start.value(), self.end.value()

    def _clear(self, message: str) -> None:
        self.result = None
        self.summary.setText(message)
        for label in (self.short, self.extra, self.week):
            label.setText("")
        self.chart.set_weeks(())
        self.table.setRowCount(0)
        self.assumptions.clear()

    def refresh(self) -> None:
        if self.ctx.file is None:
            self._clear("No employer file is open.")
            return
        from pa_employer.services.money.forecast import forecast

        try:
            start, end = self._dates()
            result = forecast(self.ctx.ef, start, end)
        except FieldError as exc:
            self._clear(f"Please check: {exc}")
            return
        except InputError as exc:
            problems = "; ".join(f"{p.field}: {p.message}" for p in exc.problems)
            self._clear(f"Please check: {problems}")
            return
        self.show_result(result)

    def show_result(self, result: Forecast) -> None:
        self.result = result
        self.summary.setText(
            "\n".join(
                (
                    f"Forecast from {result.start:%d %b %Y} to {result.end:%d %b %Y}, "
                    f"starting with {format_pence(result.opening_pence)} in the bank.",
                    balance_words("At the end of the council's year", result.end_of_council_year),
                    balance_words("At the end of the support plan", result.end_of_plan),
                )
            )
        )
        self.short.setText("\n".join(short_words(result)))
        self.extra.setText("\n".join(extra_pay_day_words(result)))
        self.chart.set_weeks(result.weeks)
        self.table.setRowCount(len(result.weeks))
        for row, week in enumerate(result.weeks):
            cells = (
                _item(f"{week.start:%d %b %Y}"),
                _item(format_pence(week.money_in_pence), True),
                _item(format_pence(week.money_out_pence), True),
                _item(format_pence(week.balance_pence), True),
                _item(week.short_words or "No"),
            )
            for column, cell in enumerate(cells):
                self.table.setItem(row, column, cell)
        self.assumptions.clear()
        self.assumptions.addItems(list(result.assumptions))
        if result.weeks:
            self.table.setCurrentCell(0, 0)
            self._week_chosen(0)
        else:
            self.week.setText("")

    def _week_chosen(self, row: int, *_rest: int) -> None:
        if self.result is None or not 0 <= row < len(self.result.weeks):
            return
        self.week.setText(week_words(self.result.weeks[row]))
