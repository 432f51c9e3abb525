"""The help pages name buttons with their Alt keys ("**Save notes** (**Alt+N**)"): each
key named must be the key that control has in the window, so the help never sends a
keyboard user to the wrong place when a label's access key changes."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).parents[3] / "pa_employer"
NAMED = re.compile(r"\*\*([^*]+?)\*\*\s*\(\*\*Alt\+([A-Z0-9])\*\*\)")
#: Keys Qt gives itself (the set-up's Next and Back) rather than a label in our code.
QT_OWN = {"Next", "Back"}


def window_keys() -> dict[str, set[str]]:
    """Every label with an access key in the window's code: its words -> its keys."""
    keys: dict[str, set[str]] = {}
    for path in (PACKAGE / "ui").rglob("*.py"):
        for label in re.findall(r'"([^"\n]*&[A-Za-z0-9][^"\n]*)"', path.read_text("utf-8")):
            key = re.search(r"&([A-Za-z0-9])", label)
            assert key is not None
            keys.setdefault(label.replace("&", ""), set()).add(key.group(1).upper())
    return keys


def test_every_key_a_help_page_names_is_the_windows_key() -> None:
    keys = window_keys()
    wrong = []
    for page in sorted((PACKAGE / "services" / "help" / "pages").glob("*.md")):
        for label, key in NAMED.findall(page.read_text("utf-8")):
            if label in QT_OWN:
                continue
            found = {
                k
                for words, ks in keys.items()
                if words.rstrip("…:").startswith(label.rstrip("…:"))
                for k in ks
            }
            if key not in found:
                wrong.append(f"{page.name}: **{label}** says Alt+{key}; the window has {found}")
    assert not wrong, "\n".join(wrong)
