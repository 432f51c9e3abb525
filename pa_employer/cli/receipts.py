"""Receipts kept with ledger lines (Money, Ledger, Attach receipt… in the window):
``receipt attach`` keeps a receipt file as the evidence for one or more lines, with the
total printed on it when known; ``receipt list`` shows a line's receipts."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pa_employer.cli.common import OK, command_group, emit, open_file, verb
from pa_employer.cli.record_options import pounds_to_pence
from pa_employer.clock import Clock
from pa_employer.core.validation import InputError, Problem


def _line_ids(text: str) -> list[int]:
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts or not all(p.isascii() and p.isdigit() for p in parts):
        raise InputError(
            [Problem("--lines", f"give ledger line numbers separated by commas, not '{text}'")]
        )
    return [int(p) for p in parts]


def cmd_attach(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.money.ledger import attach_receipt

    ids = _line_ids(args.lines)
    total = pounds_to_pence(args.total, "--total") if args.total is not None else None
    with open_file(args, clock) as ef:
        found = attach_receipt(ef, ids, Path(args.receipt), total)
    lines = ", ".join(str(i) for i in ids)
    emit(args, {"id": found, "lines": ids}, f"Receipt R{found} kept for line(s) {lines}")
    return OK


def cmd_list(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.money.ledger import receipts_for

    with open_file(args, clock, read_only=True) as ef:
        found = receipts_for(ef, args.line)
    data = [
        {"id": r.id, "filename": r.filename, "media_type": r.media_type, "sha256": r.sha256}
        for r in found
    ]
    text = "\n".join(f"R{r.id}  {r.filename}  {r.media_type}  {r.size_bytes} bytes" for r in found)
    emit(args, {"line": args.line, "receipts": data}, text or "No receipt kept for this line.")
    return OK


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``receipt attach|list``."""
    what = command_group(sub, "receipt", "keep receipts with ledger lines", "attach|list")
    p = verb(what, "attach", common, "keep a receipt for ledger lines")
    p.add_argument("receipt", help="the receipt: PNG, JPEG, GIF, WebP, HEIC or PDF")
    p.add_argument("--lines", required=True, help="the ledger line numbers, e.g. 12,13")
    p.add_argument("--total", help="the total printed on the receipt, in pounds")
    p.set_defaults(run=cmd_attach)
    p = verb(what, "list", common, "the receipts kept for a line")
    p.add_argument("line", type=int, help="the ledger line number")
    p.set_defaults(run=cmd_list)
