"""Help in the window: F1 and the Help button open the page's help, the help window is
searched and read by keyboard alone, and every page and Money tab has a page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QPushButton

from pa_employer.services import help as help_pages
from pa_employer.ui.help.opening import show_page
from pa_employer.ui.help.topics import TOPICS, topic_for
from pa_employer.ui.help.window import HelpWindow
from pa_employer.ui.main_window import MainWindow
from pa_employer.ui.money.page import MoneyPage
from pa_employer.ui.sections import SECTIONS
from tests.ui.keyboard import ALT, focused, keys, press

pytestmark = pytest.mark.gui

PAGES = [
    ("overview", 0),
    ("people", 1),
    ("rota", 2),
    ("timesheets", 3),
    ("money-ledger", 4),
    ("returns", 5),
    ("settings", 6),
]


@pytest.fixture
def window(qtbot, ctx):  # type: ignore[no-untyped-def]
    shown = MainWindow(ctx)
    qtbot.addWidget(shown)
    with qtbot.waitActive(shown):
        shown.show()
        shown.activateWindow()
    return shown


def _help_of(window: MainWindow) -> HelpWindow:
    found = window.findChildren(HelpWindow)
    assert len(found) == 1, "one help window, owned by the main window"
    return found[0]


def test_every_section_and_money_tab_has_a_help_page(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    ids = {p.id for p in help_pages.all_pages()}
    assert set(TOPICS.values()) <= ids
    for section in SECTIONS:
        assert section.page_class in TOPICS, f"{section.name} has no help page"
    money = MoneyPage(ctx)
    qtbot.addWidget(money)
    for index in range(money.tabs.count()):
        tab = money.tabs.widget(index)
        assert type(tab).__name__ in TOPICS, f"the {money.tabs.tabText(index)} tab has no page"


def test_f1_on_each_page_opens_its_help(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    for page_id, row in PAGES:
        window.nav.setFocus()
        qtbot.keyClick(window.nav, Qt.Key(Qt.Key.Key_1 + row), Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(focused(), Qt.Key.Key_F1)
        helper = _help_of(window)
        qtbot.waitUntil(helper.isVisible)
        assert helper.page_id() == page_id
        assert help_pages.page(page_id).title in helper.windowTitle()
        qtbot.waitUntil(helper.text.hasFocus)
        # Escape closes help and the keyboard is back in the program
        qtbot.keyClick(helper.text, Qt.Key.Key_Escape)
        assert not helper.isVisible()
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_f1_on_a_money_tab_opens_that_tab_s_help(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.go_to(4)
    money = window.pages.currentWidget()
    assert isinstance(money, MoneyPage)
    seen = []
    for tab in range(money.tabs.count()):
        money.tabs.setCurrentIndex(tab)
        money.tabs.tabBar().setFocus()
        qtbot.keyClick(money.tabs.tabBar(), Qt.Key.Key_F1)
        seen.append(_help_of(window).page_id())
    assert seen == [
        "money-ledger",
        "money-statements",
        "money-outcomes",
        "money-pots",
        "money-forecast",
    ]


def test_f1_in_a_field_of_a_tab_opens_the_tab_s_help(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.go_to(4)
    money = window.pages.currentWidget()
    assert isinstance(money, MoneyPage)
    money.tabs.setCurrentIndex(4)
    button = money.tabs.currentWidget().findChild(QPushButton)
    assert topic_for(button) == "money-forecast"


def test_the_help_button_opens_the_page_shown(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.go_to(2)
    buttons = [
        b for b in window.findChildren(QPushButton) if b.accessibleName() == "Help on this page"
    ]
    assert len(buttons) == 1
    button = buttons[0]
    assert button.text() == "Help" and "Help on this page" in button.toolTip()
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert _help_of(window).page_id() == "rota"


def test_help_menu_opens_contents_and_glossary(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    texts = [a.text() for a in window.help_actions]
    assert texts == ["Help on this &page", "Help &contents", "&Glossary"]
    window.help_actions[2].trigger()
    assert _help_of(window).page_id() == "glossary"
    window.help_actions[1].trigger()
    assert _help_of(window).page_id() == "contents"
    assert len(window.findChildren(HelpWindow)) == 1


def test_search_finds_a_glossary_word_and_shows_only_matching_pages(qtbot) -> None:  # type: ignore[no-untyped-def]
    helper = HelpWindow()
    qtbot.addWidget(helper)
    with qtbot.waitActive(helper):
        helper.show_page("contents")
    qtbot.waitUntil(helper.text.hasFocus)
    qtbot.keyClick(helper.text, Qt.Key.Key_S, ALT)
    assert helper.search.hasFocus()
    keys(qtbot, "clawback")
    shown = [
        helper.list.item(row).data(Qt.ItemDataRole.UserRole)
        for row in range(helper.list.count())
        if not helper.list.item(row).isHidden()
    ]
    assert shown == [p.id for p in help_pages.search("clawback")]
    assert "glossary" in shown and "overview" not in shown
    assert "use “clawback”" in helper.found.text()
    # the page shown is one that uses the word, with the word selected
    assert helper.page_id() in shown
    assert helper.text.textCursor().selectedText().lower() == "clawback"
    keys(qtbot, "zzz")
    assert helper.found.text() == "No page uses “clawbackzzz”."


def test_the_help_window_by_keyboard_alone(qtbot) -> None:  # type: ignore[no-untyped-def]
    helper = HelpWindow()
    qtbot.addWidget(helper)
    with qtbot.waitActive(helper):
        helper.show_page("contents")
    qtbot.waitUntil(helper.text.hasFocus)
    # Alt+P: the list of pages; Down chooses the next page
    press(qtbot, Qt.Key.Key_P, ALT)
    assert helper.list.hasFocus()
    press(qtbot, Qt.Key.Key_Down)
    assert helper.page_id() == "overview"
    # Alt+T: the text; Tab goes to its first link, Enter follows it
    press(qtbot, Qt.Key.Key_T, ALT)
    assert helper.text.hasFocus()
    press(qtbot, Qt.Key.Key_Tab)
    assert helper.text.hasFocus()
    assert helper.text.textCursor().charFormat().anchorHref() == "glossary#free-balance"
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: helper.page_id() == "glossary")
    assert helper.list.currentItem().text() == "Glossary"
    # the entry linked is scrolled to, and Alt+Left goes back
    assert helper.text.verticalScrollBar().value() > 0
    press(qtbot, Qt.Key.Key_Left, ALT)
    assert helper.page_id() == "overview"
    # Alt+G the glossary, Alt+B back, Alt+C the contents
    # (a button's access key presses it after a short animation)
    press(qtbot, Qt.Key.Key_G, ALT)
    qtbot.waitUntil(lambda: helper.page_id() == "glossary")
    press(qtbot, Qt.Key.Key_B, ALT)
    qtbot.waitUntil(lambda: helper.page_id() == "overview")
    press(qtbot, Qt.Key.Key_C, ALT)
    qtbot.waitUntil(lambda: helper.page_id() == "contents")
    # Escape closes
    press(qtbot, Qt.Key.Key_Escape)
    assert not helper.isVisible()


def test_a_link_to_a_glossary_entry_shows_that_entry(qtbot) -> None:  # type: ignore[no-untyped-def]
    helper = HelpWindow()
    qtbot.addWidget(helper)
    helper.resize(600, 400)
    helper.show_page("glossary", "year-end-pack")
    qtbot.waitUntil(lambda: helper.text.verticalScrollBar().value() > 0)
    top = helper.text.cursorForPosition(helper.text.viewport().rect().topLeft())
    assert "Year-end pack" in top.block().text() or helper.text.verticalScrollBar().value() == (
        helper.text.verticalScrollBar().maximum()
    )


def test_every_control_of_the_help_window_is_named(qtbot) -> None:  # type: ignore[no-untyped-def]
    helper = HelpWindow()
    qtbot.addWidget(helper)
    helper.show_page("people")
    buttons = helper.findChildren(QAbstractButton)
    for widget in [*buttons, helper.search, helper.list, helper.text]:
        assert widget.accessibleName(), widget
    mnemonics = [b.text().split("&")[1][0].lower() for b in buttons if "&" in b.text()]
    labels = ["s", "p", "t"]
    assert len(mnemonics + labels) == len(set(mnemonics + labels))


def test_f1_in_a_dialog_opens_help_owned_by_the_dialog(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from pa_employer.ui.help.opening import install
    from pa_employer.ui.setup.wizard import SetupWizard

    install()
    wizard = SetupWizard(ctx)
    qtbot.addWidget(wizard)
    with qtbot.waitActive(wizard):
        wizard.show()
        wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(focused(), Qt.Key.Key_F1)
    helpers = wizard.findChildren(HelpWindow)
    assert len(helpers) == 1
    assert helpers[0].page_id() == "setup"
    # and its Help button, named like every page's
    from PySide6.QtWidgets import QWizard

    button = wizard.button(QWizard.WizardButton.HelpButton)
    assert button.isVisible() and button.accessibleName() == "Help on this page"
    helpers[0].close()
    button.click()
    assert helpers[0].isVisible() and helpers[0].page_id() == "setup"


def test_help_window_fits_a_small_screen_with_large_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old = app.font()
    big = app.font()
    big.setPointSizeF(old.pointSizeF() * 2)
    app.setFont(big)
    try:
        helper = show_page("glossary")
        qtbot.addWidget(helper)
        free = helper.screen().availableGeometry()
        assert helper.width() <= free.width() and helper.height() <= free.height()
        assert helper.minimumSizeHint().width() <= min(1366, free.width())
        assert helper.minimumSizeHint().height() <= min(768, free.height())
    finally:
        app.setFont(old)
