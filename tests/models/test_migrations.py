"""Schema: migrations match the models, and files from every released schema open."""

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from pa_employer.core.records import LegalBasis, LegalEmployer
from pa_employer.models import Base, Receipt
from pa_employer.models.schema import KNOWN_REVISIONS, MIGRATIONS, SCHEMA_HEAD
from pa_employer.services.employment import leaving
from pa_employer.services.money import ledger, statement_reading
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import list_shifts
from pa_employer.services.settings import council, employer, insurance, plan
from pa_employer.services.storage import backup, undo
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.timesheets import payroll_reading
from tests.conftest import fixed_clock

FIXTURES = Path(__file__).parents[1] / "fixtures"


def test_head_matches_alembic():
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    script = ScriptDirectory.from_config(cfg)
    assert script.get_current_head() == SCHEMA_HEAD
    revisions = [r.revision for r in script.walk_revisions()][::-1]
    assert tuple(revisions) == KNOWN_REVISIONS


def test_migrations_build_exactly_the_models(new_file):
    with new_file.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


@pytest.mark.parametrize("revision", KNOWN_REVISIONS)
def test_files_from_every_released_schema_open(tmp_path, revision):
    """A file saved by each released schema opens (upgraded, with a backup first)."""
    source = FIXTURES / f"schema-{revision}.paemployer"
    path = tmp_path / source.name
    shutil.copy(source, path)
    with EmployerFile.open(path, user="t", clock=fixed_clock) as ef:
        assert employer.get_employer(ef).supported_person == "Jean Robertson"
        pas = people.list_pas(ef)
        assert len(pas) == 3
        assert all(pa.rates for pa in pas)  # rates survive table changes
        assert len(plan.get_plan(ef).outcomes) == 4
        if revision >= "0002":
            shifts = list_shifts(ef, date(2026, 10, 1), date(2026, 11, 30))
            assert [s.minutes for s in shifts] == [660, 420]
        if revision >= "0003":
            (line,) = ledger.lines_between(ef, date(2026, 11, 1), date(2026, 11, 30))
            assert (line.amount_pence, line.category, line.payee) == (320, "activities", "Cafe Rio")
            (receipt,) = ledger.receipts_for(ef, line.id)
            assert receipt.media_type == "image/png"
            (link,) = ledger.outcome_links(ef, line.id)
            assert link.how_it_helps == "Seeing friends"
        if revision == "0006":  # saved before the fixture set a payroll layout
            assert employer.get_employer(ef).payroll_payment_groups == 5
        if revision >= "0007":
            who = employer.get_employer(ef)
            assert (who.payroll_layout, who.payroll_payment_groups) == ("brightpay-hourly", 6)
            (saved,) = statement_reading.list_mappings(ef)
            assert (saved.account, saved.columns) == ("bank", "when, what, how much")
            assert saved.mapping.startswith("date=When,")
        if revision >= "0008":
            (kept,) = payroll_reading.list_mappings(ef)
            assert (kept.provider, kept.columns) == (
                "brightpay",
                "works no, gross pay, paye, ee ni, net pay",
            )
            assert kept.mapping.startswith("payroll_number=Works No,gross=Gross Pay")
        elif revision == "0007":
            assert payroll_reading.list_mappings(ef) == []  # the new table, empty
        if revision >= "0009":
            assert employer.get_employer(ef).employment_allowance is True
            assert people.list_pas(ef)[0].pension_postponed_until == date(2026, 12, 31)
        else:  # the new columns, not recorded
            assert employer.get_employer(ef).employment_allowance is None
            assert all(pa.pension_postponed_until is None for pa in people.list_pas(ef))
        style = council.get_council_profile(ef).return_style
        assert style == ("light_touch" if revision >= "0010" else None)
        who = employer.get_employer(ef)
        morag = pas[0]  # the first in the list, as the fixture chose
        if revision >= "0011":
            assert who.legal_basis is LegalBasis.CONTINUING_ATTORNEY
            assert who.acting_reference == "OPG CPA 2024/118342"
            assert who.legal_employer is LegalEmployer.SUPPORTED_PERSON
            assert who.employer_name == "Jean Robertson"
            assert (
                morag.family_member,
                morag.family_approved_on,
                morag.family_approval_reference,
                morag.family_approval_conditions,
            ) == (True, date(2025, 9, 1), "ACC/FAM/0192", "Not to live in the same household")
        else:
            # upgraded: the person acting stays the employer documents name, as before
            assert who.legal_basis is LegalBasis.POWER_OF_ATTORNEY
            assert who.legal_employer is LegalEmployer.ACTING_PERSON
            assert who.employer_name == "Alison Robertson" == who.signer_name
            assert (morag.family_approved_on, morag.family_approval_reference) == (None, "")
        if revision >= "0003":
            with ef.reading() as session:
                (total,) = session.scalars(sa.select(Receipt.amount_pence))
            # one receipt for one line (not a split): its total was never asked before 0011
            assert total == (320 if revision >= "0011" else None)
        check_acting_and_cover(ef, revision)
        _check_leaving(ef, revision, pas)
        # schema 0012: the undo history; an upgraded file starts with none
        state = undo.undo_state(ef)
        if revision >= "0012":
            assert state.redo == "add local holiday"
            assert state.undo is not None
        else:
            assert state == undo.UndoState(None, None)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == SCHEMA_HEAD
    # schema 0013: the index of shifts paid in a later period than their date
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "ix_shift_paid_in" in indexes
    conn.close()
    if revision != SCHEMA_HEAD:
        names = [p.name for p in backup.list_backups(path)]
        assert any(f"before-upgrade-from-{revision}" in n for n in names)


def check_acting_and_cover(ef: EmployerFile, revision: str) -> None:
    """Schema 0014: the person acting's scope and end; the date of birth; insurance cover."""
    who = employer.get_employer(ef)
    covers = insurance.list_cover(ef)
    if revision >= "0014":
        assert (who.acting_scope, who.acting_covers_finances, who.acting_ends_on) == (
            "Continuing and welfare powers, registered 2024",
            True,
            date(2029, 6, 30),
        )
        assert (who.supported_person_born_on, who.insurer_helpline) == (
            date(1948, 2, 29),
            "0800 123 4567",
        )
        assert [(c.kind.value, c.limit_pence, c.excess_pence) for c in covers] == [
            ("employers_liability", 1_000_000_000, None),
            ("redundancy", 1_000_000, 25_000),
        ]
    else:  # not recorded before: the capacity decides, and no cover lines
        assert (who.acting_scope, who.acting_covers_finances, who.acting_ends_on) == (
            "",
            None,
            None,
        )
        assert (who.supported_person_born_on, who.insurer_helpline, covers) == (None, "", [])


def _check_leaving(ef, revision, pas):
    """Schema 0015: continuous employment from, and a PA's leaving record."""
    morag = pas[0]
    gone = leaving.leavers(ef)
    if revision >= "0015":
        assert morag.continuous_from == date(2019, 6, 3)
        assert morag.service_from == date(2019, 6, 3)
        (priya,) = gone
        assert (priya.pa.payroll_number, priya.reason.value) == ("PA003", "resignation")
        assert (priya.leaving_date, priya.notice.given_on) == (
            date(2026, 11, 20),
            date(2026, 11, 13),
        )
        assert priya.pa.leave_date == date(2026, 11, 20)
        assert priya.notes == "Moving away"
    else:  # upgraded: service counts from the start date; nobody has a leaving record
        assert all(pa.continuous_from is None for pa in pas)
        assert all(pa.service_from == pa.start_date for pa in pas)
        assert gone == []


def test_upgrade_from_first_schema_step_by_step(tmp_path):
    """Build a file at the first schema with Alembic, then open it with this version."""
    path = tmp_path / "old.paemployer"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id=0x50414550")
    conn.commit()
    conn.close()
    engine = sa.create_engine(f"sqlite:///{path}")
    from pa_employer.models.schema import upgrade

    with engine.begin() as connection:
        upgrade(connection, KNOWN_REVISIONS[0])
        connection.execute(
            sa.text(
                "INSERT INTO employer (supported_person, acting_person, legal_basis, council_code,"
                " council_client_reference, paye_reference, accounts_office_reference, insurer,"
                " insurance_policy, pension_provider, pension_employer_id, payroll_provider,"
                " payroll_contact, pay_frequency, dp_account_type, iso_adviser)"
                " VALUES ('Old Person','','self','','','','','','','','','','','monthly','bank','')"
            )
        )
    engine.dispose()
    with EmployerFile.open(path, user="t", clock=fixed_clock) as ef:
        assert employer.get_employer(ef).supported_person == "Old Person"


def test_upgrade_to_0010_keeps_a_split_receipts_total_and_the_acting_employer(tmp_path):
    """From 0009: a receipt attached to every line of one split gets the split's total; a
    receipt for two separate lines gets none; the person acting stays the employer."""
    path = tmp_path / "old.paemployer"
    shutil.copy(FIXTURES / "schema-0009.paemployer", path)
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        INSERT INTO ledger_line (id, day, direction, amount_pence, payee, method, category,
            status, approval_reference, notes, split_group, source_file)
        VALUES (901, '2026-11-05', 'out', 320, 'Cafe', 'card', 'activities', 'paid', '', '',
                901, ''),
               (902, '2026-11-05', 'out', 290, 'Cafe', 'card', 'activities', 'paid', '', '',
                901, ''),
               (903, '2026-11-06', 'out', 500, 'Taxi', 'card', 'transport', 'paid', '', '',
                NULL, ''),
               (904, '2026-11-07', 'out', 500, 'Taxi', 'card', 'transport', 'paid', '', '',
                NULL, '');
        INSERT INTO receipt (id, filename, media_type, size_bytes, sha256, content, added_on)
        VALUES (901, 'cafe.png', 'image/png', 1, 'a', x'00', '2026-11-05'),
               (902, 'taxi.png', 'image/png', 1, 'b', x'00', '2026-11-07');
        INSERT INTO ledger_line_receipt (line_id, receipt_id)
        VALUES (901, 901), (902, 901), (903, 902), (904, 902);
        """
    )
    conn.commit()
    conn.close()
    with EmployerFile.open(path, user="t", clock=fixed_clock) as ef:
        with ef.reading() as session:
            totals = dict(session.execute(sa.select(Receipt.id, Receipt.amount_pence)).all())
        assert (totals[901], totals[902]) == (610, None)
        assert employer.get_employer(ef).employer_name == "Alison Robertson"
