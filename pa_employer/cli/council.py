"""Commands for the employer's own copy of its council's rules (Settings > Council):
``council show``, ``council choose CODE`` (copy the national profile), ``council set``
(an adviser's correction of any rule, with how sure it is: typed values are "our
assumption" unless another status is given) and ``council flag`` (a spending category the
council excludes or wants asked about first)."""

from __future__ import annotations

import argparse
from typing import Any

from pa_employer.cli.common import OK, command_group, emit, open_file, verb
from pa_employer.clock import Clock
from pa_employer.core.council.profile import (
    FIELD_LABELS,
    LIST_FIELDS,
    RULE_FIELDS,
    CouncilProfile,
    field_choices,
    is_yes_no,
)
from pa_employer.core.rules import Status
from pa_employer.core.validation import InputError, Problem

_STATUSES = ("confirmed", "secondary", "expected", "assumption")


def _option(name: str) -> str:
    return "--" + name.replace("_", "-")


def _value(name: str, text: str) -> Any:
    """A typed value for rule ``name``; ``none`` for not known. InputError naming it."""
    option = _option(name)
    if text.lower() in ("none", "not known", ""):
        return None
    if name in LIST_FIELDS:
        codes = tuple(c.strip() for c in text.split(",") if c.strip())
        unknown = [c for c in codes if c not in LIST_FIELDS[name]]
        if unknown:
            known = ", ".join(LIST_FIELDS[name])
            raise InputError([Problem(option, f"'{unknown[0]}' is not one of: {known}")])
        return codes
    if is_yes_no(name):
        if text.lower() not in ("yes", "no"):
            raise InputError([Problem(option, f"give yes, no or none, not '{text}'")])
        return text.lower() == "yes"
    choices = field_choices(name)
    if choices is not None:
        if text not in choices:
            raise InputError([Problem(option, f"'{text}' is not one of: {', '.join(choices)}")])
        return text
    if not (text.isascii() and text.isdigit()):
        raise InputError([Problem(option, f"'{text}' is not a whole number")])
    return int(text)


def _json(profile: CouncilProfile) -> dict[str, Any]:
    fields = {
        name: {
            "value": getattr(profile, name),
            "words": profile.describe(name),
            "status": profile.field_status(name).value,
        }
        for name in RULE_FIELDS
    }
    lists = {name: getattr(profile, name) for name in LIST_FIELDS}
    flags = [
        {"category": f.category, "flag": f.flag, "status": f.status.value, "source": f.source}
        for f in profile.category_flags
    ]
    return {
        "code": profile.code,
        "name": profile.name,
        "fields": fields,
        **lists,
        "category_flags": flags,
        "source": profile.source,
    }


def _text(profile: CouncilProfile) -> str:
    lines = [f"{profile.name} ({profile.code})"]
    for name in RULE_FIELDS:
        status = profile.field_status(name)
        lines.append(f"  {FIELD_LABELS[name]}: {profile.describe(name)} [{status.label}]")
    for name in LIST_FIELDS:
        value = getattr(profile, name)
        lines.append(f"  {name.replace('_', ' ')}: {', '.join(value) if value else 'Not known'}")
    for flag in profile.category_flags:
        lines.append(f"  Spending on {flag.category}: {flag.label} [{flag.status.label}]")
    if profile.source:
        lines.append(f"  Sources: {profile.source}")
    return "\n".join(lines)


def cmd_show(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.settings.council import get_council_profile

    with open_file(args, clock, read_only=True) as ef:
        profile = get_council_profile(ef)
    if profile is None:
        raise InputError([Problem("council", "no council chosen: use `council choose`")])
    emit(args, {"council": _json(profile)}, _text(profile))
    return OK


def cmd_choose(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.settings.council import choose_council

    with open_file(args, clock) as ef:
        profile = choose_council(ef, args.code)
    emit(args, {"council": _json(profile)}, f"Council set to {profile.name}\n{_text(profile)}")
    return OK


def cmd_set(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.settings.council import (
        get_council_profile,
        mark_edited,
        save_council_profile,
    )

    given = {
        name: _value(name, getattr(args, name))
        for name in (*RULE_FIELDS, *LIST_FIELDS)
        if getattr(args, name) is not None
    }
    if not given:
        raise InputError([Problem("council set", "give at least one rule (see --help)")])
    status = Status(args.status)
    with open_file(args, clock) as ef:
        profile = get_council_profile(ef)
        if profile is None:
            raise InputError([Problem("council", "no council chosen: use `council choose`")])
        for name, value in given.items():
            profile = mark_edited(profile, name, value, status)
        save_council_profile(ef, profile)
        saved = get_council_profile(ef)
    assert saved is not None
    emit(args, {"council": _json(saved), "changed": list(given)}, _text(saved))
    return OK


def cmd_flag(args: argparse.Namespace, clock: Clock) -> int:
    """Set (or, with --remove, take off) the council's flag on a spending category, as
    Settings > Council > Spending the council flags does."""
    from pa_employer.core.council.profile import CategoryFlag
    from pa_employer.services.settings.council import (
        get_council_profile,
        save_council_profile,
        with_flag,
    )

    if not args.remove and not args.flag:
        raise InputError([Problem("--flag", "give excluded or prior_approval (or --remove)")])
    flag = (
        None
        if args.remove
        else CategoryFlag(args.category, args.flag, Status(args.status), args.source or "")
    )
    with open_file(args, clock) as ef:
        profile = get_council_profile(ef)
        if profile is None:
            raise InputError([Problem("council", "no council chosen: use `council choose`")])
        save_council_profile(ef, with_flag(profile, flag, args.category))
        saved = get_council_profile(ef)
    assert saved is not None
    emit(args, {"council": _json(saved)}, _text(saved))
    return OK


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``council show|choose|set|flag``."""
    what = command_group(
        sub, "council", "the employer's copy of its council's rules", "show|choose|set|flag"
    )
    p = verb(what, "show", common, "the council's rules, each with its status")
    p.set_defaults(run=cmd_show)
    p = verb(what, "choose", common, "copy a council's national profile")
    p.add_argument(
        "code",
        help="the council: its code (see `pa-employer councils`), its name or a name people"
        " use for it (Edinburgh, Western Isles)",
    )
    p.set_defaults(run=cmd_choose)
    p = verb(what, "set", common, "correct the council's rules")
    for name in RULE_FIELDS:
        choices = field_choices(name)
        if choices is not None:
            words = "one of: " + ", ".join(choices)
        elif is_yes_no(name):
            words = "yes or no"
        else:
            words = "a whole number"
        p.add_argument(
            _option(name), dest=name, metavar="VALUE", help=f"{FIELD_LABELS[name]}: {words}"
        )
    for name, codes in LIST_FIELDS.items():
        p.add_argument(
            _option(name), dest=name, metavar="CODES", help="comma-separated: " + ", ".join(codes)
        )
    p.add_argument(
        "--status",
        choices=_STATUSES,
        default="assumption",
        help="how sure the values given are (default: assumption)",
    )
    p.set_defaults(run=cmd_set)
    p = verb(what, "flag", common, "the council's flag on a spending category")
    p.add_argument("--category", required=True, help="a spending category's code")
    p.add_argument("--flag", choices=("excluded", "prior_approval"))
    p.add_argument("--source", help="where the council says so")
    p.add_argument("--status", choices=_STATUSES, default="assumption")
    p.add_argument("--remove", action="store_true", help="take the flag off")
    p.set_defaults(run=cmd_flag)


# -- this employer's own values for national rates ---------------------------------------


def cmd_override_add(args: argparse.Namespace, clock: Clock) -> int:
    from decimal import Decimal, InvalidOperation

    from pa_employer.core.rules import RuleRow
    from pa_employer.services.settings.rulebook import add_override

    try:
        value = Decimal(args.value)
    except InvalidOperation:
        raise InputError([Problem("--value", f"'{args.value}' is not a number")]) from None
    row = RuleRow(
        args.name,
        value,
        "",
        args.from_date,
        args.to_date,
        "employer",
        args.source,
        Status(args.status),
        args.notes or "",
    )
    with open_file(args, clock) as ef:
        found = add_override(ef, row)
    emit(
        args,
        {"id": found},
        f"{args.name} = {value} from {args.from_date:%d/%m/%Y} (number {found})",
    )
    return OK


def cmd_override_remove(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.settings.rulebook import remove_override

    with open_file(args, clock) as ef:
        remove_override(ef, args.id)
    emit(args, {"removed": args.id}, f"Rate override number {args.id} removed")
    return OK


def cmd_override_list(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.settings.rulebook import list_overrides

    with open_file(args, clock, read_only=True) as ef:
        found = list_overrides(ef)
    data = [
        {
            "id": number,
            "name": row.name,
            "value": str(row.value),
            "unit": row.unit,
            "from": row.effective_from.isoformat(),
            "to": row.effective_to.isoformat() if row.effective_to else None,
            "source": row.source,
            "status": row.status.value,
        }
        for number, row in found
    ]
    text = "\n".join(
        f"{n:4}  {r.name} = {r.value} {r.unit} from {r.effective_from:%d/%m/%Y}"
        + (f" to {r.effective_to:%d/%m/%Y}" if r.effective_to else "")
        + f" ({r.status.label}; {r.source})"
        for n, r in found
    )
    emit(args, {"overrides": data}, text or "No rate overrides: the national tables are used.")
    return OK


def add_override_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``rate-override add|remove|list``."""
    from pa_employer.cli.common import parse_date_arg

    what = command_group(
        sub,
        "rate-override",
        "this employer's own value for a national rate (with its source)",
        "add|remove|list",
    )
    p = verb(what, "add", common, "e.g. a PA minimum the council confirmed")
    p.add_argument("--name", required=True, help="the rate's name, e.g. scottish_pa_minimum")
    p.add_argument("--value", required=True, help="in the rate's unit, e.g. 13.45")
    p.add_argument("--from", dest="from_date", type=parse_date_arg, required=True)
    p.add_argument("--to", dest="to_date", type=parse_date_arg)
    p.add_argument("--source", required=True, help="where the value comes from")
    p.add_argument("--status", choices=_STATUSES, default="confirmed")
    p.add_argument("--notes")
    p.set_defaults(run=cmd_override_add)
    p = verb(what, "remove", common, "remove an override (its number)")
    p.add_argument("id", type=int)
    p.set_defaults(run=cmd_override_remove)
    p = verb(what, "list", common, "this employer's overrides")
    p.set_defaults(run=cmd_override_list)
