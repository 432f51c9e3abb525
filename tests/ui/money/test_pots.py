"""The training and contingency tab, driven by the keyboard alone: a course (worked example
6) and a drawdown (worked example 4) change the pot figures; a certificate, a budget for a
year, a refused course, and the redundancy estimate with the council's policy."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from pa_employer.core.account.pots import PotKind
from pa_employer.services.money import pots as pots_service
from pa_employer.services.people import pas as people
from pa_employer.services.settings import council
from pa_employer.ui.money.pots import ESTIMATE_COLUMNS, PotsTab
from pa_employer.ui.money.pots_dialogs import CourseDialog, DrawdownDialog, PotDialog
from tests.services.money.test_redundancy import four_weekly_results
from tests.ui.keyboard import ALT, CTRL, focused, keys, press
from tests.ui.test_accessibility import mnemonic_clashes, tab_reaches, unnamed

pytestmark = pytest.mark.gui

#: The Money page's tab titles take these Alt keys.
TAB_KEYS = {"L", "S", "O", "F", "C"}


@pytest.fixture
def tab(qtbot, ctx):  # type: ignore[no-untyped-def]
    pots_service.set_budget(ctx.ef, PotKind.TRAINING, 30000, date(2026, 4, 1), date(2027, 3, 31))
    pots_service.set_budget(
        ctx.ef, PotKind.CONTINGENCY, 100000, date(2026, 4, 1), date(2027, 3, 31)
    )
    widget = PotsTab(ctx)
    qtbot.addWidget(widget)
    widget.refresh()
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget.courses)
    return widget


def open_dialog(qtbot, tab: PotsTab, key: Qt.Key) -> PotDialog:  # type: ignore[no-untyped-def]
    press(qtbot, key, ALT)
    qtbot.waitUntil(lambda: tab.dialog is not None and tab.dialog.isVisible())
    dialog = tab.dialog
    assert isinstance(dialog, PotDialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isActiveWindow())
    return dialog


def cells(table, row: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [table.item(row, c).text() for c in range(table.columnCount())]


def test_alt_keys_are_free_of_the_tab_titles_and_every_control_is_named(qtbot, tab) -> None:  # type: ignore[no-untyped-def]
    assert mnemonic_clashes(tab) == []
    used = {
        QKeySequence.mnemonic(w.text()).toString().removeprefix("Alt+")
        for w in tab.findChildren(QLabel) + tab.findChildren(QAbstractButton)
        if (not isinstance(w, QLabel) or w.buddy() is not None)
    }
    assert used.isdisjoint(TAB_KEYS), used & TAB_KEYS
    assert unnamed(tab) == []
    assert tab_reaches(qtbot, tab) == []


def test_record_a_course_by_keyboard_and_see_the_training_pot(qtbot, tab, ctx) -> None:  # type: ignore[no-untyped-def]
    assert "Training used £0.00 of £300.00, £300.00 left" in tab.training_words.text()
    dialog = open_dialog(qtbot, tab, Qt.Key.Key_A)
    assert isinstance(dialog, CourseDialog)
    assert focused() is dialog.pa and dialog.pa.currentText() == "Callum Fraser"
    assert mnemonic_clashes(dialog) == []
    press(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, "Moving and handling")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.day
    keys(qtbot, "14/09/2026")
    press(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, "95")
    press(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, "7")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.training_rate
    assert dialog.training_rate.text() == "13.45"  # Callum's Day rate (no Training rate)
    press(qtbot, Qt.Key.Key_Tab)  # the NI and pension: none (Employment Allowance)
    press(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, "7")
    press(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, "13.45")
    press(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, "Morag Stewart")
    assert "Total from the training budget: £283.30" in dialog.summary.text()
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.dialog is None)
    # Worked example 6: £95 + £94.15 + £94.15 = £283.30 of £300, leaving £16.70.
    assert "Training used £283.30 of £300.00, £16.70 left" in tab.training_words.text()
    assert cells(tab.courses, 0) == [
        "14/09/2026",
        "Callum Fraser",
        "Moving and handling",
        "£95.00",
        "£94.15 (7 h)",
        "£94.15 (7 h)",
        "Morag Stewart",
        "£283.30",
    ]
    tab.activateWindow()  # as the window manager does when a dialog closes
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.courses)

    # Change it (Enter on the selected course): the fee goes up by £5.
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.dialog is not None and tab.dialog.isVisible())
    change = tab.dialog
    assert isinstance(change, CourseDialog) and change.windowTitle() == "Change a course"
    change.activateWindow()
    qtbot.waitUntil(lambda: focused() is change.pa)
    press(qtbot, Qt.Key.Key_F, ALT)
    keys(qtbot, "100")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.dialog is None)
    assert "Training used £288.30 of £300.00, £11.70 left" in tab.training_words.text()
    assert len(pots_service.courses(ctx.ef)) == 1


def test_a_course_without_a_name_is_refused_in_the_dialog(qtbot, tab, ctx, dialogs) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, tab, Qt.Key.Key_A)
    press(qtbot, Qt.Key.Key_F, ALT)
    keys(qtbot, "95")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialogs.messages[-1][0] == "warn" and "name is empty" in dialogs.messages[-1][2]
    assert "Not saved" in dialog.message.text()
    assert focused() is dialog.name
    assert pots_service.courses(ctx.ef) == []
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: tab.dialog is None)


def test_record_a_drawdown_by_keyboard_and_see_the_contingency_pot(qtbot, tab, ctx) -> None:  # type: ignore[no-untyped-def]
    assert "Contingency used £0.00 of £1,000.00" in tab.contingency_words.text()
    dialog = open_dialog(qtbot, tab, Qt.Key.Key_D)
    assert isinstance(dialog, DrawdownDialog)
    assert focused() is dialog.day
    assert mnemonic_clashes(dialog) == []
    keys(qtbot, "13/04/2026")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.reason and dialog.reason.currentText() == "Sickness cover"
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.pa
    for _ in range(3):  # No PA, Callum Fraser, Priya Nair, Morag Stewart
        press(qtbot, Qt.Key.Key_Down)
    assert dialog.pa.currentText() == "Morag Stewart"
    press(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, "Granite City Care")
    press(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, "24")
    press(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, "28.00")
    # the normal cost is filled in from Morag's Day rate: 24 h x £13.45 = £322.80
    assert dialog.normal.text() == "322.80"
    assert "from contingency: £349.20 over the normal cost" in dialog.summary.text()
    press(qtbot, Qt.Key.Key_A, ALT)
    keys(qtbot, "SW-2026-17")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.dialog is None)
    # Worked example 4: £672.00 - £322.80 = £349.20 from contingency.
    assert "Contingency used £349.20 of £1,000.00, £650.80 left" in tab.contingency_words.text()
    assert cells(tab.drawdowns, 0) == [
        "13/04/2026",
        "Sickness cover",
        "Morag Stewart",
        "Granite City Care",
        "24 h",
        "£28.00",
        "£349.20",
        "SW-2026-17",
    ]
    # the estimate shows the contingency left beside it
    assert "Contingency: £650.80 left of £1,000.00" in tab.estimate_words.text()


def test_add_a_certificate_by_keyboard(qtbot, tab, ctx) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, tab, Qt.Key.Key_I)  # Add cert&ificate…
    assert focused() is dialog.pa
    assert mnemonic_clashes(dialog) == []
    press(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, "First aid")
    press(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, "01/02/2024")
    press(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, "01/02/2027")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.dialog is None)
    assert cells(tab.certificates, 0) == [
        "Callum Fraser",
        "First aid",
        "01/02/2024",
        "01/02/2027",
        "Expires on 01/02/2027: book a refresher course now",
    ]
    tab.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.certificates)


def test_set_a_budget_for_the_year_by_keyboard(qtbot, tab, ctx) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, tab, Qt.Key.Key_B)
    assert focused() is dialog.amount
    assert mnemonic_clashes(dialog) == []
    assert (dialog.start.text(), dialog.end.text()) == ("01/04/2026", "31/03/2027")
    keys(qtbot, "350")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.dialog is None)
    assert "Training used £0.00 of £350.00, £350.00 left" in tab.training_words.text()
    assert [b.amount_pence for b in pots_service.budgets(ctx.ef, PotKind.TRAINING)] == [35000]


def test_redundancy_estimate_with_the_council_policy(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    morag = next(p for p in people.list_pas(ctx.ef) if p.first_name == "Morag")
    four_weekly_results(ctx.ef, morag.id)
    widget = PotsTab(ctx)
    qtbot.addWidget(widget)
    widget.refresh()
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    assert widget.policy.text() == "Council's redundancy policy: Not known — ask the council."
    table = widget.estimate_table
    names = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert names == ["Callum Fraser", "Priya Nair", "Morag Stewart"]
    qtbot.waitUntil(widget.isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget.courses)
    press(qtbot, Qt.Key.Key_P, ALT)  # the label's Alt key reaches the table too
    assert focused() is table
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    row = dict(zip(ESTIMATE_COLUMNS, cells(table, 2), strict=True))
    assert row["PA"] == "Morag Stewart"
    # Morag has normal working hours: a week's pay is the contract's 20 h at £13.45.
    assert (row["Full years"], row["A week's pay"], row["Redundancy"]) == (
        "2",
        "£269.00",
        "£807.00",
    )
    assert (row["Notice"], row["Notice pay"], row["Total"]) == ("2 weeks", "£538.00", "£2,323.13")
    words = widget.estimate_words.text()
    assert "If Morag Stewart's job ended on 23/11/2026" in words
    assert "Statutory redundancy pay: £807.00." in words
    assert widget.estimate_words.accessibleDescription() == words
    # the council's policy, once known, shows beside the estimate
    profile = council.get_council_profile(ctx.ef)
    council.save_council_profile(ctx.ef, replace(profile, redundancy_policy="council_pays"))
    widget.refresh()
    assert widget.policy.text() == (
        "Council's redundancy policy: The council pays statutory redundancy and notice pay."
    )
    press(qtbot, Qt.Key.Key_Up, CTRL)  # keeps working by keyboard after a refresh
    assert focused() is table


def test_remove_a_certificate_and_a_drawdown_after_asking(qtbot, tab, ctx) -> None:  # type: ignore[no-untyped-def]
    from pa_employer.core.account.pots import CoverReason
    from pa_employer.services.money.pots import DrawdownInput
    from pa_employer.services.people import pas as people

    pa = people.list_pas(ctx.ef)[0]
    pots_service.record_certificate(ctx.ef, pa.id, "Moving and handling", date(2025, 1, 6))
    pots_service.record_drawdown(
        ctx.ef,
        DrawdownInput(
            day=date(2026, 10, 12),
            reason=CoverReason.SICKNESS_COVER,
            pa_covered_id=pa.id,
            cover_provider="Granite City Care",
            cover_minutes=240,
            cover_rate_pence=2800,
            normal_cost_pence=5380,
        ),
    )
    tab.refresh()
    assert tab.certificates.rowCount() == 1 and tab.drawdowns.rowCount() == 1
    ctx.dialogs.confirm_answers += [False, True, True]
    tab.certificates.setFocus()
    press(qtbot, Qt.Key.Key_V, ALT)  # asked; the answer is No
    qtbot.waitUntil(lambda: len(ctx.dialogs.messages) == 1)
    assert ctx.dialogs.messages[0][:2] == ("confirm_destructive", "Remove certificate")
    assert tab.certificates.rowCount() == 1
    press(qtbot, Qt.Key.Key_V, ALT)
    qtbot.waitUntil(lambda: tab.certificates.rowCount() == 0)
    press(qtbot, Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: tab.drawdowns.rowCount() == 0)
    assert pots_service.drawdowns(ctx.ef) == []
