"""dump(load(dump(f))) == dump(f) over random employers: PAs with any names, dates and
flags, their rates, shifts and absences, ledger lines linked to receipts of any bytes and
to outcomes, local holidays, and rows deleted in between (so ids have gaps)."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from pa_employer.models import (
    LedgerLine,
    LineOutcome,
    LineReceipt,
    LocalHoliday,
    OutcomeRow,
    PARow,
    PayRateRow,
    Receipt,
    ShiftRow,
)
from pa_employer.services.storage.dump import document_text, employer_document
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.storage.load import load_file
from tests import factories
from tests.conftest import fixed_clock

DAY0 = date(2020, 1, 1)
days = st.integers(0, 3000).map(lambda n: DAY0 + timedelta(days=n))
words = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
pence = st.integers(1, 10**9)


@st.composite
def pas(draw: Any, number: int) -> dict[str, Any]:
    start = draw(days)
    return {
        "first_name": draw(words),
        "last_name": draw(words),
        "payroll_number": f"R{number:03d}",
        "start_date": start,
        "leave_date": draw(st.none() | st.just(start + timedelta(days=draw(st.integers(0, 900))))),
        "date_of_birth": draw(st.none() | days),
        "family_member": draw(st.booleans()),
        "contracted_minutes_per_week": draw(st.integers(0, 4800)),
        "notes": draw(words),
        "rates": draw(st.lists(st.tuples(st.sampled_from(["day", "night"]), pence), max_size=3)),
        "holidays": draw(st.lists(st.tuples(days, st.integers(0, 600)), max_size=3)),
    }


employers = st.fixed_dictionaries(
    {
        "pas": st.integers(0, 3).flatmap(
            lambda n: st.tuples(*[pas(i) for i in range(n)]).map(list)
        ),
        "lines": st.lists(
            st.tuples(days, st.sampled_from(["in", "out"]), pence, words, st.booleans()),
            max_size=6,
        ),
        "receipts": st.lists(st.binary(min_size=0, max_size=200), max_size=3, unique=True),
        "holidays": st.lists(st.tuples(days, words), max_size=3, unique_by=lambda h: h[0]),
        "deleted": st.integers(0, 2),
    }
)


def _fill(ef: EmployerFile, spec: dict[str, Any]) -> None:
    with ef.transaction() as session:
        outcome = session.scalars(select(OutcomeRow)).first()
        for pa in spec["pas"]:
            row = PARow(**{k: v for k, v in pa.items() if k not in ("rates", "holidays")})
            session.add(row)
            session.flush()
            for n, (code, amount) in enumerate(pa["rates"]):
                start = pa["start_date"] + timedelta(days=n)
                session.add(
                    PayRateRow(
                        pa_id=row.id, rate_code=code, amount_pence=amount, effective_from=start
                    )
                )
            for day, minutes in pa["holidays"]:
                session.add(ShiftRow(pa_id=row.id, kind="holiday", local_date=day, minutes=minutes))
        receipts = []
        for content in spec["receipts"]:
            receipt = Receipt(filename="r.bin", media_type="application/octet-stream",
                              size_bytes=len(content), sha256=_sha(content), content=content,
                              added_on=DAY0)  # fmt: skip
            session.add(receipt)
            receipts.append(receipt)
        session.flush()
        for n, (day, direction, amount, payee, linked) in enumerate(spec["lines"]):
            line = LedgerLine(day=day, direction=direction, amount_pence=amount, payee=payee,
                              category="other")  # fmt: skip
            session.add(line)
            session.flush()
            if linked and outcome is not None:
                session.add(LineOutcome(line_id=line.id, outcome_id=outcome.id, how_it_helps=payee))
            if receipts:
                session.add(LineReceipt(line_id=line.id, receipt_id=receipts[n % len(receipts)].id))
        for day, name in spec["holidays"]:
            session.add(LocalHoliday(day=day, name=name))
    with ef.transaction() as session:  # leave gaps in the ids
        for _ in range(spec["deleted"]):
            first = session.scalars(select(LedgerLine.id).order_by(LedgerLine.id)).first()
            if first is not None:
                session.execute(delete(LedgerLine).where(LedgerLine.id == first))


def _sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _text(path: Path) -> str:
    with EmployerFile.open(path, user="Test", clock=fixed_clock, auto_backup=False) as ef:
        return document_text(employer_document(ef))


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(spec=employers)
def test_dump_of_load_of_dump_is_the_dump(tmp_path: Path, spec: dict[str, Any]) -> None:
    folder = Path(tmp_path) / f"case{len(list(Path(tmp_path).iterdir()))}"
    folder.mkdir()
    base = tmp_path / "base.paemployer"
    if not base.exists():
        factories.make_employer_file(base, fixed_clock).close()
    path = folder / "random.paemployer"
    shutil.copy(base, path)
    with EmployerFile.open(path, user="Test", clock=fixed_clock, auto_backup=False) as ef:
        _fill(ef, spec)
    first = _text(path)
    document = folder / "random.json"
    document.write_text(first, encoding="utf-8")
    loaded = load_file(document, folder / "loaded.paemployer", user="Test", clock=fixed_clock)
    assert _text(loaded.path) == first
