"""Returns: the council's financial return for a period, built, checked, previewed, printed,
saved and marked as sent.

The figures are ``services.returns.build_return``'s and the PDF
``services.returns.render_pdf``'s; the page shows the "Before you send this" list in words,
keeps the employer's notes (a progress line per outcome, the surplus explanation, who signs
and the support organisation adviser who helped) through
``ctx.run``, and shows the PDF as page images. A return marked as sent is kept exactly:
choosing its period again shows the stored copy, and Re-print gives the same bytes.

Signals: none (saving goes through ``ctx.run``: ``data_changed(Change.RETURNS)``).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from pa_employer.core.council.profile import NO_PAPER
from pa_employer.core.council.return_style import NO_PAPER_WORDS
from pa_employer.core.council.returns import (
    ReturnFigures,
    ReturnStatus,
    csv_bytes,
    to_dict,
    to_json,
)
from pa_employer.core.validation import InputError
from pa_employer.services import returns as svc
from pa_employer.services.errors import NotFound, StorageError
from pa_employer.services.settings.employer import file_name
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.storage.user_files import save_for_user
from pa_employer.ui.background import Progress
from pa_employer.ui.changes import Change
from pa_employer.ui.context import AppContext
from pa_employer.ui.dialogs import RETURNS
from pa_employer.ui.large_text import (
    FlowRow,
    WholePane,
    pair,
    screen_share,
    side_by_side_when_wide,
)
from pa_employer.ui.returns.preview import ReturnPreview, print_pdf
from pa_employer.ui.returns.sample_dialog import SampleDialog
from pa_employer.ui.widgets import (
    DateField,
    FieldError,
    heading,
    make_button,
    mark_saving,
    relax_labels,
)

WATCHED = frozenset(
    {
        Change.EVERYTHING,
        Change.RETURNS,
        Change.LEDGER,
        Change.STATEMENTS,
        Change.SHIFTS,
        Change.PAS,
        Change.EMPLOYER,
        Change.PLAN,
    }
)
#: Council periods offered: this far back from the next return due, and one ahead.
ANY_DATES = "any"
#: Where a period list item keeps its period's key.
PERIOD_ROLE = Qt.ItemDataRole.UserRole


def _words(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def period_key(start: date, end: date) -> str:
    """How a period is kept on a list item: '2026-07-01/2026-09-30'."""
    return f"{start.isoformat()}/{end.isoformat()}"


def _from_key(key: str) -> tuple[date, date]:
    first, last = key.split("/")
    return date.fromisoformat(first), date.fromisoformat(last)


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


#: How long the period list must rest before the chosen period's return is built.
REBUILD_AFTER_MS = 350


@dataclass(frozen=True)
class _Built:
    """A return built off the window's thread: what the page shows of it."""

    start: date
    end: date
    figures: ReturnFigures
    sent: svc.ReturnInfo | None
    pdf: bytes
    notes: svc.ReturnNotes


def _render(
    ef: EmployerFile, figures: ReturnFigures, sent: svc.ReturnInfo | None, large: bool
) -> bytes:
    """The PDF shown, printed and saved: the copy kept for a sent return, and in large
    print when ``large`` (a sent return's from its figures as sent)."""
    if sent is not None:
        if large:
            try:
                return svc.submitted_large_pdf(ef, sent.id)
            except NotFound:  # figures kept that cannot be read back: the copy sent
                pass
        return svc.submitted_pdf(ef, sent.id)
    if large:
        return svc.render_large_pdf(figures, made=ef.now())
    return svc.render_pdf(figures, made=ef.now())


class ReturnsPage(QWidget):
    """Build, check, preview, print, save and send the council's return."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("Returns")
        self.figures: ReturnFigures | None = None
        self.pdf = b""
        self.sent: svc.ReturnInfo | None = None
        self.start: date | None = None
        self.end: date | None = None

        self.period_box = QComboBox()
        self.period_box.setAccessibleName("Return period")
        self.period_box.setAccessibleDescription(
            "The council's return periods, the next one due first chosen. Choose "
            "'Any dates' to type the first and last day yourself."
        )
        self.period_box.currentIndexChanged.connect(self._period_changed)
        self._rebuild = QTimer(self)
        self._rebuild.setSingleShot(True)
        self._rebuild.setInterval(REBUILD_AFTER_MS)
        self._rebuild.timeout.connect(lambda: self.build(quiet=True))
        self.from_field = DateField()
        self.from_field.setAccessibleName("First day of the return")
        self.to_field = DateField()
        self.to_field.setAccessibleName("Last day of the return")
        for field in (self.from_field, self.to_field):
            field.textEdited.connect(lambda _text: self._clear_shown())
        self.build_button = make_button(
            "&Build return", "Work out the return for the chosen period and show it below."
        )
        self.build_button.clicked.connect(lambda: self.build())
        self.state = QLabel("Choose a period and press Build return.")
        self.state.setWordWrap(True)
        self.state.setAccessibleName("About this return")

        self.checks = QListWidget()
        self.checks.setWordWrap(True)
        self.checks.setSpacing(3)
        self.checks.setAccessibleName("Before you send this")
        self.checks.setAccessibleDescription(
            "Things worth looking at before the return goes to the council, each saying "
            "what to do. None of them stops you sending it."
        )

        self.notes_box = QGroupBox("Your notes on the return")
        self.notes_box.setAccessibleName("Your notes on the return")
        self.notes_form = QFormLayout(self.notes_box)
        self.notes_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.outcome_fields: dict[int, QLineEdit] = {}
        self.explanation = QLineEdit()
        self.explanation.setAccessibleName("Why there is a surplus or shortfall")
        self.explanation.setAccessibleDescription(
            "For example: hospital stay, recruitment gap, planned short break, awaiting an invoice."
        )
        self.unmet_reason = QLineEdit()
        self.unmet_reason.setAccessibleName("Why hours were not delivered")
        self.unmet_reason.setAccessibleDescription(
            "For example: a hospital stay, a PA vacancy, a short break. Printed with the hours."
        )
        self.person_view = QLineEdit()
        self.person_view.setAccessibleName("The supported person's view of how the plan is going")
        self.person_view.setAccessibleDescription(
            "In their own words; printed above the declaration. Left empty, the return has "
            "lines to write on."
        )
        self.signer = QLineEdit()
        self.signer.setAccessibleName("Signed by")
        self.iso_helper = QLineEdit()
        self.iso_helper.setAccessibleName("Support organisation adviser who helped")
        self.iso_helper.setAccessibleDescription(
            "The name of the support organisation adviser who helped, if any."
        )
        self.save_notes_button = make_button(
            "Save &notes", "Keep these notes with the return and show it again with them."
        )
        mark_saving(self.save_notes_button, ctx).clicked.connect(self.save_notes)

        self.print_button = make_button("Pr&int…", "Print the return on a printer.")
        self.print_button.clicked.connect(self.print_return)
        self.pdf_button = make_button("Save P&DF…", "Save the return as a PDF file.")
        self.pdf_button.clicked.connect(self.save_pdf)
        self.json_button = make_button(
            "Save &JSON…", "Save the return's figures as a JSON file (for other programs)."
        )
        self.json_button.clicked.connect(self.save_json)
        self.csv_button = make_button(
            "Save CS&V…", "Save the return's figures as a spreadsheet (CSV) file."
        )
        self.csv_button.clicked.connect(self.save_csv)
        # No Alt key: every letter it has is taken on this page, and Alt+E opens the Edit
        # menu; Tab reaches it.
        self.pack_button = make_button(
            "Evidence pack…",
            "Save one PDF: an index, the return, and the period's bank statement lines, "
            "timesheets, payroll summaries, receipts and insurance certificate.",
        )
        self.pack_button.clicked.connect(self.save_pack)
        self.sample_button = make_button(
            "Evidence for lines re&quested…",
            "An officer's sample: choose lines of the return and save one PDF of the return "
            "and just their evidence.",
        )
        self.sample_button.clicked.connect(self.choose_sample)
        self.sample_dialog: SampleDialog | None = None
        self.send_button = make_button(
            "Mark as &sent to the council…",
            "Keep an exact copy of this return as sent. It cannot change afterwards; later "
            "changes show as adjustments in the next return.",
        )
        mark_saving(self.send_button, ctx).clicked.connect(self.mark_sent)
        self.reprint_button = make_button(
            "&Re-print sent copy…",
            "Save the exact PDF that was sent to the council, and its web page copy beside it.",
        )
        self.reprint_button.clicked.connect(self.reprint)

        self.annual_button = make_button(
            "&Annual summary…",
            "Save one PDF of the council's year holding the chosen period: money, balance, "
            "spending by category, hours and outcomes for each return period and the year.",
        )
        self.annual_button.clicked.connect(self.save_annual)
        self.year_end_button = make_button(
            "Year-end pack f&or payroll…",
            "Save one PDF of a tax year (6 April to 5 April) for the payroll provider and "
            "you: each PA's hours and pay by pay period, holiday, sickness and training, "
            "and the training and contingency pots.",
        )
        self.year_end_button.clicked.connect(self.save_year_end)

        self.large_print = QCheckBox("Large print (&16 pt)")
        self.large_print.setAccessibleName("Large print")
        self.large_print.setAccessibleDescription(
            "Show, print and save the return's PDF in large print: 16 point text, wide "
            "tables on landscape pages. Re-print sent copy still saves the exact copy sent."
        )
        self.large_print.setToolTip(self.large_print.accessibleDescription())
        self.large_print.toggled.connect(self._large_print_toggled)

        self.past = QListWidget()
        self.past.setAccessibleName("Returns kept")
        self.past.setAccessibleDescription(
            "Returns sent and drafts with notes. Press Enter on one to show it."
        )
        self.past.itemActivated.connect(self._past_chosen)

        self.preview = ReturnPreview()
        self.zoom_in_button = make_button("&Zoom in", "Make the pages bigger.")
        self.zoom_in_button.clicked.connect(self.preview.zoom_in)
        self.zoom_out_button = make_button("Zoom o&ut", "Make the pages smaller.")
        self.zoom_out_button.clicked.connect(self.preview.zoom_out)

        self._layout()
        self._enable()
        ctx.data_changed.connect(self._on_data_changed)
        ctx.file_changed.connect(self.reload)
        self.reload()

    # -- layout --------------------------------------------------------------------

    def _layout(self) -> None:
        choose = FlowRow()
        choose.addLayout(pair(_label("Return &period:", self.period_box), self.period_box))
        choose.addLayout(pair(_label("Fro&m:", self.from_field), self.from_field))
        choose.addLayout(pair(_label("&To:", self.to_field), self.to_field))
        choose.addWidget(self.build_button)

        self.notes_form.addRow(
            _label("E&xplanation of surplus:", self.explanation), self.explanation
        )
        self.notes_form.addRow(
            _label("Why hours were not delivered:", self.unmet_reason), self.unmet_reason
        )
        self.notes_form.addRow(
            _label("Supported person's view of how the plan is going:", self.person_view),
            self.person_view,
        )
        self.notes_form.addRow(_label("Signed b&y:", self.signer), self.signer)
        helped = _label("Support organisation adviser who he&lped:", self.iso_helper)
        self.notes_form.addRow(helped, self.iso_helper)
        self.notes_form.addRow("", self.save_notes_button)
        relax_labels(self.notes_form)

        left = QWidget()
        column = QVBoxLayout(left)
        column.addWidget(self.state)
        self.checks_label = _label("Before you send this (&checks):", self.checks)
        column.addWidget(self.checks_label)
        column.addWidget(self.checks, 1)
        column.addWidget(self.notes_box)
        actions = QGridLayout()
        buttons = (
            self.print_button,
            self.pdf_button,
            self.pack_button,
            self.sample_button,
            self.json_button,
            self.csv_button,
            self.reprint_button,
            self.annual_button,
            self.year_end_button,
        )
        for index, button in enumerate(buttons):
            actions.addWidget(button, index // 2, index % 2)
        actions.addWidget(self.send_button, 5, 0, 1, 2)
        column.addLayout(actions)
        column.addWidget(_label("Returns &kept:", self.past))
        column.addWidget(self.past)

        right = QWidget()
        preview_column = QVBoxLayout(right)
        zoom = QHBoxLayout()
        zoom.addWidget(_label("Previe&w:", self.preview))
        zoom.addStretch(1)
        zoom.addWidget(self.large_print)
        zoom.addWidget(self.zoom_out_button)
        zoom.addWidget(self.zoom_in_button)
        preview_column.addLayout(zoom)
        preview_column.addWidget(self.preview, 1)

        split = QSplitter()
        # beside the preview the details scroll on their own; one above the other (large
        # text, a small screen) they show in full and the page scrolls as a whole
        self.details = WholePane(left, "Return details", whole=False)
        split.addWidget(self.details)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        side_by_side_when_wide(split, turned=self._turned)

        page = QVBoxLayout(self)
        page.addWidget(heading("Council returns"))
        page.addLayout(choose)
        page.addWidget(split, 1)

    def _turned(self, side_by_side: bool) -> None:
        """One above the other, the details show in full and the preview keeps most of
        the screen's height (it was squashed to a few lines at large text)."""
        self.details.set_whole(not side_by_side)
        self.preview.setMinimumHeight(0 if side_by_side else screen_share(self, 0.6))

    # -- periods -------------------------------------------------------------------

    def _on_data_changed(self, what: Change) -> None:
        if what in WATCHED:
            self.reload_past()

    def reload(self) -> None:
        """Fill the period list from the council's frequency, the next return chosen."""
        self.period_box.blockSignals(True)
        self.period_box.clear()
        self.past.clear()
        if self.ctx.file is None:
            self.period_box.blockSignals(False)
            return
        ef = self.ctx.ef
        chosen = 0
        try:
            nxt = svc.next_return_period(ef)
            first = min(svc.first_day(ef) or nxt.start, nxt.start)
            periods = svc.council_periods(ef, first, nxt.end)
            after = nxt.end + timedelta(days=1)
            periods += svc.council_periods(ef, after, after)
            # "next due" only when the council's frequency is known, never when the council
            # asks for no paper return (it checks the card account)
            next_words = " (next due)" if nxt.frequency else " (next, if quarterly)"
            if not svc.paper_return(ef):
                next_words = ""  # nothing is ever due: the record shown first has no label
            for start, end in reversed(periods):
                is_next = (start, end) == (nxt.start, nxt.end)
                due = next_words if is_next else ""
                self.period_box.addItem(
                    f"{_words(start)} to {_words(end)}{due}", period_key(start, end)
                )
                if is_next:
                    chosen = self.period_box.count() - 1
        except InputError as exc:
            self.state.setText(
                "The council's return periods are not known: "
                + "; ".join(p.message for p in exc.problems)
                + ". Type the first and last day, or choose the council in Settings."
            )
        self.period_box.addItem("Any dates (type them)", ANY_DATES)
        self.period_box.view().setAccessibleName("Return period: choices")
        self.period_box.setCurrentIndex(chosen)
        self.period_box.blockSignals(False)
        self._period_chosen()
        self.reload_past()
        if self.period_box.currentData() != ANY_DATES:
            self.build(quiet=True)  # the next return due, shown straight away

    def reload_past(self) -> None:
        self.past.clear()
        if self.ctx.file is None:
            return
        for info in svc.list_returns(self.ctx.ef):
            if info.status == ReturnStatus.SUBMITTED and info.submitted_on:
                words = f"{info.label}: sent {_words(info.submitted_on)}"
            else:
                words = f"{info.label}: draft"
            item = QListWidgetItem(words)
            item.setData(PERIOD_ROLE, period_key(info.start, info.end))
            self.past.addItem(item)

    def _period_changed(self) -> None:
        """Another period chosen: the last period's return leaves the page at once, and a
        council period is built when the choice rests (arrowing through the list does not
        build each period passed); dates still to be typed wait for Build return."""
        self._period_chosen()
        self._clear_shown()
        if self.period_box.currentData() in (ANY_DATES, None):
            self._rebuild.stop()
        else:
            self._rebuild.start()

    def _clear_shown(self) -> None:
        """Take the return on show off the page (and disable what acts on it) until the
        chosen period's return is built."""
        if self.figures is None and not self.pdf:
            return
        self.figures, self.pdf, self.sent = None, b"", None
        self.start = self.end = None
        self.checks.clear()
        while self.notes_form.rowCount() > 6:
            self.notes_form.removeRow(0)
        self.outcome_fields = {}
        for field in (self.explanation, self.signer, self.iso_helper):
            field.clear()  # the notes were the last period's
        self.preview.clear()
        self.state.setText("Press Build return to see the return for these dates.")
        self._enable()

    def _period_chosen(self) -> None:
        data = self.period_box.currentData()
        custom = data == ANY_DATES or data is None
        for field in (self.from_field, self.to_field):
            field.setEnabled(custom)
        if not custom:
            start, end = _from_key(data)
            self.from_field.set_value(start)
            self.to_field.set_value(end)

    def _past_chosen(self, item: QListWidgetItem) -> None:
        key = item.data(PERIOD_ROLE)
        start, end = _from_key(key)
        index = self.period_box.findData(key)
        self.period_box.blockSignals(True)
        if index < 0:
            self.period_box.setCurrentIndex(self.period_box.count() - 1)
            self._period_chosen()
            self.from_field.set_value(start)
            self.to_field.set_value(end)
        else:
            self.period_box.setCurrentIndex(index)
            self._period_chosen()
        self.period_box.blockSignals(False)
        self.build()

    def chosen_period(self) -> tuple[date, date] | None:
        try:
            start, end = self.from_field.value(), self.to_field.value()
        except FieldError as exc:
            self.ctx.dialogs.warn(self, "Please check", str(exc))
            return None
        if start is None or end is None:
            self.ctx.dialogs.warn(
                self, "Please check", "Type the first and last day of the return (dd/mm/yyyy)."
            )
            return None
        return start, end

    # -- building ------------------------------------------------------------------

    def build(self, quiet: bool = False) -> None:
        """Build the chosen period's return off the window's thread (``quiet``: problems
        go in the page's words, not a message box)."""
        self._rebuild.stop()
        period = self.chosen_period()
        if period is None or self.ctx.file is None:
            return
        start, end = period
        large = self.large_print.isChecked()

        def work(ef: EmployerFile, _progress: Progress) -> _Built | InputError:
            try:
                figures = svc.build_return(ef, start, end)
            except InputError as exc:
                return exc
            sent = next(
                (
                    r
                    for r in svc.list_returns(ef)
                    if r.start == start and r.end == end and r.status == ReturnStatus.SUBMITTED
                ),
                None,
            )
            pdf = _render(ef, figures, sent, large)
            return _Built(start, end, figures, sent, pdf, svc.get_notes(ef, start, end))

        def done(built: _Built | InputError) -> None:
            if isinstance(built, InputError):
                self._clear_shown()  # never leave another period's return on show
                lines = "\n".join(f"• {p.message}" for p in built.problems)
                if quiet:
                    self.state.setText(f"The return cannot be built yet:\n{lines}")
                else:
                    self.ctx.dialogs.warn(self, "Cannot build this return", lines)
                return
            self.start, self.end = built.start, built.end
            self.figures, self.sent, self.pdf = built.figures, built.sent, built.pdf
            self._show_state()
            self._show_checks()
            self._show_notes(built.notes)
            self.preview.show_pdf(self.pdf)
            self._enable()

        self.ctx.run_in_background(self, "Building the return…", work, done)

    def _no_paper(self) -> bool:
        """The council checks the card account and asks for no paper return."""
        return self.figures is not None and self.figures.style == NO_PAPER

    def _render(self) -> bytes:
        """The PDF shown, printed and saved (see :func:`_render`)."""
        assert self.figures is not None
        return _render(self.ctx.ef, self.figures, self.sent, self.large_print.isChecked())

    def _large_print_toggled(self) -> None:
        if self.figures is None or self.ctx.file is None:
            return
        try:
            self.pdf = self._render()
        except (StorageError, NotFound) as exc:
            self.ctx.dialogs.error(self, "Could not show it in large print", str(exc))
            return
        self.preview.show_pdf(self.pdf)

    def _show_state(self) -> None:
        assert self.figures is not None and self.start and self.end
        words = f"{_words(self.start)} to {_words(self.end)}"
        self.checks_label.setText(
            "Worth looking at (&checks):" if self._no_paper() else "Before you send this (&checks):"
        )
        self.checks.setAccessibleName(
            "Worth looking at" if self._no_paper() else "Before you send this"
        )
        if self._no_paper():
            count = len(self.figures.checks)
            things = "nothing" if not count else f"{count} thing{'s' * (count != 1)}"
            self.state.setText(
                f"Record for {words}. {NO_PAPER_WORDS} Print or save it to keep it. "
                f"{things.capitalize()} worth looking at in your records."
            )
            return
        if self.sent is not None and self.sent.submitted_on:
            self.state.setText(
                f"The return for {words} was sent to the council on "
                f"{_words(self.sent.submitted_on)}. This is the copy kept then; it does not "
                f"change. Its fingerprint (SHA-256) is {self.sent.sha256}."
            )
        else:
            count = len(self.figures.checks)
            things = (
                "nothing to look at"
                if not count
                else f"{count} thing{'s' * (count != 1)} to look at"
            )
            running = (
                f" The period runs until {_words(self.end)}: you can send it after that."
                if self.end >= self.ctx.ef.today()
                else ""
            )
            self.state.setText(
                f"Draft return for {words}: {things} before you send it. Write your notes, "
                f"print or save it, then mark it as sent.{running}"
            )

    def _show_checks(self) -> None:
        self.checks.clear()
        if self.sent is not None:
            self.checks.addItem("This return has been sent.")
            return
        assert self.figures is not None
        if not self.figures.checks:
            self.checks.addItem(
                "Nothing to look at."
                if self._no_paper()
                else "Nothing to look at. Read it through, sign it and send it."
            )
        for check in self.figures.checks:
            self.checks.addItem(f"\u2022 {check.code.label}: {check.text}")

    def _show_notes(self, notes: svc.ReturnNotes) -> None:
        assert self.figures is not None
        while self.notes_form.rowCount() > 6:
            self.notes_form.removeRow(0)
        self.outcome_fields = {}
        # progress notes only where the return has the outcomes section
        shown = self.figures.outcomes.items if "outcomes" in self.figures.sections else ()
        for row, item in enumerate(shown):
            field = QLineEdit(notes.progress.get(item.outcome_id, item.progress_note))
            field.setAccessibleName(f"Progress towards: {item.outcome}")
            field.setAccessibleDescription("One line on how things went in this period.")
            label = QLabel(f"Progress towards \u201c{item.outcome}\u201d:")
            label.setWordWrap(True)
            label.setBuddy(field)
            self.notes_form.insertRow(row, label, field)
            self.outcome_fields[item.outcome_id] = field
        chain = [
            self.checks,
            *self.outcome_fields.values(),
            self.explanation,
            self.unmet_reason,
            self.person_view,
            self.signer,
            self.iso_helper,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.explanation.setText(notes.explanation or self.figures.reconciliation.explanation)
        self.unmet_reason.setText(notes.unmet_reason)
        self.person_view.setText(notes.person_view or self.figures.person_view)
        self.signer.setText(notes.signer or self.figures.signer)
        self.iso_helper.setText(notes.iso_helper or self.figures.iso_helper)
        for field in (
            *self.outcome_fields.values(),
            self.explanation,
            self.unmet_reason,
            self.person_view,
            self.signer,
            self.iso_helper,
        ):
            field.setCursorPosition(0)  # show the start of a long note

    def _enable(self) -> None:
        built = self.figures is not None
        draft = built and self.sent is None
        for button in (
            self.print_button,
            self.pdf_button,
            self.json_button,
            self.pack_button,
            self.sample_button,
        ):
            button.setEnabled(built)
        self.csv_button.setEnabled(draft)
        self.csv_button.setToolTip(
            "Save the return's figures as a spreadsheet (CSV) file."
            if not built or draft
            else "A sent return is kept as its PDF and JSON; save those instead."
        )
        self.reprint_button.setEnabled(built and self.sent is not None)
        self.annual_button.setEnabled(built)
        ended = (
            self.end is not None and self.ctx.file is not None and self.end < self.ctx.ef.today()
        )
        send_words = (
            "Keep an exact copy of this return as sent. It cannot change afterwards; later "
            "changes show as adjustments in the next return."
        )
        if draft and not ended and self.end is not None:
            send_words = (
                f"The period runs until {_words(self.end)}: mark the return as sent after it ends."
            )
        if self._no_paper():
            send_words = (
                "Your council checks the card account and asks for no paper return: there "
                "is nothing to send. Save or print the record for your own files."
            )
        if not self.ctx.read_only:
            self.send_button.setToolTip(send_words)
            self.send_button.setAccessibleDescription(send_words)
            self.send_button.setEnabled(draft and ended and not self._no_paper())
            self.save_notes_button.setEnabled(draft)
        for field in (
            self.explanation,
            self.unmet_reason,
            self.person_view,
            self.signer,
            self.iso_helper,
            *self.outcome_fields.values(),
        ):
            field.setReadOnly(not draft)

    # -- saving --------------------------------------------------------------------

    def save_notes(self) -> bool:
        if self.start is None or self.end is None:
            return False
        start, end = self.start, self.end
        progress = {oid: field.text() for oid, field in self.outcome_fields.items()}
        explanation, signer, helper = (
            self.explanation.text(),
            self.signer.text(),
            self.iso_helper.text(),
        )
        unmet, view = self.unmet_reason.text(), self.person_view.text()
        ok, _ = self.ctx.run(
            self,
            Change.RETURNS,
            lambda ef: svc.save_notes(
                ef,
                start,
                end,
                progress,
                explanation,
                signer,
                helper,
                unmet_reason=unmet,
                person_view=view,
            ),
        )
        if ok:
            self.build()
        return ok

    def _save(self, title: str, suggested: str, filter: str, content: bytes) -> None:
        dest = self.ctx.dialogs.save_file(self, title, suggested, filter, RETURNS)
        if dest is None:
            return
        try:
            save_for_user(dest, content)
        except StorageError as exc:
            self.ctx.dialogs.error(self, "Could not save", str(exc))
            return
        self.ctx.dialogs.saved(self, "Saved", f"Saved {dest}.", dest)

    def _stem(self) -> str:
        assert self.start and self.end
        return file_name(
            self.ctx.ef, "return", self.start, self.end
        )  # Morag Stewart - return 2026 Q2

    def save_pdf(self) -> None:
        """Save the PDF shown and, beside it, its accessible copy (the same name, .html)."""
        if self.pdf and self.figures is not None:
            large = " large print" if self.large_print.isChecked() else ""
            self._save_return("Save the return as PDF", f"{self._stem()}{large}.pdf", self.pdf)

    def reprint(self) -> None:
        if self.sent is not None:
            pdf = svc.submitted_pdf(self.ctx.ef, self.sent.id)
            self._save_return("Re-print the return sent", f"{self._stem()} as sent.pdf", pdf)

    def _save_return(self, title: str, suggested: str, pdf: bytes) -> None:
        """Save a PDF of the return and its accessible copy beside it."""
        assert self.figures is not None
        dest = self.ctx.dialogs.save_file(self, title, suggested, "PDF files (*.pdf)", RETURNS)
        if dest is None:
            return
        beside = svc.html_beside(dest)
        try:
            html = (
                svc.submitted_html(self.ctx.ef, self.sent.id)
                if self.sent
                else svc.render_html(self.figures)
            )
        except NotFound as exc:
            html, note = None, f"\n\nNo web page copy: {exc}"
        else:
            note = (
                f"\n\nBeside it, {beside.name}: the same return as one web page, which a "
                "screen reader reads in order."
            )
        try:
            save_for_user(dest, pdf)
            if html is not None:
                save_for_user(beside, html.encode("utf-8"))
        except StorageError as exc:
            self.ctx.dialogs.error(self, "Could not save", str(exc))
            return
        self.ctx.dialogs.saved(self, "Saved", f"Saved {dest}.{note}", dest)

    def save_json(self) -> None:
        if self.figures is None:
            return
        text = svc.submitted_json(self.ctx.ef, self.sent.id) if self.sent else to_json(self.figures)
        self._save(
            "Save the figures as JSON",
            f"{self._stem()} figures.json",
            "JSON files (*.json)",
            text.encode(),
        )

    def save_csv(self) -> None:
        if self.figures is None:
            return
        self._save(
            "Save the figures as CSV",
            f"{self._stem()} figures.csv",
            "CSV files (*.csv)",
            csv_bytes(self.figures),
        )

    def save_pack(self) -> None:
        if not self.pdf or self.start is None or self.end is None:
            return
        start, end, pdf, stem = self.start, self.end, self.pdf, self._stem()
        self.ctx.run_in_background(
            self,
            "Making the evidence pack…",
            lambda ef, _progress: svc.evidence_pack(ef, start, end, pdf),
            lambda pack: self._save(
                "Save the evidence pack", f"{stem} evidence pack.pdf", "PDF files (*.pdf)", pack
            ),
        )

    def choose_sample(self) -> None:
        """Open the dialog to choose lines (not blocking); saving follows its Save."""
        if self.figures is None or self.start is None or self.end is None:
            return
        if self.sample_dialog is not None and self.sample_dialog.isVisible():
            self.sample_dialog.raise_()
            return
        figures = (
            svc.submitted_figures(self.ctx.ef, self.sent.id) if self.sent else to_dict(self.figures)
        )
        period = f"{_words(self.start)} to {_words(self.end)}"
        self.sample_dialog = SampleDialog(svc.describe_lines(figures), period, self)
        self.sample_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.sample_dialog.finished.connect(self._sample_chosen)
        self.sample_dialog.open()

    def _sample_chosen(self, result: int) -> None:
        dialog, self.sample_dialog = self.sample_dialog, None
        if dialog is None or result != QDialog.DialogCode.Accepted:
            return
        self.save_sample(dialog.chosen())

    def save_sample(self, lines: list[str]) -> None:
        """Save a pack of the evidence for ``lines`` (names as the return prints them)."""
        if not self.pdf or self.start is None or self.end is None:
            return
        try:
            pack = svc.build_pack(self.ctx.ef, self.start, self.end, self.pdf, lines)
        except InputError as exc:
            words = "\n".join(f"• {p.message}" for p in exc.problems)
            self.ctx.dialogs.warn(self, "Cannot make the pack", words)
            return
        names = "-".join(pack.lines)
        self._save(
            "Save the evidence for chosen lines",
            file_name(self.ctx.ef, f"evidence {names}", self.start, self.end, "pdf"),
            "PDF files (*.pdf)",
            pack.pdf,
        )

    def save_annual(self) -> None:
        if self.start is None:
            return
        try:
            first, _last, pdf = svc.annual_summary(self.ctx.ef, self.start)
        except InputError as exc:
            lines = "\n".join(f"• {p.message}" for p in exc.problems)
            self.ctx.dialogs.warn(self, "Cannot make the annual summary", lines)
            return
        self._save(
            "Save the annual summary",
            file_name(
                self.ctx.ef,
                f"annual summary {first.year}-{(first.year + 1) % 100:02d}",
                ending="pdf",
            ),
            "PDF files (*.pdf)",
            pdf,
        )

    def save_year_end(self) -> None:
        """Ask which tax year (the last complete one first), then save its pack."""
        if self.ctx.file is None:
            return
        from pa_employer.core.account.year_end import default_tax_year
        from pa_employer.services.returns import year_end as year_end_svc

        latest = default_tax_year(self.ctx.ef.today())
        years = [latest + 1, latest, latest - 1, latest - 2]
        years.sort(key=lambda y: y != latest)
        options = [f"{y}-{(y + 1) % 100:02d}" for y in years]
        picked = self.ctx.dialogs.choose(
            self,
            "Year-end pack",
            "Which tax year? A tax year runs from 6 April to 5 April; "
            f"{options[0]} is the last one that has ended.",
            options,
        )
        if picked is None:
            return
        try:
            data = year_end_svc.year_end(self.ctx.ef, years[picked])
        except InputError as exc:
            lines = "\n".join(f"• {p.message}" for p in exc.problems)
            self.ctx.dialogs.warn(self, "Cannot make the year-end pack", lines)
            return
        self._save(
            "Save the year-end pack",
            file_name(self.ctx.ef, f"year-end pack {data.label}", ending="pdf"),
            "PDF files (*.pdf)",
            year_end_svc.year_end_pdf(data, made=self.ctx.ef.now()),
        )

    def mark_sent(self) -> None:
        if self.figures is None or self.start is None or self.end is None or self.sent:
            return
        start, end = self.start, self.end
        question = (
            f"Mark the return for {_words(start)} to {_words(end)} as sent to the council?\n\n"
            "An exact copy is kept and cannot change. Save your notes first: the copy "
            "holds the notes as they are saved now."
        )
        if not self.ctx.dialogs.confirm(self, "Mark as sent", question):
            return
        ok, _ = self.ctx.run(self, Change.RETURNS, lambda ef: svc.submit_return(ef, start, end))
        if ok:
            self.build()

    # -- printing ------------------------------------------------------------------

    def print_return(self) -> None:
        if not self.pdf:
            return
        from pa_employer.ui.printing import print_with_dialog

        try:
            print_with_dialog(self, self.pdf, "Print the return")
        except OSError as exc:
            self.ctx.dialogs.error(self, "Could not print", str(exc))

    def print_to(self, printer: object) -> int:
        """Print the shown return on ``printer`` (a QPrinter); the pages printed."""
        from PySide6.QtPrintSupport import QPrinter

        assert isinstance(printer, QPrinter)
        try:
            return print_pdf(printer, self.pdf)
        except OSError as exc:
            self.ctx.dialogs.error(self, "Could not print", str(exc))
            return 0
