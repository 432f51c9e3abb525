"""The employer document: dump and load over a file with a row in every table and a value
in every column (the demo, plus what it lacks), and every refusal of a bad document."""

from __future__ import annotations

import copy
import json
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from pa_employer.core.people.leaving import LeavingReason, NoticeBy
from pa_employer.core.validation import InputError
from pa_employer.demo.employer import make_demo
from pa_employer.models import (
    Base,
    CouncilProfileRow,
    EmployerRow,
    FlagNote,
    InsuranceCoverRow,
    LocalHoliday,
    PALeavingRow,
    PARow,
    PayrollMappingRow,
    RotaPatternRow,
    RuleOverride,
    ShiftRow,
    StatementMappingRow,
)
from pa_employer.services.employment import leaving
from pa_employer.services.errors import EmployerFileError
from pa_employer.services.people import pas as people
from pa_employer.services.storage import undo
from pa_employer.services.storage.document_layout import layout, top_level
from pa_employer.services.storage.dump import document_text, employer_document
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.storage.load import load_file, read_document
from tests import factories
from tests.conftest import fixed_clock


def _fill_gaps(ef: EmployerFile) -> None:
    """Rows for the tables the demo leaves empty and a value in each column it leaves NULL
    (as tests/fixtures/make_fixture.py adds them for its schema fixture)."""
    with ef.transaction() as session:
        session.add(
            FlagNote(
                flag_key="surplus:2026-03-31",
                explanation="Saved for a hoist",
                recorded_at="2026-11-23T10:00:00+00:00",
                recorded_by="Jean",
            )
        )
        session.add(LocalHoliday(day=date(2026, 8, 3), name="Glasgow Fair Monday"))
        session.add(
            RuleOverride(
                name="pa_minimum_hourly",
                value="12.60",
                unit="GBP/hour",
                effective_from=date(2026, 4, 1),
                effective_to=date(2027, 3, 31),
                source="council letter",
            )
        )
        session.add(
            StatementMappingRow(
                account="bank",
                signature="when|what|how much",
                mapping="date=When,description=What,amount=How much",
                used_on=date(2026, 11, 30),
            )
        )
        session.add(
            PayrollMappingRow(
                provider="brightpay",
                signature="works no|gross pay",
                mapping="payroll_number=Works No,gross=Gross Pay",
                used_on=date(2026, 11, 30),
            )
        )
        council = session.scalars(select(CouncilProfileRow)).one()
        council.payment_method, council.netting, council.recover_all = "bacs", True, False
        council.recovery_on_death, council.self_employed_pas_allowed = True, False
        council.family_members, council.holiday_pay_counted = "with_approval", True
        council.return_sections, council.return_style = '["income"]', "light_touch"
        who = session.scalars(select(EmployerRow)).one()
        who.employment_allowance = True
        # schema 0014: the person acting's powers and end; the date of birth; cover lines
        who.acting_covers_finances, who.acting_covers_employment = True, False
        who.acting_ends_on, who.supported_person_born_on = date(2029, 6, 30), date(1948, 2, 29)
        session.add(
            InsuranceCoverRow(
                kind="redundancy", limit_pence=1_000_000, excess_pence=25_000, notes="Per PA"
            )
        )
        pa = session.scalars(select(PARow).order_by(PARow.id)).first()
        assert pa is not None
        pa.leave_date, pa.pvg_renewal_due = date(2027, 6, 30), date(2030, 1, 1)
        pa.opted_out_48h_on, pa.pension_postponed_until = date(2025, 5, 1), date(2026, 7, 1)
        pa.pension_opted_in_on, pa.pension_opted_out_on = date(2025, 6, 1), date(2025, 9, 1)
        pa.family_approved_on = date(2025, 4, 1)
        pa.continuous_from = date(2020, 6, 3)
        session.scalars(select(RotaPatternRow)).first().effective_to = date(2027, 3, 31)  # type: ignore[union-attr]
        shifts = list(session.scalars(select(ShiftRow).order_by(ShiftRow.id)))
        first, last = shifts[0], shifts[-1]
        first.adjusts_shift_id = last.id  # a reference to a row inserted after it
        first.paid_in_period_start = date(2026, 11, 2)
        first.break_start_utc = datetime(2025, 10, 1, 12, 0, tzinfo=UTC)
    # a PA's leaving (schema 0015), with every column set
    pas = people.list_pas(ef)
    leaving.record_leaving(
        ef,
        pas[-1].id,
        leaving.LeavingAnswers(
            LeavingReason.REDUNDANCY,
            date(2026, 11, 27),
            date(2026, 11, 2),
            NoticeBy.EMPLOYER,
            contract_notice_weeks=4,
            notes="Package reduced",
        ),
    )
    with ef.transaction() as session:
        row = session.scalars(select(PALeavingRow)).one()
        row.holiday_rate_pence = row.holiday_rate_pence or 1345
    # the undo history (schema 0012): an action undone, then redone (each names its target)
    with ef.transaction() as session:
        session.add(LocalHoliday(day=date(2026, 9, 28), name="September weekend"))
    undo.undo_last(ef)
    undo.redo_last(ef)


@pytest.fixture(scope="module")
def every_table(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("every")
    path = folder / "every.paemployer"
    ef = make_demo(path, user="Test", clock=fixed_clock)
    try:
        _fill_gaps(ef)
    finally:
        ef.close()
    return path


def _dump(path: Path) -> dict[str, Any]:
    with EmployerFile.open(path, user="Test", clock=fixed_clock, auto_backup=False) as ef:
        return employer_document(ef)


def _raw_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table as SQLite holds it, in primary-key order."""
    conn = sqlite3.connect(path)
    try:
        out = {}
        for table in Base.metadata.sorted_tables:
            order = ", ".join(c.name for c in table.primary_key.columns)
            columns = ", ".join(c.name for c in table.columns)
            out[table.name] = conn.execute(
                f"SELECT {columns} FROM {table.name} ORDER BY {order}"
            ).fetchall()
        return out
    finally:
        conn.close()


def test_every_table_and_column_is_in_the_fixture(every_table: Path) -> None:
    """The round trip below covers every table and column only if each holds something:
    a table or column added later fails here until the fixture gives it a value."""
    rows = _raw_rows(every_table)
    empty = [name for name, found in rows.items() if not found]
    assert not empty, f"give these tables a row in _fill_gaps: {empty}"
    unset = [
        f"{table.name}.{column.name}"
        for table in Base.metadata.sorted_tables
        for n, column in enumerate(table.columns)
        if all(row[n] is None for row in rows[table.name])
    ]
    assert not unset, f"give these columns a value in _fill_gaps: {unset}"


def test_dump_load_dump_keeps_every_row_and_column(every_table: Path, tmp_path: Path) -> None:
    document = _dump(every_table)
    source = tmp_path / "every.json"
    source.write_text(document_text(document), encoding="utf-8")
    loaded = load_file(source, tmp_path / "loaded.paemployer", user="Test", clock=fixed_clock)
    assert loaded.counts["pa"] == 3
    assert _raw_rows(loaded.path) == _raw_rows(every_table)  # the same rows, ids and all
    again = _dump(loaded.path)
    assert document_text(again) == document_text(document)


def test_layout_nests_owned_rows_and_names_pas_by_payroll_number(every_table: Path) -> None:
    tables = layout()
    assert set(tables) == {t.name for t in Base.metadata.sorted_tables}
    for t in tables.values():  # a field and a nested list never share a name
        assert len(set(t.fields()) | set(t.children)) == len(t.fields()) + len(t.children)
    records = _dump(every_table)["records"]
    assert "pay_rate" not in records and "funder_amount" not in records
    pa = records["pa"][0]
    assert pa["pay_rate"] and "pa_id" not in pa["pay_rate"][0] and "pa" not in pa["pay_rate"][0]
    funder = records["support_plan"][0]["funder"][0]
    assert funder["funder_amount"][0]["amount_pence"] > 0
    numbers = {p["payroll_number"] for p in records["pa"]}
    assert {s["pa"] for s in records["shift"]} <= numbers
    linked = [line for line in records["ledger_line"] if line["ledger_line_receipt"]]
    assert linked and isinstance(linked[0]["ledger_line_receipt"][0]["receipt"], str)
    assert any(line["ledger_line_outcome"] for line in records["ledger_line"])
    receipt = records["receipt"][0]["content"]
    assert set(receipt) == {"media_type", "size_bytes", "sha256", "base64"}
    assert receipt["sha256"] == records["receipt"][0]["sha256"]
    assert records["shift"][0]["break_start_utc"] == "2025-10-01T12:00:00Z"
    assert set(records) == set(top_level())


# -- refusals -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path = tmp_path_factory.mktemp("small") / "jean.paemployer"
    factories.make_employer_file(path, fixed_clock).close()
    return _dump(path)


def _first(rows: list[dict[str, Any]], key: str) -> dict[str, Any]:
    return next(r for r in rows if r.get(key))


def _pa(doc: dict[str, Any], n: int = 0) -> dict[str, Any]:
    pa: dict[str, Any] = doc["records"]["pa"][n]
    return pa


#: Each way to spoil a document: (what it does, the JSON path the refusal must name).
SPOILERS: dict[str, tuple[Any, str]] = {
    "format": (lambda d: d.update(format="something-else"), "format"),
    "version": (lambda d: d.update(version=2), "version"),
    "schema": (lambda d: d.update(schema="9999"), "schema"),
    "missing field": (lambda d: _pa(d).pop("start_date"), "records.pa[0].start_date"),
    "bad date": (lambda d: _pa(d).update(start_date="31/02/2026"), "records.pa[0].start_date"),
    "bad amount": (
        lambda d: _pa(d)["pay_rate"][0].update(amount_pence=12.5),
        "records.pa[0].pay_rate[0].amount_pence",
    ),
    "amount too large": (
        lambda d: _pa(d)["pay_rate"][0].update(amount_pence=2**70),
        "records.pa[0].pay_rate[0].amount_pence",
    ),
    "amount as text": (
        lambda d: _pa(d)["pay_rate"][0].update(amount_pence="1250"),
        "records.pa[0].pay_rate[0].amount_pence",
    ),
    "unknown PA": (
        lambda d: d["records"].update(shift=[{**_shift_like(d), "pa": "PA999"}]),
        "records.shift[0].pa",
    ),
    "unknown field": (lambda d: _pa(d).update(nickname="Mo"), "records.pa[0].nickname"),
    "nested table at the top": (lambda d: d["records"].update(pay_rate=[]), "records.pay_rate"),
    "null required": (lambda d: _pa(d).update(last_name=None), "records.pa[0].last_name"),
    "two rows one id": (lambda d: _pa(d, 1).update(id=_pa(d)["id"]), "records.pa[1].id"),
    "negative rate": (
        lambda d: _pa(d)["pay_rate"][0].update(amount_pence=-1),
        "records.pa[0].pay_rate[0]",
    ),
    "payroll number twice": (
        lambda d: _pa(d, 1).update(payroll_number=_pa(d)["payroll_number"]),
        "records.pa[1]",
    ),
}


def _shift_like(doc: dict[str, Any]) -> dict[str, Any]:
    """A worked shift row in the document's shape (the small file has none)."""
    return {
        "id": 1, "pa": doc["records"]["pa"][0]["payroll_number"], "kind": "work",
        "status": "worked", "local_date": "2026-11-02", "start_local": "09:00",
        "end_local": "13:00", "start_utc": "2026-11-02T09:00:00Z",
        "end_utc": "2026-11-02T13:00:00Z", "break_minutes": 0, "break_start_utc": None,
        "minutes": 240, "pattern": None, "adjusts_shift": None, "paid_in_period_start": None,
        "notes": "",
    }  # fmt: skip


@pytest.mark.parametrize("how", list(SPOILERS))
def test_a_bad_document_is_refused_naming_its_path(
    small: dict[str, Any], tmp_path: Path, how: str
) -> None:
    doc = copy.deepcopy(small)
    spoil, where = SPOILERS[how]
    spoil(doc)
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    out = tmp_path / "new.paemployer"
    with pytest.raises(InputError) as caught:
        load_file(source, out, user="Test", clock=fixed_clock)
    assert where in [p.field for p in caught.value.problems], caught.value.problems
    assert caught.value.location == str(source)
    assert not out.exists() and not list(tmp_path.glob("new.paemployer*"))


def test_a_shift_by_payroll_number_loads(small: dict[str, Any], tmp_path: Path) -> None:
    doc = copy.deepcopy(small)
    doc["records"]["shift"] = [_shift_like(doc)]
    source = tmp_path / "one.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    loaded = load_file(source, tmp_path / "one.paemployer", user="Test", clock=fixed_clock)
    assert _dump(loaded.path)["records"]["shift"] == doc["records"]["shift"]


def test_rows_without_ids_get_new_ones_and_references_follow(
    small: dict[str, Any], tmp_path: Path
) -> None:
    doc = copy.deepcopy(small)
    for pa in doc["records"]["pa"]:
        del pa["id"]
        for rate in pa["pay_rate"]:
            del rate["id"]
    shift = _shift_like(doc)
    del shift["id"]
    doc["records"]["shift"] = [shift]
    rows = read_document(doc)
    assert len(rows["pay_rate"]) == sum(len(p["pay_rate"]) for p in small["records"]["pa"])
    source = tmp_path / "no-ids.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    loaded = load_file(source, tmp_path / "no-ids.paemployer", user="Test", clock=fixed_clock)
    again = _dump(loaded.path)["records"]
    assert [p["payroll_number"] for p in again["pa"]] == [
        p["payroll_number"] for p in small["records"]["pa"]
    ]
    assert again["shift"][0]["pa"] == shift["pa"]


def test_binary_data_that_does_not_match_its_hash_is_refused(
    every_table: Path, tmp_path: Path
) -> None:
    doc = _dump(every_table)
    content = doc["records"]["receipt"][0]["content"]
    content["base64"] = "AAAA" + content["base64"][4:]
    with pytest.raises(InputError) as caught:
        read_document(doc)
    assert [p.field for p in caught.value.problems] == ["records.receipt[0].content"]
    assert "SHA-256" in caught.value.problems[0].message


def test_load_refuses_a_file_that_exists(small: dict[str, Any], tmp_path: Path) -> None:
    source = tmp_path / "small.json"
    source.write_text(json.dumps(small), encoding="utf-8")
    out = tmp_path / "there.paemployer"
    out.write_bytes(b"mine")
    with pytest.raises(EmployerFileError, match="already exists"):
        load_file(source, out, user="Test", clock=fixed_clock)
    assert out.read_bytes() == b"mine"


def test_text_that_is_not_json_is_refused_with_its_line(tmp_path: Path) -> None:
    source = tmp_path / "broken.json"
    source.write_text('{\n "format": \n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_file(source, tmp_path / "x.paemployer", user="Test", clock=fixed_clock)
    assert caught.value.problems[0].field.startswith("line 3")
    assert caught.value.location == str(source)


def test_an_older_document_gets_the_defaults_of_columns_it_lacks(
    small: dict[str, Any], tmp_path: Path
) -> None:
    doc = copy.deepcopy(small)
    doc["schema"] = "0010"
    for pa in doc["records"]["pa"]:
        del pa["family_approval_conditions"], pa["family_approved_on"]
    source = tmp_path / "old.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    loaded = load_file(source, tmp_path / "old.paemployer", user="Test", clock=fixed_clock)
    again = _dump(loaded.path)["records"]["pa"]
    assert {(p["family_approval_conditions"], p["family_approved_on"]) for p in again} == {
        ("", None)
    }


def test_the_guide_names_every_table_of_the_document() -> None:
    guide = (Path(__file__).parents[3] / "docs" / "cli.md").read_text(encoding="utf-8")
    section = guide.split("## The employer document")[1].split("\n## ")[0]
    listed = [line.strip()[3:].split("`")[0] for line in section.splitlines()
              if line.strip().startswith("- `")]  # fmt: skip
    assert sorted(listed) == sorted(layout())
    top = [line[3:].split("`")[0] for line in section.splitlines() if line.startswith("- `")]
    assert top == top_level()
