"""Receipts kept with ledger lines (Money, Ledger, a line's receipts in the window):
``receipt attach`` keeps a receipt file as the evidence for one or more lines, with the
total printed on it when known; ``receipt list`` shows a line's receipts; ``receipt save``
writes a copy of one out; ``receipt replace`` puts a better file in its place;
``receipt remove`` takes it off a line."""

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


def _receipt_id(text: str) -> int:
    """A receipt number as printed (R12) or bare (12)."""
    digits = text.strip().removeprefix("R").removeprefix("r")
    if not (digits.isascii() and digits.isdigit()):
        raise InputError([Problem("RECEIPT", f"give a receipt number such as R12, not '{text}'")])
    return int(digits)


def cmd_save(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.money.receipts import save_receipt

    rid = _receipt_id(args.receipt)
    with open_file(args, clock, read_only=True) as ef:
        out = save_receipt(ef, rid, Path(args.out), replace=args.replace)
    emit(args, {"id": rid, "out": str(out)}, f"Receipt R{rid} saved to {out}")
    return OK


def cmd_replace(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.money.receipts import kept_receipt, replace_receipt

    rid = _receipt_id(args.receipt)
    with open_file(args, clock) as ef:
        new = replace_receipt(ef, rid, Path(args.new_file))
        lines = list(kept_receipt(ef, new).line_ids)
    shown = ", ".join(str(i) for i in lines)
    emit(
        args,
        {"replaced": rid, "id": new, "lines": lines},
        f"Receipt R{rid} replaced by R{new} ({Path(args.new_file).name}) for line(s) {shown}",
    )
    return OK


def cmd_remove(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.money.receipts import remove_receipt

    rid = _receipt_id(args.receipt)
    with open_file(args, clock) as ef:
        remove_receipt(ef, args.line, rid)
    emit(args, {"removed": rid, "line": args.line}, f"Receipt R{rid} removed from line {args.line}")
    return OK


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``receipt attach|list|save|replace|remove``."""
    what = command_group(
        sub, "receipt", "keep receipts with ledger lines", "attach|list|save|replace|remove"
    )
    p = verb(what, "attach", common, "keep a receipt for ledger lines")
    p.add_argument("receipt", help="the receipt: PNG, JPEG, GIF, WebP, HEIC or PDF")
    p.add_argument("--lines", required=True, help="the ledger line numbers, e.g. 12,13")
    p.add_argument("--total", help="the total printed on the receipt, in pounds")
    p.set_defaults(run=cmd_attach)
    p = verb(what, "list", common, "the receipts kept for a line")
    p.add_argument("line", type=int, help="the ledger line number")
    p.set_defaults(run=cmd_list)
    p = verb(what, "save", common, "write a copy of a kept receipt to a file")
    p.add_argument("receipt", help="the receipt number, e.g. R12 (receipt list shows them)")
    p.add_argument("--out", required=True, help="where to write the copy")
    p.add_argument("--replace", action="store_true", help="replace a file already there")
    p.set_defaults(run=cmd_save)
    p = verb(what, "replace", common, "put a better file in place of a kept receipt")
    p.add_argument("receipt", help="the receipt number, e.g. R12")
    p.add_argument("new_file", help="the new file: PNG, JPEG, GIF, WebP, HEIC or PDF")
    p.set_defaults(run=cmd_replace)
    p = verb(what, "remove", common, "take a receipt off a ledger line")
    p.add_argument("line", type=int, help="the ledger line number")
    p.add_argument("receipt", help="the receipt number, e.g. R12")
    p.set_defaults(run=cmd_remove)
