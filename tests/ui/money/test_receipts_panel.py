"""A ledger line's receipts in its dialog, by keyboard: the list, a preview of a photo
and of a PDF's first page, Open (through the dialog service), Save a copy, Replace and
Remove (asked first; No keeps it), and a refusal for a line in a return already sent."""

from __future__ import annotations

import io
from datetime import date

import pytest
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from reportlab.pdfgen import canvas

from pa_employer.core.account.ledger import Direction, LedgerEntry
from pa_employer.services import returns
from pa_employer.services.money import ledger, receipts
from tests.ui.keyboard import ALT, focused, press
from tests.ui.money.test_money import open_dialog
from tests.ui.money.test_money import page as page  # the Money page's ledger tab
from tests.ui.test_accessibility import mnemonic_clashes

pytestmark = pytest.mark.gui


def png_bytes(width=300, height=400) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def pdf_bytes() -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    pdf.drawString(72, 780, "Cafe Rio  Coffee x2  £6.10")
    pdf.rect(72, 600, 450, 120, fill=1)  # a dark block in the top quarter of the page
    pdf.showPage()
    pdf.save()
    return out.getvalue()


@pytest.fixture
def cafe(ctx, tmp_path):
    """A November line with a photo and a PDF kept: (line id, photo id, pdf id)."""
    line = ledger.add_line(
        ctx.ef, LedgerEntry(date(2026, 11, 2), Direction.OUT, 610, "activities", payee="Cafe Rio")
    )
    photo, scan = tmp_path / "cafe.png", tmp_path / "cafe scan.pdf"
    photo.write_bytes(png_bytes())
    scan.write_bytes(pdf_bytes())
    return (
        line,
        ledger.attach_receipt(ctx.ef, [line], photo),
        ledger.attach_receipt(ctx.ef, [line], scan),
    )


def open_line(qtbot, page):  # type: ignore[no-untyped-def]
    page.refresh()
    page.table.setFocus()
    dialog = open_dialog(qtbot, page, Qt.Key.Key_D)  # E&dit…
    press(qtbot, Qt.Key.Key_K, ALT)  # Receipts kept for this line
    panel = dialog.receipt_panel
    assert focused() is panel.list
    return dialog, panel


def test_the_list_and_previews_of_a_photo_and_a_pdf(qtbot, page, cafe) -> None:  # type: ignore[no-untyped-def]
    _line, photo, scan = cafe
    dialog, panel = open_line(qtbot, page)
    assert mnemonic_clashes(dialog) == []
    assert panel.list.currentItem().text().startswith(f"R{photo} cafe.png (photo")
    assert not panel.preview.pixmap().isNull()
    assert panel.preview.accessibleDescription() == "Showing the photo cafe.png."
    assert "2 receipts kept." in dialog.receipts.text()
    press(qtbot, Qt.Key.Key_Down)
    assert panel.chosen().id == scan
    assert not panel.preview.pixmap().isNull()
    assert "first page of the PDF" in panel.preview.accessibleDescription()
    # The PDF's first page is drawn: its dark block shows in the top quarter.
    image = panel.preview.pixmap().toImage()
    assert image.width() <= panel.preview.width() and image.height() <= panel.preview.height()
    dark = sum(
        1
        for x in range(0, image.width(), 2)
        for y in range(0, image.height() // 4, 2)
        if image.pixelColor(x, y).lightness() < 128
    )
    assert dark > 0


def test_open_and_save_a_copy_by_keyboard(qtbot, page, ctx, cafe, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _line, photo, _scan = cafe
    _dialog, _panel = open_line(qtbot, page)
    press(qtbot, Qt.Key.Key_Return)  # Enter on the list opens it
    press(qtbot, Qt.Key.Key_E, ALT)  # and so does Open (the button clicks a moment later)
    qtbot.waitUntil(lambda: len(ctx.dialogs.messages) == 2)
    opened = [m[2] for m in ctx.dialogs.messages if m[0] == "open_document"]
    assert len(opened) == 2 and opened[0] == opened[1]
    assert opened[0].endswith(f"R{photo} cafe.png")
    with open(opened[0], "rb") as copy:
        assert copy.read() == ledger.receipt_content(ctx.ef, photo)
    out = tmp_path / "saved copy.png"
    ctx.dialogs.paths.append(out)
    press(qtbot, Qt.Key.Key_Y, ALT)  # Save a copy…
    qtbot.waitUntil(lambda: out.exists())
    assert out.read_bytes() == ledger.receipt_content(ctx.ef, photo)
    assert ctx.dialogs.messages[-1][:2] == ("saved", "Copy saved")


def test_replace_asks_first_then_saves(qtbot, page, ctx, cafe, tmp_path) -> None:  # type: ignore[no-untyped-def]
    line, photo, scan = cafe
    _dialog, panel = open_line(qtbot, page)
    better = tmp_path / "better.png"
    better.write_bytes(png_bytes(320, 420))
    ctx.dialogs.paths.append(better)  # No: the default
    press(qtbot, Qt.Key.Key_L, ALT)  # Replace… (the button clicks a moment later)
    qtbot.waitUntil(lambda: len(ctx.dialogs.messages) == 1)
    assert ctx.dialogs.messages[-1][:2] == ("confirm_destructive", "Replace the receipt")
    assert [r.id for r in receipts.kept_receipts(ctx.ef, line)] == [photo, scan]
    ctx.dialogs.paths.append(better)
    ctx.dialogs.confirm_answers.append(True)
    press(qtbot, Qt.Key.Key_L, ALT)
    qtbot.waitUntil(
        lambda: (
            len(receipts.kept_receipts(ctx.ef, line)) == 2
            and panel.chosen().id not in (photo, scan)
        )
    )
    kept = [r.filename for r in receipts.kept_receipts(ctx.ef, line)]
    assert sorted(kept) == ["better.png", "cafe scan.pdf"]
    assert panel.chosen().filename == "better.png"
    assert QApplication.focusWidget() is panel.list


def test_remove_asks_first_and_no_keeps_it(qtbot, page, ctx, cafe) -> None:  # type: ignore[no-untyped-def]
    line, photo, scan = cafe
    dialog, panel = open_line(qtbot, page)
    press(qtbot, Qt.Key.Key_H, ALT)  # Remove this receipt; nothing queued answers No
    qtbot.waitUntil(lambda: len(ctx.dialogs.messages) == 1)
    assert ctx.dialogs.messages[-1][:2] == ("confirm_destructive", "Remove the receipt")
    assert [r.id for r in receipts.kept_receipts(ctx.ef, line)] == [photo, scan]
    ctx.dialogs.confirm_answers.append(True)
    press(qtbot, Qt.Key.Key_Delete)  # Delete on the list asks the same
    assert [r.id for r in receipts.kept_receipts(ctx.ef, line)] == [scan]
    assert "1 receipt kept." in dialog.receipts.text()
    assert panel.chosen().id == scan


def test_a_receipt_in_a_return_already_sent_stays(qtbot, page, ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    line = ledger.add_line(
        ctx.ef, LedgerEntry(date(2026, 8, 4), Direction.OUT, 900, "activities", payee="Cinema")
    )
    path = tmp_path / "cinema.png"
    path.write_bytes(png_bytes())
    rid = ledger.attach_receipt(ctx.ef, [line], path)
    returns.submit_return(ctx.ef, date(2026, 7, 1), date(2026, 9, 30), date(2026, 10, 14))
    page.show_month(date(2026, 8, 1))
    _dialog, panel = open_line(qtbot, page)
    ctx.dialogs.confirm_answers.append(True)
    press(qtbot, Qt.Key.Key_H, ALT)
    qtbot.waitUntil(lambda: len(ctx.dialogs.messages) == 2)
    kind, title, text = ctx.dialogs.messages[-1]
    assert (kind, title) == ("warn", "Please check")
    assert "sent to the council on 14 Oct 2026" in text
    assert [r.id for r in receipts.kept_receipts(ctx.ef, line)] == [rid]
    assert panel.chosen().id == rid
