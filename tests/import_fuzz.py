"""Fuzzing every importer: hypothesis mutates the example files in ``docs/examples`` (cells
replaced by awkward values, columns repeated or dropped, lines added, odd encodings, raw
bytes) and feeds each one to the service that imports it. Each input must be accepted,
or refused with an ``InputError`` naming the file (and, for a line's problem, the line)
and a field; any other exception is a crash, and a refusal that changed the employer file
(a hash of every table's rows, before and after) is a partial write.

Used by ``tests/services/test_import_fuzz.py`` (a short run in the suite) and by
``python -m bench.fuzz_soak N`` (the long run, for ``make soak``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import shutil
import sqlite3
import traceback
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from pa_employer.core.validation import InputError
from pa_employer.exports.text_files import decode
from pa_employer.services.money.ledger_import import import_ledger
from pa_employer.services.money.statements import import_statement
from pa_employer.services.people.transfer import import_pas
from pa_employer.services.rota.shift_import import import_shifts
from pa_employer.services.settings.resources import statement_layouts
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.timesheets.payroll import import_payroll

EXAMPLES = Path(__file__).parents[1] / "docs" / "examples"

Importer = Callable[[EmployerFile, Path], object]


def _statement(layout: str | None, mapping: str | None = None) -> Importer:
    return lambda ef, path: import_statement(ef, path, layout, mapping=mapping)


def _payroll(mapping: str | None = None) -> Importer:
    """The mapped payroll results reader for the pay period 24/10/2026 to 20/11/2026:
    previewed, then imported with the mapping the preview used."""
    from datetime import date

    from pa_employer.services.timesheets import payroll_reading as reading

    period = (date(2026, 10, 24), date(2026, 11, 20))

    def run(ef: EmployerFile, path: Path) -> object:
        file = reading.load(path)
        seen = reading.preview(ef, file, *period, "", mapping)
        if seen.problem is not None:
            raise seen.problem
        return reading.import_mapped(ef, file, *period, seen.provider, seen.mapping)

    return run


#: The mapping the headerless payroll results example is imported with.
PAYROLL_HEADERLESS_MAP = (
    "payroll_number=Column 1,gross=Column 2,tax=Column 3,employee_ni=Column 4,"
    "employer_ni=Column 5,employee_pension=Column 6,employer_pension=Column 7,net=Column 8"
)
#: The mappings the mapped examples are imported with.
SEMICOLON_MAP = "date=Date,description=Details,amount=Amount,direction=Dr/Cr,balance=Balance"
HEADERLESS_MAP = "date=Column 1,description=Column 2,amount=Column 3"


def fuzz_employer(folder: Path) -> EmployerFile:
    """The test employer (tests/factories.py) with the example PA list imported, so the
    examples' payroll numbers are known."""
    from tests import factories
    from tests.conftest import fixed_clock

    ef = factories.make_employer_file(folder / "fuzz.paemployer", fixed_clock)
    import_pas(ef, EXAMPLES / "pas.csv")
    return ef


def importers() -> dict[str, tuple[str, Importer]]:
    """Every importer by name: (its example file, how it is imported)."""
    found: dict[str, tuple[str, Importer]] = {
        "pas": ("pas.csv", import_pas),
        "shifts": ("shifts.csv", import_shifts),
        "ledger": ("ledger.csv", import_ledger),
        # the optional outcomes and split columns (links to the plan, split receipts)
        "ledger-outcomes": ("complete-employer/ledger.csv", import_ledger),
        "payroll": ("payroll-results.csv", import_payroll),
        "payroll-mapped": ("payroll-results-provider.csv", _payroll()),
        "payroll-mapped-headerless": (
            "payroll-results-headerless.csv",
            _payroll(PAYROLL_HEADERLESS_MAP),
        ),
        "ofx": ("statement-example.ofx", _statement(None)),
    }
    for code in statement_layouts().layouts:
        suffix = ".txt" if code == "santander_txt" else ".csv"
        found[f"statement-{code}"] = (f"statement-{code}{suffix}", _statement(code))
    found["statement-detected"] = ("statement-year.csv", _statement(None))
    found["statement-qif"] = ("statement-example.qif", _statement(None))
    found["statement-camt053"] = ("statement-camt053.xml", _statement(None))
    found["statement-mt940"] = ("statement-mt940.sta", _statement(None))
    found["statement-mapped-semicolon"] = (
        "statement-semicolon.csv",
        _statement(None, SEMICOLON_MAP),
    )
    found["statement-mapped-headerless"] = (
        "statement-headerless.csv",
        _statement(None, HEADERLESS_MAP),
    )
    found["statement-xlsx"] = ("statement-generic.csv", _statement(None))
    return found


#: Importers whose example is written as an Excel workbook before it is fuzzed.
AS_WORKBOOK = {"statement-xlsx"}
#: Examples fuzzed line by line as text (not as CSV cells).
TEXT_SUFFIXES = (".txt", ".qif", ".xml", ".sta")


#: Values that have broken importers elsewhere, or that must be refused cleanly.
AWKWARD = [
    "",
    " ",
    "12,50",
    "1,250.00",
    "1,25,000",
    "-5.00",
    "(12.50)",
    "+3.00",
    "£-0.01",
    "10000000.01",
    "99999999999999999999999",
    "9" * 5000,
    "NaN",
    "nan",
    "inf",
    "-Infinity",
    "1e9",
    "1E-3",
    "0x10",
    "1_000",
    "²",
    "١٢",
    "31/02/2026",
    "29/02/2025",
    "0001-01-01",
    "9999-12-31",
    "1899-12-31",
    "01/01/00",
    "2101-01-01",
    "24:00",
    "25:00",
    "09:60",
    "01:30 GMT",
    "37:30",
    "999:59",
    "24.25",
    "168.5",
    '=HYPERLINK("http://example.com","x")',
    "'=1+1",
    "@SUM(A1)",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1",
    '"',
    '""',
    "a\nb",
    "a\rb",
    "\x00",
    "\ufeff",
    "\u202e",
    "x" * 300,
    "JR01",
    "PA001",
    "in",
    "out",
    "unpaid",
    "holiday",
    "sick",
    "200%",
    "0%",
    "99999%",
]


def _cell() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(AWKWARD),
        st.text(max_size=12),
        st.from_regex(r"-?[0-9]{1,9}([.,][0-9]{1,4})?", fullmatch=True),
        st.from_regex(r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,5}", fullmatch=True),
    )


@st.composite
def mutated_csv(draw: st.DrawFn, seed: str) -> bytes:
    rows = [list(r) for r in csv.reader(io.StringIO(seed, newline=""))]
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["cell", "cell", "cell", "repeat", "drop", "row", "extra"]))
        r = draw(st.integers(0, len(rows) - 1))
        if kind == "cell" and rows[r]:
            rows[r][draw(st.integers(0, len(rows[r]) - 1))] = draw(_cell())
        elif kind == "repeat" and len(rows[0]) > 1:
            rows[0][draw(st.integers(1, len(rows[0]) - 1))] = rows[0][0]
        elif kind == "drop" and len(rows) > 1:
            del rows[draw(st.integers(1, len(rows) - 1))]
        elif kind == "row":
            rows.append([draw(_cell()) for _ in range(draw(st.integers(0, len(rows[0]) + 1)))])
        elif kind == "extra":
            rows[r].append(draw(_cell()))
    out = io.StringIO()
    csv.writer(out, lineterminator=draw(st.sampled_from(["\r\n", "\n"]))).writerows(rows)
    text = out.getvalue()
    if draw(st.integers(0, 9)) == 0:  # a broken quote or a cut line
        text = text[: draw(st.integers(0, len(text)))] + draw(st.sampled_from(['"', "\r", ","]))
    return _encoded(draw, text)


def _encoded(draw: st.DrawFn, text: str) -> bytes:
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1252", "raw"]))
    if encoding == "raw":
        data = text.encode("utf-8")
        at = draw(st.integers(0, len(data)))
        return data[:at] + draw(st.binary(max_size=8)) + data[at:]
    return text.encode(encoding, errors="replace")


_OFX_VALUE = re.compile(
    r"<(TRNAMT|DTPOSTED|NAME|MEMO|FITID|BALAMT|DTSTART|DTEND|TRNTYPE)>([^\n<]*)"
)


@st.composite
def mutated_ofx(draw: st.DrawFn, seed: str) -> bytes:
    text = seed
    fields = list(_OFX_VALUE.finditer(seed))
    for _ in range(draw(st.integers(0, 4))):
        match = draw(st.sampled_from(fields))
        value = draw(_cell()).replace("\n", " ").replace("<", "")
        text = text.replace(match.group(0), f"<{match.group(1)}>{value}", 1)
    if draw(st.integers(0, 9)) == 0:
        text = text[: draw(st.integers(0, len(text)))]
    return _encoded(draw, text)


@st.composite
def mutated_text(draw: st.DrawFn, seed: str) -> bytes:
    """A text statement (Santander's, QIF, MT940, CAMT XML) with lines changed: a value
    after its tag replaced, a line dropped or repeated, the text cut short."""
    lines = seed.splitlines()
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["value", "value", "drop", "repeat"]))
        i = draw(st.integers(0, len(lines) - 1))
        if kind == "value":
            line = lines[i]
            cut = next((n + 1 for n, ch in enumerate(line) if ch in ":>"), 1)
            tail = line[line.rfind("<") :] if line.rstrip().endswith(">") and "</" in line else ""
            lines[i] = line[:cut] + draw(_cell()).replace("\n", " ") + tail
        elif kind == "drop" and len(lines) > 1:
            del lines[i]
        else:
            lines.insert(i, lines[i])
    text = "\n".join(lines) + "\n"
    if draw(st.integers(0, 9)) == 0:
        text = text[: draw(st.integers(0, len(text)))]
    return _encoded(draw, text)


@st.composite
def mutated_workbook(draw: st.DrawFn, seed: str) -> bytes:
    """A statement CSV, mutated, saved as an Excel workbook (cells that look like
    numbers written as numbers, like a spreadsheet would)."""
    from openpyxl import Workbook

    data = draw(mutated_csv(seed))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    book = Workbook()
    sheet = book.active
    for row in csv.reader(io.StringIO(text.replace("\x00", ""), newline="")):
        cells: list[object] = []
        for cell in row:
            cell = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", cell)
            try:
                cells.append(float(cell) if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", cell) else cell)
            except ValueError:
                cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def inputs(name: str) -> st.SearchStrategy[bytes]:
    example, _ = importers()[name]
    seed = decode((EXAMPLES / example).read_bytes(), example)
    if name in AS_WORKBOOK:
        return mutated_workbook(seed)
    if example.endswith(".ofx"):
        return mutated_ofx(seed)
    if example.endswith(TEXT_SUFFIXES):
        return mutated_text(seed)
    return mutated_csv(seed)


def tables_digest(path: Path) -> str:
    """A hash of every row of every table of the employer file."""
    digest = hashlib.sha256()
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        names = [
            r[0]
            for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        for name in names:
            digest.update(name.encode())
            for row in db.execute(f'SELECT * FROM "{name}" ORDER BY rowid'):
                digest.update(repr(row).encode())
    db.close()
    return digest.hexdigest()


@dataclass
class FuzzCounts:
    tried: int = 0
    accepted: int = 0
    refused: int = 0
    crashes: list[str] = field(default_factory=list)
    partial_writes: list[str] = field(default_factory=list)
    unnamed: list[str] = field(default_factory=list)

    def add(self, other: FuzzCounts) -> None:
        self.tried += other.tried
        self.accepted += other.accepted
        self.refused += other.refused
        self.crashes += other.crashes
        self.partial_writes += other.partial_writes
        self.unnamed += other.unnamed


def _names_where(exc: InputError, path: Path) -> bool:
    """The refusal names the file, and a field for each problem (a line's problem also
    names its line: the readers put ``, line N`` after the file)."""
    return (
        exc.location.startswith(str(path))
        and bool(exc.problems)
        and all(p.field.strip() and p.message.strip() for p in exc.problems)
        and all(len(p.message) < 600 for p in exc.problems)
    )


def try_one(ef: EmployerFile, name: str, data: bytes, folder: Path, counts: FuzzCounts) -> None:
    """Import ``data`` with the importer ``name``; count how it went."""
    example, importer = importers()[name]
    counts.tried += 1
    suffix = ".xlsx" if name in AS_WORKBOOK else Path(example).suffix
    path = folder / f"fuzz-{counts.tried}{suffix}"
    path.write_bytes(data)
    before = tables_digest(ef.path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ofxtools warns about odd tags it skips
            importer(ef, path)
    except InputError as exc:
        counts.refused += 1
        if tables_digest(ef.path) != before:
            counts.partial_writes.append(f"{name}: {data[:200]!r}")
        if not _names_where(exc, path):
            counts.unnamed.append(f"{name}: {exc} <- {data[:200]!r}")
    except Exception as exc:
        counts.crashes.append(
            f"{name}: {type(exc).__name__}: {exc} <- {data[:200]!r}\n{traceback.format_exc()}"
        )
    else:
        counts.accepted += 1
    finally:
        path.unlink(missing_ok=True)


class FuzzFile:
    """The employer file inputs are imported into; put back as it was after each accepted
    import, so every input meets the same file (and is not refused only as a repeat)."""

    def __init__(self, folder: Path) -> None:
        self.ef = fuzz_employer(folder)
        self.path = self.ef.path
        self.ef.close()
        self.baseline = folder / "baseline.paemployer"
        shutil.copyfile(self.path, self.baseline)
        self.ef = self._open()

    def _open(self) -> EmployerFile:
        from tests.conftest import fixed_clock

        return EmployerFile.open(self.path, user="fuzz", clock=fixed_clock, auto_backup=False)

    def reset(self) -> None:
        self.ef.close()
        for extra in ("-wal", "-shm"):
            Path(f"{self.path}{extra}").unlink(missing_ok=True)
        shutil.copyfile(self.baseline, self.path)
        self.ef = self._open()

    def close(self) -> None:
        self.ef.close()


def fuzz(name: str, examples: int, folder: Path, derandomize: bool = True) -> FuzzCounts:
    """Run ``examples`` fuzzed inputs through the importer ``name``, each into a fresh
    copy of the fuzz employer's file in ``folder``."""
    counts = FuzzCounts()
    target = FuzzFile(folder)

    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        derandomize=derandomize,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(data=inputs(name))
    def run(data: bytes) -> None:
        accepted = counts.accepted
        try_one(target.ef, name, data, folder, counts)
        if counts.accepted > accepted:
            target.reset()

    try:
        run()
    finally:
        target.close()
    return counts
