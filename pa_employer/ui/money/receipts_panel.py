"""A ledger line's kept receipts: a list, a preview of the one chosen (a photo scaled to
fit, or a PDF's first page), and Open, Save a copy…, Replace… and Remove, each by
keyboard (Alt and the underlined letter; Enter on the list opens; Delete removes).

Open writes a copy to a folder of the program's own in the computer's temporary folder
(owner-only) and hands it to ``ctx.dialogs.open_document`` (tests replace it). Replace and
Remove ask first (No is the default) and save at once through ``ctx.run``; the services
refuse them for a line in a return already sent, and the message says why.

Signals: ``shown(int)``, how many receipts are kept, after each showing (changes go through
``ctx.run``, which emits ``data_changed(Change.LEDGER)``).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pa_employer.services.errors import EmployerFileError
from pa_employer.services.money import ledger, receipts
from pa_employer.services.money.receipts import KeptReceipt
from pa_employer.services.storage.user_files import save_for_user
from pa_employer.ui.changes import Change
from pa_employer.ui.context import AppContext
from pa_employer.ui.dialogs import RECEIPTS
from pa_employer.ui.widgets import make_button, mark_saving, screen_height

#: Receipt files offered when choosing one.
RECEIPT_FILTER = "Receipts (*.png *.jpg *.jpeg *.gif *.webp *.heic *.pdf);;All files (*)"

_open_folder: Path | None = None


def open_folder() -> Path:
    """The folder (one per run, owner-only) where receipts are written to be opened."""
    global _open_folder
    if _open_folder is None or not _open_folder.is_dir():
        _open_folder = Path(tempfile.mkdtemp(prefix="pa-employer-receipts-"))
    return _open_folder


def first_page_image(pdf: bytes, width: int) -> QImage | None:
    """The first page of ``pdf`` about ``width`` pixels wide; None when it cannot be read."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    try:
        document = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError:
        return None
    try:
        if len(document) == 0:
            return None
        page = document[0]
        bitmap = page.render(scale=max(width, 16) / max(page.get_width(), 1.0))
        picture = bitmap.to_pil().convert("RGB")
        image = QImage(
            picture.tobytes(),
            picture.width,
            picture.height,
            3 * picture.width,
            QImage.Format.Format_RGB888,
        )
        page.close()
        return image.copy()  # the QImage must own its pixels
    finally:
        document.close()


def preview_image(content: bytes, media_type: str, width: int) -> QImage | None:
    """A photo as it is, or a PDF's first page; None when Qt cannot show it (HEIC)."""
    if media_type == "application/pdf":
        return first_page_image(content, width)
    image = QImage.fromData(content)
    return None if image.isNull() else image


def _words(receipt: KeptReceipt) -> str:
    kind = "PDF" if receipt.is_pdf else "photo"
    size = f"{max(receipt.size_bytes // 1024, 1)} KB"
    others = len(receipt.line_ids) - 1
    shared = f", also for {others} other line{'s' if others != 1 else ''}" if others > 0 else ""
    return f"R{receipt.id} {receipt.filename} ({kind}, {size}{shared})"


class ReceiptList(QListWidget):
    """The receipts; Enter opens the chosen one (and does not press the dialog's OK),
    Delete asks to remove it."""

    def __init__(self, panel: ReceiptsPanel) -> None:
        super().__init__()
        self.panel = panel

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.panel.chosen() is not None:
            if event.key() == Qt.Key.Key_Delete:
                self.panel.remove_receipt()
                return
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.panel.open_receipt()
                return
        super().keyPressEvent(event)


class ReceiptsPanel(QWidget):
    """The receipts kept for one saved line (none for a line not saved yet)."""

    shown = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.line_id: int | None = None
        self.kept: list[KeptReceipt] = []
        self.setAccessibleName("Receipts kept for this line")

        self.list = ReceiptList(self)
        self.list.setAccessibleName("Receipts kept for this line")
        self.list.setAccessibleDescription(
            "Choose a receipt to see it beside the list. Enter opens it; Delete removes it "
            "from this line, after asking."
        )
        label = QLabel("Receipts &kept for this line:")
        label.setBuddy(self.list)
        self.list.currentRowChanged.connect(lambda _row: self._show_preview())
        self.list.itemDoubleClicked.connect(lambda _item: self.open_receipt())

        metrics = self.fontMetrics()
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setWordWrap(True)
        # A receipt is taller than wide; never more than a fifth of the screen's height.
        tall = min(metrics.height() * 8, screen_height(self) // 5)
        self.preview.setMinimumSize(max(tall * 3 // 4, metrics.averageCharWidth() * 16), tall)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.image: QImage | None = None
        self.preview.setAccessibleName("Preview of the chosen receipt")
        self.preview.setStyleSheet("QLabel { border: 1px solid #888; }")

        self.open_button = make_button(
            "Op&en", "Open the chosen receipt in the program your computer uses for it."
        )
        self.open_button.clicked.connect(self.open_receipt)
        self.save_button = make_button(
            "Save a cop&y…", "Save a copy of the chosen receipt's file where you choose."
        )
        self.save_button.clicked.connect(self.save_copy)
        self.replace_button = mark_saving(
            make_button(
                "Rep&lace…",
                "Choose a better file to put in place of the chosen receipt (saved at once, "
                "after asking).",
            ),
            ctx,
        )
        self.replace_button.clicked.connect(self.replace_receipt)
        self.remove_button = mark_saving(
            make_button(
                "Remove t&his receipt",
                "Take the chosen receipt off this line (saved at once, after asking).",
            ),
            ctx,
        )
        self.remove_button.clicked.connect(self.remove_receipt)

        buttons = QVBoxLayout()
        for button in (self.open_button, self.save_button, self.replace_button):
            buttons.addWidget(button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(label, 0, 0, 1, 3)
        grid.addWidget(self.list, 1, 0)
        grid.addWidget(self.preview, 1, 1)
        grid.addLayout(buttons, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.list.setMinimumHeight(metrics.height() * 3)
        self.list.setWordWrap(True)  # long names wrap rather than scroll sideways
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.show_line(None)

    # -- showing -------------------------------------------------------------------

    def show_line(self, line_id: int | None, select: int | None = None) -> None:
        """Show the receipts of line ``line_id`` (None: a line not saved yet)."""
        self.line_id = line_id
        self.kept = receipts.kept_receipts(self.ctx.ef, line_id) if line_id is not None else []
        self.list.clear()
        for receipt in self.kept:
            item = QListWidgetItem(_words(receipt))
            item.setData(Qt.ItemDataRole.UserRole, receipt.id)
            self.list.addItem(item)
        if not self.kept:
            words = "No receipt kept yet." if line_id is not None else "Save the line first."
            item = QListWidgetItem(words)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)
        rows = [r.id for r in self.kept]
        self.list.setCurrentRow(rows.index(select) if select in rows else (0 if rows else -1))
        self._show_preview()
        self.shown.emit(len(self.kept))

    def chosen(self) -> KeptReceipt | None:
        row = self.list.currentRow()
        return self.kept[row] if 0 <= row < len(self.kept) else None

    def _show_preview(self) -> None:
        receipt = self.chosen()
        for button in (
            self.open_button,
            self.save_button,
            self.replace_button,
            self.remove_button,
        ):
            button.setEnabled(receipt is not None)
        self.preview.setPixmap(QPixmap())
        self.image = None
        if receipt is None:
            self.preview.setText("No receipt chosen.")
            self.preview.setAccessibleDescription("No receipt chosen.")
            return
        content = ledger.receipt_content(self.ctx.ef, receipt.id)
        width = max(self.preview.width(), self.preview.minimumWidth()) * 2
        image = preview_image(content, receipt.media_type, width)
        if image is None:
            words = f"No preview of {receipt.filename}: press Open to see it."
            self.preview.setText(words)
            self.preview.setAccessibleDescription(words)
            return
        self.image = image
        self._scale_preview()
        what = "the first page of the PDF" if receipt.is_pdf else "the photo"
        self.preview.setAccessibleDescription(f"Showing {what} {receipt.filename}.")

    def _scale_preview(self) -> None:
        """The image chosen, as large as the preview's room allows."""
        if self.image is not None:
            self.preview.setPixmap(
                QPixmap.fromImage(self.image).scaled(
                    self.preview.contentsRect().size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._scale_preview()

    # -- actions -------------------------------------------------------------------

    def open_receipt(self) -> None:
        """Write a copy to the program's temporary folder and open it."""
        receipt = self.chosen()
        if receipt is None:
            return
        path = open_folder() / f"R{receipt.id} {receipt.filename}"
        try:
            save_for_user(path, ledger.receipt_content(self.ctx.ef, receipt.id))
        except EmployerFileError as exc:
            self.ctx.dialogs.error(self, "Could not open the receipt", str(exc))
            return
        self.ctx.dialogs.open_document(path)

    def save_copy(self) -> None:
        receipt = self.chosen()
        if receipt is None:
            return
        suggested = receipts.suggested_name(self.ctx.ef, receipt.id)
        suffix = Path(receipt.filename).suffix or (".pdf" if receipt.is_pdf else "")
        dest = self.ctx.dialogs.save_file(
            self,
            "Save a copy of the receipt",
            suggested,
            f"This kind of file (*{suffix});;All files (*)" if suffix else "All files (*)",
            RECEIPTS,
        )
        if dest is None:
            return
        try:
            written = receipts.save_receipt(self.ctx.ef, receipt.id, dest, replace=True)
        except EmployerFileError as exc:
            self.ctx.dialogs.error(self, "Could not save a copy", str(exc))
            return
        self.ctx.dialogs.saved(
            self, "Copy saved", f"Receipt R{receipt.id} was saved to:\n{written}", written
        )

    def replace_receipt(self) -> None:
        receipt = self.chosen()
        if receipt is None or self.line_id is None:
            return
        path = self.ctx.dialogs.open_file(self, "Replace the receipt", RECEIPT_FILTER, RECEIPTS)
        if path is None:
            return
        lines = ", ".join(str(i) for i in receipt.line_ids)
        words = (
            f"Put {Path(path).name} in place of receipt R{receipt.id} ({receipt.filename}), "
            f"for line{'s' if len(receipt.line_ids) != 1 else ''} {lines}? "
            "This is saved at once."
        )
        if not self.ctx.dialogs.confirm_destructive(self, "Replace the receipt", words):
            return
        rid = receipt.id
        ok, new = self.ctx.run(
            self, Change.LEDGER, lambda ef: receipts.replace_receipt(ef, rid, Path(path))
        )
        self.show_line(self.line_id, new if ok else rid)
        self.list.setFocus()

    def remove_receipt(self) -> None:
        receipt = self.chosen()
        if receipt is None or self.line_id is None:
            return
        others = len(receipt.line_ids) - 1
        kept_for = f" It stays with the other line{'s' if others != 1 else ''}." if others else ""
        words = (
            f"Remove receipt R{receipt.id} ({receipt.filename}) from this line?{kept_for} "
            "This is saved at once."
        )
        if not self.ctx.dialogs.confirm_destructive(self, "Remove the receipt", words):
            return
        line_id, rid = self.line_id, receipt.id
        self.ctx.run(self, Change.LEDGER, lambda ef: receipts.remove_receipt(ef, line_id, rid))
        self.show_line(self.line_id, rid)
        self.list.setFocus()
