"""Bank and pre-paid card statements: import (CSV with a layout, or OFX), match to the
ledger, record unmatched lines in the ledger, and reconcile (DOMAIN.md 2.3 and 2.6 D).

Every user action is one transaction. An import is all or nothing: a file already
imported (same SHA-256) is refused saying when, and so is a file repeating a line
already imported for the same account (same day, amount and description, or the same
bank reference), naming the first such line. After an import, lines are matched to the
ledger automatically (``core.account.statement.match_lines``: same amount and direction, dates
at most ``matching.window_days`` apart in resources/statement_layouts.toml).

The ``statement_line`` table is not audited row by row (a year's import would write
thousands of audit rows); a match or unmatch by hand writes its own audit row, and
the statement itself and every ledger line recorded from it are audited as usual.

``statement_balances`` and ``unreconciled_lines`` take a Session so the council return
can call them inside its own read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from pa_employer.core.account.ledger import INCOME_CATEGORIES, Direction, LedgerEntry, LineStatus
from pa_employer.core.account.statement import (
    MatchItem,
    ReadStatement,
    guess_category,
    match_lines,
    one_per_payment,
)
from pa_employer.core.exchange.mapping import Mapping
from pa_employer.core.money import format_pence
from pa_employer.core.validation import InputError, Problem, shown
from pa_employer.models import AuditEntry, BankStatement, LedgerLine, StatementLine
from pa_employer.services.errors import NotFound
from pa_employer.services.money.ledger import add_in, bank_balance_in, category_codes, to_entry
from pa_employer.services.money.paid_together import cleared_by, payment_of
from pa_employer.services.money.statement_reading import (
    check_account,
    check_bank,
    load,
    preview,
    preview_file,
    save_mapping_in,
)
from pa_employer.services.settings.resources import statement_category_rules, statement_layouts
from pa_employer.services.storage.employer_file import EmployerFile

ACCOUNTS = {"bank": "Bank account", "card": "Pre-paid card"}
#: Ledger lines never expected on a statement: the balance brought in when records began.
NOT_ON_STATEMENTS = frozenset({"opening_balance"})
#: How many parts of a difference ``describe`` lists before saying how many more.
DESCRIBE_MAX = 12


# -- reading --------------------------------------------------------------------------


def read_statement(
    path: Path, layout: str | None = None, mapping: Mapping | str | None = None
) -> tuple[ReadStatement, str]:
    """The statement in ``path`` and its SHA-256: OFX/QFX, CAMT.053, MT940, QIF, or a
    table (CSV, text, Excel) read with the mapping given, else the layout named or shown
    by its header. Raises InputError naming the file, line and column."""
    shown_ = preview(load(path), layout, mapping)
    if shown_.problem is not None:
        raise shown_.problem
    assert shown_.read is not None
    return shown_.read, shown_.file.digest


# -- import ---------------------------------------------------------------------------


@dataclass(frozen=True)
class StatementImport:
    statement_id: int
    layout: str
    account: str
    start: date
    end: date
    opening_pence: int | None
    closing_pence: int | None
    lines: int
    matched: int

    @property
    def unmatched(self) -> int:
        return self.lines - self.matched


def _refuse_same_file(session: Session, digest: str, filename: str) -> None:
    earlier = session.scalars(select(BankStatement).where(BankStatement.sha256 == digest)).first()
    if earlier is not None:
        raise InputError(
            [
                Problem(
                    "file",
                    f"this statement was already imported on {earlier.imported_on:%d/%m/%Y} "
                    f"(from {earlier.source_file}); nothing was imported",
                )
            ],
            filename,
        )


def _refuse_repeated_lines(
    session: Session, read: ReadStatement, account: str, filename: str
) -> None:
    query = (
        select(StatementLine, BankStatement)
        .join(BankStatement, BankStatement.id == StatementLine.statement_id)
        .where(
            BankStatement.account == account,
            StatementLine.day >= read.start,
            StatementLine.day <= read.end,
        )
    )
    by_text: dict[tuple[date, int, str], tuple[StatementLine, BankStatement]] = {}
    by_ref: dict[str, tuple[StatementLine, BankStatement]] = {}
    for line, stmt in session.execute(query):
        by_text.setdefault((line.day, line.amount_pence, line.description.lower()), (line, stmt))
        if line.bank_reference:
            by_ref.setdefault(line.bank_reference, (line, stmt))
    for row in sorted(read.rows, key=lambda r: r.line):
        found = (by_ref.get(row.reference) if row.reference else None) or by_text.get(
            (row.day, row.amount_pence, row.description.lower())
        )
        if found is not None:
            line, stmt = found
            raise InputError(
                [
                    Problem(
                        "line",
                        f"{row.day:%d/%m/%Y} {shown(row.description)} "
                        f"{format_pence(row.amount_pence)} "
                        f"was already imported from {stmt.source_file} on "
                        f"{stmt.imported_on:%d/%m/%Y}; nothing was imported",
                    )
                ],
                f"{filename}, line {row.line}",
            )


def import_statement(
    ef: EmployerFile,
    path: Path | str,
    layout: str | None = None,
    account: str = "bank",
    mapping: Mapping | str | None = None,
) -> StatementImport:
    """Import a statement file and match its lines to the ledger: all or nothing.

    A table-like file is read with ``mapping`` (its text or a Mapping) when given (and
    the mapping is saved for this account's files with these columns), else the layout
    named, else the mapping saved for these columns, else the layout its header shows.
    A file no layout knows is refused with the proposed mapping to check and give."""
    path = Path(path)
    filename = str(path)
    if account not in ACCOUNTS:
        raise InputError([Problem("account", f"{shown(account)} is not one of: bank, card")])
    seen = preview_file(ef, path, account, layout, mapping)
    if seen.problem is not None:
        raise seen.problem
    if seen.how == "a proposed column mapping":
        assert seen.mapping is not None
        raise InputError(
            [
                Problem(
                    "columns",
                    "no layout knows these columns; check what would be read with --preview "
                    f"and import with --map '{seen.mapping.text()}' (or choose a layout)",
                )
            ],
            filename,
        )
    read, digest = seen.read, seen.file.digest
    assert read is not None
    with ef.transaction() as session:
        check_account(session, account, read, filename)
        check_bank(session, account, read, filename, bool(layout) or mapping is not None)
        if mapping is not None and seen.file.table is not None and seen.mapping is not None:
            save_mapping_in(session, account, seen.file.table, seen.mapping, ef.today())
        _refuse_same_file(session, digest, filename)
        _refuse_repeated_lines(session, read, account, filename)
        stmt = BankStatement(
            account=account,
            start_date=read.start,
            end_date=read.end,
            opening_pence=read.opening_pence,
            closing_pence=read.closing_pence,
            source_file=path.name[:300],
            sha256=digest,
            imported_on=ef.today(),
            layout=read.layout,
            account_number=read.account_number[:40],
        )
        session.add(stmt)
        session.flush()
        session.execute(
            insert(StatementLine),
            [
                {
                    "statement_id": stmt.id,
                    "day": r.day,
                    "description": r.description,
                    "amount_pence": r.amount_pence,
                    "balance_pence": r.balance_pence,
                    "position": r.line,
                    "bank_reference": r.reference,
                }
                for r in read.rows
            ],
        )
        matched = _auto_match(session, stmt.id)
        return StatementImport(
            stmt.id,
            read.layout,
            account,
            read.start,
            read.end,
            read.opening_pence,
            read.closing_pence,
            len(read.rows),
            matched,
        )


# -- matching -------------------------------------------------------------------------


def _matched_ledger_ids(session: Session) -> set[int]:
    """The ledger lines a statement shows: those matched, with the other parts of a split
    receipt matched as one payment."""
    query = select(StatementLine.matched_line_id, StatementLine.amount_pence).where(
        StatementLine.matched_line_id.is_not(None)
    )
    matches = [(int(i), int(p)) for i, p in session.execute(query) if i is not None]
    return {part for parts in cleared_by(session, matches).values() for part in parts}


def _signed(row: LedgerLine) -> int:
    return row.amount_pence if row.direction == Direction.IN.value else -row.amount_pence


def _auto_match(session: Session, statement_id: int | None = None) -> int:
    """Match the unmatched lines of one statement (None: every statement); returns the
    number of new matches."""
    query = select(StatementLine).where(StatementLine.matched_line_id.is_(None))
    if statement_id is not None:
        query = query.where(StatementLine.statement_id == statement_id)
    lines = list(session.scalars(query))
    if not lines:
        return 0
    window = statement_layouts().window_days
    start = min(s.day for s in lines) - timedelta(days=window)
    end = max(s.day for s in lines) + timedelta(days=window)
    taken = _matched_ledger_ids(session)
    ledger_rows = session.scalars(
        select(LedgerLine).where(
            LedgerLine.day >= start,
            LedgerLine.day <= end,
            LedgerLine.status == LineStatus.PAID.value,
            LedgerLine.category.not_in(NOT_ON_STATEMENTS),
        )
    )
    rows = [r for r in ledger_rows if r.id not in taken]
    loose = [(MatchItem(r.id, r.day, _signed(r), r.payee), payment_of(r)) for r in rows]
    split = {r.id for r in rows if r.split_group is not None}
    items = [MatchItem(s.id, s.day, s.amount_pence, s.description) for s in lines]
    # A split receipt's parts were usually paid as one; if no line has their total, each
    # part may have been paid on its own.
    pairs = match_lines(items, one_per_payment(loose), window)
    paid = {payment for item, payment in loose if item.id in {g for _s, g in pairs}}
    left = [s for s in items if s.id not in {sid for sid, _g in pairs}]
    parts = [i for i, p in loose if i.id in split and p not in paid]
    pairs += match_lines(left, parts, window)
    if pairs:
        session.execute(
            update(StatementLine),
            [{"id": sid, "matched_line_id": gid} for sid, gid in pairs],
        )
    return len(pairs)


def auto_match(ef: EmployerFile, statement_id: int | None = None) -> int:
    """Match what can be matched now (after ledger lines were added by hand)."""
    with ef.transaction() as session:
        return _auto_match(session, statement_id)


def _statement_line(session: Session, line_id: int) -> StatementLine:
    row = session.get(StatementLine, line_id)
    if row is None:
        raise NotFound(f"There is no statement line number {line_id}.")
    return row


def _audit(ef: EmployerFile, session: Session, line: StatementLine, old: int | None) -> None:
    session.add(
        AuditEntry(
            at=ef.now().isoformat(timespec="seconds"),
            who=ef.user,
            action="change",
            entity="statement line",
            entity_id=line.id,
            field="matched_line_id",
            old=None if old is None else str(old),
            new=None if line.matched_line_id is None else str(line.matched_line_id),
        )
    )


def match_line(ef: EmployerFile, statement_line_id: int, ledger_line_id: int) -> None:
    """Match a statement line to a ledger line by hand: same amount and direction; a
    ledger line already matched to another statement line is refused."""
    with ef.transaction() as session:
        line = _statement_line(session, statement_line_id)
        ledger = session.get(LedgerLine, ledger_line_id)
        if ledger is None:
            raise NotFound(f"There is no ledger line number {ledger_line_id}.")
        other = session.scalars(
            select(StatementLine).where(
                StatementLine.matched_line_id == ledger_line_id,
                StatementLine.id != statement_line_id,
            )
        ).first()
        if other is not None:
            raise InputError(
                [
                    Problem(
                        "ledger line",
                        f"is already matched to the statement line of {other.day:%d/%m/%Y} "
                        f"{other.description}: unmatch that first",
                    )
                ]
            )
        if ledger.status != LineStatus.PAID.value:
            raise InputError(
                [Problem("ledger line", "is an invoice not yet paid: mark it paid first")]
            )
        if _signed(ledger) != line.amount_pence:
            raise InputError(
                [
                    Problem(
                        "amount",
                        f"the statement says {format_pence(line.amount_pence)} but the ledger "
                        f"line is {format_pence(_signed(ledger))}: correct the ledger line first",
                    )
                ]
            )
        old = line.matched_line_id
        line.matched_line_id = ledger_line_id
        _audit(ef, session, line, old)


def unmatch_line(ef: EmployerFile, statement_line_id: int) -> None:
    with ef.transaction() as session:
        line = _statement_line(session, statement_line_id)
        old = line.matched_line_id
        if old is None:
            return
        line.matched_line_id = None
        _audit(ef, session, line, old)


@dataclass(frozen=True)
class Candidate:
    """A ledger line a statement line could be matched to, nearest first."""

    entry: LedgerEntry
    days_apart: int

    @property
    def words(self) -> str:
        e = self.entry
        return f"{e.day:%d/%m/%Y} {e.payee or e.category} {format_pence(e.amount_pence)}"


def candidates(ef: EmployerFile, statement_line_id: int, days: int = 31) -> list[Candidate]:
    """Unmatched ledger lines with the statement line's amount and direction, dated at
    most ``days`` from it, nearest date first."""
    with ef.reading() as session:
        line = _statement_line(session, statement_line_id)
        taken = _matched_ledger_ids(session)
        direction = Direction.IN if line.amount_pence > 0 else Direction.OUT
        rows = session.scalars(
            select(LedgerLine).where(
                LedgerLine.amount_pence == abs(line.amount_pence),
                LedgerLine.direction == direction.value,
                LedgerLine.status == LineStatus.PAID.value,
                LedgerLine.day >= line.day - timedelta(days=days),
                LedgerLine.day <= line.day + timedelta(days=days),
            )
        )
        found = [
            Candidate(to_entry(r), abs((r.day - line.day).days))
            for r in rows
            if r.id not in taken or r.id == line.matched_line_id
        ]
    return sorted(found, key=lambda c: (c.days_apart, c.entry.day, c.entry.id or 0))


# -- recording in the ledger -----------------------------------------------------------


def guess_for(description: str, amount_pence: int) -> str:
    """The category a statement line probably is (resources/statement_categories.csv)."""
    return guess_category(
        description,
        amount_pence > 0,
        statement_category_rules(),
        INCOME_CATEGORIES,
        category_codes(),
    )


def _record(
    session: Session, line: StatementLine, stmt: BankStatement, category: str | None
) -> int:
    entry = LedgerEntry(
        day=line.day,
        direction=Direction.IN if line.amount_pence > 0 else Direction.OUT,
        amount_pence=abs(line.amount_pence),
        category=category or guess_for(line.description, line.amount_pence),
        payee=line.description[:200],
        method="card" if stmt.account == "card" else "transfer",
        notes=f"Recorded from the statement {stmt.source_file}",
        source_file=stmt.source_file,
        source_line=line.position,
    )
    row = add_in(session, entry, f"{stmt.source_file}, line {line.position}")
    line.matched_line_id = row.id
    return row.id


def record_line(ef: EmployerFile, statement_line_id: int, category: str | None = None) -> int:
    """Record an unmatched statement line as a ledger line (category guessed from the
    description unless given), matched to it; returns the ledger line's id."""
    with ef.transaction() as session:
        line = _statement_line(session, statement_line_id)
        if line.matched_line_id is not None:
            raise InputError([Problem("line", "is already matched to a ledger line")])
        stmt = session.get(BankStatement, line.statement_id)
        assert stmt is not None
        return _record(session, line, stmt, category)


def record_unmatched(ef: EmployerFile, statement_id: int | None = None) -> list[int]:
    """Record every unmatched line of one statement (None: of every statement) as
    ledger lines, in one transaction; returns the new ledger lines' ids."""
    with ef.transaction() as session:
        query = (
            select(StatementLine, BankStatement)
            .join(BankStatement, BankStatement.id == StatementLine.statement_id)
            .where(StatementLine.matched_line_id.is_(None))
            .order_by(StatementLine.day, StatementLine.statement_id, StatementLine.position)
        )
        if statement_id is not None:
            query = query.where(StatementLine.statement_id == statement_id)
        found = list(session.execute(query))
        ids = _opening_line(session, [stmt for _line, stmt in found])
        return ids + [_record(session, line, stmt, None) for line, stmt in found]


def _opening_line(session: Session, statements: list[BankStatement]) -> list[int]:
    """A new user's first statement: when the ledger has nothing before it and no
    opening balance, record the statement's opening balance as the ledger's."""
    if not statements:
        return []
    first = min(statements, key=lambda s: s.start_date)
    if first.opening_pence is None or first.opening_pence <= 0:
        return []
    earlier = session.scalars(
        select(LedgerLine.id).where(
            (LedgerLine.day < first.start_date) | LedgerLine.category.in_(NOT_ON_STATEMENTS)
        )
    ).first()
    if earlier is not None:
        return []
    entry = LedgerEntry(
        day=first.start_date,
        direction=Direction.IN,
        amount_pence=first.opening_pence,
        category="opening_balance",
        payee="Opening balance",
        notes=f"The opening balance on the statement {first.source_file}",
        source_file=first.source_file,
    )
    return [add_in(session, entry).id]


# -- reconciliation -------------------------------------------------------------------


@dataclass(frozen=True)
class LineView:
    """A statement line, with the ledger line it is matched to (if any)."""

    id: int
    statement_id: int
    day: date
    description: str
    amount_pence: int
    balance_pence: int | None
    position: int
    bank_reference: str
    matched: LedgerEntry | None = None

    @property
    def status_words(self) -> str:
        if self.matched is None:
            return "Not in the ledger"
        m = self.matched
        return f"Matched to {m.day:%d/%m/%Y} {m.payee or m.category}"


@dataclass(frozen=True)
class Difference:
    """One part of the difference between the statement and the ledger."""

    description: str
    pence: int


@dataclass(frozen=True)
class Reconciliation:
    statement_id: int
    account: str
    source_file: str
    layout: str
    imported_on: date
    start: date
    end: date
    opening_pence: int | None
    closing_pence: int | None
    #: The ledger's bank balance at the end of the statement's last day.
    ledger_pence: int
    lines: int
    matched: int
    unmatched_statement: list[LineView] = field(default_factory=list)
    #: Ledger lines dated in the statement's period on no statement.
    unmatched_ledger: list[LedgerEntry] = field(default_factory=list)
    #: The parts that add up to ``difference_pence`` (closing minus ledger).
    differences: list[Difference] = field(default_factory=list)

    @property
    def difference_pence(self) -> int | None:
        return None if self.closing_pence is None else self.closing_pence - self.ledger_pence

    #: Statement opening less the ledger's balance the day before, counting lines that
    #: cleared across the start date where the bank counts them (None: no balances).
    opening_gap_pence: int | None = None

    @property
    def reconciled(self) -> bool:
        """Every line on both sides matched, and the opening balance agrees with the
        ledger's (so the closing one does too, but for lines clearing later)."""
        return (
            not self.unmatched_statement
            and not self.unmatched_ledger
            and not self.opening_gap_pence
        )


def _reconcile(session: Session, stmt: BankStatement) -> Reconciliation:
    start, end = stmt.start_date, stmt.end_date
    views = _lines(session, stmt)
    linked = {v.matched.id: v.matched for v in views if v.matched is not None}
    taken = _matched_ledger_ids(session)
    in_period = list(
        session.scalars(
            select(LedgerLine)
            .where(
                LedgerLine.day >= start,
                LedgerLine.day <= end,
                LedgerLine.status == LineStatus.PAID.value,
            )
            .order_by(LedgerLine.day, LedgerLine.id)
        )
    )
    brought_in = [r for r in in_period if r.category in NOT_ON_STATEMENTS]
    unmatched_ledger = [
        r for r in in_period if r.id not in taken and r.category not in NOT_ON_STATEMENTS
    ]
    own = {
        part
        for parts in cleared_by(
            session,
            [(v.matched.id, v.amount_pence) for v in views if v.matched and v.matched.id],
        ).values()
        for part in parts
    }
    elsewhere = [r for r in in_period if r.id in taken and r.id not in own]
    outside = [e for e in linked.values() if not start <= e.day <= end]
    unmatched_statement = [v for v in views if v.matched is None]
    ledger_end = bank_balance_in(session, end)
    differences: list[Difference] = []
    opening_gap: int | None = None
    if stmt.closing_pence is not None and stmt.opening_pence is not None:
        before = bank_balance_in(session, start - timedelta(days=1)) + sum(
            _signed(r) for r in brought_in
        )
        opening_gap = stmt.opening_pence - before + _carried(session, start)
        if stmt.opening_pence != before:
            differences.append(
                Difference(
                    f"Opening balance on the statement {format_pence(stmt.opening_pence)}, "
                    f"in the ledger {format_pence(before)}",
                    stmt.opening_pence - before,
                )
            )
    for v in unmatched_statement:
        differences.append(
            Difference(
                f"On the statement, not in the ledger: {v.day:%d/%m/%Y} {v.description}",
                v.amount_pence,
            )
        )
    for r in unmatched_ledger:
        differences.append(
            Difference(
                f"In the ledger, not on the statement: {r.day:%d/%m/%Y} {r.payee}", -_signed(r)
            )
        )
    for e in outside:
        differences.append(
            Difference(
                f"In the ledger dated {e.day:%d/%m/%Y}, outside this statement: {e.payee}",
                e.signed_pence,
            )
        )
    for r in elsewhere:
        differences.append(
            Difference(f"On another statement: {r.day:%d/%m/%Y} {r.payee}", -_signed(r))
        )
    return Reconciliation(
        stmt.id,
        stmt.account,
        stmt.source_file,
        stmt.layout,
        stmt.imported_on,
        start,
        end,
        stmt.opening_pence,
        stmt.closing_pence,
        ledger_end,
        len(views),
        len(views) - len(unmatched_statement),
        unmatched_statement,
        [to_entry(r) for r in unmatched_ledger],
        differences,
        opening_gap,
    )


def _carried(session: Session, start: date) -> int:
    """Ledger lines dated before ``start`` whose statement line is dated on or after
    it, less those dated on or after it whose statement line is dated before."""
    query = (
        select(LedgerLine.direction, LedgerLine.amount_pence, LedgerLine.day < start)
        .join(StatementLine, StatementLine.matched_line_id == LedgerLine.id)
        .where((LedgerLine.day < start) != (StatementLine.day < start))
    )
    total = 0
    for direction, pence, early in session.execute(query):
        signed = pence if direction == Direction.IN.value else -pence
        total += signed if early else -signed
    return total


def reconciliation(ef: EmployerFile, statement_id: int) -> Reconciliation:
    with ef.reading() as session:
        stmt = session.get(BankStatement, statement_id)
        if stmt is None:
            raise NotFound(f"There is no statement number {statement_id}.")
        return _reconcile(session, stmt)


def reconciliations(ef: EmployerFile) -> list[Reconciliation]:
    """Every statement, oldest first, with its reconciliation."""
    with ef.reading() as session:
        query = select(BankStatement).order_by(BankStatement.start_date, BankStatement.id)
        return [_reconcile(session, s) for s in session.scalars(query)]


def statement_lines(ef: EmployerFile, statement_id: int) -> list[LineView]:
    """The statement's lines, oldest first, each with its matched ledger line."""
    with ef.reading() as session:
        stmt = session.get(BankStatement, statement_id)
        if stmt is None:
            raise NotFound(f"There is no statement number {statement_id}.")
        return _lines(session, stmt)


def _lines(session: Session, stmt: BankStatement) -> list[LineView]:
    rows = list(
        session.scalars(
            select(StatementLine)
            .where(StatementLine.statement_id == stmt.id)
            .order_by(StatementLine.day, StatementLine.position)
        )
    )
    ids = [r.matched_line_id for r in rows if r.matched_line_id is not None]
    linked = {r.id: r for r in session.scalars(select(LedgerLine).where(LedgerLine.id.in_(ids)))}
    return [
        LineView(
            r.id,
            r.statement_id,
            r.day,
            r.description,
            r.amount_pence,
            r.balance_pence,
            r.position,
            r.bank_reference,
            to_entry(linked[r.matched_line_id]) if r.matched_line_id in linked else None,
        )
        for r in rows
    ]


def describe(rec: Reconciliation) -> list[str]:
    """The reconciliation in plain words, one sentence a line."""
    account = ACCOUNTS.get(rec.account, rec.account)
    lines = [
        f"{account} statement {rec.start:%d/%m/%Y} to {rec.end:%d/%m/%Y} "
        f"({rec.source_file}, {rec.lines} lines)."
    ]
    if rec.closing_pence is not None and rec.opening_pence is not None:
        lines.append(
            f"Opening balance {format_pence(rec.opening_pence)}, closing balance "
            f"{format_pence(rec.closing_pence)}."
        )
    else:
        lines.append("The statement has no balances, so only its lines can be compared.")
    lines.append(
        f"The ledger's bank balance on {rec.end:%d/%m/%Y}: {format_pence(rec.ledger_pence)}."
    )
    lines.append(f"{rec.matched} of {rec.lines} statement lines are matched to the ledger.")
    if rec.reconciled:
        lines.append(
            "Reconciled: every line is in the ledger"
            + (
                f" and the balance agrees at {format_pence(rec.closing_pence)}."
                if rec.closing_pence is not None and rec.difference_pence == 0
                else "; the difference in balance is only timing, explained below."
                if rec.closing_pence is not None
                else "."
            )
        )
    else:
        lines.append("Not reconciled yet.")
    if rec.unmatched_statement:
        lines.append(f"{len(rec.unmatched_statement)} statement lines are not in the ledger.")
    if rec.unmatched_ledger:
        lines.append(
            f"{len(rec.unmatched_ledger)} ledger lines in these dates are not on the statement."
        )
    diff = rec.difference_pence
    if diff is not None and diff != 0:
        lines.append(
            f"The statement's closing balance is {format_pence(abs(diff))} "
            f"{'more' if diff > 0 else 'less'} than the ledger's, because:"
        )
        shown = rec.differences[:DESCRIBE_MAX]
        lines += [f"    {d.description}: {format_pence(d.pence)}." for d in shown]
        if len(rec.differences) > len(shown):
            lines.append(f"    and {len(rec.differences) - len(shown)} more lines.")
    return lines


# -- for the council return -------------------------------------------------------------


@dataclass(frozen=True)
class StatementBalance:
    statement_id: int
    account: str
    start: date
    end: date
    opening_pence: int | None
    closing_pence: int | None
    reconciled: bool


def statement_balances(session: Session, start: date, end: date) -> list[StatementBalance]:
    """Each statement overlapping ``start``..``end``, oldest first, with its balances
    and whether it is fully reconciled."""
    query = (
        select(BankStatement)
        .where(BankStatement.start_date <= end, BankStatement.end_date >= start)
        .order_by(BankStatement.start_date, BankStatement.id)
    )
    out = []
    for stmt in session.scalars(query):
        rec = _reconcile(session, stmt)
        out.append(
            StatementBalance(
                stmt.id,
                stmt.account,
                stmt.start_date,
                stmt.end_date,
                stmt.opening_pence,
                stmt.closing_pence,
                rec.reconciled,
            )
        )
    return out


@dataclass(frozen=True)
class Unreconciled:
    #: Ledger lines dated on days a statement covers, on no statement.
    ledger_lines: list[LedgerEntry]
    #: Statement lines matched to no ledger line.
    statement_lines: list[LineView]


def unreconciled_lines(session: Session, start: date, end: date) -> Unreconciled:
    """Lines dated ``start``..``end`` on one side only: ledger lines with no statement
    line (only on days some imported statement covers: elsewhere there is nothing to
    compare with; the opening balance line is never expected), and statement lines
    with no ledger line."""
    spans = [
        (s, e)
        for s, e in session.execute(
            select(BankStatement.start_date, BankStatement.end_date).where(
                BankStatement.start_date <= end, BankStatement.end_date >= start
            )
        )
    ]
    taken = _matched_ledger_ids(session)
    ledger_rows = session.scalars(
        select(LedgerLine)
        .where(
            LedgerLine.day >= start,
            LedgerLine.day <= end,
            LedgerLine.status == LineStatus.PAID.value,
            LedgerLine.category.not_in(NOT_ON_STATEMENTS),
        )
        .order_by(LedgerLine.day, LedgerLine.id)
    )
    ledger = [
        to_entry(r)
        for r in ledger_rows
        if r.id not in taken and any(s <= r.day <= e for s, e in spans)
    ]
    rows = session.scalars(
        select(StatementLine)
        .where(
            StatementLine.day >= start,
            StatementLine.day <= end,
            StatementLine.matched_line_id.is_(None),
        )
        .order_by(StatementLine.day, StatementLine.statement_id, StatementLine.position)
    )
    views = [
        LineView(
            r.id,
            r.statement_id,
            r.day,
            r.description,
            r.amount_pence,
            r.balance_pence,
            r.position,
            r.bank_reference,
        )
        for r in rows
    ]
    return Unreconciled(ledger, views)
