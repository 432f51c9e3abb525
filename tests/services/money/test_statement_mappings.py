"""Column mappings for statement files: given once, saved for the account and these
columns, used again without asking; bad mappings and bad files refused before anything
is saved; a file from another account refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pa_employer.core.validation import InputError
from pa_employer.models import BankStatement, StatementMappingRow
from pa_employer.services.money import statements
from pa_employer.services.money.statement_reading import list_mappings, preview_file
from tests.import_fuzz import tables_digest

FIXTURES = Path(__file__).parents[2] / "fixtures" / "statements"
HEADER = "When;What;How much;Left\n"
NOVEMBER = HEADER + "02/11/2026;Council;1,000.00;1000.00\n03/11/2026;Cafe;(12.50);987.50\n"
DECEMBER = HEADER + "02/12/2026;Council;1,000.00;1987.50\n05/12/2026;Bus;2.00-;1985.50\n"
MAP = "date=When,description=What,amount=How much,balance=Left,dates=DD/MM/YYYY"


def write(tmp_path, text, name):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def count(ef, table):
    with ef.reading() as session:
        return session.scalar(select(func.count()).select_from(table))


def test_a_file_no_layout_knows_is_refused_with_the_proposed_mapping(new_file, tmp_path):
    path = write(tmp_path, NOVEMBER, "nov.csv")
    with pytest.raises(InputError, match="every date could be read as DD/MM/YYYY or MM/DD"):
        statements.import_statement(new_file, path)
    path = write(tmp_path, NOVEMBER.replace("03/11", "13/11"), "nov13.csv")
    with pytest.raises(InputError, match="--map 'date=When,description=What") as err:
        statements.import_statement(new_file, path)
    assert err.value.location == str(path)
    assert count(new_file, BankStatement) == 0


def test_mapping_given_once_is_saved_and_used_again(new_file, tmp_path):
    done = statements.import_statement(new_file, write(tmp_path, NOVEMBER, "nov.csv"), mapping=MAP)
    assert (done.layout, done.lines, done.closing_pence) == ("custom", 2, 98750)
    (saved,) = list_mappings(new_file)
    assert (saved.account, saved.mapping) == ("bank", MAP)
    december = write(tmp_path, DECEMBER, "dec.csv")
    seen = preview_file(new_file, december)
    assert seen.saved and seen.how == "the column mapping saved for this account"
    assert statements.import_statement(new_file, december).lines == 2
    # the card's files are another account: its mapping is asked for separately
    assert not preview_file(new_file, december, account="card").saved
    assert count(new_file, StatementMappingRow) == 1


def test_a_changed_mapping_replaces_the_saved_one(new_file, tmp_path):
    statements.import_statement(new_file, write(tmp_path, NOVEMBER, "nov.csv"), mapping=MAP)
    other = MAP.replace(",balance=Left", "")
    statements.import_statement(new_file, write(tmp_path, DECEMBER, "dec.csv"), mapping=other)
    (saved,) = list_mappings(new_file)
    assert saved.mapping == other


@pytest.mark.parametrize(
    ("mapping", "words"),
    [
        ("date=When,amount=How much", "Description: is not mapped"),
        ("date=When,description=What,amount=What", "already mapped to Description"),
        ("date=When,description=What,amount=How much,balance=Balance", "no column 'Balance'"),
        (MAP.replace("balance=Left", "balance=What"), "already mapped to Description"),
    ],
)
def test_bad_mappings_are_refused_and_nothing_is_saved(new_file, tmp_path, mapping, words):
    before = tables_digest(new_file.path)
    with pytest.raises(InputError, match=words) as err:
        statements.import_statement(new_file, write(tmp_path, NOVEMBER, "nov.csv"), mapping=mapping)
    assert err.value.location.startswith(str(tmp_path / "nov.csv"))
    assert tables_digest(new_file.path) == before


def test_a_balance_that_does_not_agree_is_refused_naming_the_line(new_file, tmp_path):
    bad = NOVEMBER.replace("987.50", "988.50")
    before = tables_digest(new_file.path)
    with pytest.raises(InputError, match=r"expected £987\.50") as err:
        statements.import_statement(new_file, write(tmp_path, bad, "nov.csv"), mapping=MAP)
    assert err.value.location == f"{tmp_path / 'nov.csv'}, line 3"
    assert tables_digest(new_file.path) == before


def test_a_file_from_another_account_is_refused(new_file, tmp_path):
    tsb = tmp_path / "tsb.csv"
    shutil.copy(FIXTURES / "tsb.csv", tsb)
    assert statements.import_statement(new_file, tsb).layout == "tsb"
    with new_file.reading() as session:
        assert session.scalars(select(BankStatement.account_number)).one() == "12345678"
    other = tmp_path / "other.csv"
    other.write_text(
        tsb.read_text().replace("12345678", "99990000").replace("2026-03-", "2026-04-")
    )
    before = tables_digest(new_file.path)
    with pytest.raises(InputError, match="from the account '99990000'") as err:
        statements.import_statement(new_file, other)
    assert err.value.location == str(other)
    assert tables_digest(new_file.path) == before
    # the same file is fine for the pre-paid card, which has no account number yet
    assert statements.import_statement(new_file, other, account="card").lines == 6


def test_each_new_format_imports_and_matches(new_file, tmp_path):
    for name in ("camt053.xml", "statement.sta", "statement.qif", "santander.txt"):
        path = tmp_path / name
        shutil.copy(FIXTURES / name, path)
    statements.import_statement(new_file, tmp_path / "camt053.xml")
    # the same lines again (another format, same account) are refused as repeats
    with pytest.raises(InputError, match="already imported"):
        statements.import_statement(new_file, tmp_path / "statement.sta")
    assert (
        statements.import_statement(new_file, tmp_path / "statement.qif", account="card").lines == 6
    )


def test_a_qif_date_format_chosen_once_is_used_again(new_file, tmp_path):
    qif = "!Type:Bank\nD02/03/2026\nT-5.00\nPCafe\n^\nD04/03/2026\nT-6.00\nPBus\n^\n"
    first = write(tmp_path, qif, "march.qif")
    assert preview_file(new_file, first).date_choices == ("%d/%m/%Y", "%m/%d/%Y")
    chosen = "date=Date,description=Payee+Memo,amount=Amount,reference=Number,dates=DD/MM/YYYY"
    assert statements.import_statement(new_file, first, mapping=chosen).start.month == 3
    april = write(tmp_path, qif.replace("/03/", "/04/"), "april.qif")
    seen = preview_file(new_file, april)
    assert seen.saved and seen.read is not None and seen.read.start.month == 4


def test_a_file_from_another_bank_is_refused_unless_the_layout_is_chosen(new_file, tmp_path):
    examples = Path(__file__).parents[3] / "docs" / "examples"
    nationwide = tmp_path / "nationwide.csv"
    shutil.copy(examples / "statement-nationwide.csv", nationwide)
    statements.import_statement(new_file, nationwide)
    revolut = tmp_path / "revolut.csv"
    revolut.write_text((FIXTURES / "revolut.csv").read_text().replace("2026-03-", "2026-05-"))
    before = tables_digest(new_file.path)
    with pytest.raises(InputError, match="in the layout of Revolut, but the statements") as err:
        statements.import_statement(new_file, revolut)
    assert err.value.location == str(revolut)
    assert tables_digest(new_file.path) == before
    assert statements.import_statement(new_file, revolut, layout="revolut").layout == "revolut"
