"""The export formats a user can choose, by the payroll product's name: the layouts in
resources/payroll_layouts.toml and the files built in code (CSV, XLSX, PDF). Light to
import (no writers), so the Timesheets page can list them as it opens."""

from __future__ import annotations

from dataclasses import dataclass

from pa_employer.services.settings.resources import payroll_layouts

#: Other names a format is known by (the command line's --format).
ALIASES = {"brightpay": "brightpay-long"}
#: The format of the companion absences file's snapshot.
ABSENCES = "absences"
BUILT_IN_NAMES = {
    "csv": "CSV with every field (one row per pay line, with the NI number)",
    "xlsx": "Excel workbook (XLSX)",
    "pdf": "Timesheets to sign, one page per PA (PDF)",
}


@dataclass(frozen=True)
class FormatChoice:
    """A format as offered to the user: its key, the name shown and its file ending."""

    key: str
    name: str
    ending: str
    #: Payment n groups per row: (default, most); None for a layout without groups.
    groups: tuple[int, int] | None = None
    #: True if the export also writes the companion absences file.
    absences: bool = False


def format_choices() -> list[FormatChoice]:
    """Every format a user can choose, payroll products' layouts first."""
    out = [
        FormatChoice(
            key,
            layout.name,
            layout.ending,
            (layout.groups_default, layout.groups_max) if layout.shape == "groups" else None,
            layout.has_absences,
        )
        for key, layout in payroll_layouts().items()
    ]
    out += [FormatChoice(k, n, k) for k, n in BUILT_IN_NAMES.items()]
    return out


def canonical(fmt: str) -> str:
    """The format a key or alias names."""
    return ALIASES.get(fmt, fmt)


def formats() -> tuple[str, ...]:
    """The format keys a user can choose (aliases apart)."""
    return (*payroll_layouts(), *BUILT_IN_NAMES)
