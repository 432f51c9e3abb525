"""Settings, Council tab: choose one of the 32 councils, then correct this employer's
copy of its rules. Every rule shows how sure we are, in words; "Not known" is a choice.

A value the adviser changes becomes "Our assumption" unless they pick another status
(``services.settings.council.mark_edited``); the service audits every change.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pa_employer.core.council.profile import (
    FAMILY_MEMBER_RULES,
    FIELD_LABELS,
    PAYMENT_FREQUENCIES,
    PAYMENT_METHODS,
    REDUNDANCY_POLICIES,
    RETURN_FREQUENCIES,
    RETURN_STYLES,
    RULE_FIELDS,
    CouncilProfile,
)
from pa_employer.core.rules import Status
from pa_employer.services.settings import council as council_service
from pa_employer.services.settings.resources import council_profiles
from pa_employer.ui.changes import Change
from pa_employer.ui.context import AppContext
from pa_employer.ui.council_box import CouncilBox
from pa_employer.ui.help.hints import hint_label
from pa_employer.ui.large_text import FlowRow, pair
from pa_employer.ui.settings.flags import FlagsEditor
from pa_employer.ui.widgets import FieldError, fill_combo, make_button, mark_saving, scrolling

NOT_KNOWN = "Not known"
YES_NO = {"yes": "Yes", "no": "No"}
STATUSES = {s.value: s.label for s in Status}
_CHOICES = {
    "payment_frequency": PAYMENT_FREQUENCIES,
    "payment_method": PAYMENT_METHODS,
    "return_frequency": RETURN_FREQUENCIES,
    "return_style": RETURN_STYLES,
    "family_members": FAMILY_MEMBER_RULES,
    "redundancy_policy": REDUNDANCY_POLICIES,
}


#: The rules whose meaning is not plain from their name, explained under it.
RULE_HINTS = {
    "retained_cap_weeks": (
        "The retained-balance cap: money held above this many weeks of direct payment is a "
        "surplus the council may take back."
    ),
    "netting": (
        "Netting: instead of taking money back, the council pays less next time by the "
        "amount held above the contingency."
    ),
    "recover_all": (
        "If yes, nothing may be kept: all money not spent on the support is a surplus to give back."
    ),
    "holiday_pay_counted": (
        "If yes, holiday pay the PAs have built up is taken off the balance as already owed "
        "(the free balance is lower)."
    ),
}


def value_choices(field: str, current: object) -> dict[str, str]:
    """The words a rule may take, "Not known" first; codes are text ('' = not known)."""
    if field in _CHOICES:
        return {"": NOT_KNOWN, **_CHOICES[field]}
    if field == "retained_cap_weeks":
        weeks = sorted({*range(0, 53), *([current] if isinstance(current, int) else [])})
        return {"": NOT_KNOWN, **{str(w): "1 week" if w == 1 else f"{w} weeks" for w in weeks}}
    return {"": NOT_KNOWN, **YES_NO}


def to_code(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def from_code(field: str, code: str) -> str | int | bool | None:
    if code == "":
        return None
    if field == "retained_cap_weeks":
        return int(code)
    if field in _CHOICES:
        return code
    return code == "yes"


class CouncilTab(QWidget):
    """Choose the council; edit this employer's copy of its rules and category flags."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loaded: CouncilProfile | None = None
        self.values: dict[str, QComboBox] = {}
        self.statuses: dict[str, QComboBox] = {}

        self.council = CouncilBox(council_profiles().values(), "Which council pays")
        self.council.setAccessibleDescription(
            "The council that pays the direct payment: type any part of its name. Choosing "
            "another replaces the rules below."
        )
        council_label = QLabel("&Which council pays")
        council_label.setBuddy(self.council)
        self.use_button = make_button(
            "&Use this council…",
            "Replace this employer's council rules with the published rules of the chosen council.",
        )
        mark_saving(self.use_button, ctx).clicked.connect(self.choose_council)
        choose = FlowRow()
        choose.addLayout(pair(council_label, self.council))
        choose.addWidget(self.use_button)

        self.current = QLabel()
        self.current.setWordWrap(True)

        inner = QWidget()
        body = QVBoxLayout(inner)
        body.addWidget(self._rules_box())
        flags_box = QGroupBox("Spending the council flags")
        self.flags = FlagsEditor()
        QVBoxLayout(flags_box).addWidget(self.flags)
        body.addWidget(flags_box, 1)

        self.save_button = make_button(
            "Save council rules",
            "Save your corrections to this employer's council rules (Ctrl+S).",
        )
        mark_saving(self.save_button, ctx).clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.current)
        self.rules_area = scrolling(inner, "Council rules")
        self.rules_area.viewport().installEventFilter(self)
        layout.addWidget(self.rules_area, 1)
        layout.addLayout(buttons)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.rules_area.viewport():
            self._arrange(self.rules_area.viewport().width())
        return False

    def _wide_width(self) -> int:
        """The width the rules need as three columns (name, value, how sure)."""
        names = self.fontMetrics().averageCharWidth() * 22
        value = max(box.minimumSizeHint().width() for box in self.values.values())
        status = max(box.minimumSizeHint().width() for box in self.statuses.values())
        return names + value + status + 8 * self.rules_grid.spacing() + 60

    def _arrange(self, width: int) -> None:
        """Three columns when wide; when narrow (large text, a small screen) each rule's
        name on a line of its own, its value and how sure beside each other below it."""
        narrow = width < self._wide_width()
        if narrow == self.narrow:
            return
        self.narrow = narrow
        grid = self.rules_grid
        for item in [*self.rule_cells, *self.headers, *self.values.values()]:
            if isinstance(item, QWidget):
                grid.removeWidget(item)
            else:
                grid.removeItem(item)
        for box in self.statuses.values():
            grid.removeWidget(box)
        grid.removeWidget(self.source_label)
        grid.removeWidget(self.source)
        rule, value, status = self.headers
        rule.setVisible(not narrow)
        if narrow:
            grid.addWidget(value, 0, 0)
            grid.addWidget(status, 0, 1)
        else:
            grid.addWidget(rule, 0, 0)
            grid.addWidget(value, 0, 1)
            grid.addWidget(status, 0, 2)
        for number, (cell, field) in enumerate(zip(self.rule_cells, RULE_FIELDS, strict=True)):
            row = 2 * number + 1 if narrow else number + 1
            name_at = (row, 0, 1, 2) if narrow else (row, 0)
            boxes_at = [(row + 1, 0), (row + 1, 1)] if narrow else [(row, 1), (row, 2)]
            if isinstance(cell, QWidget):
                grid.addWidget(cell, *name_at)
            else:
                grid.addLayout(cell, *name_at)
            grid.addWidget(self.values[field], *boxes_at[0])
            grid.addWidget(self.statuses[field], *boxes_at[1])
        last = 2 * len(RULE_FIELDS) + 1 if narrow else len(RULE_FIELDS) + 1
        if narrow:
            grid.addWidget(self.source_label, last, 0, 1, 2)
            grid.addWidget(self.source, last + 1, 0, 1, 2)
        else:
            grid.addWidget(self.source_label, last, 0)
            grid.addWidget(self.source, last, 1, 1, 2)
        for column, (wide_stretch, narrow_stretch) in enumerate(((2, 1), (2, 1), (1, 0))):
            grid.setColumnStretch(column, narrow_stretch if narrow else wide_stretch)

    def _rules_box(self) -> QGroupBox:
        box = QGroupBox("This employer's copy of the council's rules")
        grid = QGridLayout(box)
        self.rules_grid = grid
        self.narrow = False
        self.headers: list[QLabel] = []
        self.rule_cells: list[QWidget | QVBoxLayout] = []
        for column, title in enumerate(("Rule", "What it is", "How sure we are")):
            header = QLabel(f"<b>{title}</b>")
            header.setAccessibleName(title)
            grid.addWidget(header, 0, column)
            self.headers.append(header)
        for number, field in enumerate(RULE_FIELDS, start=1):
            label = QLabel(FIELD_LABELS[field])
            label.setWordWrap(True)
            value = QComboBox()
            value.setAccessibleName(FIELD_LABELS[field])
            value.setAccessibleDescription("Choose Not known if nobody has found out yet.")
            label.setBuddy(value)
            status = QComboBox()
            status.setAccessibleName(f"{FIELD_LABELS[field]}: how sure we are")
            status.setAccessibleDescription(
                "A value you change becomes Our assumption unless you choose another."
            )
            fill_combo(status, STATUSES)
            value.activated.connect(lambda _=0, f=field: self._value_edited(f))
            status.activated.connect(lambda _=0, f=field: self._status_edited(f))
            self.values[field] = value
            self.statuses[field] = status
            hint = RULE_HINTS.get(field)
            if hint:
                # a hard rule: its explanation shown under its name, and read with its box
                cell = QVBoxLayout()
                cell.addWidget(label)
                cell.addWidget(hint_label(hint))
                grid.addLayout(cell, number, 0)
                self.rule_cells.append(cell)
                value.setAccessibleDescription(f"{hint} {value.accessibleDescription()}")
            else:
                grid.addWidget(label, number, 0)
                self.rule_cells.append(label)
            grid.addWidget(value, number, 1)
            grid.addWidget(status, number, 2)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 1)
        self.source = QLineEdit()
        self.source.setAccessibleName("Source of these rules")
        self.source.setAccessibleDescription(
            "Where the rules come from. When you correct one, say where you learned it, "
            "for example: phoned the council's SDS team on 20/11/2026."
        )
        self.source.setToolTip(self.source.accessibleDescription())
        source_label = QLabel("&Source of these rules")
        source_label.setBuddy(self.source)
        self.source_label = source_label
        grid.addWidget(source_label, len(RULE_FIELDS) + 1, 0)
        grid.addWidget(self.source, len(RULE_FIELDS) + 1, 1, 1, 2)
        return box

    # -- showing -----------------------------------------------------------------

    def refresh(self) -> None:
        self.loaded = council_service.get_council_profile(self.ctx.ef)
        profile = self.loaded
        if profile is None:
            self.current.setText("No council chosen yet. Choose one above.")
            for field in RULE_FIELDS:
                fill_combo(self.values[field], value_choices(field, None), "")
                self._show_status(field, Status.UNKNOWN)
            self.source.clear()
            self.flags.load(())
            return
        self.council.set_code(profile.code)
        unknown = len(profile.unknown_fields())
        self.current.setText(
            f"This employer uses {profile.name}'s rules. "
            + (f"{unknown} of them are not known yet." if unknown else "All of them are known.")
        )
        for field in RULE_FIELDS:
            value = getattr(profile, field)
            fill_combo(self.values[field], value_choices(field, value), to_code(value))
            self._show_status(field, profile.field_status(field))
        self.source.setText(profile.source)
        self.source.setCursorPosition(0)
        self.flags.load(profile.category_flags)

    def _show_status(self, field: str, status: Status) -> None:
        box = self.statuses[field]
        box.setCurrentIndex(max(box.findData(status.value), 0))
        box.setEnabled(status is not Status.UNKNOWN)

    def _value_edited(self, field: str) -> None:
        """A changed value is our assumption until the adviser says otherwise."""
        known = self.values[field].currentData() != ""
        self._show_status(field, Status.ASSUMPTION if known else Status.UNKNOWN)

    def _status_edited(self, field: str) -> None:
        if self.statuses[field].currentData() == Status.UNKNOWN.value:
            fill_combo(self.values[field], value_choices(field, None), "")
            self._show_status(field, Status.UNKNOWN)

    # -- saving ------------------------------------------------------------------

    def edited_profile(self) -> CouncilProfile | None:
        """The loaded profile with every changed rule marked with its chosen status."""
        profile = self.loaded
        if profile is None:
            return None
        for field in RULE_FIELDS:
            value = from_code(field, self.values[field].currentData())
            status = Status(self.statuses[field].currentData())
            if value != getattr(profile, field) or status is not profile.field_status(field):
                profile = council_service.mark_edited(profile, field, value, status)
        return replace(
            profile, source=self.source.text().strip(), category_flags=self.flags.flags()
        )

    #: What the "save the changes?" question calls this tab's contents.
    what = "the council's rules"

    def has_unsaved_changes(self) -> bool:
        """True if the rules shown differ from those loaded (or cannot be read)."""
        if self.ctx.file is None or self.loaded is None:
            return False
        try:
            return self.edited_profile() != self.loaded
        except FieldError:
            return True

    def save(self) -> bool:
        try:
            profile = self.edited_profile()
        except FieldError as exc:
            self.ctx.dialogs.warn(self, "Please check", f"Nothing was saved.\n\n• {exc}")
            return False
        if profile is None:
            self.ctx.dialogs.info(self, "No council yet", "Choose the council first.")
            return False
        ok, _ = self.ctx.run(
            self, Change.COUNCIL, lambda ef: council_service.save_council_profile(ef, profile)
        )
        return ok

    def choose_council(self) -> bool:
        code = self.council.code()
        name = self.council.currentText()
        current = self.loaded.name if self.loaded else "the current council"
        question = (
            f"Use {name}'s published rules for this employer?\n\n"
            f"This replaces this employer's copy of {current}'s rules, including any "
            "corrections made to it. The change is recorded in the audit log."
        )
        if not self.ctx.dialogs.confirm_destructive(self, "Change council", question):
            return False
        ok, _ = self.ctx.run(
            self, Change.COUNCIL, lambda ef: council_service.choose_council(ef, code)
        )
        return ok
