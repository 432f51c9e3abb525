"""Printing a PDF the program made (a return, the timesheets) through the computer's own
print dialog: each page is rendered with pypdfium2 at the printer's resolution (at most
300 dpi) and painted on its page, scaled to fit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget


def page_images(pdf: bytes, scale: float) -> list[QImage]:
    """Each page of ``pdf`` as an image, ``scale`` pixels per point."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    document = pdfium.PdfDocument(pdf)
    try:
        images = []
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=scale)
            picture = bitmap.to_pil().convert("RGB")
            data = picture.tobytes()
            image = QImage(
                data, picture.width, picture.height, 3 * picture.width, QImage.Format.Format_RGB888
            )
            images.append(image.copy())  # the QImage must own its pixels
            page.close()
        return images
    finally:
        document.close()


def print_pdf(printer: QPrinter, pdf: bytes, dpi: int = 300) -> int:
    """Paint each page of ``pdf`` on ``printer``, scaled to fit its page; the page count."""
    images = page_images(pdf, min(dpi, max(printer.resolution(), 72)) / 72)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("The printer could not be started.")
    try:
        for number, image in enumerate(images):
            if number:
                printer.newPage()
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(area.x(), area.y(), size.width(), size.height())
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
            painter.setViewport(area)
            painter.setWindow(0, 0, area.width(), area.height())
    finally:
        painter.end()
    return len(images)


def print_with_dialog(parent: QWidget, pdf: bytes, title: str) -> int:
    """Ask which printer (the system dialog titled ``title``), then print ``pdf``; the
    pages printed (0 when cancelled). Raises OSError when the printer cannot start."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return 0
    return print_pdf(printer, pdf)
