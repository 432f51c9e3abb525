from tests.ui.test_people import *
def test_dbg(qtbot, page, ctx):
    d = open_dialog(qtbot, page, Qt.Key.Key_A, CTRL_SHIFT)
    type_details(qtbot)
    press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    print("after alt-r", focused(), d.tabs.currentIndex())
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    print("after alt-a", focused(), d.rates.table.currentRow(), d.rates.table.currentColumn())
    qtbot.keyClicks(focused(), "13.60")
    print("after typing", focused(), d.rates.table.item(0,1).text())
    press(qtbot, Qt.Key.Key_Return)
    print("after return", QApplication.focusWidget(), page.dialog, d.isVisible(), d.result(), ctx.dialogs.messages, d.message.text())
