"""A hard field's explanation is shown under it, not only in a tooltip."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from pa_employer.ui.help.hints import HINT_NAME, show_hint
from pa_employer.ui.widgets import add_field

pytestmark = pytest.mark.gui


def _hints(widget: QWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel, HINT_NAME)]


def test_a_hint_goes_in_the_row_under_its_field_and_is_read_with_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = QWidget()
    qtbot.addWidget(page)
    form = QFormLayout(page)
    first = add_field(form, "&First", QLineEdit(), "Easy.")
    hard = add_field(form, "&Hard", QLineEdit(), "Any one pay day; the rest follow from it.")
    last = add_field(form, "&Last", QLineEdit())
    hint = show_hint(hard)
    assert form.getWidgetPosition(first)[0] == 0
    assert form.getWidgetPosition(hard)[0] == 1
    assert form.getWidgetPosition(hint)[0] == 2
    assert form.getWidgetPosition(last)[0] == 3
    assert hint.text() == "Any one pay day; the rest follow from it."
    assert hard.accessibleDescription() == hint.text()
    assert hint.wordWrap()


def test_a_hint_in_a_form_inside_a_column_and_after_a_widget_in_a_column(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = QWidget()
    qtbot.addWidget(page)
    column = QVBoxLayout(page)
    form = QFormLayout()
    column.addLayout(form)
    field = add_field(form, "&Field", QLineEdit(), "In a form in a column.")
    loose = QLineEdit()
    loose.setAccessibleName("Loose")
    column.addWidget(loose)
    show_hint(field)
    hint = show_hint(loose, "Said in words.")
    assert form.rowCount() == 2
    assert column.indexOf(hint) == column.indexOf(loose) + 1
    assert loose.accessibleDescription() == "Said in words." == loose.toolTip()


def test_a_field_not_in_a_form_yet_is_refused(qtbot) -> None:  # type: ignore[no-untyped-def]
    alone = QLineEdit()
    qtbot.addWidget(alone)
    with pytest.raises(ValueError, match="not in a form"):
        show_hint(alone, "Nowhere to go.")


def test_the_pa_window_shows_the_hard_fields_explained(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from pa_employer.ui.people.pa_dialog import PADialog

    dialog = PADialog(ctx)
    qtbot.addWidget(dialog)
    shown = " ".join(_hints(dialog))
    for words in (
        "National Insurance number",
        "12.07%",
        "opt-out of the 48-hour average week",
        "bank holidays as well as 5.6 weeks",
        "postponed auto-enrolment",
        "council's written approval",
    ):
        assert words in shown
    assert dialog.ni_number.accessibleDescription() in shown


def test_settings_explain_the_first_pay_date_allowance_and_council_rules(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from pa_employer.ui.settings.council import CouncilTab
    from pa_employer.ui.settings.employer import EmployerTab

    employer = EmployerTab(ctx)
    council = CouncilTab(ctx)
    qtbot.addWidget(employer)
    qtbot.addWidget(council)
    employer_hints = " ".join(_hints(employer))
    assert "The first pay day" in employer_hints
    assert "Employment Allowance" in employer_hints
    council_hints = " ".join(_hints(council))
    assert "retained-balance cap" in council_hints and "Netting" in council_hints
    assert council.values["netting"].accessibleDescription().startswith("Netting")
