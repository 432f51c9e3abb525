"""Kill real command-line writes at random moments and check what is left.

Each run copies one demo employer file into a folder of its own, starts a real
``pa-employer`` command that writes (an import of shifts, ledger lines, a bank statement or
payroll results; an export of timesheets; ``return --submit``; ``backup``), sends it SIGKILL
at a random moment within the time the command takes when left alone, and then checks:

- the file is not damaged (``PRAGMA integrity_check``), nor is any backup it left;
- the action is all or nothing: its rows are either all there or none (a partial write);
- an action the command reported as done (it exited 0 before the kill) is there (a lost
  action);
- an export file exists only if its period is locked and its snapshot kept, and its bytes
  are the snapshot's;
- the lock is free: the file opens for writing and a write goes through.

``run_kills`` is used by ``tests/test_crash.py`` (a few dozen kills) and by the soak
(``bench/soak.py``, ``make soak``: a thousand or more).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: When the demo employer is made (its history is made up to this day); the commands run
#: a few days after its draft return's period ends, so that it can be sent.
DEMO_NOW = "2027-01-10T12:00:00+00:00"
USER = "Crash test"
PAS = ("JR01", "JR02", "JR03")
SHIFTS, LEDGER_LINES, STATEMENT_LINES = 600, 400, 300


@dataclass
class Outcome:
    """What one run found."""

    action: str
    killed: bool  # SIGKILL landed while the command was running
    completed: bool  # the command finished (exit 0) before the kill
    #: The command had opened the file (its daily backup was under way or done, or it had
    #: written to the log): the kill landed during the work, not while Python started.
    opened: bool = False
    damaged: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    partial: list[str] = field(default_factory=list)
    lock: list[str] = field(default_factory=list)


@dataclass
class Summary:
    runs: int = 0
    kills: int = 0
    #: Kills that landed after the command had opened the file.
    kills_after_open: int = 0
    completed: int = 0
    damaged: int = 0
    lost: int = 0
    partial: int = 0
    lock_stuck: int = 0
    seconds: float = 0.0
    by_action: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def add(self, out: Outcome) -> None:
        self.runs += 1
        self.kills += out.killed
        self.kills_after_open += out.killed and out.opened
        self.completed += out.completed
        self.by_action[out.action] = self.by_action.get(out.action, 0) + out.killed
        for name in ("damaged", "lost", "partial", "lock"):
            found: list[str] = getattr(out, name)
            if found:
                key = "lock_stuck" if name == "lock" else name
                setattr(self, key, getattr(self, key) + 1)
                self.problems += [f"{out.action}: {text}" for text in found]

    @property
    def clean(self) -> bool:
        return not (self.damaged or self.lost or self.partial or self.lock_stuck)


@dataclass(frozen=True)
class Plan:
    """Dates in the demo file the actions write to, read from the file."""

    export_from: date  # the first pay period not yet exported
    export_to: date
    return_from: date  # the draft return
    return_to: date
    shifts_from: date  # after every shift
    statement_from: date  # after every statement

    @property
    def now(self) -> str:
        return f"{self.return_to + timedelta(days=5)}T12:00:00+00:00"

    @classmethod
    def read(cls, conn: sqlite3.Connection) -> Plan:
        def day(sql: str) -> date:
            return date.fromisoformat(conn.execute(sql).fetchone()[0])

        locked = day("select max(period_end) from pay_period_lock")
        draft = conn.execute(
            "select start_date, end_date from council_return where status = 'draft'"
        ).fetchone()
        return cls(
            locked + timedelta(days=1),
            locked + timedelta(days=28),
            date.fromisoformat(draft[0]),
            date.fromisoformat(draft[1]),
            day("select max(local_date) from shift") + timedelta(days=7),
            day("select max(end_date) from bank_statement") + timedelta(days=1),
        )


# -- the inputs ----------------------------------------------------------------------------


def _shifts_csv(plan: Plan) -> str:
    rows = ["payroll_number,date,start,end,kind,break_minutes,hours,notes"]
    day, slots = plan.shifts_from, (("08:00", "12:00"), ("13:00", "17:00"), ("18:00", "22:00"))
    for i in range(SHIFTS):
        start, end = slots[i % 3]
        when = day + timedelta(days=i // 3)
        rows.append(f"{PAS[i % 3]},{when:%d/%m/%Y},{start},{end},work,,,crash test {i}")
    return "\n".join(rows) + "\n"


def _ledger_csv(plan: Plan) -> str:
    rows = ["date,direction,amount,payee,method,category,notes"]
    for i in range(LEDGER_LINES):
        when = plan.return_from + timedelta(days=i % 28)
        rows.append(f"{when:%d/%m/%Y},out,{1 + i % 50}.{i % 100:02d},Shop {i},card,activities,")
    return "\n".join(rows) + "\n"


def _statement_csv(plan: Plan) -> str:
    rows = ["Date,Description,Money in,Money out,Balance"]
    balance = 100_000_00
    for i in range(STATEMENT_LINES):
        when = plan.statement_from + timedelta(days=i * 25 // STATEMENT_LINES)
        pence = 100 + i
        balance -= pence
        rows.append(f"{when:%d/%m/%Y},Card purchase {i},,{pence / 100:.2f},{balance / 100:.2f}")
    return "\n".join(rows) + "\n"


def _payroll_csv(plan: Plan) -> str:
    head = "payroll_number,period_start,period_end,gross,tax,employee_ni,employer_ni,"
    head += "employee_pension,employer_pension,net,payment_date"
    period = f"{plan.export_from.isoformat()},{plan.export_to.isoformat()}"
    rows = [head] + [f"{pa},{period},500.00,10.00,5.00,6.00,0,0,485.00," for pa in PAS]
    return "\n".join(rows) + "\n"


# -- the actions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    name: str
    #: The command's arguments after ``pa-employer``, given the run's folder.
    argv: Callable[[Path, Plan], list[str]]
    #: Checks what a run left: (partial-write problems, whether the action is all there).
    check: Callable[[Path, sqlite3.Connection, Bench], tuple[list[str], bool]]


def _count(conn: sqlite3.Connection, sql: str) -> int:
    return int(conn.execute(sql).fetchone()[0])


COUNTS = {
    "shift": "select count(*) from shift",
    "ledger": "select count(*) from ledger_line",
    "statement": "select count(*) from bank_statement",
    "statement_line": "select count(*) from statement_line",
    "payroll": "select count(*) from payroll_result",
    "lock": "select count(*) from pay_period_lock",
    "snapshot": "select count(*) from export_snapshot",
    "sent": "select count(*) from council_return where status = 'submitted'",
}


def _all_or_none(
    name: str, key: str, added: int
) -> Callable[[Path, sqlite3.Connection, Bench], tuple[list[str], bool]]:
    def check(run: Path, conn: sqlite3.Connection, bench: Bench) -> tuple[list[str], bool]:
        delta = _count(conn, COUNTS[key]) - bench.counts[key]
        if delta not in (0, added):
            return [f"{delta} of the {added} {name} are in the file"], False
        return [], delta == added

    return check


def _statement_check(run: Path, conn: sqlite3.Connection, bench: Bench) -> tuple[list[str], bool]:
    base = bench.counts
    statements = _count(conn, COUNTS["statement"]) - base["statement"]
    lines = _count(conn, COUNTS["statement_line"]) - base["statement_line"]
    if (statements, lines) not in ((0, 0), (1, STATEMENT_LINES)):
        return [f"{statements} statements with {lines} of {STATEMENT_LINES} lines"], False
    return [], statements == 1


def _export_check(run: Path, conn: sqlite3.Connection, bench: Bench) -> tuple[list[str], bool]:
    base, plan = bench.counts, bench.plan
    locks = _count(conn, COUNTS["lock"]) - base["lock"]
    snaps = conn.execute(
        "select content from export_snapshot where period_start = ?",
        (plan.export_from.isoformat(),),
    ).fetchall()
    problems = []
    if (locks, len(snaps)) not in ((0, 0), (1, 1)):
        problems.append(f"{locks} new locks but {len(snaps)} snapshots")
    out = run / "out" / "timesheets.csv"
    if out.exists():
        if not snaps:
            problems.append("the export file exists but its period is not locked and kept")
        elif out.read_bytes() != snaps[0][0]:
            problems.append("the export file's bytes are not the snapshot's")
    from pa_employer.exports.private_files import remove_stale

    remove_stale(run / "out")  # what the next export into the folder does first
    if list((run / "out").glob(".~pa-employer-*.part")):
        problems.append("a temporary file was left that the next export would not remove")
    return problems, locks == 1 and len(snaps) == 1 and out.exists()


def _return_check(run: Path, conn: sqlite3.Connection, bench: Bench) -> tuple[list[str], bool]:
    base, plan = bench.counts, bench.plan
    row = conn.execute(
        "select status, pdf is not null and length(pdf) > 0, sha256 from council_return "
        "where start_date = ? and end_date = ?",
        (plan.return_from.isoformat(), plan.return_to.isoformat()),
    ).fetchone()
    sent = _count(conn, COUNTS["sent"]) - base["sent"]
    if row is None:
        return ["the draft return is gone"], False
    status, has_pdf, sha = row
    if status == "submitted" and not (has_pdf and sha):
        return ["the return is marked as sent without its kept copy"], False
    if sent not in (0, 1) or (sent == 1) != (status == "submitted"):
        return [f"{sent} returns newly sent"], False
    return [], status == "submitted"


def _backup_check(run: Path, conn: sqlite3.Connection, bench: Bench) -> tuple[list[str], bool]:
    base = bench.counts
    copy = run / "out" / "copy.paemployer"
    if not copy.exists():
        return [], False
    other = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    try:
        if other.execute("pragma integrity_check").fetchone()[0] != "ok":
            return ["the backup copy is damaged"], False
        if _count(other, COUNTS["shift"]) != base["shift"]:
            return ["the backup copy does not hold every shift"], False
    except sqlite3.DatabaseError as exc:
        return [f"the backup copy cannot be read: {exc}"], False
    finally:
        other.close()
    return [], True


def _input(run: Path, name: str) -> str:
    return str(run.parents[1] / name)


ACTIONS: tuple[Action, ...] = (
    Action(
        "import shifts",
        lambda run, plan: ["import", "shifts", "f.paemployer", _input(run, "shifts.csv")],
        _all_or_none("shifts", "shift", SHIFTS),
    ),
    Action(
        "import ledger",
        lambda run, plan: ["import", "ledger", "f.paemployer", _input(run, "ledger.csv")],
        _all_or_none("ledger lines", "ledger", LEDGER_LINES),
    ),
    Action(
        "import bank",
        lambda run, plan: ["import", "bank", "f.paemployer", _input(run, "statement.csv")],
        _statement_check,
    ),
    Action(
        "import payroll",
        lambda run, plan: ["import", "payroll", "f.paemployer", _input(run, "payroll.csv")],
        _all_or_none("payroll results", "payroll", len(PAS)),
    ),
    Action(
        "export timesheets",
        lambda run, plan: [
            "export",
            "timesheets",
            "f.paemployer",
            "--from",
            plan.export_from.isoformat(),
            "--to",
            plan.export_to.isoformat(),
            "--format",
            "csv",
            "--out",
            "out/timesheets.csv",
        ],
        _export_check,
    ),
    Action(
        "return --submit",
        lambda run, plan: [
            "return",
            "f.paemployer",
            "--from",
            plan.return_from.isoformat(),
            "--to",
            plan.return_to.isoformat(),
            "--submit",
            "--out",
            "out/return.pdf",
        ],
        _return_check,
    ),
    Action(
        "backup",
        lambda run, plan: ["backup", "f.paemployer", "--to", "out/copy.paemployer"],
        _backup_check,
    ),
)


# -- running -------------------------------------------------------------------------------


def _env(home: Path, now: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PYTHONPATH=str(ROOT),
        PA_EMPLOYER_NOW=now,
        PA_EMPLOYER_HOME=str(home),
        QT_QPA_PLATFORM="offscreen",
    )
    return env


def _command(action: Action, run: Path, plan: Plan) -> list[str]:
    return [sys.executable, "-m", "pa_employer", *action.argv(run, plan), "--user", USER]


@dataclass
class Bench:
    """The folder of one harness: the demo file, the inputs and each action's duration."""

    folder: Path
    base: Path
    counts: dict[str, int]
    plan: Plan
    durations: dict[str, float]


def prepare(folder: Path) -> Bench:
    """Make the demo employer file and the inputs, and time each action left alone (which
    also checks it does what it should)."""
    folder.mkdir(parents=True, exist_ok=True)
    base = folder / "base.paemployer"
    subprocess.run(
        [sys.executable, "-m", "pa_employer", "demo", str(base)],
        env=_env(folder / "home", DEMO_NOW),
        check=True,
        capture_output=True,
    )
    conn = sqlite3.connect(base)
    try:
        counts = {key: _count(conn, sql) for key, sql in COUNTS.items()}
        plan = Plan.read(conn)
    finally:
        conn.close()
    inputs = {
        "shifts.csv": _shifts_csv(plan),
        "ledger.csv": _ledger_csv(plan),
        "statement.csv": _statement_csv(plan),
        "payroll.csv": _payroll_csv(plan),
    }
    for name, text in inputs.items():
        (folder / name).write_text(text, encoding="utf-8")
    bench = Bench(folder, base, counts, plan, {})
    env = _env(folder / "home", plan.now)
    for action in ACTIONS:
        run = _new_run(bench, f"time-{action.name.replace(' ', '-')}")
        start = time.perf_counter()
        command = _command(action, run, bench.plan)
        done = subprocess.run(command, cwd=run, env=env, capture_output=True)
        bench.durations[action.name] = time.perf_counter() - start
        if done.returncode not in (0, 1):  # 1: done, with warnings
            raise RuntimeError(f"{action.name} failed: {done.stderr.decode()[-2000:]}")
        outcome = inspect(bench, action, run, killed=False, completed=True)
        if not (outcome.completed and not outcome.lost and not outcome.partial):
            raise RuntimeError(f"{action.name} did not do what it should: {outcome}")
        shutil.rmtree(run)
    return bench


def _new_run(bench: Bench, name: str) -> Path:
    run = bench.folder / "runs" / name
    if run.exists():
        shutil.rmtree(run)
    (run / "out").mkdir(parents=True)
    shutil.copyfile(bench.base, run / "f.paemployer")
    return run


def inspect(bench: Bench, action: Action, run: Path, *, killed: bool, completed: bool) -> Outcome:
    """Check what a run left in its folder."""
    out = Outcome(action.name, killed, completed)
    path = run / "f.paemployer"
    wal = run / "f.paemployer-wal"
    out.opened = (run / "home" / "backups").exists() or (wal.exists() and wal.stat().st_size > 0)
    for backup in (run / "home").rglob("*.paemployer") if (run / "home").exists() else ():
        _integrity(backup, out.damaged)
    if not _integrity(path, out.damaged):
        return out
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        partial, present = action.check(run, conn, bench)
    finally:
        conn.close()
    out.partial += partial
    if completed and not present:
        out.lost.append("the command said it was done, but its records are not all there")
    _check_lock_free(path, bench.plan.now, out.lock)
    return out


def _integrity(path: Path, problems: list[str]) -> bool:
    try:
        conn = sqlite3.connect(path)
        try:
            result = conn.execute("pragma integrity_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        problems.append(f"{path.name} cannot be read: {exc}")
        return False
    if result != "ok":
        problems.append(f"{path.name} is damaged: {result}")
        return False
    return True


def _check_lock_free(path: Path, now: str, problems: list[str]) -> None:
    from sqlalchemy import text

    from pa_employer.services.storage.employer_file import EmployerFile

    try:
        clock = lambda: datetime.fromisoformat(now)  # noqa: E731
        ef = EmployerFile.open(path, user=USER, clock=clock, auto_backup=False)
    except Exception as exc:  # anything at all is a finding
        problems.append(f"the file did not open after the kill: {exc}")
        return
    try:
        if ef.read_only:
            problems.append(f"the file opened read-only after the kill ({ef.locked_by})")
            return
        with ef.transaction() as session:
            session.execute(text("update employer set id = id"))
    except Exception as exc:
        problems.append(f"a write after the kill failed: {exc}")
    finally:
        ef.close()


def kill_once(bench: Bench, action: Action, name: str, rng: random.Random) -> Outcome:
    """Start the action, SIGKILL it at a random moment within its usual time, check."""
    run = _new_run(bench, name)
    # Python starts for the first part of a run: aim most kills at the work after it.
    delay = rng.uniform(0.35, 1.0) * bench.durations[action.name]
    proc = subprocess.Popen(
        _command(action, run, bench.plan),
        cwd=run,
        env=_env(run / "home", bench.plan.now),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        killed, completed = True, False
    else:
        killed, completed = False, proc.returncode in (0, 1)
    outcome = inspect(bench, action, run, killed=killed, completed=completed)
    if outcome.damaged or outcome.lost or outcome.partial or outcome.lock:
        keep = bench.folder / "failed" / name
        shutil.rmtree(keep, ignore_errors=True)
        shutil.copytree(run, keep)
    shutil.rmtree(run, ignore_errors=True)
    return outcome


def run_kills(
    folder: Path,
    kills: int,
    *,
    seed: int = 11,
    workers: int = 1,
    progress: Callable[[Summary], None] | None = None,
    bench: Bench | None = None,
) -> Summary:
    """Kill ``kills`` runs of the actions in turn (runs that finish before the kill are
    checked too, and tried again), and add up what was found."""
    start = time.perf_counter()
    bench = bench or prepare(folder)
    rng = random.Random(seed)
    summary = Summary()
    attempt = 0

    def one(i: int, delay_seed: int) -> Outcome:
        action = ACTIONS[i % len(ACTIONS)]
        return kill_once(bench, action, f"run-{i}", random.Random(delay_seed))

    with ThreadPoolExecutor(max_workers=workers) as pool:
        while summary.kills < kills:
            batch = max(1, min(workers * 2, kills - summary.kills))
            seeds = [(attempt + k, rng.randrange(2**32)) for k in range(batch)]
            attempt += batch
            for outcome in pool.map(lambda pair: one(*pair), seeds):
                summary.add(outcome)
            if progress:
                progress(summary)
    summary.seconds = time.perf_counter() - start
    return summary
