"""The new-employer set-up, driven by the keyboard alone (Tab, typing, Enter, Alt+key)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from pa_employer.core.account.ledger import Direction
from pa_employer.core.records import FunderKind, LegalBasis, PayFrequency, PaymentFrequency
from pa_employer.core.validation import InputError, Problem
from pa_employer.services import check
from pa_employer.services.money import ledger
from pa_employer.services.money.balance import balance_on
from pa_employer.services.settings import council, employer, plan
from pa_employer.services.storage import recent
from pa_employer.ui.context import AppContext
from pa_employer.ui.setup.wizard import SetupWizard, suggested_file_name
from tests.ui.keyboard import focused, press

pytestmark = pytest.mark.gui


@pytest.fixture
def app_ctx(dialogs, clock):  # type: ignore[no-untyped-def]
    """A context with no file open, as when the program starts."""
    context = AppContext(clock=clock, user="Test adviser", dialogs=dialogs)
    yield context
    if context.file is not None:
        context.set_file(None)


@pytest.fixture
def wizard(qtbot, app_ctx):  # type: ignore[no-untyped-def]
    w = SetupWizard(app_ctx)
    qtbot.addWidget(w)
    with qtbot.waitActive(w):
        w.show()
        w.activateWindow()
    return w


def tab_to(qtbot, name: str, limit: int = 40) -> QWidget:  # type: ignore[no-untyped-def]
    """Press Tab until the field called ``name`` has the focus (fails if it never does)."""
    for _ in range(limit):
        if focused().accessibleName() == name:
            return focused()
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached '{name}'")


def fill(qtbot, fields: list[tuple[str, str | Qt.Key]]) -> None:  # type: ignore[no-untyped-def]
    """Tab to each field in turn and type into it (or press a key), as a keyboard user does."""
    for name, text in fields:
        tab_to(qtbot, name)
        if isinstance(text, str):
            qtbot.keyClicks(focused(), text)
        else:
            press(qtbot, text)


def next_step(qtbot, wizard: SetupWizard) -> None:  # type: ignore[no-untyped-def]
    before = wizard.currentId()
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # a mnemonic clicks after ~0.1 s
    qtbot.waitUntil(lambda: wizard.currentId() == before + 1, timeout=2000)


def finish(qtbot, dialogs) -> None:  # type: ignore[no-untyped-def]
    """Alt+F (Finish), then wait for the button's animated click to land."""
    count = len(dialogs.messages)
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.wait(250)
    assert len(dialogs.messages) >= count


PERSON = [
    ("Supported person's name", "Jean Robertson"),
    ("How the employer role is held", "Cont"),  # typing picks "Continuing attorney"
    ("Person acting for them", "Alison Robertson"),
    ("Their date of birth (optional)", "14/05/1948"),
]
COUNCIL = [
    ("Council", "Aberdeen"),  # typing picks the first match, Aberdeen City
    ("Council client reference", "SW123456"),
]
REFERENCES = [
    ("Employer PAYE reference", "123/AB45678"),
    ("Accounts Office reference", "123PA00012345"),
    ("Insurer", "Fish Insurance"),
    ("Insurance policy number", "ELI-9981"),
    ("Insurance expiry date", "31/03/2027"),
    ("Pension provider", "NEST"),
    ("Payroll provider", "Penderels Payroll"),
    ("Payroll contact", "payroll@example.org"),
    ("How often PAs are paid", Qt.Key.Key_Down),  # from 'Every 4 weeks' to 'Every month'
    ("First pay day", "10/04/2026"),
]
PLAN = [
    ("Support plan reference", "SP-2026-044"),
    ("Date of the plan", "01/03/2026"),
    ("Review date", "01/03/2027"),
    ("Agreed hours a week", "40"),
]
OUTCOMES = ["I want to get back to the bowling club on Thursdays", "I want to stay in my flat"]
MONEY = [
    ("Money in the account today", "1250.40"),
    ("Direct payment amount", "2400.00"),
    ("Paid from", "01/04/2026"),
]


def go_to_references(qtbot, wizard: SetupWizard) -> None:  # type: ignore[no-untyped-def]
    fill(qtbot, PERSON)
    press(qtbot, Qt.Key.Key_Return)  # Enter in a field goes to the next step
    assert wizard.currentPage() is wizard.council
    fill(qtbot, COUNCIL)
    next_step(qtbot, wizard)


def test_whole_set_up_by_keyboard_makes_the_file(qtbot, wizard, app_ctx, dialogs, tmp_path):  # type: ignore[no-untyped-def]
    target = tmp_path / "Jean Robertson.paemployer"
    dialogs.paths.append(target)
    go_to_references(qtbot, wizard)
    fill(qtbot, REFERENCES)
    next_step(qtbot, wizard)
    fill(qtbot, PLAN)
    tab_to(qtbot, "New outcome")
    for wording in OUTCOMES:
        qtbot.keyClicks(focused(), wording)
        press(qtbot, Qt.Key.Key_Return)  # Enter adds the outcome; it stays on this step
    assert wizard.currentPage() is wizard.plan
    next_step(qtbot, wizard)
    assert wizard.currentPage() is wizard.account
    assert wizard.account.title() == "Step 5 of 7: The bank account and the direct payment"
    fill(qtbot, MONEY)
    next_step(qtbot, wizard)
    tab_to(qtbot, "Choose where to save")
    press(qtbot, Qt.Key.Key_Space)
    assert wizard.save.path.text() == str(target)
    next_step(qtbot, wizard)
    labels = [label.text() for label in wizard.summary.findChildren(QLabel)]
    assert any("People page" in text for text in labels)
    summary = wizard.summary.summary.toPlainText()
    assert "Jean Robertson" in summary and "£2,400.00 every 4 weeks" in summary
    assert "Money in the account today: £1,250.40 (saved as the opening balance)" in summary
    assert "Date of birth: 14/05/1948" in summary
    finish(qtbot, dialogs)

    assert not [m for m in dialogs.messages if m[0] in ("warn", "error")], dialogs.messages
    assert wizard.result() == SetupWizard.DialogCode.Accepted
    assert app_ctx.file is not None and app_ctx.file.path == target
    assert recent.recent_files()[0] == target.resolve()
    who = employer.get_employer(app_ctx.ef)
    assert who is not None
    assert (who.supported_person, who.acting_person) == ("Jean Robertson", "Alison Robertson")
    assert who.legal_basis is LegalBasis.CONTINUING_ATTORNEY
    assert (who.supported_person_born_on, who.acting_ends_on) == (date(1948, 5, 14), None)
    assert (who.paye_reference, who.accounts_office_reference) == ("123/AB45678", "123PA00012345")
    assert who.insurance_expiry == date(2027, 3, 31)
    assert who.pay_frequency is PayFrequency.MONTHLY
    assert who.pay_anchor_date == date(2026, 4, 10)
    assert who.council_client_reference == "SW123456"
    profile = council.get_council_profile(app_ctx.ef)
    assert profile is not None and profile.code == "aberdeen-city"
    the_plan = plan.get_plan(app_ctx.ef)
    assert the_plan is not None
    assert [o.wording for o in the_plan.outcomes] == OUTCOMES
    assert the_plan.agreed_weekly_minutes == 40 * 60
    assert the_plan.plan_date == date(2026, 3, 1)
    (funder,) = the_plan.funders
    assert funder.kind is FunderKind.DIRECT_PAYMENT
    (amount,) = funder.amounts
    assert amount.amount_pence == 240000
    assert amount.frequency is PaymentFrequency.FOUR_WEEKLY
    assert amount.effective_from == date(2026, 4, 1)
    (opening,) = ledger.lines_between(app_ctx.ef, date(2000, 1, 1), date(2100, 1, 1))
    assert (opening.category, opening.direction, opening.amount_pence) == (
        "opening_balance",
        Direction.IN,
        125040,
    )
    assert opening.day == app_ctx.ef.today()
    report = balance_on(app_ctx.ef)
    assert report.closing_pence == 125040
    assert not [c for c in check.check(app_ctx.ef) if c.reminder.kind == "no_money_in"]


def test_balance_today_may_be_left_empty_and_is_never_negative(  # type: ignore[no-untyped-def]
    qtbot, wizard, app_ctx, dialogs, tmp_path
):
    go_to_references(qtbot, wizard)
    next_step(qtbot, wizard)
    next_step(qtbot, wizard)
    assert wizard.currentPage() is wizard.account
    fill(qtbot, [("Money in the account today", "-6.40")])
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.account
    assert "Money in the account today: cannot be below £0.00" in dialogs.messages[-1][2]
    assert focused() is wizard.account.balance
    wizard.account.balance.clear()
    dialogs.paths.append(tmp_path / "empty.paemployer")
    next_step(qtbot, wizard)
    tab_to(qtbot, "Choose where to save")
    press(qtbot, Qt.Key.Key_Space)
    next_step(qtbot, wizard)
    assert "Money in the account today: Not recorded" in wizard.summary.summary.toPlainText()
    finish(qtbot, dialogs)
    assert app_ctx.file is not None
    assert ledger.lines_between(app_ctx.ef, date(2000, 1, 1), date(2100, 1, 1)) == []
    kinds = {c.reminder.kind for c in check.check(app_ctx.ef)}
    assert "no_money_in" in kinds


def test_bad_paye_reference_names_the_field_and_makes_no_file(  # type: ignore[no-untyped-def]
    qtbot, wizard, app_ctx, dialogs, tmp_path
):
    go_to_references(qtbot, wizard)
    fill(qtbot, [("Employer PAYE reference", "12345")])
    press(qtbot, Qt.Key.Key_Return)

    assert wizard.currentPage() is wizard.references
    (kind, _title, text) = dialogs.messages[-1]
    assert kind == "warn"
    assert "Employer PAYE reference: '12345' is not an employer PAYE reference" in text
    assert focused() is wizard.references.paye
    assert app_ctx.file is None
    assert list(tmp_path.iterdir()) == []


def test_acting_person_is_needed_unless_the_person_manages_it(qtbot, wizard, dialogs):  # type: ignore[no-untyped-def]
    fill(qtbot, PERSON[:2])
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.person
    assert "Person acting for them" in dialogs.messages[-1][2]


def test_direct_payment_amount_needs_a_start_date(qtbot, wizard, dialogs):  # type: ignore[no-untyped-def]
    go_to_references(qtbot, wizard)
    next_step(qtbot, wizard)
    next_step(qtbot, wizard)
    fill(qtbot, [("Direct payment amount", "2400")])
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.account
    assert "Paid from: type the date" in dialogs.messages[-1][2]


def test_refused_by_the_service_lists_problems_and_stays(  # type: ignore[no-untyped-def]
    qtbot, wizard, app_ctx, dialogs, tmp_path, monkeypatch
):
    def refuse(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise InputError([Problem("outcome 1", "is empty"), Problem("council", "not known")])

    monkeypatch.setattr("pa_employer.ui.setup.wizard.create_with_opening_balance", refuse)
    dialogs.paths.append(tmp_path / "x.paemployer")
    go_to_references(qtbot, wizard)
    next_step(qtbot, wizard)
    next_step(qtbot, wizard)
    next_step(qtbot, wizard)
    tab_to(qtbot, "Choose where to save")
    press(qtbot, Qt.Key.Key_Space)
    next_step(qtbot, wizard)
    finish(qtbot, dialogs)

    assert wizard.isVisible() and wizard.currentPage() is wizard.summary
    text = dialogs.messages[-1][2]
    assert "• outcome 1: is empty" in text and "• council: not known" in text
    assert app_ctx.file is None


def test_council_rules_show_not_known(wizard):  # type: ignore[no-untyped-def]
    page = wizard.council
    page.council.setCurrentIndex(page.council.findText("Aberdeen City"))
    rows = {
        page.rules.item(r, 0).text(): page.rules.item(r, 1).text()
        for r in range(page.rules.rowCount())
    }
    assert rows["How often the council pays"] == "Every 4 weeks"
    assert rows["Self-employed PAs allowed"] == "Not known"
    names = [page.council.itemText(i) for i in range(1, page.council.count())]
    assert len(names) == 32 and names == sorted(names)


def test_cancel_asks_before_losing_typing(qtbot, wizard, dialogs):  # type: ignore[no-untyped-def]
    fill(qtbot, PERSON[:1])
    dialogs.confirm_answers.append(False)
    press(qtbot, Qt.Key.Key_Escape)
    assert wizard.isVisible()
    dialogs.confirm_answers.append(True)
    press(qtbot, Qt.Key.Key_Escape)
    assert not wizard.isVisible()


@pytest.mark.parametrize(
    ("person", "name"),
    [
        ("Jean Robertson", "Jean Robertson.paemployer"),
        ("A/B: C?", "A B C.paemployer"),
        ("", "New employer.paemployer"),
    ],
)
def test_suggested_file_name(person: str, name: str) -> None:
    assert suggested_file_name(person) == name


def test_existing_file_is_refused_on_the_save_step(qtbot, wizard, dialogs, tmp_path: Path):  # type: ignore[no-untyped-def]
    taken = tmp_path / "taken.paemployer"
    taken.write_bytes(b"")
    wizard.save.path.setText(str(taken))
    assert not wizard.save.validatePage()
    assert "already exists" in dialogs.messages[-1][2]
