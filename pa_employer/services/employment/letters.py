"""The letters a leaving needs, filled from the records: confirmation of resignation and
notice of redundancy (to the PA), and the leaver letter to the payroll provider. Each as
PDF (``reports.letter_pdf``) and as plain text to edit. Plain English; every figure is the
one recorded with the leaving (``services.employment.leaving``)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path

from pa_employer.core.money import format_pence
from pa_employer.core.pay.redundancy import full_years
from pa_employer.core.people.leaving import LeavingReason, NoticeBy
from pa_employer.core.records import Employer
from pa_employer.core.validation import InputError, Problem
from pa_employer.exports.private_files import write_private
from pa_employer.reports.letter_pdf import Letter, letter_pdf, letter_text
from pa_employer.services.employment.leaving import LeavingRecord, leaving_of
from pa_employer.services.errors import StorageError
from pa_employer.services.settings import employer as employer_service
from pa_employer.services.settings import rulebook
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.timesheets.holiday import hours_words

#: Acas's helpline, for free advice on a redundancy.
ACAS = "Acas on 0300 123 1100 (acas.org.uk)"


class LetterKind(StrEnum):
    RESIGNATION = "resignation"
    REDUNDANCY = "redundancy"
    PAYROLL = "payroll"

    @property
    def label(self) -> str:
        return {
            LetterKind.RESIGNATION: "Confirmation of resignation (to the PA)",
            LetterKind.REDUNDANCY: "Notice of redundancy (to the PA)",
            LetterKind.PAYROLL: "Leaver letter (to the payroll provider)",
        }[self]


def kinds_for(reason: LeavingReason) -> list[LetterKind]:
    """The letters a leaving for ``reason`` has, the PA's first."""
    own = {
        LeavingReason.RESIGNATION: [LetterKind.RESIGNATION],
        LeavingReason.REDUNDANCY: [LetterKind.REDUNDANCY],
    }.get(reason, [])
    return [*own, LetterKind.PAYROLL]


def _d(day: date | None) -> str:
    return f"{day:%-d %B %Y}" if day else "not recorded"


def _weeks(n: int) -> str:
    return "1 week" if n == 1 else f"{n} weeks"


def _period(record: LeavingRecord) -> str:
    if record.final_period_start and record.final_period_end:
        return f"{_d(record.final_period_start)} to {_d(record.final_period_end)}"
    return "the pay period that includes the leaving date"


def _holiday_to_pa(record: LeavingRecord) -> str:
    h = record.holiday
    hours = hours_words(abs(h.minutes))
    if h.pence > 0:
        return (
            f"You have {hours} hours of holiday you have not taken. You will be paid "
            f"{format_pence(h.pence)} for them in your final pay."
        )
    if h.pence < 0:
        return (
            f"You have taken {hours} hours more holiday than you had earned by your last "
            f"day. If your contract allows it, {format_pence(-h.pence)} will be taken off "
            "your final pay for them."
        )
    return "You have no holiday left over to be paid for."


def _signer(employer: Employer) -> tuple[str, str]:
    signer = employer.signer_name
    if signer == employer.employer_name:
        return signer, "Employer"
    return signer, f"On behalf of {employer.employer_name}, the employer"


def _sender(employer: Employer) -> tuple[str, ...]:
    return (
        employer.employer_name,
        f"Employer of personal assistants to {employer.supported_person}",
    )


def _who(by: NoticeBy, for_payroll: bool) -> str:
    """Who gave notice, as the letter's reader is addressed."""
    if for_payroll:
        return "the PA" if by is NoticeBy.PA else "the employer"
    return "you" if by is NoticeBy.PA else "me"


def _figures(record: LeavingRecord, for_payroll: bool) -> tuple[tuple[str, str], ...]:
    pa, n, h = record.pa, record.notice, record.holiday
    rows = []
    if for_payroll:
        rows += [
            ("Name", pa.name),
            ("Payroll number", pa.payroll_number),
            ("National Insurance number", pa.ni_number or "not recorded"),
        ]
    rows += [("Last day of employment", _d(record.leaving_date))]
    if for_payroll:
        rows.append(("Reason for leaving", record.reason.short.capitalize()))
    if n.by is not NoticeBy.NONE:
        rows.append(
            (
                "Notice",
                f"{_weeks(n.weeks) if n.weeks else 'None due'}, given by "
                f"{_who(n.by, for_payroll)} on {_d(n.given_on)}"
                + (f", to {_d(n.ends_on)}" if n.ends_on else ""),
            )
        )
    if h.pence > 0:
        rows.append(
            ("Holiday pay owed", f"{format_pence(h.pence)} ({hours_words(h.minutes)} hours)")
        )
    elif h.pence < 0:
        rows.append(
            (
                "Holiday taken beyond what was earned",
                f"{format_pence(-h.pence)} ({hours_words(-h.minutes)} hours), deduct only if "
                "the contract allows",
            )
        )
    else:
        rows.append(("Holiday pay owed", "None"))
    if record.reason is LeavingReason.REDUNDANCY:
        rows.append(("Statutory redundancy pay", format_pence(record.redundancy_pence)))
    rows.append(("Final pay period", _period(record)))
    return tuple(rows)


def _resignation(record: LeavingRecord, employer: Employer, today: date, _years: int) -> Letter:
    pa, n = record.pa, record.notice
    signer, role = _signer(employer)
    told = f"on {_d(n.given_on)} " if n.given_on else ""
    notice = ""
    if n.weeks and n.ends_on:
        notice = f" Your notice of {_weeks(n.weeks)} runs to {_d(n.ends_on)}."
        if n.short:
            notice += " You are leaving before then, and I agree to this."
    paragraphs = (
        f"Thank you for telling me {told}that you are resigning from your job as a personal "
        f"assistant to {employer.supported_person}. I accept your resignation.",
        f"Your last day of employment will be {_d(record.leaving_date)}.{notice}",
        f"You will be paid for the hours you work up to your last day in the pay for "
        f"{_period(record)}. {_holiday_to_pa(record)}",
        f"{employer.payroll_provider or 'My payroll provider'} will send you your final "
        "payslip and your P45.",
        f"Please give back anything that belongs to {employer.supported_person} or to me, "
        "such as keys or an ID badge, by your last day.",
        f"Thank you for all the support you have given {employer.supported_person}. I wish "
        "you well for the future.",
    )
    return Letter(
        title=f"Confirmation of resignation: {pa.name}",
        sender=_sender(employer),
        to=(pa.name,),
        dated=today,
        heading="Confirming your resignation",
        greeting=f"Dear {pa.first_name},",
        paragraphs=paragraphs,
        sign_off="Yours sincerely,",
        signer=signer,
        signer_role=role,
        figures=_figures(record, False),
        figures_after=3,
    )


def _redundancy(
    record: LeavingRecord, employer: Employer, today: date, qualifying_years: int
) -> Letter:
    pa, n = record.pa, record.notice
    signer, role = _signer(employer)
    years = full_years(pa.service_from, record.leaving_date)
    why = f" {record.notes.rstrip('.')}." if record.notes else ""
    notice = (
        f"This letter is your notice. Your notice is {_weeks(n.weeks)}: the law gives "
        f"{_weeks(n.statutory_weeks)} for {years} full year{'s' if years != 1 else ''} of "
        f"continuous employment"
        + (
            f" and your contract gives {_weeks(n.contract_weeks)}"
            if n.contract_weeks is not None
            else ""
        )
        + f". Your notice started on {_d(n.given_on)} and your employment ends on "
        f"{_d(record.leaving_date)}."
    )
    if n.short and n.ends_on:
        notice += (
            f" You will be paid for the rest of your notice, to {_d(n.ends_on)}, in your "
            "final pay (pay in lieu of notice)."
        )
    began = f"Your continuous employment began on {_d(pa.service_from)}" + (
        f" (you started working for me on {_d(pa.start_date)})."
        if pa.service_from != pa.start_date
        else "."
    )
    if record.redundancy_pence > 0:
        pay = (
            f"{began} With {years} full years of continuous employment you are entitled to "
            f"statutory redundancy pay of {format_pence(record.redundancy_pence)}, paid with "
            "your final pay. It is free of tax and National Insurance."
        )
    elif years >= qualifying_years:
        pay = (
            f"{began} With {years} full years of continuous employment you are entitled to "
            "statutory redundancy pay. I will write to you with the amount once your pay "
            "for the last 12 weeks is worked out."
        )
    else:
        pay = (
            f"{began} Statutory redundancy pay needs {qualifying_years} full years of "
            f"continuous employment; you have {years}, so none is due."
        )
    paragraphs = [
        "I am sorry to tell you that your job as a personal assistant to "
        f"{employer.supported_person} is redundant: the job is no longer needed.{why}",
        notice,
        pay,
        f"You will be paid for the hours you work up to your last day in the pay for "
        f"{_period(record)}. {_holiday_to_pa(record)}",
    ]
    if years >= 2:
        paragraphs.append(
            "During your notice you may take reasonable time off, with pay, to look for "
            "another job or arrange training. Please tell me when you need it."
        )
    paragraphs += [
        "If you think this decision is wrong, you can appeal by writing to me within 5 "
        f"working days of getting this letter. You can get free, confidential advice from "
        f"{ACAS}.",
        f"{employer.payroll_provider or 'My payroll provider'} will send you your final "
        "payslip and your P45.",
        f"Thank you for all the support you have given {employer.supported_person}.",
    ]
    return Letter(
        title=f"Notice of redundancy: {pa.name}",
        sender=_sender(employer),
        to=(pa.name,),
        dated=today,
        heading="Notice of redundancy",
        greeting=f"Dear {pa.first_name},",
        paragraphs=tuple(paragraphs),
        sign_off="Yours sincerely,",
        signer=signer,
        signer_role=role,
        figures=_figures(record, False),
        figures_after=3,
    )


def _payroll(record: LeavingRecord, employer: Employer, today: date, _years: int) -> Letter:
    pa, n = record.pa, record.notice
    signer, role = _signer(employer)
    provider = employer.payroll_provider or "Payroll provider"
    to = tuple(x for x in (provider, employer.payroll_contact) if x)
    paye = employer.paye_reference or "not recorded"
    paragraphs = [
        f"Please process {pa.name} (payroll number {pa.payroll_number}) as a leaver. Their "
        f"last day of employment is {_d(record.leaving_date)} ({record.reason.short}). The "
        f"details are below. Employer's PAYE reference: {paye}.",
        f"Please pay the holiday and any other amounts shown in the final pay for "
        f"{_period(record)}, with the hours on that period's timesheets (they mark this as "
        f"{pa.first_name}'s last pay).",
    ]
    if record.redundancy_pence > 0:
        paragraphs.append(
            f"Statutory redundancy pay of {format_pence(record.redundancy_pence)} is due. It is "
            "within the £30,000 of termination payments that is free of tax and National "
            "Insurance."
        )
    if n.short and n.by is NoticeBy.EMPLOYER and n.ends_on:
        paragraphs.append(
            f"The notice runs to {_d(n.ends_on)}, after the leaving date: please add pay in "
            "lieu of notice for the rest of it."
        )
    if record.holiday.pence < 0:
        paragraphs.append(
            "Holiday was taken beyond what was earned: deduct it only if the contract allows. "
            "I will confirm this to you."
        )
    paragraphs += [
        f"Please send {pa.name} their P45 and final payslip, take them off the pension scheme "
        "from the leaving date, and send me the figures of the final pay so that I can "
        "record them.",
    ]
    return Letter(
        title=f"Leaver: {pa.name}",
        sender=_sender(employer),
        to=to,
        dated=today,
        heading=f"Leaver: {pa.name}, payroll number {pa.payroll_number}",
        greeting=f"Dear {employer.payroll_provider or 'payroll team'},",
        paragraphs=tuple(paragraphs),
        sign_off="Yours sincerely,",
        signer=signer,
        signer_role=role,
        figures=_figures(record, True),
        figures_after=1,
    )


_BUILDERS = {
    LetterKind.RESIGNATION: _resignation,
    LetterKind.REDUNDANCY: _redundancy,
    LetterKind.PAYROLL: _payroll,
}


def letter_from(
    record: LeavingRecord,
    employer: Employer,
    kind: LetterKind,
    today: date,
    qualifying_years: int = 2,
) -> Letter:
    """The letter of ``kind`` for a leaving (for the transfer and death journeys too);
    ``qualifying_years``: the rate tables' ``redundancy_qualifying_years`` on the leaving
    date. InputError when the leaving has no such letter."""
    if kind not in kinds_for(record.reason):
        allowed = ", ".join(k.value for k in kinds_for(record.reason))
        raise InputError(
            [
                Problem(
                    "letter",
                    f"{record.pa.name} left by {record.reason.short}: there is no {kind.value} "
                    f"letter for that (there is: {allowed})",
                )
            ]
        )
    return _BUILDERS[kind](record, employer, today, qualifying_years)


def leaving_letter(ef: EmployerFile, pa_id: int, kind: LetterKind) -> Letter:
    """The letter for a recorded leaving, dated today."""
    record = leaving_of(ef, pa_id)
    if record is None:
        raise InputError([Problem("pa", "no leaving is recorded for this PA: record it first")])
    with ef.reading() as session:
        employer = employer_service.load(session)
        book = rulebook.load(session)
    if employer is None:
        raise InputError([Problem("employer", "the employer's details are not set up")])
    years = int(book.value("redundancy_qualifying_years", record.leaving_date))
    return letter_from(record, employer, kind, ef.today(), years)


def letter_bytes(letter: Letter, as_text: bool) -> bytes:
    """The letter as PDF, or as UTF-8 text to edit."""
    return letter_text(letter).encode("utf-8") if as_text else letter_pdf(letter)


def save_letter(ef: EmployerFile, pa_id: int, kind: LetterKind, dest: Path) -> Path:
    """Write the letter to ``dest``: plain text when it ends in .txt, else PDF."""
    letter = leaving_letter(ef, pa_id, kind)
    data = letter_bytes(letter, dest.suffix.lower() == ".txt")
    if not dest.parent.is_dir():
        raise InputError([Problem("file", f"the folder {dest.parent} does not exist")])
    try:
        return write_private(dest, data)
    except OSError as exc:
        raise StorageError(f"Could not write {dest}: {exc.strerror or exc}.") from exc
