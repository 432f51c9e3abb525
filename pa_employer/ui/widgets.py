"""Small input widgets shared by the pages, each readable by a screen reader.

Dates, money and hours are typed as text and parsed by ``core``; the widgets never
hold floats.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from pa_employer.core.money import Money, MoneyFormatError, format_pence
from pa_employer.core.parsing import ParseError, format_date, format_hours, parse_date, parse_hours
from pa_employer.ui.large_text import offer_column_choice

if TYPE_CHECKING:
    from pa_employer.ui.context import AppContext


class FieldError(ValueError):
    """A field that cannot be read; ``field`` is its label."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class DateField(QLineEdit):
    """A date typed as dd/mm/yyyy; may be left blank."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("dd/mm/yyyy")
        # Never narrower than a whole date, at any text size.
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("00/00/00000") + 16)

    def value(self) -> date | None:
        try:
            return parse_date(self.text())
        except ParseError as exc:
            raise FieldError(self.accessibleName() or "date", str(exc)) from exc

    def set_value(self, day: date | None) -> None:
        self.setText(format_date(day))


class MoneyField(QLineEdit):
    """An amount in pounds, e.g. 13.45; read as whole pence."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("0.00")

    def pence(self) -> int:
        try:
            return Money.parse(self.text()).pence
        except MoneyFormatError as exc:
            raise FieldError(self.accessibleName() or "amount", str(exc)) from exc

    def set_pence(self, pence: int) -> None:
        self.setText(format_pence(pence, symbol=False))


class HoursField(QLineEdit):
    """Hours typed as 37.5 or 37:30; read as whole minutes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("hours, e.g. 37.5")

    def minutes(self) -> int:
        try:
            return parse_hours(self.text())
        except ParseError as exc:
            raise FieldError(self.accessibleName() or "hours", str(exc)) from exc

    def set_minutes(self, minutes: int) -> None:
        self.setText(format_hours(minutes) if minutes else "")


W = TypeVar("W", bound=QWidget)


def add_field(form: QFormLayout, label: str, widget: W, description: str = "") -> W:
    """Add a labelled row: the label is the buddy (Alt+letter with '&') and the
    widget's accessible name; ``description`` is read out and shown as a tooltip."""
    text_label = QLabel(label)
    text_label.setBuddy(widget)
    text_label.setWordWrap(True)
    widget.setAccessibleName(label.replace("&", ""))
    if description:
        widget.setAccessibleDescription(description)
        widget.setToolTip(description)
    form.addRow(text_label, widget)
    return widget


def heading(text: str, scale: float = 1.4) -> QLabel:
    """A heading that scales with the system font size (no fixed pixel sizes)."""
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    label.setWordWrap(True)
    return label


# ---------------------------------------------------------------- tables and buttons
# (appended for the People and Settings screens)

#: The role under which a table cell keeps its code (an enum value, an id) beside its words.
CODE_ROLE = Qt.ItemDataRole.UserRole


class ChoiceDelegate(QStyledItemDelegate):
    """A table cell chosen from a list: shows the label, keeps the code in ``CODE_ROLE``."""

    def __init__(
        self, choices: Mapping[str, str], name: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.choices = dict(choices)
        self.name = name

    def createEditor(
        self, parent: QWidget, option: object, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        box = QComboBox(parent)
        for code, label in self.choices.items():
            box.addItem(label, code)
        box.setAccessibleName(self.name)
        box.view().setAccessibleName(f"{self.name}: choices")
        return box

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(CODE_ROLE))
        editor.setCurrentIndex(max(found, 0))

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), CODE_ROLE)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)


def choice_item(choices: Mapping[str, str], code: str) -> QTableWidgetItem:
    """A table cell showing the label of ``code`` and keeping the code."""
    item = QTableWidgetItem(choices.get(code, code))
    item.setData(CODE_ROLE, code)
    return item


def text_item(text: str, editable: bool = True) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if not editable:
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


def make_table(name: str, description: str, headers: Sequence[str]) -> QTableWidget:
    """A table the user edits in place (type to start, F2 to edit, Tab between cells)."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setAccessibleName(name)
    table.setAccessibleDescription(description)
    table.setToolTip(description)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.AnyKeyPressed
        | QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
    )
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    offer_column_choice(table)
    return table


def make_button(text: str, description: str) -> QPushButton:
    """A push button whose description is read out and shown as a tooltip."""
    button = QPushButton(text)
    button.setAccessibleDescription(description)
    button.setToolTip(description)
    button.setAutoDefault(False)
    return button


def fill_combo(box: QComboBox, choices: Mapping[str, str], current: str | None = None) -> None:
    """Fill ``box`` with labels, each keeping its code; select ``current``."""
    box.clear()
    for code, label in choices.items():
        box.addItem(label, code)
    box.view().setAccessibleName(f"{box.accessibleName() or 'Choices'}: choices")
    if current is not None:
        box.setCurrentIndex(max(box.findData(current), 0))


def relax_labels(form: QFormLayout, chars: int = 30) -> None:
    """Keep labels up to ``chars`` characters on one line (longer ones still wrap), so
    word-wrapped labels do not squeeze into a narrow column and clip."""
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        label = item.widget() if item is not None else None
        if isinstance(label, QLabel) and label.text():
            metrics = label.fontMetrics()
            natural = metrics.horizontalAdvance(label.text().replace("&", "")) + 4
            label.setMinimumWidth(min(natural, metrics.averageCharWidth() * chars))


def section(title: str) -> tuple[QGroupBox, QFormLayout]:
    """A titled group of form rows (the title is read out as the group's name)."""
    box = QGroupBox(title)
    box.setAccessibleName(title)
    return box, QFormLayout(box)


def scrolling(inner: QWidget, name: str) -> QScrollArea:
    """Wrap a long page so it scrolls (and follows the focus) when text is large."""
    area = QScrollArea()
    area.setWidget(inner)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setAccessibleName(name)
    return area


def item_at(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    """The cell's item, made (empty) if the table has none there yet."""
    item = table.item(row, column)
    if item is None:
        item = QTableWidgetItem("")
        table.setItem(row, column, item)
    return item


# ---------------------------------------------------------------- read-only files

#: Why a saving control is disabled when another copy of the program has the file.
READ_ONLY_REASON = "Open read-only: another copy of PA Employer has this file"


class _SavingGuard(QObject):
    """Keeps one saving control disabled while the open file is read-only.

    The page still enables and disables the control for its own reasons (nothing
    chosen, no PAs); the guard remembers what the page wants and, while the file is
    read-only, keeps the control disabled whatever it wants, saying why in the
    tooltip and the description a screen reader reads."""

    def __init__(self, widget: QWidget, ctx: AppContext) -> None:
        super().__init__(widget)
        self.widget = widget
        self.wanted = not widget.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled)
        self.locked = False
        self.tip = ""
        self.description = ""
        self._applying = False
        widget.installEventFilter(self)
        # A method of a child of the widget: disconnected when the widget goes.
        ctx.read_only_changed.connect(self.apply)
        self.apply(ctx.read_only)

    def apply(self, read_only: bool) -> None:
        widget = self.widget
        if read_only and not self.locked:
            self.tip, self.description = widget.toolTip(), widget.accessibleDescription()
            why = f"{READ_ONLY_REASON}, so nothing can be saved."
            widget.setToolTip(f"{why} {self.tip}".strip())
            widget.setAccessibleDescription(f"{why} {self.description}".strip())
        elif not read_only and self.locked:
            widget.setToolTip(self.tip)
            widget.setAccessibleDescription(self.description)
        self.locked = read_only
        self._set_enabled(self.wanted and not read_only)

    def _set_enabled(self, on: bool) -> None:
        self._applying = True
        try:
            self.widget.setEnabled(on)
        finally:
            self._applying = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.EnabledChange and not self._applying:
            self.wanted = not self.widget.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled)
            if self.locked and self.widget.isEnabled():
                self._set_enabled(False)
        return False


def mark_saving(widget: W, ctx: AppContext) -> W:
    """Mark ``widget`` as a control that saves: disabled, saying why, while the open
    file is read-only (see ``AppContext.read_only``)."""
    _SavingGuard(widget, ctx)
    return widget


def is_marked_saving(widget: QWidget) -> bool:
    return (
        widget.findChild(_SavingGuard, options=Qt.FindChildOption.FindDirectChildrenOnly)
        is not None
    )


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize to ``width`` x ``height``, but never beyond the screen's free area (a
    1366x768 screen with large text): the dialog's scrolling parts give way instead."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        free = screen.availableGeometry()
        width = min(width, int(free.width() * 0.95))
        height = min(height, int(free.height() * 0.92))
    window.resize(width, height)
