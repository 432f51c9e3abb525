"""The complete employer of docs/examples/complete-employer/build.sh, entered through the
window instead: the set-up, the Settings tabs, the PA dialog, rota patterns, the pots'
dialogs, shifts, ledger lines, a split receipt and the return's notes. Its ``dump`` must
equal the ``dump`` of the file the command-line script builds (issue 15): what one can
record, the other can too, with the same result.

The two files differ only where they must: internal ids (also inside an export's kept
inputs), the audit log and undo history (who did what and when), the file's own identity,
and where a ledger line was read from (the script imports a CSV file; the window has no
file to name).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QLineEdit, QPlainTextEdit, QWidget

from pa_employer.core.council.profile import CATEGORY_FLAGS
from pa_employer.services.money import ledger
from pa_employer.services.people import pas as people
from pa_employer.services.storage.dump import employer_document
from pa_employer.ui.app import login_name
from pa_employer.ui.context import AppContext
from pa_employer.ui.money.ledger_dialog import LedgerDialog
from pa_employer.ui.money.pots_dialogs import (
    BudgetDialog,
    CertificateDialog,
    CourseDialog,
    DrawdownDialog,
)
from pa_employer.ui.money.split_dialog import SplitDialog
from pa_employer.ui.money.statements import StatementsTab
from pa_employer.ui.money.surplus import SURPLUS_REASONS, explain_surplus
from pa_employer.ui.people.leaving_dialog import LeavingDialog
from pa_employer.ui.people.pa_dialog import PADialog
from pa_employer.ui.people.pa_rates import RATE_CHOICES
from pa_employer.ui.returns.page import ANY_DATES, ReturnsPage
from pa_employer.ui.rota.patterns_dialog import PatternDialog
from pa_employer.ui.rota.shift_dialog import ShiftDialog
from pa_employer.ui.settings.council import CouncilTab
from pa_employer.ui.settings.employer import EmployerTab
from pa_employer.ui.settings.flags import KNOWN_STATUSES
from pa_employer.ui.settings.funders import FREQUENCIES, KINDS
from pa_employer.ui.settings.holidays import HolidaysTab
from pa_employer.ui.settings.insurance_cover import KINDS as COVER_KINDS
from pa_employer.ui.settings.plan import PlanTab
from pa_employer.ui.settings.rates import RatesTab
from pa_employer.ui.setup.wizard import SetupWizard
from pa_employer.ui.timesheets.page import TimesheetsPage
from pa_employer.ui.widgets import CODE_ROLE, DateField
from tests.cli.test_complete_employer_script import run_script
from tests.ui.keyboard import focused, press
from tests.ui.setup.test_setup_wizard import fill, finish, next_step, tab_to

pytestmark = pytest.mark.gui

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "complete-employer"

#: Fields that say how a record was made, not what it records.
PROVENANCE = {"id", "source_file", "source_line"}


def comparable(document: dict[str, Any]) -> dict[str, Any]:
    """The records of a dump without ids, the audit log, the file's identity and where
    lines were imported from; split groups named by their order (a label, not a record)."""
    records = {
        table: rows
        for table, rows in document["records"].items()
        if table not in ("audit", "audit_action", "audit_row", "file_identity")
    }
    groups: dict[str, str] = {}
    for line in records.get("ledger_line", []):
        if line.get("split_group"):
            line["split_group"] = groups.setdefault(line["split_group"], f"group {len(groups)}")

    def strip(value: Any) -> Any:
        if isinstance(value, dict):  # a snapshot's inputs, kept as JSON text, name ids too
            return {
                k: strip(json.loads(v) if k.endswith("_json") and v else v)
                for k, v in value.items()
                if k not in PROVENANCE
            }
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(records)


# -- typing into the window's own fields --------------------------------------------------


def put(widget: QWidget, value: object) -> None:
    """Give a field a value the way typing or choosing would."""
    if isinstance(widget, DateField):
        widget.set_value(value)  # type: ignore[arg-type]
    elif isinstance(widget, QComboBox):
        index = widget.findData(value)
        if index < 0:
            index = widget.findText(str(value), Qt.MatchFlag.MatchContains)
        assert index >= 0, f"{widget.accessibleName()} offers no {value!r}"
        widget.setCurrentIndex(index)
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(str(value))
    elif isinstance(widget, QLineEdit):
        widget.setText(str(value))
    else:
        raise TypeError(type(widget))


def save_dialog(dialog: QDialog, ctx: AppContext) -> None:
    """Press OK (accept): the dialog saves, or the test fails naming what was refused."""
    dialog.accept()
    refused = [m for m in ctx.dialogs.messages if m[0] in ("warn", "error")]  # type: ignore[attr-defined]
    assert not refused, refused
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.windowTitle()


def pa_id(ctx: AppContext, payroll_number: str) -> int:
    return next(p.id for p in people.list_pas(ctx.ef) if p.payroll_number == payroll_number)


def table_row(
    table: Any, cells: list[str | None], choices: dict[int, dict[str, str]] | None = None
) -> None:
    """Type a new row's cells into an in-place table (the row is already added), as its
    cell editors do: a choice column keeps the code chosen and shows its label."""
    row = table.rowCount() - 1
    for column, text in enumerate(cells):
        if text is None:
            continue
        item = table.item(row, column)
        if choices and column in choices:
            item.setData(CODE_ROLE, text)
            item.setText(choices[column][text])
        else:
            item.setText(text)


# -- the employer, as the window takes it -------------------------------------------------


def set_up(qtbot, ctx: AppContext, target: Path) -> None:  # type: ignore[no-untyped-def]
    wizard = SetupWizard(ctx)
    qtbot.addWidget(wizard)
    with qtbot.waitActive(wizard):
        wizard.show()
        wizard.activateWindow()
    ctx.dialogs.paths.append(target)  # type: ignore[attr-defined]
    fill(
        qtbot,
        [
            ("Supported person's name", "Jean Robertson"),
            ("How the employer role is held", "Cont"),
            ("Person acting for them", "Alison Robertson"),
        ],
    )
    press(qtbot, Qt.Key.Key_Return)
    fill(qtbot, [("Council", "Aberdeen"), ("Council client reference", "ACC-SW-204871")])
    next_step(qtbot, wizard)
    fill(
        qtbot,
        [
            ("Employer PAYE reference", "120/PA40221"),
            ("Accounts Office reference", "120PB00224411"),
            ("Insurer", "Fish Insurance"),
            ("Insurance policy number", "PAE-551203"),
            ("Insurance expiry date", "27/12/2027"),
            ("Pension provider", "NEST"),
            ("Payroll provider", "North East Payroll Bureau"),
            ("First pay day", "04/12/2026"),
        ],
    )
    next_step(qtbot, wizard)
    fill(
        qtbot,
        [
            ("Support plan reference", "ACC-SDS-2025-0193"),
            ("Date of the plan", "07/10/2025"),
            ("Review date", "07/01/2027"),
            ("Agreed hours a week", "42"),
        ],
    )
    tab_to(qtbot, "New outcome")
    for wording in (
        "I want to get back to the bowling club on Thursday afternoons",
        "I want to keep living in my own flat in Rosemount",
        "I want to see my friends at the lunch club every week",
    ):
        qtbot.keyClicks(focused(), wording)
        press(qtbot, Qt.Key.Key_Return)
    next_step(qtbot, wizard)  # the bank account: its balance is the ledger's opening line
    fill(qtbot, [("Direct payment amount", "2394.00"), ("Paid from", "01/04/2026")])
    next_step(qtbot, wizard)
    tab_to(qtbot, "Choose where to save")
    press(qtbot, Qt.Key.Key_Space)
    next_step(qtbot, wizard)
    finish(qtbot, ctx.dialogs)
    assert ctx.file is not None and ctx.file.path == target


def settings(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    tab = EmployerTab(ctx)
    qtbot.addWidget(tab)
    tab.refresh()
    for field, value in (
        (tab.reference, "OPG CPA 2024/118342"),
        (tab.legal_employer, "supported_person"),
        (tab.pension_id, "EMP0442917"),
        (tab.allowance, "yes"),
        (tab.account_name, "J Robertson Direct Payment Account"),
        (tab.account_last4, "7731"),
        (tab.acting_fields.scope, "Financial powers, registered 2024"),
        (tab.acting_fields.finances, "yes"),
        (tab.acting_fields.employment, "yes"),
        (tab.acting_fields.born, date(1948, 5, 14)),
        (tab.helpline, "0800 051 0000"),
    ):
        put(field, value)
    tab.cover.add_line()
    table_row(tab.cover.table, ["employers_liability", "10,000,000.00"], {0: COVER_KINDS})
    tab.cover.add_line()
    table_row(
        tab.cover.table,
        ["redundancy", "15000", "250", "Statutory redundancy when the package ends"],
        {0: COVER_KINDS},
    )
    assert tab.save()

    council = CouncilTab(ctx)
    qtbot.addWidget(council)
    council.refresh()
    for field, value in (("return_frequency", "quarterly"), ("return_style", "full")):
        put(council.values[field], value)
        put(council.statuses[field], "confirmed")
    assert council.save()

    plan = PlanTab(ctx)
    qtbot.addWidget(plan)
    plan.refresh()
    plan.funders.add_funder()
    table_row(
        plan.funders.table,
        ["client_contribution", "Jean's contribution", "40.00", "4-weekly", "01/04/2026", ""],
        {0: KINDS, 3: FREQUENCIES},
    )
    assert plan.save()

    holidays = HolidaysTab(ctx)
    qtbot.addWidget(holidays)
    holidays.refresh()
    put(holidays.day, date(2027, 1, 4))
    put(holidays.name, "Extra New Year holiday")
    holidays.add_holiday()


def add_pas(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    def pa_dialog(fields: Callable[[PADialog], None], rates: list[list[str]]) -> None:
        dialog = PADialog(ctx)
        qtbot.addWidget(dialog)
        fields(dialog)
        dialog.rates.load(())
        for cells in rates:
            dialog.rates.add_rate()
            table_row(dialog.rates.table, cells, {0: RATE_CHOICES})
        save_dialog(dialog, ctx)

    def morag(d: PADialog) -> None:
        for field, value in (
            (d.first_name, "Morag"),
            (d.last_name, "Stewart"),
            (d.payroll, "JR01"),
            (d.ni_number, "JT482913B"),
            (d.dob, date(1979, 8, 14)),
            (d.start, date(2025, 9, 23)),
            (d.hours_type, "regular"),
            (d.weekly, "24"),
            (d.family, True),
            (d.status, "employed"),
            (d.contract_on, date(2025, 9, 20)),
            (d.rtw_on, date(2025, 9, 18)),
            (d.rtw_doc, "UK passport"),
            (d.pvg_number, "1601 2345 6789 0123"),
            (d.pvg_joined, date(2025, 9, 7)),
            (d.family_on, date(2025, 9, 1)),
            (d.family_ref, "ACC/FAM/0192"),
            (d.family_conditions, "Not to live in the same household"),
        ):
            put(field, value)

    def callum(d: PADialog) -> None:
        for field, value in (
            (d.first_name, "Callum"),
            (d.last_name, "Fraser"),
            (d.payroll, "JR02"),
            (d.ni_number, "NE771204A"),
            (d.dob, date(2004, 3, 2)),
            (d.start, date(2025, 10, 14)),
            (d.hours_type, "irregular"),
            (d.status, "employed"),
            (d.contract_on, date(2025, 10, 10)),
            (d.rtw_on, date(2025, 10, 8)),
            (d.pvg_number, "1602 9981 2207 4415"),
            (d.pvg_joined, date(2025, 10, 1)),
            (d.postponed, date(2026, 1, 14)),
        ):
            put(field, value)

    pa_dialog(
        morag,
        [
            ["day", "13.45", "23/09/2025", "31/03/2027"],
            ["sunday", "14.45", "23/09/2025", ""],
            ["bank_holiday", "200%", "23/09/2025", ""],
            ["day", "13.90", "01/04/2027", ""],
            ["sleepover", "13.45", "01/04/2026", ""],
        ],
    )
    pa_dialog(
        callum,
        [
            ["day", "13.45", "14/10/2025", ""],
            ["sunday", "14.45", "14/10/2025", ""],
            ["bank_holiday", "200%", "14/10/2025", ""],
        ],
    )


def rota_and_pots(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    def pattern(who: str, days: list[int], start: str, end: str, every: int, on: date) -> None:
        dialog = PatternDialog(ctx, None)
        qtbot.addWidget(dialog)
        put(dialog.pa, str(pa_id(ctx, who)))
        for day in days:
            dialog.days[day].setChecked(True)
        for field, value in (
            (dialog.start, start),
            (dialog.end, end),
            (dialog.start_day, on),
        ):
            put(field, value)
        dialog.every.setValue(every)
        save_dialog(dialog, ctx)

    pattern("JR01", [0, 2, 4], "09:00", "13:00", 1, date(2026, 11, 9))
    pattern("JR02", [3], "13:00", "17:00", 2, date(2026, 11, 12))

    for kind, amount in (("contingency", "1000"), ("training", "300")):
        budget = BudgetDialog(ctx)
        qtbot.addWidget(budget)
        put(budget.kind, kind)
        put(budget.amount, amount)
        put(budget.start, date(2026, 4, 1))
        put(budget.end, date(2027, 3, 31))
        save_dialog(budget, ctx)

    course = CourseDialog(ctx, None)
    qtbot.addWidget(course)
    for field, value in (
        (course.pa, str(pa_id(ctx, "JR02"))),
        (course.name, "Moving and handling"),
        (course.day, date(2026, 11, 18)),
        (course.fee, "95.00"),
        (course.training, "7"),
        (course.training_rate, "13.45"),
        (course.on_costs, "0.00"),
    ):
        put(field, value)
    save_dialog(course, ctx)

    certificate = CertificateDialog(ctx, None)
    qtbot.addWidget(certificate)
    for field, value in (
        (certificate.pa, str(pa_id(ctx, "JR02"))),
        (certificate.name, "Moving and handling"),
        (certificate.achieved, date(2026, 11, 18)),
        (certificate.expires, date(2029, 11, 18)),
    ):
        put(field, value)
    save_dialog(certificate, ctx)

    drawdown = DrawdownDialog(ctx)
    qtbot.addWidget(drawdown)
    for field, value in (
        (drawdown.day, date(2026, 11, 16)),
        (drawdown.reason, "sickness_cover"),
        (drawdown.pa, str(pa_id(ctx, "JR02"))),
        (drawdown.provider, "Granite City Care"),
        (drawdown.hours, "4"),
        (drawdown.rate, "28.00"),
        (drawdown.normal, "53.80"),
    ):
        put(field, value)
    save_dialog(drawdown, ctx)


def shifts(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    for who, day, start, end, kind, hours, notes in (
        ("JR01", date(2026, 11, 9), "09:00", "13:00", "work", "", ""),
        ("JR01", date(2026, 11, 11), "09:00", "13:00", "work", "", "Lunch club"),
        ("JR02", date(2026, 11, 12), "13:00", "17:00", "work", "", ""),
        ("JR01", date(2026, 11, 13), "", "", "holiday", "4", ""),
        ("JR02", date(2026, 11, 16), "", "", "sickness", "4", "Flu"),
    ):
        dialog = ShiftDialog(ctx, pa_id=pa_id(ctx, who), day=day)
        qtbot.addWidget(dialog)
        put(dialog.kind, kind)
        put(dialog.date, day)
        for field, value in (
            (dialog.start, start),
            (dialog.end, end),
            (dialog.hours, hours),
            (dialog.notes, notes),
        ):
            put(field, value)
        save_dialog(dialog, ctx)


def ledger_lines(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    def line(fields: list[tuple[str, object]], outcomes: dict[int, str]) -> int:
        dialog = LedgerDialog(ctx)
        qtbot.addWidget(dialog)
        for name, value in fields:
            put(getattr(dialog, name), value)
        for row in range(dialog.outcome_table.rowCount()):
            if row + 1 in outcomes:
                dialog.outcome_table.item(row, 0).setCheckState(Qt.CheckState.Checked)
                dialog.outcome_table.item(row, 1).setText(outcomes[row + 1])
        save_dialog(dialog, ctx)
        assert dialog.saved_id is not None
        return dialog.saved_id

    line(
        [
            ("day", date(2026, 11, 1)),
            ("direction", "in"),
            ("amount", "3750.00"),
            ("payee", "Opening balance"),
            ("category", "opening_balance"),
            ("method", "transfer"),
            ("notes", "Balance on the bank statement"),
        ],
        {},
    )
    line(
        [
            ("day", date(2026, 11, 6)),
            ("direction", "in"),
            ("amount", "2394.00"),
            ("payee", "Aberdeen City Council"),
            ("category", "dp_payment"),
            ("method", "transfer"),
            ("period_from", date(2026, 11, 6)),
            ("period_to", date(2026, 12, 3)),
            ("notes", "4-weekly direct payment"),
        ],
        {},
    )

    split = SplitDialog(ctx)
    qtbot.addWidget(split)
    put(split.total, "6.10")
    put(split.payee, "Cafe Rio")
    put(split.day, date(2026, 11, 11))
    put(split.method, "card")
    for amount, category, outcome, how, who, notes in (
        ("3.20", "activities", 3, "Seeing her friends", None, "Jean's coffee"),
        ("2.90", "pa_subsistence", None, "", "JR01", "PA's coffee"),
    ):
        put(split.amount, amount)
        put(split.category, category)
        split.outcome.setCurrentIndex(outcome or 0)
        put(split.how, how)
        if who:
            put(split.pa, pa_id(ctx, who))
        put(split.notes, notes)
        split.add_part()
    ctx.dialogs.paths.append(EXAMPLE / "cafe-receipt.png")  # type: ignore[attr-defined]
    split.choose_receipt()
    save_dialog(split, ctx)
    # The split dialog takes no approval reference: the PA's coffee line is changed after.
    coffee = next(
        e
        for e in ledger.lines_between(ctx.ef, date(2026, 11, 11), date(2026, 11, 11))
        if e.category == "pa_subsistence"
    )
    change = LedgerDialog(ctx, coffee)
    qtbot.addWidget(change)
    put(change.approval, "SW-email-12")
    save_dialog(change, ctx)

    line(
        [
            ("day", date(2026, 11, 12)),
            ("amount", "4.80"),
            ("payee", "First Bus"),
            ("category", "activities"),
            ("method", "card"),
            ("notes", "Bus to the lunch club"),
        ],
        {3: "Getting there", 1: ""},
    )


def council_flag(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    council = CouncilTab(ctx)
    qtbot.addWidget(council)
    council.refresh()
    flags = council.flags
    flags.add_button.click()
    table_row(
        flags.table,
        ["equipment", "prior_approval", "confirmed", "Aberdeen City Council's SDS guidance, 2026"],
        {0: flags.categories, 1: dict(CATEGORY_FLAGS), 2: dict(KNOWN_STATUSES)},
    )
    assert council.save()


def rate_override(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    rates = RatesTab(ctx)
    qtbot.addWidget(rates)
    rates.refresh()
    row = next(
        i
        for i, rule in enumerate(rates.model.rows)
        if rule.name == "scottish_pa_minimum" and rule.effective_from == date(2026, 4, 1)
    )
    rates.table.setCurrentIndex(rates.model.index(row, 0))
    rates.override()
    dialog = rates.dialog
    assert dialog is not None
    for field, value in (
        (dialog.value, "13.45"),
        (dialog.start, date(2026, 4, 1)),
        (dialog.status, "confirmed"),
        (dialog.source, "Aberdeen City Council's letter of 2 April 2026"),
    ):
        put(field, value)
    save_dialog(dialog, ctx)


def payroll_exchange(qtbot, ctx: AppContext, folder: Path) -> None:  # type: ignore[no-untyped-def]
    """Export the pay period to the payroll provider, then read back its results."""
    page = TimesheetsPage(ctx)
    qtbot.addWidget(page)
    page.reload_periods()
    index = next(i for i, p in enumerate(page.periods) if p.start <= date(2026, 11, 9) <= p.end)
    page.period_box.setCurrentIndex(index)
    put(page.format_box, "csv")
    ctx.dialogs.confirm_answers.append(True)  # type: ignore[attr-defined]
    ctx.dialogs.paths.append(folder / "timesheets.csv")  # type: ignore[attr-defined]
    page.export()
    assert ctx.background.wait(60)  # exports run off the window's thread
    assert (folder / "timesheets.csv").exists()
    ctx.dialogs.paths.append(EXAMPLE / "payroll-results.csv")  # type: ignore[attr-defined]
    page.payroll.import_results()  # in BrightPay's columns: the import dialog opens
    dialog = page.payroll.import_dialog
    assert dialog is not None
    put(dialog.provider, "brightpay")
    dialog.accept()
    assert ctx.background.wait(60)
    assert page.payroll.found is not None and len(page.payroll.found.results) == 2


def bank_statement(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    tab = StatementsTab(ctx)
    qtbot.addWidget(tab)
    tab.refresh()
    ctx.dialogs.paths.append(EXAMPLE / "statement.csv")  # type: ignore[attr-defined]
    tab.import_statement()
    dialog = tab.import_dialog
    assert dialog is not None
    put(dialog.dates, "DD/MM/YYYY")  # 06/11/2026 could be 11 June: the bank writes days first
    dialog.accept()
    assert ctx.background.wait(60)
    assert dialog.result_ is not None


def explain_surplus_today(ctx: AppContext) -> None:
    ctx.dialogs.choices.append(SURPLUS_REASONS.index("Hospital stay"))  # type: ignore[attr-defined]
    ctx.dialogs.texts.append("Two weeks in hospital in October")  # type: ignore[attr-defined]
    explain_surplus(ctx, QWidget())


def return_notes(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    page = ReturnsPage(ctx)
    qtbot.addWidget(page)
    page.reload()
    put(page.period_box, ANY_DATES)
    put(page.from_field, date(2026, 10, 1))
    put(page.to_field, date(2026, 12, 31))
    page.build()
    assert ctx.background.wait(60)  # a return is built off the window's thread
    assert page.figures is not None
    put(page.unmet_reason, "Two weeks in hospital in October")
    put(page.person_view, "I like having the same faces every week")
    assert page.save_notes()


def callum_leaves(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    """People > End employment…: Callum resigns, his last day 15 January 2027."""
    callum = next(p for p in people.list_pas(ctx.ef) if p.payroll_number == "JR02")
    dialog = LeavingDialog(ctx, callum)
    qtbot.addWidget(dialog)
    assert dialog.reason.currentText().startswith("Resignation")
    put(dialog.last_day, date(2027, 1, 15))
    put(dialog.given_on, date(2026, 11, 20))
    put(dialog.notes, "Starting college in January")
    dialog.record()
    assert dialog.recorded is not None


@pytest.mark.timeout(600)  # some forty commands, each a new process
def test_the_window_makes_the_same_employer_as_the_script(  # type: ignore[no-untyped-def]
    qtbot, dialogs, clock, tmp_path, private_home
):
    expected = comparable(run_script(tmp_path / "script", private_home))

    ctx = AppContext(clock=clock, user=login_name(), dialogs=dialogs)
    try:
        set_up(qtbot, ctx, tmp_path / "jean.paemployer")
        settings(qtbot, ctx)
        add_pas(qtbot, ctx)
        rota_and_pots(qtbot, ctx)
        council_flag(qtbot, ctx)
        rate_override(qtbot, ctx)
        shifts(qtbot, ctx)
        ledger_lines(qtbot, ctx)
        payroll_exchange(qtbot, ctx, tmp_path)
        bank_statement(qtbot, ctx)
        explain_surplus_today(ctx)
        return_notes(qtbot, ctx)
        callum_leaves(qtbot, ctx)
        made = comparable(employer_document(ctx.ef))
    finally:
        ctx.set_file(None)

    assert empty_tables(expected) == [], "the complete employer has a kind of record missing"
    found = differences(made, expected)
    assert not found, "\n".join(found)
    assert made == expected


def empty_tables(records: dict[str, Any]) -> list[str]:
    """The kinds of record (tables, and those kept under another) with no record at all."""
    empty = []

    def walk(name: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            empty.append(name)
        nested: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            for key, value in row.items():
                if isinstance(value, list) and all(isinstance(v, dict) for v in value):
                    nested.setdefault(key, []).extend(value)
        for key, kept in nested.items():
            walk(f"{name}.{key}", kept)

    for table, rows in records.items():
        walk(table, rows)
    return empty


def differences(made: Any, expected: Any, at: str = "records") -> list[str]:
    """Where two documents differ, each as ``path: window value != script value``."""
    if isinstance(made, dict) and isinstance(expected, dict):
        return [
            line
            for key in sorted(set(made) | set(expected))
            for line in differences(made.get(key), expected.get(key), f"{at}.{key}")
        ]
    if isinstance(made, list) and isinstance(expected, list) and len(made) == len(expected):
        return [
            line
            for index, (a, b) in enumerate(zip(made, expected, strict=True))
            for line in differences(a, b, f"{at}[{index}]")
        ]
    return [] if made == expected else [f"{at}: {made!r} != {expected!r}"]
