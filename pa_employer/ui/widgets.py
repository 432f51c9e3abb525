"""Small input widgets shared by the pages, each readable by a screen reader.

Dates, money and hours are typed as text and parsed by ``core``; the widgets never
hold floats.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, time
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFont, QGuiApplication, QKeyEvent
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
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTreeView,
    QWidget,
)

from pa_employer.core.money import Money, MoneyFormatError, format_pence
from pa_employer.core.parsing import (
    ParseError,
    format_date,
    format_hours,
    format_wall_time,
    parse_date,
    parse_hours,
    parse_wall_time,
)
from pa_employer.core.sort_keys import sort_key
from pa_employer.ui.large_text import offer_column_choice
from pa_employer.ui.words_model import SORT_ROLE, WordsModel

if TYPE_CHECKING:
    from pa_employer.ui.context import AppContext


class FieldError(ValueError):
    """A field that cannot be read; ``field`` is its label."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class DateField(QLineEdit):
    """A date typed as dd/mm/yyyy (or 1/12/26, 2026-12-01, 1 Dec 2026); may be left
    blank. Leaving the field writes a date it can read as dd/mm/yyyy."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("dd/mm/yyyy")
        # Never narrower than a whole date, at any text size.
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("00/00/00000") + 16)
        self.editingFinished.connect(self._tidy)

    def _tidy(self) -> None:
        try:
            day = parse_date(self.text())
        except ParseError:
            return  # left as typed: saving names the problem
        if day is not None and self.text() != format_date(day):
            self.setText(format_date(day))

    def value(self) -> date | None:
        try:
            return parse_date(self.text())
        except ParseError as exc:
            raise FieldError(self.accessibleName() or "date", str(exc)) from exc

    def set_value(self, day: date | None) -> None:
        self.setText(format_date(day))


class TimeField(QLineEdit):
    """A time of day typed as 09:00, 9am, 9.30pm, 2130 (``core.parsing``), with BST or
    GMT after it for a time the clocks make happen twice. Leaving the field writes a
    time it can read as HH:MM."""

    def __init__(self, placeholder: str = "HH:MM, e.g. 09:00", parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.editingFinished.connect(self._tidy)

    def value(self) -> tuple[time | None, int | None]:
        """The time and which of a repeated time (None, 0 BST, 1 GMT); (None, None) blank."""
        if not self.text().strip():
            return None, None
        try:
            return parse_wall_time(self.text())
        except ParseError as exc:
            raise FieldError(self.accessibleName() or "time", str(exc)) from exc

    def _tidy(self) -> None:
        try:
            moment, fold = self.value()
        except FieldError:
            return  # left as typed: saving names the problem
        if moment is not None and self.text() != format_wall_time(moment, fold):
            self.setText(format_wall_time(moment, fold))


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
    make_sortable(table)
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


def screen_height(window: QWidget) -> int:
    """The height of the screen's free area (768 if there is no screen)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry().height() if screen is not None else 768


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize to ``width`` x ``height``, but never beyond the screen's free area (a
    1366x768 screen with large text): the dialog's scrolling parts give way instead."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        free = screen.availableGeometry()
        width = min(width, int(free.width() * 0.95))
        height = min(height, int(free.height() * 0.92))
    window.resize(width, height)


# ---------------------------------------------------------------- sorting tables

#: What a screen reader hears about sorting, added to each sortable table's description.
SORT_KEYS_WORDS = "Ctrl+Shift+S sorts by the column of the current cell; again, the other way."


class _Sorter(QObject):
    """Sorts one table by a column: a click on its header, or Ctrl+Shift+S on a cell.
    Amounts, dates and numbers sort by value (``core.sort_keys``). A ``WordsModel`` sorts
    its own rows (and keeps the order when its rows are set again); any other table is
    sorted on screen only, by moving its rows' headers, so a row's number (``currentRow``,
    ``index.row()``) still names the same record and the page's code is unchanged; the
    order is applied again when rows are added. A table being edited is left as it is."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view
        self.description = view.accessibleDescription()
        self.sorted_by: tuple[int, Qt.SortOrder] | None = None
        header = self._header()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.sectionClicked.connect(self._clicked)
        view.installEventFilter(self)
        view.setAccessibleDescription(f"{self.description} {SORT_KEYS_WORDS}".strip())
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self._sort_again)
        model = view.model()
        if model is not None and not isinstance(model, WordsModel):
            model.rowsInserted.connect(self._again)
            model.modelReset.connect(self._again)

    def _header(self) -> QHeaderView:
        view = self.view
        if isinstance(view, QTreeView):
            return view.header()
        assert isinstance(view, QTableView)
        return view.horizontalHeader()

    def _clicked(self, column: int) -> None:
        ascending = Qt.SortOrder.AscendingOrder
        if self.sorted_by is None or self.sorted_by[0] != column:
            order = ascending
        elif self.sorted_by[1] == ascending:
            order = Qt.SortOrder.DescendingOrder
        else:
            order = ascending
        if not self.sort(column, order) and self.sorted_by is not None:
            self._header().setSortIndicator(*self.sorted_by)

    def _again(self, *_args: object) -> None:
        """Rows were added: sort them in once the page has filled them."""
        if self.sorted_by is not None:
            self._later.start()

    def _sort_again(self) -> None:
        if self.sorted_by is not None:
            self.sort(*self.sorted_by)

    def sort(self, column: int, order: Qt.SortOrder) -> bool:
        """Sort by ``column``; False when this table cannot be sorted now."""
        view = self.view
        model = view.model()
        if model is None or view.state() == QAbstractItemView.State.EditingState:
            return False
        if isinstance(model, WordsModel) or isinstance(view, QTreeView):
            model.sort(column, order)
        else:
            assert isinstance(view, QTableView)
            _sort_rows_on_screen(view, column, order)
        self.sorted_by = (column, order)
        header = self._header()
        header.blockSignals(True)
        header.setSortIndicator(column, order)
        header.blockSignals(False)
        name = model.headerData(column, Qt.Orientation.Horizontal) or ""
        way = (
            "smallest, earliest or A first"
            if order == Qt.SortOrder.AscendingOrder
            else "largest, latest or Z first"
        )
        view.setAccessibleDescription(
            f"{self.description} Sorted by {name}, {way}. {SORT_KEYS_WORDS}".strip()
        )
        current = view.currentIndex()
        if current.isValid():
            view.scrollTo(current)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride)
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_S
            and event.modifiers()
            == (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        ):
            event.accept()
            if event.type() == QEvent.Type.KeyPress:
                self._clicked(max(self.view.currentIndex().column(), 0))
            return True
        return False


def _sort_rows_on_screen(view: QTableView, column: int, order: Qt.SortOrder) -> None:
    """Put the rows in order on screen by moving their headers (a stable sort)."""
    model = view.model()
    keys = []
    for row in range(model.rowCount()):
        index = model.index(row, column)
        kept = model.data(index, SORT_ROLE)
        text = model.data(index, Qt.ItemDataRole.DisplayRole)
        keys.append((kept if isinstance(kept, str) else sort_key(text or ""), row))
    keys.sort(key=lambda pair: pair[0], reverse=order == Qt.SortOrder.DescendingOrder)
    header = view.verticalHeader()
    for place, (_key, row) in enumerate(keys):
        header.moveSection(header.visualIndex(row), place)


def make_sortable(view: QAbstractItemView) -> QAbstractItemView:
    """Let the user sort ``view`` by any column: a click on its header, or Ctrl+Shift+S on a
    cell (again: the other way). Amounts and dates sort by value, not by their letters: a
    ``WordsModel`` by each column's ``sort_value``, any other table by a cell's
    ``SORT_ROLE`` or its words read back as an amount, a date or a number. Returns ``view``."""
    _Sorter(view)
    return view


def sort_view(view: QAbstractItemView, column: int, order: Qt.SortOrder) -> bool:
    """Sort a view made sortable by ``make_sortable`` (as its header would)."""
    sorter = view.findChild(_Sorter, options=Qt.FindChildOption.FindDirectChildrenOnly)
    return sorter is not None and sorter.sort(column, order)
