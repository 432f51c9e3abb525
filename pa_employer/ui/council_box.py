"""The council box: a list of the 32 councils the user can also type into. Typing any
part of a council's name, or a name people use for it ("Edinburgh", "Western Isles",
"Comhairle"), offers the councils it may mean, the best first (``core.council.names``);
Down and Enter (or a click) pick one. Leaving the box with typed words picks the one
council they name, else puts back the council that was chosen."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QStringListModel, Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QCompleter, QWidget

from pa_employer.core.council.names import find_councils, fold, names_of, the_council
from pa_employer.core.council.profile import CouncilProfile


def offer_label(profile: CouncilProfile, typed: str) -> str:
    """How a council is offered for ``typed``: its name, with the other name that matched
    in brackets ("Na h-Eileanan Siar (Western Isles)")."""
    wanted = fold(typed)
    if not wanted or wanted in fold(profile.name) or wanted in fold(profile.code):
        return profile.name
    other = next((n for n in profile.also_known_as if wanted in fold(n)), "")
    return f"{profile.name} ({other})" if other else profile.name


class CouncilBox(QComboBox):
    """Choose a council by list or by typing; ``currentData()`` is its code ('' for the
    optional ``none_text`` item, such as "Not chosen yet")."""

    def __init__(
        self,
        profiles: Iterable[CouncilProfile],
        name: str,
        none_text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setAccessibleName(name)
        self.lineEdit().setAccessibleName(name)
        self.lineEdit().setPlaceholderText("Type part of the name, such as Edinburgh")
        self.fill(profiles, none_text)
        self.view().setAccessibleName(f"{name}: choices")
        self._offered: dict[str, str] = {}
        self.offers = QStringListModel(self)
        completer = QCompleter(self.offers, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.popup().setAccessibleName(f"{name}: councils matching what you typed")
        completer.activated[str].connect(self._picked)
        self.setCompleter(completer)
        self.lineEdit().textEdited.connect(self._offer)
        self.lineEdit().editingFinished.connect(self._settle)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)

    def _focus_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        """Select what the box shows when the focus comes in, so typing replaces it
        however the focus came; settle when it leaves (its line and list are part of it)."""
        mine = (self, self.lineEdit(), self.completer().popup())
        if old in mine and new not in mine:
            self._settle()
        elif new in mine and old not in mine:
            self.lineEdit().selectAll()

    def fill(self, profiles: Iterable[CouncilProfile], none_text: str = "") -> None:
        """List ``profiles`` by name, after ``none_text`` (code '') if given; the council
        chosen before stays chosen when it is still listed."""
        chosen = self.currentData()
        self.profiles = sorted(profiles, key=lambda p: p.name)
        self.blockSignals(True)
        self.clear()
        if none_text:
            self.addItem(none_text, "")
        for profile in self.profiles:
            self.addItem(profile.name, profile.code)
            tip = ", ".join(names_of(profile))
            self.setItemData(self.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.setCurrentIndex(max(self.findData(chosen), 0) if chosen is not None else 0)
        self.blockSignals(False)

    def code(self) -> str:
        """The chosen council's code, after settling what is typed (see ``_settle``)."""
        self._settle()
        return str(self.currentData() or "")

    def set_code(self, code: str) -> None:
        self.setCurrentIndex(max(self.findData(code), 0))
        self.setEditText(self.itemText(self.currentIndex()))

    def offered(self) -> list[str]:
        """What the open list offers now, in order (for tests)."""
        return self.offers.stringList()

    def _offer(self, typed: str) -> None:
        found = find_councils(typed, self.profiles) if typed.strip() else []
        self._offered = {offer_label(p, typed): p.code for p in found}
        none_text = self.itemText(0) if self.count() and self.itemData(0) == "" else ""
        if typed.strip() and none_text and fold(typed) in fold(none_text):
            self._offered = {none_text: "", **self._offered}  # "Not chosen yet", "your council"
        self.offers.setStringList(list(self._offered))
        completer = self.completer()
        if found:
            completer.setCompletionPrefix("")
            completer.complete()
        else:
            completer.popup().hide()

    def _picked(self, label: str) -> None:
        code = self._offered.get(label)
        if code is not None:
            # after the completer has put its label in the line
            QTimer.singleShot(0, lambda: self.set_code(code))
            self.set_code(code)

    def _settle(self) -> None:
        """Leaving the box: the council the typed words name, else the chosen one."""
        typed = self.lineEdit().text()
        index = self.currentIndex()
        if index >= 0 and typed == self.itemText(index):
            return
        if typed in self._offered:
            self.set_code(self._offered[typed])
            return
        found = the_council(typed, self.profiles) if typed.strip() else None
        if found is not None:
            self.set_code(found.code)
        else:
            self.setEditText(self.itemText(index) if index >= 0 else "")
