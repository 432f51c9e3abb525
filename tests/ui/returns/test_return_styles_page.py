"""The Returns page for each council style, by keyboard: a full return and a one-page
return to send, and, for a council that checks the card account, a record for the
employer's own files that is never due and cannot be marked as sent."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.ui.context import AppContext
from pa_employer.ui.returns.page import period_key
from tests import factories
from tests.conftest import fixed_clock
from tests.services.returns.test_return_styles import COUNCILS, use_council
from tests.services.returns.test_returns import Q2
from tests.ui.keyboard import ALT, focused, press
from tests.ui.returns.test_returns import alt, open_returns
from tests.ui.test_accessibility import unnamed

pytestmark = pytest.mark.gui


def styled_ctx(tmp_path, dialogs, style: str) -> AppContext:  # type: ignore[no-untyped-def]
    ef: EmployerFile = factories.make_employer_file(tmp_path / "jean.paemployer", fixed_clock)
    code, rules = COUNCILS[style]
    use_council(ef, code, **rules)
    context = AppContext(clock=fixed_clock, user="Test adviser", dialogs=dialogs)
    context.file = ef
    return context


@pytest.mark.parametrize("style", list(COUNCILS))
def test_the_returns_page_per_council_style(qtbot, tmp_path, dialogs, style: str) -> None:  # type: ignore[no-untyped-def]
    ctx = styled_ctx(tmp_path, dialogs, style)
    try:
        window, page = open_returns(qtbot, ctx)
        texts = [page.period_box.itemText(i) for i in range(page.period_box.count())]
        press(qtbot, Qt.Key.Key_P, ALT)
        assert focused() is page.period_box
        index = page.period_box.findData(period_key(*Q2))
        while page.period_box.currentIndex() != index:
            step = Qt.Key.Key_Down if page.period_box.currentIndex() < index else Qt.Key.Key_Up
            press(qtbot, step)
        alt(qtbot, Qt.Key.Key_B, page.build_button)
        figures = page.figures
        assert figures is not None and (page.start, page.end) == Q2
        assert figures.style == style
        assert unnamed(window) == []
        state = page.state.text()
        if style == "none_card_monitoring":
            assert not any("due" in t for t in texts), texts
            assert "for your own files" in state and "nothing is due" in state
            assert "overdue" not in state and "mark it as sent" not in state
            assert page.checks_label.text() == "Worth looking at (&checks):"
            assert not page.send_button.isEnabled()
            assert "nothing to send" in page.send_button.toolTip()
            assert page.pdf_button.isEnabled() and page.print_button.isEnabled()
        else:
            assert any(t.endswith("(next due)") for t in texts)
            assert "mark it as sent" in state
            assert page.checks_label.text() == "Before you send this (&checks):"
            assert page.send_button.isEnabled()
        if style == "full":
            assert len(page.preview.pages) > 2
        else:  # the page, and the checks on a page after it
            assert len(page.preview.pages) == (2 if figures.checks else 1)
    finally:
        ctx.ef.close()
