"""New-employer set-up: make the file and save everything typed, all or nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from pa_employer import FILE_EXTENSION
from pa_employer.clock import Clock
from pa_employer.core.records import PA, Employer, SupportPlan
from pa_employer.core.validation import InputError, Problem
from pa_employer.services.people import pas as people
from pa_employer.services.settings import council, employer, plan
from pa_employer.services.settings.resources import council_profiles
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.storage.locking import lock_path


@dataclass(frozen=True)
class NewEmployer:
    """Everything the set-up steps collect."""

    employer: Employer
    council_code: str = ""
    plan: SupportPlan = field(default_factory=SupportPlan)
    pas: Sequence[PA] = ()


def with_extension(path: Path | str) -> Path:
    path = Path(path)
    return path if path.suffix == FILE_EXTENSION else path.with_name(path.name + FILE_EXTENSION)


#: More to save with the new employer, in the same transaction (another capability's
#: records, such as the opening balance in the ledger).
Also = Callable[[EmployerFile, Session], object]


def create_employer(
    path: Path | str, new: NewEmployer, *, user: str, clock: Clock, also: Also | None = None
) -> EmployerFile:
    """Create the employer file at ``path`` holding ``new`` (and whatever ``also`` saves, in
    the same transaction); on any error no file is left."""
    path = with_extension(path)
    if new.council_code and new.council_code not in council_profiles():
        raise InputError([Problem("council", f"'{new.council_code}' is not a Scottish council")])
    problems = employer.employer_problems(new.employer) + plan.plan_problems(new.plan)
    if problems:
        raise InputError(problems)
    ef = EmployerFile.create(path, user=user, clock=clock)
    ef.keep_history = False  # setting up is not a change to undo
    try:
        with ef.transaction() as session:
            employer.save_in(session, new.employer)
            if new.council_code:
                council.save_in(session, council_profiles()[new.council_code])
            plan.save_in(session, new.plan)
            taken: list[str] = []
            for number, pa in enumerate(new.pas, 1):
                try:
                    people.add_in(session, pa, taken)
                except InputError as exc:
                    raise InputError(exc.problems, f"PA {number} ({pa.name})") from exc
                taken.append(pa.payroll_number)
            if also is not None:
                also(ef, session)
    except BaseException:
        ef.close()
        _remove(path)
        raise
    ef.keep_history = True
    return ef


def _remove(path: Path) -> None:
    for extra in ("", "-wal", "-shm"):
        Path(str(path) + extra).unlink(missing_ok=True)
    lock_path(path).unlink(missing_ok=True)
