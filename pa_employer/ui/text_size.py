"""View > Larger text, Smaller text, Normal text size: the program's own text size.

The size is a percentage of the text size the system gives the program (its font at
start), in steps; it is kept in the user's preferences and used at the next start.
Widgets that are not text keep their size.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

#: The sizes offered, in per cent of the system's text size.
STEPS = (80, 90, 100, 110, 125, 150, 175, 200, 250, 300)
NORMAL = 100
_BASE = "pa_employer_base_point_size"


def _app() -> QApplication | None:
    app = QApplication.instance()
    return app if isinstance(app, QApplication) else None


def base_point_size() -> float:
    """The system's text size for the program, in points (remembered on first use)."""
    app = _app()
    if app is None:
        return 9.0
    base = app.property(_BASE)
    if not base:
        base = app.font().pointSizeF()
        app.setProperty(_BASE, base)
    return float(base)


def current() -> int:
    """The text size now, in per cent of the system's."""
    app = _app()
    if app is None:
        return NORMAL
    return round(app.font().pointSizeF() * 100 / base_point_size())


def apply(percent: int) -> int:
    """Set the program's text size to ``percent`` (clamped to the steps offered)."""
    percent = min(max(percent, STEPS[0]), STEPS[-1])
    app = _app()
    if app is not None:
        base = base_point_size()
        font = app.font()
        font.setPointSizeF(base * percent / 100)
        app.setFont(font)
        # the widgets hear of the new font through posted events: deliver them now, so
        # pages built next measure themselves in it
        app.sendPostedEvents()
    return percent


def larger(percent: int) -> int:
    """The next step up from ``percent`` (the largest stays the largest)."""
    return next((step for step in STEPS if step > percent), STEPS[-1])


def smaller(percent: int) -> int:
    """The next step down from ``percent`` (the smallest stays the smallest)."""
    return next((step for step in reversed(STEPS) if step < percent), STEPS[0])


def parse(saved: str | None) -> int:
    """A kept text size, or normal when none was kept or it cannot be read."""
    try:
        percent = int(saved or NORMAL)
    except ValueError:
        return NORMAL
    return min(max(percent, STEPS[0]), STEPS[-1])
