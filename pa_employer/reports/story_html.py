"""A PDF's story as one HTML page a screen reader reads in order (the accessible copy).

The PDFs are built from a story of reportlab flowables (reports/a4.py). This walks the same
story, so every section a document prints is in its HTML without more work:

- a paragraph in a heading style becomes a heading (``levels``: the document's title ``h1``,
  each section ``h2``, a part of a section ``h3``); other paragraphs become ``<p>``, and
  paragraphs starting with a bullet a list;
- a table with a header row (``repeatRows``) becomes a real ``<table>``: a ``<caption>``
  (the heading it is under), ``<th scope="col">`` headers, money (right-aligned cells)
  right-aligned; a two-column table of labels and amounts a table with ``<th scope="row">``;
  any other table of labels and values a description list (never a layout table);
- boxes that keep flowables together are opened; spacers, page breaks and invisible marks
  are left out. Anything else is counted in :attr:`HtmlStory.skipped`, so a test can say
  when a new kind of flowable would be left out.

One self-contained file (no scripts, no pictures, styles inline), ``lang`` set, text sized
in ``rem`` so it reflows when zoomed to 200%.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html import escape
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.platypus import Flowable, Paragraph, Table
from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus.flowables import CondPageBreak, PageBreak, Spacer

#: The return's heading styles (reports/return_pdf.py) and their levels.
RETURN_LEVELS: Mapping[str, int] = {"title": 1, "h1": 2, "h2": 3}

_TAG = re.compile(r"<(/?)([a-zA-Z]+)\b[^>]*?(/?)>")
_INLINE = {
    "b": "strong",
    "strong": "strong",
    "i": "em",
    "em": "em",
    "super": "sup",
    "sup": "sup",
    "sub": "sub",
    "u": "u",
    "strike": "s",
}
_BULLET = "\u2022"

STYLE = """
html { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; font-size: 100%;
  line-height: 1.5; color: #000; background: #fff; }
body { margin: 1rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.75rem; margin: 0.5rem 0; }
h2 { font-size: 1.4rem; margin: 2rem 0 0.5rem; border-bottom: 2px solid #000; }
h3 { font-size: 1.15rem; margin: 1.25rem 0 0.5rem; }
p, li, dd, dt, td, th, caption { font-size: 1rem; }
.note { display: block; }
.scroll { overflow-x: auto; margin: 0.5rem 0 1rem; }
.scroll:focus { outline: 3px solid #1d4ed8; }
table { border-collapse: collapse; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid #595959; padding: 0.25rem 0.5rem; text-align: left;
  vertical-align: top; }
thead th { background: #e8e8e8; }
th[scope="row"] { font-weight: normal; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
dl { display: grid; grid-template-columns: minmax(10rem, max-content) 1fr; gap: 0.25rem 1rem; }
dt { font-weight: bold; }
dd { margin: 0; }
@media (max-width: 40rem) { dl { display: block; } dd { margin: 0 0 0.5rem; } }
"""


@dataclass
class HtmlStory:
    """The HTML of a story, and the kinds of flowable it left out."""

    html: str
    skipped: dict[str, int] = field(default_factory=dict)


def inline(markup: str) -> str:
    """reportlab paragraph markup (already escaped text) as HTML phrasing content."""
    out: list[str] = []
    pos = 0
    for match in _TAG.finditer(markup):
        out.append(markup[pos : match.start()])
        pos = match.end()
        closing, tag, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if tag == "br":
            out.append("<br>")
        elif tag in _INLINE:
            out.append(f"<{'/' if closing else ''}{_INLINE[tag]}>")
        elif tag == "font" and not self_closing:
            out.append("</span>" if closing else '<span class="note">')
        # other tags (para, span, a, img, ...) are left out; their text stays
    out.append(markup[pos:])
    return "".join(out).strip()


def _text(markup: str) -> str:
    """The words of a piece of markup, for a caption or a label."""
    return " ".join(_TAG.sub(" ", markup).split())


class _Writer:
    def __init__(self, levels: Mapping[str, int]) -> None:
        self.levels = levels
        self.out: list[str] = []
        self.skipped: dict[str, int] = {}
        self.heading = ""
        self.captions: dict[str, int] = {}
        self.bullets: list[str] = []
        self.tables = 0

    # -- blocks ----------------------------------------------------------------

    def walk(self, flowables: Iterable[Any]) -> None:
        for f in flowables:
            if isinstance(f, Paragraph):
                self.paragraph(f)
                continue
            self.end_list()
            if isinstance(f, Table):
                self.table(f)
            elif isinstance(f, (list, tuple)):
                self.walk(f)
            elif isinstance(getattr(f, "_content", None), list):  # KeepTogether, KeepInFrame
                self.walk(f._content)
            elif isinstance(f, (Spacer, PageBreak, CondPageBreak, ActionFlowable)):
                continue
            elif isinstance(f, Flowable) and not getattr(f, "width", 1) and not f.height:
                continue  # an invisible mark (a bookmark, the section at the top of pages)
            else:
                name = type(f).__name__
                self.skipped[name] = self.skipped.get(name, 0) + 1
        self.end_list()

    def paragraph(self, p: Paragraph) -> None:
        markup = p.text or ""
        level = self.levels.get(p.style.name)
        if level is not None:
            self.end_list()
            words = _text(markup)
            self.out.append(f"<h{level}>{inline(markup)}</h{level}>")
            self.heading = words
            return
        body = inline(markup)
        if not body:
            return
        if body.startswith(_BULLET):
            self.bullets.append(body[1:].strip())
            return
        self.end_list()
        self.out.append(f"<p>{body}</p>")

    def end_list(self) -> None:
        if self.bullets:
            items = "".join(f"<li>{b}</li>" for b in self.bullets)
            self.out.append(f"<ul>{items}</ul>")
            self.bullets = []

    # -- tables ----------------------------------------------------------------

    def caption(self) -> str:
        words = self.heading or "Table"
        seen = self.captions.get(words, 0) + 1
        self.captions[words] = seen
        return escape(words) if seen == 1 else f"{escape(words)} (table {seen})"

    def cell(self, value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, Paragraph):
            return inline(value.text or "")
        if isinstance(value, str):
            return "<br>".join(escape(line) for line in value.split("\n"))
        if isinstance(value, (int, float)):
            return escape(str(value))
        inner = _Writer(self.levels)
        inner.walk(value if isinstance(value, (list, tuple)) else [value])
        for name, count in inner.skipped.items():
            self.skipped[name] = self.skipped.get(name, 0) + count
        return "".join(inner.out)

    @staticmethod
    def right(table: Table, row: int, col: int) -> bool:
        value = table._cellvalues[row][col]
        if isinstance(value, Paragraph) and value.style.alignment == TA_RIGHT:
            return True
        styles = getattr(table, "_cellStyles", None)
        return styles is not None and bool(styles) and styles[row][col].alignment == "RIGHT"

    def table(self, table: Table) -> None:
        rows = table._cellvalues
        if not rows:
            return
        head = table.repeatRows
        head_rows = head if isinstance(head, int) else len(head)
        columns = len(rows[0])
        if head_rows:
            self.data_table(table, head_rows)
        elif columns == 2 and any(self.right(table, r, 1) for r in range(len(rows))):
            self.statement_table(table)
        elif columns % 2 == 0:
            self.pairs(table)
        else:
            for row in rows:
                words = " ".join(c for c in (self.cell(v) for v in row) if c)
                if words:
                    self.out.append(f"<p>{words}</p>")

    def _open_table(self) -> str:
        self.tables += 1
        ident = f"table-{self.tables}"
        self.out.append(
            f'<div class="scroll" role="region" aria-labelledby="{ident}" tabindex="0">'
            f'<table><caption id="{ident}">{self.caption()}</caption>'
        )
        return ident

    def _td(self, table: Table, r: int, c: int, tag: str = "td", scope: str = "") -> str:
        attrs = f' scope="{scope}"' if scope else ""
        if self.right(table, r, c):
            attrs += ' class="num"'
        body = self.cell(table._cellvalues[r][c])
        if tag == "th" and not _text(body):
            body = '<span class="visually-hidden">Item</span>'
        return f"<{tag}{attrs}>{body}</{tag}>"

    def data_table(self, table: Table, head_rows: int) -> None:
        rows = table._cellvalues
        self._open_table()
        self.out.append("<thead>")
        for r in range(head_rows):
            cells = "".join(self._td(table, r, c, "th", "col") for c in range(len(rows[r])))
            self.out.append(f"<tr>{cells}</tr>")
        self.out.append("</thead><tbody>")
        for r in range(head_rows, len(rows)):
            cells = "".join(self._td(table, r, c) for c in range(len(rows[r])))
            self.out.append(f"<tr>{cells}</tr>")
        self.out.append("</tbody></table></div>")

    def statement_table(self, table: Table) -> None:
        """Labels and amounts: each label a row header."""
        self._open_table()
        self.out.append("<tbody>")
        for r in range(len(table._cellvalues)):
            self.out.append(f"<tr>{self._td(table, r, 0, 'th', 'row')}{self._td(table, r, 1)}</tr>")
        self.out.append("</tbody></table></div>")

    def pairs(self, table: Table) -> None:
        """Labels and values side by side (two, or two pairs, a row): a description list."""
        items: list[str] = []
        for row in table._cellvalues:
            for c in range(0, len(row), 2):
                label, value = self.cell(row[c]), self.cell(row[c + 1])
                if _text(label):
                    if label.startswith("<strong>") and label.endswith("</strong>"):
                        label = label[8:-9]  # a term is bold already
                    items.append(f"<dt>{label}</dt><dd>{value}</dd>")
                elif _text(value):
                    items.append(f"<dd>{value}</dd>")
        if items:
            self.out.append(f"<dl>{''.join(items)}</dl>")


def story_html(
    story: Iterable[Any],
    *,
    title: str,
    lang: str = "en-GB",
    levels: Mapping[str, int] = RETURN_LEVELS,
) -> HtmlStory:
    """The story as one self-contained HTML page titled ``title``."""
    writer = _Writer(levels)
    writer.walk(story)
    body = "\n".join(writer.out)
    page = (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}"
        ".visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;"
        " clip: rect(0 0 0 0); white-space: nowrap; }\n</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
    return HtmlStory(page, writer.skipped)
