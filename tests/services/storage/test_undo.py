"""Undo and redo: each kind of change the window can save, undone, leaves the file exactly as
before it (and redone, exactly as after it); a locked or sent period is refused."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from pa_employer.core.account.ledger import Direction, LedgerEntry
from pa_employer.core.account.pots import PotKind
from pa_employer.core.pay.timesheet import Kind
from pa_employer.core.records import Outcome, RateCode
from pa_employer.core.rules import RuleRow, Status
from pa_employer.core.validation import InputError
from pa_employer.models import AuditAction, AuditEntry, AuditRow, CouncilReturn, PayPeriodLock
from pa_employer.services import check
from pa_employer.services.errors import CannotUndo
from pa_employer.services.money import ledger, pots, statements
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shift_import import import_shifts
from pa_employer.services.rota.shifts import ShiftInput, cancel_shift, change_shift, record_shift
from pa_employer.services.settings import employer, plan, rulebook
from pa_employer.services.storage import history, undo
from pa_employer.services.storage.dump import employer_document
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.timesheets import export
from tests import factories
from tests.conftest import fixed_clock

PNG = b"\x89PNG\r\n\x1a\n"
#: The export tests' pay period (four weeks from the employer's first pay period start).
PERIOD = (date(2026, 10, 24), date(2026, 11, 20))


def _document(ef: EmployerFile) -> dict[str, Any]:
    """The whole file as the JSON document, less the history and the audit log."""
    doc = employer_document(ef)
    doc.pop("dumped_at")
    doc["records"].pop("audit")
    doc["records"].pop("audit_action")
    return doc


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file with something of each kind to change: shifts, a line with a receipt and an
    outcome, a training budget, a local holiday."""
    path = tmp_path_factory.mktemp("undo") / "base.paemployer"
    ef = factories.make_employer_file(path, fixed_clock)
    first = _first_pa(ef)
    record_shift(ef, ShiftInput(first.id, Kind.WORK, date(2026, 11, 2), time(9), time(17)))
    record_shift(ef, ShiftInput(first.id, Kind.WORK, date(2026, 11, 5), time(13), time(18)))
    entry = LedgerEntry(date(2026, 11, 2), Direction.OUT, 320, "activities", payee="Cafe Rio")
    line_id = ledger.add_line(ef, entry)
    outcome = plan.get_plan(ef).outcomes[0]
    ledger.link_outcome(ef, line_id, outcome.id, "Seeing friends")
    receipt = path.with_name("receipt.png")
    receipt.write_bytes(PNG + b"\x01" * 30)
    ledger.attach_receipt(ef, [line_id], receipt)
    pots.set_budget(ef, PotKind.TRAINING, 50_000, date(2026, 4, 1), date(2027, 3, 31))
    rulebook.add_local_holiday(ef, date(2026, 8, 3), "Glasgow Fair Monday")
    ef.close()
    return path


@pytest.fixture
def copy_of(base: Path) -> Callable[[], Iterator[EmployerFile]]:
    """A fresh copy of the base file for each hypothesis example."""

    def opened() -> Iterator[EmployerFile]:
        folder = Path(tempfile.mkdtemp())
        path = folder / "copy.paemployer"
        shutil.copy(base, path)
        ef = EmployerFile.open(path, user="Jean", clock=fixed_clock, auto_backup=False)
        try:
            yield ef
        finally:
            ef.close()
            shutil.rmtree(folder, ignore_errors=True)

    return opened


# -- the changes --------------------------------------------------------------------

names = st.text(
    alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz '&-", min_size=1, max_size=20
).filter(lambda s: s.strip() != "")
days = st.dates(date(2026, 10, 24), date(2026, 12, 31))
pence = st.integers(1, 500_000)


def _first_pa(ef: EmployerFile) -> Any:
    return next(p for p in people.list_pas(ef) if p.first_name == "Morag")


def _shift_ids(ef: EmployerFile) -> list[int]:
    return [s.id for s in ledger_free_shifts(ef)]


def ledger_free_shifts(ef: EmployerFile) -> list[Any]:
    from pa_employer.services.rota.shifts import list_shifts

    return list_shifts(ef, date(2026, 10, 1), date(2026, 12, 31))


def _line_id(ef: EmployerFile) -> int:
    (line,) = ledger.lines_between(ef, date(2026, 11, 1), date(2026, 11, 30))
    assert line.id is not None
    return line.id


def add_shift(ef: EmployerFile, data: st.DataObject) -> None:
    start = data.draw(st.integers(6, 20), "start hour")
    hours = data.draw(st.integers(1, 9), "hours")
    end = (start + hours) % 24
    record_shift(
        ef, ShiftInput(_first_pa(ef).id, Kind.WORK, data.draw(days, "day"), time(start), time(end))
    )


def change_a_shift(ef: EmployerFile, data: st.DataObject) -> None:
    shift_id = data.draw(st.sampled_from(_shift_ids(ef)), "shift")
    start = data.draw(st.integers(6, 12), "start hour")
    inp = ShiftInput(_first_pa(ef).id, Kind.WORK, data.draw(days, "day"), time(start), time(20))
    change_shift(ef, shift_id, inp)


def cancel_a_shift(ef: EmployerFile, data: st.DataObject) -> None:
    cancel_shift(ef, data.draw(st.sampled_from(_shift_ids(ef)), "shift"))


def add_pa(ef: EmployerFile, data: st.DataObject) -> None:
    number = f"PA9{data.draw(st.integers(10, 99), 'number')}"
    people.add_pa(ef, factories.pa(number, first_name=data.draw(names, "name"), ni_number=""))


def change_pa(ef: EmployerFile, data: st.DataObject) -> None:
    pa = _first_pa(ef)
    minutes = data.draw(st.integers(0, 48 * 60), "minutes")
    people.update_pa(
        ef, replace(pa, first_name=data.draw(names, "name"), contracted_minutes_per_week=minutes)
    )


def change_rates(ef: EmployerFile, data: st.DataObject) -> None:
    pa = _first_pa(ef)
    amount = data.draw(st.integers(1300, 3000), "rate")
    rates = tuple(
        replace(r, amount_pence=amount) if r.rate_code == RateCode.DAY else r for r in pa.rates
    )
    people.update_pa(ef, replace(pa, rates=rates))


def add_line(ef: EmployerFile, data: st.DataObject) -> None:
    direction = data.draw(st.sampled_from(list(Direction)), "direction")
    category = "activities" if direction == Direction.OUT else "council_payment"
    ledger.add_line(
        ef,
        LedgerEntry(
            data.draw(days, "day"),
            direction,
            data.draw(pence, "pence"),
            category,
            payee=data.draw(names, "payee"),
        ),
    )


def change_line(ef: EmployerFile, data: st.DataObject) -> None:
    line = ledger.get_line(ef, _line_id(ef))
    ledger.change_line(
        ef, replace(line, amount_pence=data.draw(pence, "pence"), payee=data.draw(names, "payee"))
    )


def remove_line(ef: EmployerFile, _data: st.DataObject) -> None:
    ledger.remove_line(ef, _line_id(ef))  # its receipt and outcome links go with it


def attach_receipt(ef: EmployerFile, data: st.DataObject) -> None:
    content = PNG + data.draw(st.binary(min_size=1, max_size=200), "content")
    path = ef.path.with_name("new-receipt.png")
    path.write_bytes(content)
    ledger.attach_receipt(ef, [_line_id(ef)], path)


def change_settings(ef: EmployerFile, data: st.DataObject) -> None:
    who = employer.get_employer(ef)
    assert who is not None
    employer.save_employer(ef, replace(who, insurer=data.draw(names, "insurer")))


def change_plan(ef: EmployerFile, data: st.DataObject) -> None:
    current = plan.get_plan(ef)
    wording = data.draw(names, "wording")
    keep = data.draw(st.integers(1, len(current.outcomes)), "kept")
    outcomes = (*current.outcomes[:keep], Outcome(wording))
    plan.save_plan(ef, replace(current, outcomes=outcomes))


def set_pot(ef: EmployerFile, data: st.DataObject) -> None:
    kind = data.draw(st.sampled_from(list(PotKind)), "pot")
    start = date(2027, 4, 1) if kind == PotKind.TRAINING else date(2026, 4, 1)
    pots.set_budget(ef, kind, data.draw(pence, "pence"), start, notes=data.draw(names, "notes"))


def add_holiday(ef: EmployerFile, data: st.DataObject) -> None:
    rulebook.add_local_holiday(
        ef,
        data.draw(st.dates(date(2027, 1, 1), date(2027, 12, 31)), "day"),
        data.draw(names, "name"),
    )


def remove_holiday(ef: EmployerFile, _data: st.DataObject) -> None:
    ((holiday_id, _day, _name),) = rulebook.local_holidays(ef)
    rulebook.remove_local_holiday(ef, holiday_id)


def add_rule(ef: EmployerFile, data: st.DataObject) -> None:
    value = Decimal(data.draw(st.integers(1300, 2000), "pence")) / 100
    row = RuleRow(
        "scottish_pa_minimum",
        value,
        "GBP/hour",
        date(2026, 4, 1),
        None,
        "employer",
        "Council letter",
        Status.CONFIRMED,
    )
    rulebook.add_override(ef, row)


def explain(ef: EmployerFile, data: st.DataObject) -> None:
    check.explain(ef, f"surplus:{data.draw(days, 'day')}", data.draw(names, "why"))


CHANGES = [
    add_shift,
    change_a_shift,
    cancel_a_shift,
    add_pa,
    change_pa,
    change_rates,
    add_line,
    change_line,
    remove_line,
    attach_receipt,
    change_settings,
    change_plan,
    set_pot,
    add_holiday,
    remove_holiday,
    add_rule,
    explain,
]


@pytest.mark.parametrize("change", CHANGES, ids=[c.__name__ for c in CHANGES])
@settings(
    max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_undo_puts_the_file_back_and_redo_puts_the_change_back(
    copy_of: Callable[[], Iterator[EmployerFile]], change: Callable[..., None], data: st.DataObject
) -> None:
    for ef in copy_of():
        before = _document(ef)
        try:
            change(ef, data)
        except InputError:
            assume(False)  # a refused input changes nothing: nothing to undo
        after = _document(ef)
        assume(after != before)
        what = undo.undo_state(ef).undo
        assert what is not None
        done = undo.undo_last(ef)
        assert done.what == what
        assert _document(ef) == before
        assert undo.undo_state(ef).redo == what
        undo.redo_last(ef)
        assert _document(ef) == after
        assert undo.undo_state(ef) == undo.UndoState(what, None)
        undo.undo_last(ef)  # and an undo of the redo, once more
        assert _document(ef) == before


def test_the_items_name_the_change(employer_file: EmployerFile) -> None:
    ef = employer_file
    assert undo.undo_state(ef) == undo.UndoState(None, None)  # setting up is not undone
    record_shift(ef, ShiftInput(_first_pa(ef).id, Kind.WORK, date(2026, 11, 3), time(9), time(17)))
    assert undo.undo_state(ef).undo == "add shift for Morag on Tue 3 Nov"
    ledger.add_line(
        ef, LedgerEntry(date(2026, 11, 2), Direction.OUT, 320, "activities", payee="M&S")
    )
    assert undo.undo_state(ef).undo == "add ledger line M&S £3.20 on Mon 2 Nov"


def test_undo_steps_back_one_action_at_a_time_and_a_new_change_ends_redo(
    employer_file: EmployerFile,
) -> None:
    ef = employer_file
    first = _first_pa(ef)
    record_shift(ef, ShiftInput(first.id, Kind.WORK, date(2026, 11, 3), time(9), time(17)))
    record_shift(ef, ShiftInput(first.id, Kind.WORK, date(2026, 11, 4), time(9), time(17)))
    assert undo.undo_last(ef).what.endswith("Wed 4 Nov")
    assert undo.undo_last(ef).what.endswith("Tue 3 Nov")
    assert ledger_free_shifts(ef) == []
    with pytest.raises(CannotUndo, match="nothing to undo"):
        undo.undo_last(ef)
    assert undo.redo_last(ef).what.endswith("Tue 3 Nov")
    assert undo.undo_state(ef).redo is not None
    record_shift(ef, ShiftInput(first.id, Kind.WORK, date(2026, 11, 5), time(9), time(17)))
    assert undo.undo_state(ef).redo is None  # a new change: the 4 Nov shift cannot come back
    with pytest.raises(CannotUndo, match="nothing to redo"):
        undo.redo_last(ef)


def test_an_undo_is_audited_and_kept_when_the_file_is_closed(employer_file: EmployerFile) -> None:
    ef = employer_file
    record_shift(ef, ShiftInput(_first_pa(ef).id, Kind.WORK, date(2026, 11, 3), time(9), time(17)))
    undo.undo_last(ef)
    with ef.reading() as session:
        kinds = list(session.scalars(select(AuditAction.kind).order_by(AuditAction.id)))
        undone = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert undone is not None and (undone.action, undone.entity) == ("delete", "shift")
        assert undone.action_id is not None
    assert kinds == ["do", "undo"]
    path = ef.path
    ef.close()
    with EmployerFile.open(path, user="Jean", clock=fixed_clock) as again:
        assert undo.undo_state(again) == undo.UndoState(None, "add shift for Morag on Tue 3 Nov")


def test_a_locked_pay_period_is_not_changed_by_undo(
    employer_file: EmployerFile, tmp_path: Path
) -> None:
    ef = employer_file
    record_shift(ef, ShiftInput(_first_pa(ef).id, Kind.WORK, date(2026, 11, 3), time(9), time(17)))
    export.export_period(ef, *PERIOD, "csv", tmp_path / "t.csv")
    before = _document(ef)
    message = undo.check(ef, "undo")
    assert message == (
        "Cannot undo export of the pay period 24 Oct to 20 Nov 2026: that pay period has gone "
        "to the payroll provider and is locked, and a locked period is never opened again. "
        "Change its shifts on the Rota page instead: the change is paid as an adjustment in "
        "the next open period."
    )
    with pytest.raises(CannotUndo) as refused:
        undo.undo_last(ef)
    assert str(refused.value) == message
    assert _document(ef) == before


def test_a_shift_in_a_period_locked_since_is_refused(employer_file: EmployerFile) -> None:
    """A lock the history does not hold (a file from before it): the shift is still safe."""
    ef = employer_file
    record_shift(ef, ShiftInput(_first_pa(ef).id, Kind.WORK, date(2026, 11, 3), time(9), time(17)))
    ef.keep_history = False
    with ef.transaction() as session:
        session.add(
            PayPeriodLock(
                period_start=PERIOD[0],
                period_end=PERIOD[1],
                pay_date=PERIOD[1] + timedelta(days=7),
                locked_at="2026-11-21",
            )
        )
    ef.keep_history = True
    with pytest.raises(CannotUndo) as refused:
        undo.undo_last(ef)
    assert str(refused.value) == (
        "Cannot undo add shift for Morag on Tue 3 Nov: the pay period 24 Oct to 20 Nov 2026 "
        "was exported for the payroll provider and is locked. Change the shift on the Rota "
        "page instead: the change is paid as an adjustment in the next open period."
    )
    assert len(ledger_free_shifts(ef)) == 1


def test_a_return_sent_to_the_council_is_not_changed_by_undo(employer_file: EmployerFile) -> None:
    ef = employer_file
    with ef.transaction() as session:
        session.add(
            CouncilReturn(
                start_date=date(2026, 4, 1),
                end_date=date(2026, 6, 30),
                status="submitted",
                created_on=date(2026, 7, 1),
                submitted_on=date(2026, 7, 2),
            )
        )
    with pytest.raises(
        CannotUndo, match="the return for 1 Apr to 30 Jun 2026 was sent to the council"
    ):
        undo.undo_last(ef)


def test_a_row_changed_outside_the_history_is_not_overwritten(employer_file: EmployerFile) -> None:
    ef = employer_file
    record_shift(ef, ShiftInput(_first_pa(ef).id, Kind.WORK, date(2026, 11, 3), time(9), time(17)))
    ef.keep_history = False
    (shift,) = ledger_free_shifts(ef)
    change_shift(
        ef, shift.id, ShiftInput(_first_pa(ef).id, Kind.WORK, date(2026, 11, 3), time(10), time(17))
    )
    ef.keep_history = True
    with pytest.raises(CannotUndo, match="changed since") as refused:
        undo.undo_last(ef)
    assert undo.check(ef, "undo") == str(refused.value)  # the window says it before trying
    assert len(ledger_free_shifts(ef)) == 1


def test_a_change_that_changes_nothing_is_not_kept(employer_file: EmployerFile) -> None:
    ef = employer_file
    who = employer.get_employer(ef)
    assert who is not None
    employer.save_employer(ef, who)
    with ef.reading() as session:
        assert session.scalar(select(func.count()).select_from(AuditAction)) == 0


STATEMENTS = Path(__file__).parents[2] / "fixtures" / "statements"
SHIFTS_CSV = (
    "payroll_number,date,start,end,kind,break_minutes,hours,notes\n"
    "PA001,2026-11-02,09:00,17:00,work,30,7.5,\n"
    "PA002,2026-11-03,13:00,17:00,training,,,Moving and handling\n"
    "PA001,2026-11-04,,,holiday,,7.5,\n"
)


def import_a_statement(ef: EmployerFile) -> None:
    statements.import_statement(ef, STATEMENTS / "tsb.csv")


def import_shift_lines(ef: EmployerFile) -> None:
    path = ef.path.with_name("shifts.csv")
    path.write_text(SHIFTS_CSV, encoding="utf-8")
    import_shifts(ef, path)


@pytest.mark.parametrize("bulk", [import_a_statement, import_shift_lines])
def test_an_import_written_in_bulk_is_undone_whole(copy_of, bulk) -> None:  # type: ignore[no-untyped-def]
    for ef in copy_of():
        before = _document(ef)
        bulk(ef)
        after = _document(ef)
        assert after != before
        undo.undo_last(ef)
        assert _document(ef) == before
        undo.redo_last(ef)
        assert _document(ef) == after


def _history(ef: EmployerFile) -> tuple[list[tuple[int, bool]], set[int], int]:
    """The actions (id, open), the actions with rows kept for undo, and the audit entries."""
    with ef.reading() as session:
        actions = [(a.id, a.open) for a in session.scalars(select(AuditAction).order_by("id"))]
        with_rows = set(session.scalars(select(AuditRow.action_id).distinct()))
        entries = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
    return actions, with_rows, entries


def test_only_the_newest_changes_keep_their_rows_and_the_audit_log_keeps_all(
    employer_file: EmployerFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history, "UNDO_KEPT", 3)
    ef = employer_file
    first = _first_pa(ef)
    _, _, entries_before = _history(ef)
    for day in range(2, 7):  # five changes, Mon 2 to Fri 6 Nov
        record_shift(ef, ShiftInput(first.id, Kind.WORK, date(2026, 11, day), time(9), time(17)))
    actions, with_rows, entries = _history(ef)
    ids = [a for a, _open in actions]
    assert len(ids) == 5, "every action is still recorded"
    assert with_rows == set(ids[2:]), "only the newest three keep their rows"
    assert [was_open for _a, was_open in actions] == [False, False, True, True, True]
    assert entries > entries_before
    # undo steps back through the three (undos do not use up the history)...
    for day in (6, 5, 4):
        assert undo.undo_last(ef).what.endswith(f"{day} Nov")
    # ... then says that older changes cannot be undone, and changes nothing
    state = undo.undo_state(ef)
    assert state.undo is None and state.older
    assert undo.check(ef, "undo") == undo.NO_OLDER_UNDO
    with pytest.raises(CannotUndo, match="older changes cannot"):
        undo.undo_last(ef)
    assert [s.local_date.day for s in ledger_free_shifts(ef)] == [2, 3]
    assert "audit log" in undo.NO_OLDER_UNDO and "100" in undo.NO_OLDER_UNDO
    # redo still works, and no audit entry was ever taken away
    assert undo.redo_last(ef).what.endswith("4 Nov")
    _, _, entries_after = _history(ef)
    assert entries_after >= entries


def test_a_new_change_trims_the_history_in_its_own_transaction(
    employer_file: EmployerFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    ef = employer_file
    first = _first_pa(ef)
    for day in range(2, 6):
        record_shift(ef, ShiftInput(first.id, Kind.WORK, date(2026, 11, day), time(9), time(17)))
    monkeypatch.setattr(history, "UNDO_KEPT", 2)  # as a file kept before the history was trimmed
    state = undo.undo_state(ef)
    assert state.undo is not None and state.undo.endswith("5 Nov") and not state.older
    assert len(_history(ef)[1]) == 4, "nothing is deleted by reading"
    undo.undo_last(ef)
    undo.undo_last(ef)
    assert undo.undo_state(ef) == undo.UndoState(None, "add shift for Morag on Wed 4 Nov", True)
    record_shift(ef, ShiftInput(first.id, Kind.WORK, date(2026, 11, 9), time(9), time(17)))
    actions, with_rows, _ = _history(ef)
    # kept: from the second newest change (5 Nov, undone) on, the two undos and the new one
    assert len(actions) == 7 and with_rows == {a for a, _ in actions[3:]}
    assert not any(was_open for a, was_open in actions if a not in with_rows)
