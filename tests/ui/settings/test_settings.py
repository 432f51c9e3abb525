"""The Settings page, driven by the keyboard: employer, council, plan, rates, holidays."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from pa_employer.core.rules import Status
from pa_employer.services.settings import council, employer, plan, rulebook
from pa_employer.services.storage import audit
from pa_employer.ui.changes import Change
from pa_employer.ui.settings.page import SettingsPage
from pa_employer.ui.settings.rates import COLUMNS, OVERRIDDEN
from tests.ui.keyboard import ALT, CTRL, focused, keys, press

pytestmark = pytest.mark.gui


def replace_text(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, Qt.Key.Key_A, CTRL)
    keys(qtbot, text)


@pytest.fixture
def page(qtbot, ctx):  # type: ignore[no-untyped-def]
    widget = SettingsPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return widget


def go_to(qtbot, page: SettingsPage, key: Qt.Key, tab: QWidget) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, key, ALT)
    assert page.tabs.currentWidget() is tab


def test_employer_details_are_saved(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    go_to(qtbot, page, Qt.Key.Key_M, page.employer)
    press(qtbot, Qt.Key.Key_U, ALT)  # Insurer
    assert focused().accessibleName() == "Insurer"
    replace_text(qtbot, "Zurich Municipal")
    press(qtbot, Qt.Key.Key_Tab)
    replace_text(qtbot, "ZM-2027-1")
    press(qtbot, Qt.Key.Key_Tab)
    replace_text(qtbot, "31/03/2028")
    press(qtbot, Qt.Key.Key_S, CTRL)

    saved = employer.get_employer(ctx.ef)
    assert (saved.insurer, saved.insurance_policy) == ("Zurich Municipal", "ZM-2027-1")
    assert saved.insurance_expiry == date(2028, 3, 31)
    assert saved.supported_person == "Jean Robertson", "untouched fields are kept"
    assert ctx.dialogs.messages == []


def test_the_payroll_layout_and_payment_groups_are_kept(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    """Reached by Tab from the payroll contact; the export then starts from them."""
    go_to(qtbot, page, Qt.Key.Key_M, page.employer)
    assert not page.employer.has_unsaved_changes(), "opening the tab changes nothing"
    press(qtbot, Qt.Key.Key_T, ALT)  # Payroll contact
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.employer.layout_box
    press(qtbot, Qt.Key.Key_Down)
    assert page.employer.layout_box.currentData() == "brightpay-hourly"
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.employer.groups
    replace_text(qtbot, "7")
    press(qtbot, Qt.Key.Key_S, CTRL)
    saved = employer.get_employer(ctx.ef)
    assert (saved.payroll_layout, saved.payroll_payment_groups) == ("brightpay-hourly", 7)


def test_a_refused_paye_reference_names_the_field(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, Qt.Key.Key_Y, ALT)  # PAYE reference
    replace_text(qtbot, "ABC")
    press(qtbot, Qt.Key.Key_S, CTRL)  # Save employer details
    qtbot.waitUntil(lambda: len(ctx.dialogs.messages) == 1)
    assert "PAYE reference:" in ctx.dialogs.messages[0][2]
    assert employer.get_employer(ctx.ef).paye_reference == "123/AB45678"


@pytest.mark.parametrize(("answer", "expected"), [(True, "highland"), (False, "aberdeen-city")])
def test_changing_council_asks_first(qtbot, page, ctx, answer, expected) -> None:  # type: ignore[no-untyped-def]
    ctx.dialogs.confirm_answers = [answer]
    go_to(qtbot, page, Qt.Key.Key_C, page.council)
    press(qtbot, Qt.Key.Key_W, ALT)  # Which council pays
    keys(qtbot, "Highland")
    assert page.council.council.currentText() == "Highland"
    press(qtbot, Qt.Key.Key_U, ALT)  # Use this council…
    qtbot.waitUntil(lambda: any(m[0] == "confirm_destructive" for m in ctx.dialogs.messages))

    assert council.get_council_profile(ctx.ef).code == expected
    assert "Aberdeen City" in ctx.dialogs.messages[-1][2]
    if answer:
        assert "Highland's rules" in page.council.current.text()


def test_editing_a_council_rule_marks_it_our_assumption_and_audits_it(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    go_to(qtbot, page, Qt.Key.Key_C, page.council)
    tab = page.council
    cap_status = tab.statuses["retained_cap_weeks"]
    assert cap_status.currentText() == "Confirmed"
    assert tab.values["netting"].currentText() == "Not known"
    assert not tab.statuses["netting"].isEnabled()
    tab.values["retained_cap_weeks"].setFocus()
    press(qtbot, Qt.Key.Key_Down)  # 4 weeks -> 5 weeks
    assert cap_status.currentText() == "Our assumption"
    press(qtbot, Qt.Key.Key_S, ALT)  # Source of these rules
    replace_text(qtbot, "Phoned the SDS team, 20/11/2026")
    press(qtbot, Qt.Key.Key_S, CTRL)

    profile = council.get_council_profile(ctx.ef)
    assert profile.retained_cap_weeks == 5
    assert profile.field_status("retained_cap_weeks") is Status.ASSUMPTION
    assert profile.field_status("payment_frequency") is Status.CONFIRMED
    assert profile.source == "Phoned the SDS team, 20/11/2026"
    with ctx.ef.reading() as session:
        lines = audit.recent(session, entity="council profile")
    changed = {line.field: (line.old, line.new) for line in lines if line.action == "change"}
    assert changed["retained_cap_weeks"] == ("4", "5")
    assert '"retained_cap_weeks": "assumption"' in changed["field_status"][1]
    assert tab.statuses["retained_cap_weeks"].currentText() == "Our assumption"


def test_an_outcome_is_added_in_the_persons_words(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    go_to(qtbot, page, Qt.Key.Key_P, page.plan)
    press(qtbot, Qt.Key.Key_T, ALT)  # New outcome
    keys(qtbot, "I want to go swimming with my niece")
    press(qtbot, Qt.Key.Key_Return)
    assert page.plan.outcomes.count() == 5
    assert focused() is page.plan.new_outcome, "ready to type the next one"
    press(qtbot, Qt.Key.Key_S, CTRL)

    saved = plan.get_plan(ctx.ef)
    assert [o.wording for o in saved.outcomes][-1] == "I want to go swimming with my niece"
    assert len(saved.outcomes) == 5
    assert saved.funders[0].amounts[0].amount_pence == 240000, "funders are kept"


def test_outcomes_move_up_with_ctrl_up(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    tab = page.plan
    go_to(qtbot, page, Qt.Key.Key_P, tab)
    press(qtbot, Qt.Key.Key_O, ALT)  # Outcomes list
    assert focused() is tab.outcomes
    tab.outcomes.setCurrentRow(0)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Up, CTRL)
    press(qtbot, Qt.Key.Key_S, CTRL)
    saved = plan.get_plan(ctx.ef)
    assert saved.outcomes[0].wording == "I want to stay living in my own flat"


def open_override(qtbot, page: SettingsPage, name: str):  # type: ignore[no-untyped-def]
    go_to(qtbot, page, Qt.Key.Key_R, page.rates)
    press(qtbot, Qt.Key.Key_L, ALT)  # Filter by name
    keys(qtbot, name)
    assert [r.name for r in page.rates.model.rows] == [name.replace(" ", "_")]
    press(qtbot, Qt.Key.Key_O, ALT)  # Override for this employer…
    qtbot.waitUntil(lambda: page.rates.dialog is not None and page.rates.dialog.isVisible())
    dialog = page.rates.dialog
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.value)
    return dialog


def test_a_rate_override_is_saved_and_marked(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    open_override(qtbot, page, "scottish pa minimum")
    keys(qtbot, "13.60")
    for _ in range(4):  # From (today), To, How sure, Source
        press(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, "Council letter of 20/11/2026")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.rates.dialog is None)

    rows = {(r.name, r.effective_from): r for r in page.rates.model.rows}
    mine = rows[("scottish_pa_minimum", date(2026, 11, 23))]
    assert str(mine.value) == "13.60"
    at = page.rates.model.index(page.rates.model.rows.index(mine), COLUMNS.index("Whose value"))
    assert page.rates.model.data(at, Qt.ItemDataRole.DisplayRole) == OVERRIDDEN
    assert [row.source for _, row in rulebook.list_overrides(ctx.ef)] == [
        "Council letter of 20/11/2026"
    ]
    assert page.rates.overrides.rowCount() == 1


def test_an_override_without_a_source_is_refused(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    dialog = open_override(qtbot, page, "scottish pa minimum")
    keys(qtbot, "13.60")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "source:" in ctx.dialogs.messages[-1][2]
    assert focused() is dialog.source
    assert rulebook.list_overrides(ctx.ef) == []


def test_a_local_holiday_is_added_and_marked_local(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    tab = page.holidays
    go_to(qtbot, page, Qt.Key.Key_I, tab)
    assert tab.year.value() == 2026
    national = tab.table.rowCount()
    press(qtbot, Qt.Key.Key_D, ALT)  # Local holiday date
    keys(qtbot, "13/04/2026")
    press(qtbot, Qt.Key.Key_N, ALT)  # Holiday name
    keys(qtbot, "Easter Monday (Aberdeen)")
    press(qtbot, Qt.Key.Key_Return)

    assert [(d, n) for _, d, n in rulebook.local_holidays(ctx.ef)] == [
        (date(2026, 4, 13), "Easter Monday (Aberdeen)")
    ]
    assert tab.table.rowCount() == national + 1
    shown = {tab.table.item(r, 0).text(): tab.table.item(r, 3).text() for r in range(national + 1)}
    assert shown["13/04/2026"] == "Local holiday"
    assert shown["30/11/2026"] == "Scottish bank holiday"
    assert tab.remove_button.isEnabled(), "the new local holiday is selected, ready to remove"


def test_a_second_local_holiday_on_one_date_is_refused(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    ctx.run(
        None, Change.RULES, lambda ef: rulebook.add_local_holiday(ef, date(2026, 9, 28), "Autumn")
    )
    go_to(qtbot, page, Qt.Key.Key_I, page.holidays)
    press(qtbot, Qt.Key.Key_D, ALT)
    keys(qtbot, "28/09/2026")
    press(qtbot, Qt.Key.Key_N, ALT)
    keys(qtbot, "Again")
    press(qtbot, Qt.Key.Key_Return)
    assert "date:" in ctx.dialogs.messages[-1][2]
    assert len(rulebook.local_holidays(ctx.ef)) == 1


def test_a_new_amount_joins_the_same_funder(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    editor = page.plan.funders
    go_to(qtbot, page, Qt.Key.Key_P, page.plan)
    editor.table.setCurrentCell(0, 0)
    editor.amount_button.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    assert focused() is editor.table
    keys(qtbot, "2500.00")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.table.state() != editor.table.State.EditingState)
    press(qtbot, Qt.Key.Key_S, CTRL)

    (funder,) = plan.get_plan(ctx.ef).funders
    assert funder.name == "Aberdeen City Council"
    assert [(a.amount_pence, a.effective_from) for a in funder.amounts] == [
        (240000, date(2026, 4, 1)),
        (250000, date(2026, 11, 23)),
    ]


# -- changes not saved ------------------------------------------------------------------


@pytest.mark.parametrize("which", ["fixture", "empty", "demo"])
def test_a_freshly_loaded_tab_has_nothing_unsaved(qtbot, ctx, tmp_path, which) -> None:  # type: ignore[no-untyped-def]
    from pa_employer.demo.employer import make_demo
    from pa_employer.services.storage.employer_file import EmployerFile

    if which != "fixture":
        path = tmp_path / f"{which}.paemployer"
        maker = make_demo if which == "demo" else EmployerFile.create
        ctx.file = maker(path, user="Test adviser", clock=ctx.clock)
    widget = SettingsPage(ctx)
    qtbot.addWidget(widget)
    for tab in (widget.employer, widget.council, widget.plan):
        assert not tab.has_unsaved_changes(), tab.what
    if which != "fixture":
        ctx.file.close()


def edit_insurer(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    go_to(qtbot, page, Qt.Key.Key_M, page.employer)
    press(qtbot, Qt.Key.Key_U, ALT)  # Insurer
    replace_text(qtbot, "Zurich Municipal")
    assert page.employer.has_unsaved_changes()


@pytest.mark.parametrize(
    ("answer", "saved", "tab_after"),
    [(0, "Zurich Municipal", "council"), (1, "", "council"), (None, "", "employer")],
    ids=["save", "discard", "cancel"],
)
def test_leaving_a_tab_with_changes_asks_to_save_them(  # type: ignore[no-untyped-def]
    qtbot, page, ctx, answer, saved, tab_after
) -> None:
    before = employer.get_employer(ctx.ef).insurer
    edit_insurer(qtbot, page)
    ctx.dialogs.choices.append(answer)
    press(qtbot, Qt.Key.Key_C, ALT)  # to the Council tab

    kind, title, text = ctx.dialogs.messages[0]
    assert (kind, title) == ("choose", "Unsaved changes")
    assert text.startswith("Save the changes to the employer's details?")
    assert ctx.dialogs.offered == [["&Save", "&Discard"]]
    assert page.tabs.currentWidget() is getattr(page, tab_after)
    assert employer.get_employer(ctx.ef).insurer == (saved or before)
    shown = page.employer.insurer.text()
    assert shown == ("Zurich Municipal" if answer != 1 else before)
    assert page.employer.has_unsaved_changes() is (answer is None)


def test_a_tab_with_no_changes_is_left_without_asking(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    go_to(qtbot, page, Qt.Key.Key_M, page.employer)
    go_to(qtbot, page, Qt.Key.Key_P, page.plan)
    assert ctx.dialogs.messages == []


def test_changed_plan_and_council_count_as_unsaved(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    page.plan.reference.setText("SP-new")
    assert page.plan.has_unsaved_changes()
    box = page.council.source
    box.setText(box.text() + " (checked)")
    assert page.council.has_unsaved_changes()


def test_leaving_settings_or_closing_asks_and_cancel_stays(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from pa_employer.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.go_to(6)
    settings = window.current_page()
    settings.employer.insurer.setText("Zurich Municipal")

    window.go_to(1)  # Ctrl+2; the scripted answer is Cancel
    assert window.current_page() is settings and window.nav.currentRow() == 6
    window.nav.setCurrentRow(0)  # the section list
    assert window.current_page() is settings and window.nav.currentRow() == 6
    assert not window.close() and ctx.file is not None, "closing waits too"
    assert [m[1] for m in ctx.dialogs.messages] == ["Unsaved changes"] * 3

    ctx.dialogs.choices.append(1)  # Discard
    window.go_to(1)
    assert window.nav.currentRow() == 1
    assert employer.get_employer(ctx.ef).insurer != "Zurich Municipal"


def test_the_councils_return_style_is_edited_here(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    go_to(qtbot, page, Qt.Key.Key_C, page.council)
    tab = page.council
    style = tab.values["return_style"]
    assert style.accessibleName() == "What kind of return the council asks for"
    assert style.currentText() == "Not known" and not tab.statuses["return_style"].isEnabled()
    style.setFocus()
    press(qtbot, Qt.Key.Key_Down)  # Full return
    press(qtbot, Qt.Key.Key_Down)  # One-page light-touch return
    assert style.currentText() == "One-page light-touch return"
    assert tab.statuses["return_style"].currentText() == "Our assumption"
    press(qtbot, Qt.Key.Key_S, CTRL)
    profile = council.get_council_profile(ctx.ef)
    assert profile.return_style == "light_touch"
    assert profile.field_status("return_style") is Status.ASSUMPTION
    assert profile.describe("return_style") == "One-page light-touch return"


def test_who_signs_and_the_legal_employer_are_saved(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    go_to(qtbot, page, Qt.Key.Key_M, page.employer)
    press(qtbot, Qt.Key.Key_B, ALT)  # Legal basis: the capacity in which they sign
    assert focused().accessibleName() == "Legal basis"
    keys(qtbot, "Cont")  # typing picks "Continuing attorney (financial powers)"
    press(qtbot, Qt.Key.Key_Tab)
    assert focused().accessibleName() == "Registration or order reference"
    keys(qtbot, "OPG CPA 2024/118342")
    for name in (
        "What they may do",
        "Powers cover money",
        "Powers cover employing PAs",
        "Can act until",
        "Supported person's date of birth",
        "Legal employer of the PAs",
    ):
        press(qtbot, Qt.Key.Key_Tab)
        assert focused().accessibleName() == name
    keys(qtbot, "The s")  # "The supported person"
    assert "name the employer as Jean Robertson" in page.employer.named.text()
    assert not page.employer.other_employer.isEnabled()
    press(qtbot, Qt.Key.Key_S, CTRL)

    saved = employer.get_employer(ctx.ef)
    assert saved.legal_basis.value == "continuing_attorney"
    assert saved.acting_reference == "OPG CPA 2024/118342"
    assert (saved.legal_employer.value, saved.employer_name) == (
        "supported_person",
        "Jean Robertson",
    )
    assert ctx.dialogs.messages == []


def test_the_employment_allowance_is_recorded(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    go_to(qtbot, page, Qt.Key.Key_M, page.employer)
    box = page.employer.allowance
    assert box.accessibleName() == "Employment Allowance"
    assert box.currentText() == "Not recorded (payroll results decide)"
    box.setFocus()
    press(qtbot, Qt.Key.Key_Down)
    assert box.currentText() == "Claimed"
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert employer.get_employer(ctx.ef).employment_allowance is True


def test_a_council_is_chosen_by_a_name_people_use(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    ctx.dialogs.confirm_answers = [True]
    go_to(qtbot, page, Qt.Key.Key_C, page.council)
    press(qtbot, Qt.Key.Key_W, ALT)  # Which council pays
    keys(qtbot, "Western Isles")
    assert page.council.council.offered() == ["Na h-Eileanan Siar (Western Isles)"]
    press(qtbot, Qt.Key.Key_U, ALT)  # Use this council…
    qtbot.waitUntil(lambda: any(m[0] == "confirm_destructive" for m in ctx.dialogs.messages))
    assert "Use Na h-Eileanan Siar's published rules" in ctx.dialogs.messages[-1][2]
    assert council.get_council_profile(ctx.ef).code == "na-h-eileanan-siar"
