"""The Money section's Outcomes tab: spending linked to the person's outcomes.

A period chooser (this month, last month, this quarter, the council's year, the plan, or
two dates); the totals in words; a bar chart of the money linked to each outcome, whose
text alternative lists every bar; each outcome in the person's words with what the money
bought and how it helps; what is not linked; and a button to save the page as a PDF.

Mnemonics: the Money tabs take L, S, O, F and C and the menus F, G and H, so this tab
uses P, M, T, W and D.
Signals: none (it only reads; the PDF is a file, not a change to the employer file).
"""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pa_employer.core.account import outcomes as periods
from pa_employer.core.account.outcomes import OutcomesReport, Period
from pa_employer.core.money import format_pence
from pa_employer.core.validation import InputError
from pa_employer.services.money import outcomes
from pa_employer.services.settings.employer import file_name
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.ui.charts import Bar, BarChart
from pa_employer.ui.context import AppContext
from pa_employer.ui.dialogs import REPORTS
from pa_employer.ui.large_text import FlowRow, pair
from pa_employer.ui.widgets import DateField, FieldError, heading, make_button, scrolling

#: The period choices, in the order offered.
CHOICES = {
    "this_month": "This month",
    "last_month": "Last month",
    "this_quarter": "This quarter",
    "council_year": "The council's year (April to March)",
    "plan": "The support plan's dates",
    "dates": "Between two dates",
}


def period_for(choice: str, ef: EmployerFile, start: date | None, end: date | None) -> Period:
    """The period a choice means today; raises FieldError for missing or wrong dates."""
    today = ef.today()
    if choice == "this_month":
        return periods.month_period(today)
    if choice == "last_month":
        return periods.month_period(today.replace(day=1) - timedelta(days=1))
    if choice == "this_quarter":
        return periods.quarter_period(today)
    if choice == "council_year":
        return periods.council_year(today)
    if choice == "plan":
        support, today = outcomes.plan_and_today(ef)
        life = periods.plan_period(support, today)
        if life is None:
            raise FieldError("Period", "the support plan has no date yet; choose another period")
        return life
    if start is None:
        raise FieldError("From", "type the first day")
    if end is None:
        raise FieldError("To", "type the last day")
    if end < start:
        raise FieldError("To", "the last day is before the first")
    return periods.any_period(start, end)


def report_html(report: OutcomesReport) -> str:
    """Each outcome in the person's words with what the money bought and how it helps."""
    parts: list[str] = []
    if not report.outcomes:
        parts.append("<p>The support plan has no personal outcomes yet.</p>")
    for number, outcome in enumerate(report.outcomes, 1):
        parts.append(f"<h3>{number}. \u201c{escape(outcome.wording)}\u201d</h3>")
        if not outcome.lines:
            parts.append("<p>Nothing was linked to this outcome in this period.</p>")
            continue
        count = len(outcome.lines)
        parts.append(
            f"<p><b>{format_pence(outcome.pence)}</b> on {count} "
            f"thing{'s' if count != 1 else ''}:</p><ul>"
        )
        for line in outcome.lines:
            what = escape(line.payee or line.category_name)
            notes = f" — {escape(line.notes)}" if line.notes else ""
            how = escape(line.how_it_helps) or "how it helps is not said"
            also = (
                "; also helps " + "; ".join(f"\u201c{escape(o)}\u201d" for o in line.also_for)
                if line.also_for
                else ""
            )
            parts.append(
                f"<li>{line.day.day} {line.day:%b %Y}: {what}, "
                f"<b>{format_pence(line.amount_pence)}</b>{notes}.<br/>"
                f"How this helps: <i>{how}</i>{also}.</li>"
            )
        parts.append("</ul>")
    parts.append("<h3>Not linked to any outcome</h3>")
    if not report.unlinked:
        parts.append("<p>Nothing: every line of money out is linked to an outcome.</p>")
    else:
        parts.append(f"<p>{format_pence(report.unlinked_pence)} in all:</p><ul>")
        for group in report.unlinked:
            lines = f"{group.count} line{'s' if group.count != 1 else ''}"
            parts.append(f"<li>{escape(group.name)}: {format_pence(group.pence)} ({lines})</li>")
        parts.append("</ul>")
    return "".join(parts)


class OutcomesTab(QWidget):
    """Spending by personal outcome for a chosen period."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: OutcomesReport | None = None
        self.setAccessibleName("Outcomes")

        self.period = QComboBox()
        self.period.setAccessibleName("Period")
        self.period.setAccessibleDescription("Which dates to show spending for.")
        for code, label in CHOICES.items():
            self.period.addItem(label, code)
        self.period.view().setAccessibleName("Period: choices")
        period_label = QLabel("&Period:")
        period_label.setBuddy(self.period)
        self.start = DateField()
        self.start.setAccessibleName("From")
        self.start.setAccessibleDescription("The first day, for 'Between two dates'.")
        start_label = QLabel("Fro&m:")
        start_label.setBuddy(self.start)
        self.end = DateField()
        self.end.setAccessibleName("To")
        self.end.setAccessibleDescription("The last day, for 'Between two dates'.")
        end_label = QLabel("&To:")
        end_label.setBuddy(self.end)
        self.show_button = make_button("Sho&w", "Show spending for the period chosen.")
        self.show_button.clicked.connect(self.refresh)
        self.pdf_button = make_button(
            "Save as P&DF…", "Save this page as a PDF to print or take to a review."
        )
        self.pdf_button.clicked.connect(self.save_pdf)

        char = self.fontMetrics().averageCharWidth()
        for field in (self.start, self.end):
            field.setMinimumWidth(char * 13)
        self.period.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        chooser = FlowRow()
        chooser.addLayout(pair(period_label, self.period))
        chooser.addLayout(pair(start_label, self.start))
        chooser.addLayout(pair(end_label, self.end))
        chooser.addWidget(self.show_button)
        below = QHBoxLayout()
        below.addWidget(self.pdf_button)
        below.addStretch(1)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.chart = BarChart("Money linked to each outcome")
        self.chart_box = QGroupBox("Money linked to each outcome")
        chart_layout = QVBoxLayout(self.chart_box)
        chart_layout.addWidget(self.chart)

        self.details = QTextBrowser()
        self.details.setAccessibleName("What the money bought for each outcome")
        self.details.setOpenLinks(False)
        self.details.setTabChangesFocus(True)

        self.details.setMinimumHeight(self.fontMetrics().height() * 12)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(0, 0, 0, 0)
        inner_layout.addWidget(self.summary)
        inner_layout.addWidget(self.chart_box)
        inner_layout.addWidget(self.details, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(heading("Spending by personal outcome", 1.15))
        layout.addLayout(chooser)
        layout.addWidget(scrolling(inner, "Spending by outcome"), 1)
        layout.addLayout(below)

        self.start.setEnabled(False)
        self.end.setEnabled(False)
        self.pdf_button.setEnabled(False)
        # The Money page calls refresh() when the tab is first shown.
        self.period.currentIndexChanged.connect(self._period_changed)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Focus given to the tab goes to the period chooser."""
        self.period.setFocus(event.reason())

    def _period_changed(self) -> None:
        dates = self.period.currentData() == "dates"
        self.start.setEnabled(dates)
        self.end.setEnabled(dates)
        if not dates:
            self.refresh()

    def _chosen(self) -> Period:
        code = str(self.period.currentData())
        start = self.start.value() if code == "dates" else None
        end = self.end.value() if code == "dates" else None
        return period_for(code, self.ctx.ef, start, end)

    def refresh(self) -> None:
        if self.ctx.file is None:
            self.report = None
            self.summary.setText("No employer file is open.")
            self.chart.set_bars(())
            self.details.clear()
            self.pdf_button.setEnabled(False)
            return
        try:
            period = self._chosen()
            self.report = report = outcomes.outcomes_report(self.ctx.ef, period)
        except (FieldError, InputError) as exc:
            self.summary.setText(f"Please check: {exc}")
            return
        if self.period.currentData() != "dates":
            self.start.set_value(period.start)
            self.end.set_value(period.end)
        title = f"Money linked to each outcome, {period.label}"
        self.chart_box.setTitle(title)
        self.chart.title = title
        self.chart.setAccessibleName(title)
        self.chart.set_bars([Bar(o.wording, o.pence) for o in report.outcomes])
        self.chart_box.setVisible(bool(report.outcomes))
        dates = f"{period.label[0].upper()}{period.label[1:]}: {period.dates_words}."
        self.summary.setText("\n".join((dates, *report.words)))
        self.details.setHtml(report_html(report))
        self.pdf_button.setEnabled(True)

    def save_pdf(self) -> None:
        if self.ctx.file is None or self.report is None:
            return
        period = self.report.period
        path = self.ctx.dialogs.save_file(
            self,
            "Save the outcomes page",
            file_name(self.ctx.ef, "outcomes", period.start, period.end, "pdf"),
            "PDF files (*.pdf);;All files (*)",
            REPORTS,
        )
        if path is None:
            return
        try:
            outcomes.save_outcomes_pdf(self.ctx.ef, period, path)
        except InputError as exc:
            lines = "\n".join(f"• {p.field}: {p.message}" for p in exc.problems)
            self.ctx.dialogs.warn(self, "Could not save", f"{exc.location}\n\n{lines}")
            return
        self.ctx.dialogs.saved(self, "Saved", f"The outcomes page is saved to {path}.", path)
