"""A PDF shown as page images in the app (printing is ``ui.printing``).

Pages are rendered with pypdfium2 and shown one under another in a scroll area. Each page
image takes the keyboard focus (Tab reaches the first; arrows and Page Up/Down scroll) and
is named "Page n of m" for screen readers. Zoom in and out re-renders the pages.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from pa_employer.ui.printing import page_images, print_pdf

__all__ = ["ReturnPreview", "page_images", "print_pdf"]

#: Pixels per PDF point at zoom 1 (96 dpi screens).
SCREEN_SCALE = 96 / 72
ZOOMS = (0.4, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
A4_WIDTH_POINTS = 595.3


class PageImage(QLabel):
    """One page: focusable, so the keyboard can scroll to it, and named for readers."""

    def __init__(self, number: int, total: int) -> None:
        super().__init__()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(f"Page {number} of {total}")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet(
            "QLabel { border: 1px solid #888; } QLabel:focus { border: 3px solid #0a5fb4; }"
        )


class ReturnPreview(QScrollArea):
    """The pages of a PDF, one under another."""

    def __init__(self, name: str = "Preview of the return") -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.setAccessibleDescription(
            "The return as it will print. Tab moves to a page; arrow keys and Page Up and "
            "Page Down scroll."
        )
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.inner = QWidget()
        self.column = QVBoxLayout(self.inner)
        self.column.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setWidget(self.inner)
        self.pdf = b""
        #: Pixels per point over the screen's 96 dpi; None fits the page to the width.
        self.zoom: float | None = None
        self.pages: list[PageImage] = []
        self._rendered_width = 0
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(150)
        self._refit.timeout.connect(self._fit_again)
        self.empty = QLabel("Build a return to see it here.")
        self.empty.setWordWrap(True)
        self.column.addWidget(self.empty)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.zoom is None and self.pdf:
            self._refit.start()  # fit the width again once the resizing stops

    def _fit_again(self) -> None:
        if self.zoom is None and self.pdf and self.viewport().width() != self._rendered_width:
            self._render()

    def show_pdf(self, pdf: bytes) -> None:
        self.pdf = pdf
        self._render()

    def clear(self) -> None:
        self.pdf = b""
        self._render()

    def current_zoom(self) -> float:
        if self.zoom is not None:
            return self.zoom
        margins = self.column.contentsMargins()
        spare = margins.left() + margins.right() + self.verticalScrollBar().sizeHint().width()
        width = max(self.viewport().width() - spare - 16, 200)
        return max(min(width / (A4_WIDTH_POINTS * SCREEN_SCALE), ZOOMS[-1]), ZOOMS[0])

    def zoom_in(self) -> None:
        now = self.current_zoom()
        bigger = [z for z in ZOOMS if z > now + 0.01]
        if bigger:
            self.zoom = bigger[0]
            self._render()

    def zoom_out(self) -> None:
        now = self.current_zoom()
        smaller = [z for z in ZOOMS if z < now - 0.01]
        if smaller:
            self.zoom = smaller[-1]
            self._render()

    def _render(self) -> None:
        for page in self.pages:
            self.column.removeWidget(page)
            page.deleteLater()
        self.pages = []
        self.empty.setVisible(not self.pdf)
        if not self.pdf:
            return
        self._rendered_width = self.viewport().width()
        ratio = self.devicePixelRatioF() or 1.0
        images = page_images(self.pdf, SCREEN_SCALE * self.current_zoom() * ratio)
        for number, image in enumerate(images, 1):
            page = PageImage(number, len(images))
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            page.setPixmap(pixmap)
            self.column.addWidget(page)
            self.pages.append(page)
