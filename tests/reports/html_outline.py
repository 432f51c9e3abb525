"""Reads an HTML page with Python's own parser into what a screen reader would announce:
its language, headings in order, tables (caption, header cells and their scope, cells
with their class), and any element a self-contained page must not have."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

MONEY = re.compile(r"-?£[\d,]+\.\d\d")
HOURS = re.compile(r"\b\d[\d,]*\.\d\d h\b")


@dataclass
class Cell:
    tag: str
    text: str
    attrs: dict[str, str | None]


@dataclass
class HtmlTable:
    caption: str = ""
    rows: list[list[Cell]] = field(default_factory=list)

    def headers(self) -> list[Cell]:
        return [c for row in self.rows for c in row if c.tag == "th"]


class Outline(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.title = ""
        self.headings: list[tuple[int, str]] = []
        self.tables: list[HtmlTable] = []
        self.forbidden: list[str] = []
        self.text: list[str] = []
        self._stack: list[tuple[str, dict[str, str | None], list[str]]] = []
        self._hidden = 0
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.text.append(" ")  # a new element: a new word
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang") or ""
        if tag in ("script", "img", "link", "iframe", "object", "embed") or (
            tag == "table" and a.get("role") == "presentation"
        ):
            self.forbidden.append(tag)
        if tag == "table":
            self.tables.append(HtmlTable())
        if tag == "tr" and self.tables:
            self.tables[-1].rows.append([])
        if tag in ("style", "title"):
            self._hidden += tag == "style"
        if tag in ("h1", "h2", "h3", "h4", "th", "td", "caption", "title"):
            self._stack.append((tag, a, []))

    def handle_endtag(self, tag: str) -> None:
        self.text.append(" ")
        if tag == "style":
            self._hidden -= 1
        if self._stack and self._stack[-1][0] == tag:
            _, a, words = self._stack.pop()
            text = " ".join("".join(words).split())
            if tag == "title":
                self.title = text
            elif tag.startswith("h") and tag[1:].isdigit():
                self.headings.append((int(tag[1]), text))
            elif tag == "caption":
                self.tables[-1].caption = text
            elif tag in ("th", "td"):
                self.tables[-1].rows[-1].append(Cell(tag, text, a))

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        for _, _, words in self._stack:
            words.append(data)
        if not any(t == "title" for t, _, _ in self._stack):
            self.text.append(data)

    def body_text(self) -> str:
        return " ".join("".join(self.text).split())
