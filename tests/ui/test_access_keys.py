"""No two controls seen together share an access key (Alt+letter): every section and tab
of the window with the menu bar's letters, every menu, every dialog and every step of the
set-up wizard, built over the demo employer. A failure lists every clash, screen by screen
(see tests/ui/access_keys.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QPushButton, QVBoxLayout, QWidget

from pa_employer.demo.employer import make_demo
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.ui.context import AppContext
from pa_employer.ui.main_window import SECTIONS, MainWindow
from tests.conftest import fixed_clock
from tests.ui.access_keys import clashes, keys_in, menu_clashes

pytestmark = pytest.mark.gui

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.paemployer"
    make_demo(path, user="Test", clock=fixed_clock).close()
    return path


@pytest.fixture
def demo_ctx(demo_path: Path, dialogs) -> Iterator[AppContext]:  # type: ignore[no-untyped-def]
    context = AppContext(clock=fixed_clock, user="Test adviser", dialogs=dialogs)
    context.file = EmployerFile.open(demo_path, user="Test adviser", clock=fixed_clock)
    yield context
    context.set_file(None)


def shown(qtbot, widget: QWidget) -> QWidget:  # type: ignore[no-untyped-def]
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def report(found: list[str]) -> str:
    return "the same Alt key twice on one screen:\n  " + "\n  ".join(found)


def test_every_section_and_tab_with_the_menu_bar(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    window = shown(qtbot, MainWindow(demo_ctx))
    found = []
    for row, section in enumerate(SECTIONS):
        window.go_to(row, ask=False)
        qtbot.waitUntil(lambda: window.pages.currentWidget().isVisible())
        found += clashes(window, section.name)
    assert not found, report(found)
    assert {"F", "G", "H"} <= set(keys_in(window)), "the walk sees the menu bar"


def test_every_menu(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    window = shown(qtbot, MainWindow(demo_ctx))
    found = menu_clashes(window)
    assert not found, report(found)


def _dialogs(ctx: AppContext, parent: QWidget) -> Iterator[tuple[str, Callable[[], QWidget]]]:
    """Every dialog of the program, built over the demo employer (new and changing)."""
    from pa_employer.services.money.ledger import get_line
    from pa_employer.services.people.pas import list_pas
    from pa_employer.services.rota.patterns import list_patterns
    from pa_employer.services.rota.shifts import list_shifts
    from pa_employer.services.settings.rulebook import rulebook
    from pa_employer.services.timesheets import pay
    from pa_employer.ui.about_dialog import AboutDialog
    from pa_employer.ui.backups_dialog import BackupsDialog
    from pa_employer.ui.money.ledger_dialog import LedgerDialog
    from pa_employer.ui.money.pots_dialogs import (
        BudgetDialog,
        CertificateDialog,
        CourseDialog,
        DrawdownDialog,
    )
    from pa_employer.ui.money.split_dialog import SplitDialog
    from pa_employer.ui.money.statement_import import StatementImportDialog
    from pa_employer.ui.passphrase_dialogs import NewPassphraseDialog, PassphraseDialog
    from pa_employer.ui.people.pa_dialog import PADialog
    from pa_employer.ui.returns.sample_dialog import SampleDialog
    from pa_employer.ui.rota.patterns_dialog import PatternDialog, PatternsDialog
    from pa_employer.ui.rota.shift_dialog import ShiftDialog
    from pa_employer.ui.settings.override import OverrideDialog
    from pa_employer.ui.timesheets.payroll_import import PayrollImportDialog

    ef = ctx.ef
    today = ef.today()
    pa = list_pas(ef)[0]
    shifts = list_shifts(ef, today - timedelta(days=28), today)
    patterns = list_patterns(ef)
    rule = rulebook(ef).all_rows()[0]
    period = pay.current_period(ef, today)
    yield "Add a PA", lambda: PADialog(ctx, None, parent)
    yield "Change a PA", lambda: PADialog(ctx, pa, parent)
    yield "Add a shift", lambda: ShiftDialog(ctx, None, pa.id, today, parent)
    yield "Change a shift", lambda: ShiftDialog(ctx, shifts[-1], parent=parent)
    yield "Rota patterns", lambda: PatternsDialog(ctx, parent)
    yield "Add a rota pattern", lambda: PatternDialog(ctx, None, parent)
    if patterns:
        yield "Change a rota pattern", lambda: PatternDialog(ctx, patterns[0], parent)
    yield "Add a ledger line", lambda: LedgerDialog(ctx, None, parent)
    yield "Change a ledger line", lambda: LedgerDialog(ctx, get_line(ef, 1), parent)
    yield "Split a receipt", lambda: SplitDialog(ctx, parent)
    for pot in (CourseDialog, CertificateDialog, DrawdownDialog, BudgetDialog):
        yield pot.__name__, lambda pot=pot: pot(ctx, parent=parent)  # type: ignore[misc]
    for name in ("tsb.csv", "santander.txt", "statement.qif"):
        yield (
            f"Import a statement ({name})",
            lambda name=name: StatementImportDialog(ctx, FIXTURES / "statements" / name, parent),  # type: ignore[misc]
        )
    if period is not None:
        yield (
            "Import payroll results",
            lambda: PayrollImportDialog(
                ctx, FIXTURES / "payroll_results" / "brightpay-summary.csv", period, parent
            ),
        )
    yield "Override a rate", lambda: OverrideDialog(ctx, rule, today, parent)
    yield (
        "Evidence for chosen lines",
        lambda: SampleDialog([("1", "Wages"), ("2", "Employer's NI")], "the quarter", parent),
    )
    yield "About", lambda: AboutDialog(ctx, parent)
    yield "Backups", lambda: BackupsDialog(ctx, parent, lambda: True)
    yield "Passphrase", lambda: PassphraseDialog(parent, "Open", "Type the passphrase.")
    yield (
        "New passphrase",
        lambda: NewPassphraseDialog(parent, "Protect", "Keep it safe.", "Type it.", "&Protect"),
    )
    box = ctx.dialogs.question_box(parent, "Remove line", "Remove this line?", destructive=True)
    yield "A question", lambda: box


def test_every_dialog(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    window = shown(qtbot, MainWindow(demo_ctx))
    found, seen = [], []
    for name, build in _dialogs(demo_ctx, window):
        dialog = build()
        shown(qtbot, dialog)
        seen.append(name)
        assert keys_in(dialog), f"the walk sees no Alt key on {name}"
        found += clashes(dialog, name)
        for child in dialog.findChildren(QDialog):  # opened from it (column mapping)
            if child.isVisible():
                found += clashes(child, f"{name} / {child.windowTitle()}")
        dialog.close()
    assert len(seen) >= 20, seen
    assert not found, report(found)


def test_every_wizard_step(qtbot, dialogs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pa_employer.ui.setup.wizard import SetupWizard

    context = AppContext(clock=fixed_clock, user="Test adviser", dialogs=dialogs)
    wizard = shown(qtbot, SetupWizard(context))
    wizard.person.supported.setText("Jean Robertson")
    wizard.save.path.setText(str(tmp_path / "jean.paemployer"))
    found = []
    for _step in range(6):
        found += clashes(wizard, wizard.currentPage().title())
        wizard.next()
    assert not found, report(found)


def test_the_walk_names_what_clashes(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The walk must be able to fail, and say which controls share which letter."""
    root = QWidget()
    layout = QVBoxLayout(root)
    for text in ("&New line…", "Re&new", "&Save"):
        layout.addWidget(QPushButton(text))
    shown(qtbot, root)
    assert clashes(root, "Test") == [
        "Test: Alt+N is '&New line…' (QPushButton) and 'Re&new' (QPushButton)"
    ]
