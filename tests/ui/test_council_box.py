"""The council box, by keyboard: any part of a name or a name people use finds the
council (Settings > Council and the set-up wizard use it)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from pa_employer.services.settings.resources import council_profiles
from pa_employer.ui.council_box import CouncilBox
from tests.ui.keyboard import focused, keys, press


@pytest.fixture
def box(qtbot):  # type: ignore[no-untyped-def]
    window = QWidget()
    layout = QVBoxLayout(window)
    council = CouncilBox(council_profiles().values(), "Council", "Not chosen yet")
    after = QLineEdit()
    after.setAccessibleName("After")
    layout.addWidget(council)
    layout.addWidget(after)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    council.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is council)
    yield council  # the window lives until the test ends


@pytest.mark.parametrize(
    ("typed", "offered", "code"),
    [
        ("Edinburgh", ["City of Edinburgh"], "city-of-edinburgh"),
        ("western isles", ["Na h-Eileanan Siar (Western Isles)"], "na-h-eileanan-siar"),
        ("Comhairle", ["Na h-Eileanan Siar (Comhairle nan Eilean Siar)"], "na-h-eileanan-siar"),
        ("Aberdeen", ["Aberdeen City", "Aberdeenshire"], "aberdeen-city"),
        ("Borders", ["Scottish Borders"], "scottish-borders"),
        ("glasgow", ["Glasgow City"], "glasgow-city"),
    ],
)
def test_typing_offers_the_councils_meant_and_enter_picks(qtbot, box, typed, offered, code) -> None:  # type: ignore[no-untyped-def]
    keys(qtbot, typed)
    assert box.offered() == offered
    assert box.completer().popup().isVisible()
    popup = box.completer().popup()  # the window sends keys to the open list
    qtbot.keyClick(popup, Qt.Key.Key_Down)  # onto the best match
    assert popup.currentIndex().row() == 0
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: box.currentData() == code)
    qtbot.waitUntil(lambda: box.currentText() == box.itemText(box.currentIndex()))


def test_down_goes_on_to_the_next_council_offered(qtbot, box) -> None:  # type: ignore[no-untyped-def]
    keys(qtbot, "Aberdeen")
    popup = box.completer().popup()
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Return):
        qtbot.keyClick(popup, key)
    qtbot.waitUntil(lambda: box.currentData() == "aberdeenshire")


def test_leaving_the_box_picks_the_council_the_words_name(qtbot, box) -> None:  # type: ignore[no-untyped-def]
    keys(qtbot, "Shetland")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused().accessibleName() == "After"
    assert box.currentData() == "shetland-islands"
    assert box.currentText() == "Shetland Islands"


def test_words_that_name_no_one_council_put_back_the_chosen_one(qtbot, box) -> None:  # type: ignore[no-untyped-def]
    box.set_code("orkney-islands")
    box.lineEdit().selectAll()
    keys(qtbot, "Ayrshire")  # three councils: none is picked for the user
    assert len(box.offered()) == 3
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_Tab)
    assert (box.currentData(), box.currentText()) == ("orkney-islands", "Orkney Islands")
    assert box.code() == "orkney-islands"


def test_the_list_still_holds_every_council_by_name(box) -> None:  # type: ignore[no-untyped-def]
    names = [box.itemText(i) for i in range(box.count())]
    assert names[0] == "Not chosen yet" and len(names) == 33
    assert names[1:] == sorted(names[1:])
    assert box.accessibleName() == "Council"
    assert box.completer().popup().accessibleName()
