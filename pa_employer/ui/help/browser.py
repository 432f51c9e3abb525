"""The help text: a page's Markdown shown as rich text, with its links followed in place.

A page is named by its id (``people``); a link ``glossary.md#pvg`` in a page becomes
``glossary#pvg`` and each ``##`` heading gets an anchor (``services.help.slug``), so the
browser's own history (Alt+Left, Alt+Right), anchors and keyboard link navigation (Tab,
Enter) all work.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QUrl
from PySide6.QtGui import (
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from pa_employer.services import help as help_pages

_PAGE_LINK = re.compile(r'href="([a-z0-9-]+)\.md')
#: Space above a heading, in points, by its level (Qt's Markdown gives none).
_SPACE_ABOVE = {1: 0, 2: 14, 3: 10}


def page_html(page_id: str) -> str:
    """The page as HTML, its headings anchored and its links naming pages by id."""
    document = QTextDocument()
    document.setMarkdown(help_pages.page(page_id).text)
    block = document.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        if level > 0 and block.text():
            spaced = QTextBlockFormat()
            spaced.setTopMargin(_SPACE_ABOVE.get(level, 8))
            QTextCursor(block).mergeBlockFormat(spaced)
            anchor = QTextCharFormat()
            anchor.setAnchor(True)
            anchor.setAnchorNames([help_pages.slug(block.text())])
            # a page's title x-large, its headings large: big enough, not shouting
            anchor.setProperty(QTextFormat.Property.FontSizeAdjustment, 2 if level == 1 else 1)
            cursor = QTextCursor(block)
            cursor.movePosition(
                QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            cursor.mergeCharFormat(anchor)
        block = block.next()
    return _PAGE_LINK.sub(r'href="\1', document.toHtml())


class HelpBrowser(QTextBrowser):
    """Shows help pages by id; a link to another page opens it here."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(False)
        self.setOpenLinks(True)

    def show_page(self, page_id: str, anchor: str = "") -> None:
        url = QUrl(page_id)
        if anchor:
            url.setFragment(anchor)
        self.setSource(url, QTextDocument.ResourceType.HtmlResource)

    def page_id(self) -> str:
        return self.source().path()

    def loadResource(self, kind: int, name: QUrl) -> object:
        """Every page is made from its Markdown (any other resource: Qt's own way)."""
        page_id = name.path().removesuffix(".md")
        if page_id in {p.id for p in help_pages.all_pages()}:
            return page_html(page_id)
        return super().loadResource(kind, name)
