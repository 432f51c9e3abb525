"""Commands for what the Settings page records: ``employer show|set`` (the employer's
details, every field of the record), ``insurance list|add|remove`` (the insurance cover
lines, kept under the insurer) and ``plan show|set|outcome-add|outcome-remove|
funder-amount`` (the support plan: reference, dates, agreed hours, personal outcomes, and
each funder's amount from a date)."""

from __future__ import annotations

import argparse
import dataclasses
from dataclasses import asdict
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pa_employer.cli.common import OK, command_group, emit, open_file, parse_date_arg, verb
from pa_employer.cli.record_options import RecordOptions, pounds_to_pence
from pa_employer.clock import Clock
from pa_employer.core.people.insurance_cover import CoverKind, InsuranceCover
from pa_employer.core.records import (
    Employer,
    Funder,
    FunderAmount,
    FunderKind,
    LegalBasis,
    LegalEmployer,
    Outcome,
    PayFrequency,
    PaymentFrequency,
    SupportPlan,
)
from pa_employer.core.validation import InputError, Problem

if TYPE_CHECKING:
    from pa_employer.services.settings.acting import WhoActs

EMPLOYER_FIELDS = RecordOptions(
    Employer,
    {"LegalBasis": LegalBasis, "PayFrequency": PayFrequency, "LegalEmployer": LegalEmployer},
)
#: Plainer names for the fields about who signs (Settings, Employer words them so).
SIGNER_ALIASES = (
    ("--person", "supported_person", "the supported person's name"),
    ("--signer-name", "acting_person", "who signs returns, when not the person themself"),
    ("--signer-capacity", "legal_basis", "in what capacity they sign (as --legal-basis)"),
    ("--signer-reference", "acting_reference", "their registration or order reference"),
    ("--legal-employer-name", "other_employer_name", "the legal employer, when another"),
    ("--signer-scope", "acting_scope", "what the person acting may do, in words"),
    ("--acting-until", "acting_ends_on", "the day they can no longer act (an order's end)"),
    ("--date-of-birth", "supported_person_born_on", "the supported person's date of birth"),
)
PLAN_FIELDS = RecordOptions(SupportPlan, {}, exclude=("outcomes", "funders"))


# -- employer --------------------------------------------------------------------------


def who_signs(e: Employer, acts: WhoActs | None = None) -> tuple[dict[str, Any], str]:
    """Who signs, in what capacity, the legal employer the documents name, and (``acts``)
    what the person acting may do and until when."""
    names = e.names()
    data: dict[str, Any] = {
        "supported_person": names.supported_person,
        "signer_name": names.signer,
        "signer_capacity": e.legal_basis.value,
        "signer_capacity_words": names.signer_capacity,
        "signer_reference": e.acting_reference,
        "legal_employer": e.legal_employer.value,
        "legal_employer_name": names.legal_employer,
    }
    lines = [
        f"Supported person: {names.supported_person}",
        f"Signs returns: {names.signer}, as {names.signer_capacity}"
        + (f" (reference {e.acting_reference})" if e.acting_reference else ""),
        f"Legal employer of the PAs: {names.legal_employer}",
    ]
    if acts is not None:
        data["acting"] = {
            "scope": acts.scope,
            "scope_words": acts.scope_words,
            "covers_finances": acts.covers_finances,
            "covers_employment": acts.covers_employment,
            "acts_until": acts.acts_until.isoformat() if acts.acts_until else None,
            "acts_until_why": acts.acts_until_why,
            "reminders": [
                {"key": r.key, "urgency": r.urgency.value, "title": r.title, "detail": r.detail}
                for r in acts.reminders
            ],
        }
        if e.legal_basis is not LegalBasis.SELF:
            lines.append(f"What they may do: {acts.scope_words}")
            if acts.until_words:
                lines.append(f"Can act until: {acts.until_words}")
        lines += [f"Reminder ({r.urgency.label}): {r.title}" for r in acts.reminders]
    return data, "\n".join(lines)


def cmd_employer_show(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.settings.acting import who_acts
    from pa_employer.services.settings.employer import get_employer

    with open_file(args, clock, read_only=True) as ef:
        employer = get_employer(ef)
        acts = who_acts(ef)
    if employer is None:
        raise InputError([Problem("employer", "the employer's details are not set up")])
    who, words = who_signs(employer, acts)
    text = "\n".join([words, "Details:", *EMPLOYER_FIELDS.text(employer)])
    emit(args, {"employer": asdict(employer), **who}, text)
    return OK


def cmd_employer_set(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.settings.acting import who_acts
    from pa_employer.services.settings.employer import get_employer, save_employer

    changes = EMPLOYER_FIELDS.changes(args)
    if not changes:
        raise InputError([Problem("employer set", "give at least one field (see --help)")])
    with open_file(args, clock) as ef:
        employer = get_employer(ef)
        if employer is None:
            raise InputError([Problem("employer", "the employer's details are not set up")])
        changed = dataclasses.replace(employer, **changes)
        if changed.legal_basis is LegalBasis.SELF and "acting_person" not in changes:
            changed = dataclasses.replace(changed, acting_person="")  # signs for themself
        save_employer(ef, changed)
        saved = get_employer(ef)
        acts = who_acts(ef)
    assert saved is not None
    names = ", ".join(n.replace("_", " ") for n in changes)
    who, words = who_signs(saved, acts)
    emit(
        args,
        {"employer": asdict(saved), "changed": list(changes), **who},
        f"Set {names}\n{words}",
    )
    return OK


# -- support plan ----------------------------------------------------------------------


def _plan_text(plan: SupportPlan) -> str:
    lines = ["Support plan", *PLAN_FIELDS.text(plan), "  outcomes:"]
    lines += [f"    {n}. {o.wording}" for n, o in enumerate(plan.outcomes, 1)] or ["    none"]
    lines.append("  funders:")
    for funder in plan.funders:
        lines.append(f"    {funder.name or funder.kind.label} ({funder.kind.value})")
        for a in funder.amounts:
            until = f" to {a.effective_to:%d/%m/%Y}" if a.effective_to else ""
            lines.append(
                f"      £{Decimal(a.amount_pence) / 100:,.2f} {a.frequency.value} from "
                f"{a.effective_from:%d/%m/%Y}{until}"
            )
    return "\n".join(lines)


def _change_plan(args: argparse.Namespace, clock: Clock, change: Any, words: str) -> int:
    from pa_employer.services.settings.plan import get_plan, save_plan

    with open_file(args, clock) as ef:
        plan = get_plan(ef) or SupportPlan()
        save_plan(ef, change(plan))
        saved = get_plan(ef)
    assert saved is not None
    emit(args, {"plan": asdict(saved)}, f"{words}\n{_plan_text(saved)}")
    return OK


def cmd_plan_show(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.settings.plan import get_plan

    with open_file(args, clock, read_only=True) as ef:
        plan = get_plan(ef) or SupportPlan()
    emit(args, {"plan": asdict(plan)}, _plan_text(plan))
    return OK


def cmd_plan_set(args: argparse.Namespace, clock: Clock) -> int:
    changes = PLAN_FIELDS.changes(args)
    if not changes:
        raise InputError([Problem("plan set", "give at least one field (see --help)")])
    return _change_plan(
        args, clock, lambda plan: dataclasses.replace(plan, **changes), "Support plan saved"
    )


def cmd_outcome_add(args: argparse.Namespace, clock: Clock) -> int:
    wording = args.wording.strip()
    if not wording:
        raise InputError([Problem("wording", "is empty")])
    return _change_plan(
        args,
        clock,
        lambda plan: dataclasses.replace(plan, outcomes=(*plan.outcomes, Outcome(wording))),
        "Outcome added",
    )


def cmd_outcome_remove(args: argparse.Namespace, clock: Clock) -> int:
    def change(plan: SupportPlan) -> SupportPlan:
        if not 1 <= args.number <= len(plan.outcomes):
            raise InputError(
                [Problem("number", f"give 1 to {len(plan.outcomes)}, as `plan show` lists")]
            )
        kept = tuple(o for n, o in enumerate(plan.outcomes, 1) if n != args.number)
        return dataclasses.replace(plan, outcomes=kept)

    return _change_plan(args, clock, change, "Outcome removed")


def cmd_funder_amount(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.core.effective_dated import insert_from

    kind = FunderKind(args.kind)
    name = (args.name or "").strip()
    amount = FunderAmount(
        pounds_to_pence(args.amount, "--amount"),
        PaymentFrequency(args.frequency),
        args.from_date,
        args.to_date,
    )

    def change(plan: SupportPlan) -> SupportPlan:
        funders = list(plan.funders)
        index = next(
            (n for n, f in enumerate(funders) if f.kind is kind and (not name or f.name == name)),
            None,
        )
        if index is None:
            funders.append(Funder(kind, name, (amount,)))
        else:
            found = funders[index]
            amounts = insert_from(found.amounts, amount, lambda _a: True)
            ordered = tuple(sorted(amounts, key=lambda a: a.effective_from))
            funders[index] = dataclasses.replace(found, amounts=ordered)
        return dataclasses.replace(plan, funders=tuple(funders))

    return _change_plan(args, clock, change, f"{kind.label} amount from {args.from_date:%d/%m/%Y}")


# -- insurance cover lines -----------------------------------------------------------


def cover_json(cover: InsuranceCover) -> dict[str, Any]:
    return {
        "id": cover.id,
        "kind": cover.kind.value,
        "kind_words": cover.kind.label,
        "limit_pence": cover.limit_pence,
        "excess_pence": cover.excess_pence,
        "notes": cover.notes,
        "offsets_ending": cover.kind.offsets_ending,
        "words": cover.words,
    }


def _report(args: argparse.Namespace, employer: Employer | None, covers: list[InsuranceCover],
            said: str = "") -> None:  # fmt: skip
    insurer = employer.insurer if employer else ""
    helpline = employer.insurer_helpline if employer else ""
    data = {
        "insurer": insurer,
        "policy": employer.insurance_policy if employer else "",
        "expiry": employer.insurance_expiry.isoformat()
        if employer and employer.insurance_expiry
        else None,
        "helpline": helpline,
        "cover": [cover_json(c) for c in covers],
    }
    lines = [said] if said else []
    lines.append(
        f"Insurer: {insurer or 'not recorded'}" + (f", helpline {helpline}" if helpline else "")
    )
    lines += [f"  {c.id}. {c.words}" for c in covers] or ["  No cover lines recorded."]
    emit(args, data, "\n".join(lines))


def cmd_insurance_list(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.settings.employer import get_employer
    from pa_employer.services.settings.insurance import list_cover

    with open_file(args, clock, read_only=True) as ef:
        employer, covers = get_employer(ef), list_cover(ef)
    _report(args, employer, covers)
    return OK


def cmd_insurance_add(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.settings.employer import get_employer
    from pa_employer.services.settings.insurance import add_cover, list_cover

    cover = InsuranceCover(
        CoverKind(args.kind),
        pounds_to_pence(args.limit, "--limit") if args.limit is not None else None,
        pounds_to_pence(args.excess, "--excess") if args.excess is not None else None,
        args.notes or "",
    )
    with open_file(args, clock) as ef:
        new_id = add_cover(ef, cover)
        employer, covers = get_employer(ef), list_cover(ef)
    _report(args, employer, covers, f"Added cover line {new_id}: {cover.words}")
    return OK


def cmd_insurance_remove(args: argparse.Namespace, clock: Clock) -> int:
    from pa_employer.services.settings.employer import get_employer
    from pa_employer.services.settings.insurance import list_cover, remove_cover

    with open_file(args, clock) as ef:
        removed = remove_cover(ef, args.id)
        employer, covers = get_employer(ef), list_cover(ef)
    _report(args, employer, covers, f"Removed cover line {args.id}: {removed.words}")
    return OK


# -- registration ----------------------------------------------------------------------


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``employer show|set`` and ``plan show|set|outcome-add|outcome-remove|
    funder-amount`` and ``insurance list|add|remove``."""
    what = command_group(sub, "employer", "show or change the employer's details", "show|set")
    p = verb(what, "show", common, "the employer's details")
    p.set_defaults(run=cmd_employer_show)
    p = verb(what, "set", common, "change the employer's details")
    EMPLOYER_FIELDS.add_to(p)
    for name, dest, words in SIGNER_ALIASES:
        p.add_argument(name, dest=dest, metavar="VALUE", help=words)
    p.set_defaults(run=cmd_employer_set)

    what = command_group(
        sub,
        "plan",
        "show or change the support plan and its funders",
        "show|set|outcome-add|outcome-remove|funder-amount",
    )
    p = verb(what, "show", common, "the support plan")
    p.set_defaults(run=cmd_plan_show)
    p = verb(what, "set", common, "the plan's reference, dates, hours")
    PLAN_FIELDS.add_to(p)
    p.set_defaults(run=cmd_plan_set)
    p = verb(what, "outcome-add", common, "add a personal outcome")
    p.add_argument("wording", help="the outcome, in the plan's words")
    p.set_defaults(run=cmd_outcome_add)
    p = verb(what, "outcome-remove", common, "remove a personal outcome")
    p.add_argument("number", type=int, help="its number, as `plan show` lists it")
    p.set_defaults(run=cmd_outcome_remove)
    p = verb(
        what,
        "funder-amount",
        common,
        "a funder's amount from a date (the amount before it ends the day before)",
    )
    p.add_argument("--kind", required=True, choices=[k.value for k in FunderKind])
    p.add_argument("--name", help="the funder's name, when there is more than one of a kind")
    p.add_argument("--amount", required=True, help="each payment, in pounds, e.g. 1450.00")
    p.add_argument("--frequency", required=True, choices=[f.value for f in PaymentFrequency])
    p.add_argument("--from", dest="from_date", type=parse_date_arg, required=True)
    p.add_argument("--to", dest="to_date", type=parse_date_arg, help="its last day, if known")
    p.set_defaults(run=cmd_funder_amount)
    group = command_group(
        sub, "insurance", "the employer's insurance cover lines", "list|add|remove"
    )
    p = verb(group, "list", common, "the insurer and each cover line")
    p.set_defaults(run=cmd_insurance_list)
    p = verb(group, "add", common, "add a cover line")
    p.add_argument("--kind", required=True, choices=[k.value for k in CoverKind])
    p.add_argument("--limit", help="the most the insurer pays, in pounds, e.g. 10000000")
    p.add_argument("--excess", help="what the employer pays first, in pounds, e.g. 250")
    p.add_argument("--notes", help="anything else (for --kind other: what it covers)")
    p.set_defaults(run=cmd_insurance_add)
    p = verb(group, "remove", common, "remove a cover line")
    p.add_argument("id", type=int, help="its number, as `insurance list` shows it")
    p.set_defaults(run=cmd_insurance_remove)
