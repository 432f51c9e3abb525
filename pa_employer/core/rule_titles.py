"""Plain-English names of the rate-table rows, and their values in words."""

from __future__ import annotations

from pa_employer.core.money import format_pence, round_pence
from pa_employer.core.rules import RuleRow

TITLES = {
    "scottish_pa_minimum": "Scottish minimum rate for PAs",
    "real_living_wage": "Real Living Wage",
    "nlw_21_plus": "National Living Wage (21 and over)",
    "nmw_18_20": "National Minimum Wage (18 to 20)",
    "nmw_16_17": "National Minimum Wage (16 and 17)",
    "nmw_apprentice": "National Minimum Wage (apprentices)",
    "ni_employer_rate": "Employer National Insurance rate",
    "ni_secondary_threshold": "Employer NI threshold",
    "ni_employee_rate": "Employee National Insurance rate",
    "ni_employee_upper_rate": "Employee NI rate above the upper limit",
    "ni_primary_threshold": "Employee NI threshold",
    "ni_upper_earnings_limit": "NI upper earnings limit",
    "ni_lower_earnings_limit": "NI lower earnings limit",
    "employment_allowance": "Employment Allowance",
    "ae_earnings_trigger": "Pension auto-enrolment earnings trigger",
    "ae_lower_qualifying": "Pension qualifying earnings: lower limit",
    "ae_upper_qualifying": "Pension qualifying earnings: upper limit",
    "ae_employer_min_percent": "Pension: employer's minimum contribution",
    "ae_total_min_percent": "Pension: minimum total contribution",
    "ae_min_age": "Pension auto-enrolment minimum age",
    "ssp_weekly_rate": "Statutory Sick Pay weekly rate",
    "ssp_earnings_percent": "Statutory Sick Pay: share of average earnings",
    "ssp_max_weeks": "Statutory Sick Pay: most weeks",
    "statutory_family_pay_weekly": "Statutory maternity, paternity and other family pay",
    "redundancy_week_pay_cap": "Statutory redundancy: cap on a week's pay",
    "redundancy_max": "Statutory redundancy: most payable",
    "pvg_fee_join": "PVG scheme fee to join",
    "pvg_fee_existing": "PVG scheme fee for an existing member",
    "pvg_membership_years": "PVG membership length",
    "pvg_reminder_months": "PVG renewal reminder",
    "holiday_weeks": "Holiday entitlement",
    "holiday_cap_days": "Holiday entitlement cap",
    "holiday_irregular_accrual_percent": "Holiday accrual for irregular hours",
    "insurance_reminder_days": "Insurance renewal reminder",
    "return_due_days": "Financial return due after the period ends",
    "ssp_waiting_days": "Statutory Sick Pay waiting days",
    "redundancy_qualifying_years": "Service needed for statutory redundancy pay",
    "redundancy_max_years": "Most years of service counted for redundancy",
    "redundancy_middle_band_from_age": "Redundancy: one week per year from this age",
    "redundancy_upper_band_from_age": "Redundancy: one and a half weeks per year from this age",
    "redundancy_weeks_lower_band": "Redundancy weeks per year under the middle age band",
    "redundancy_weeks_middle_band": "Redundancy weeks per year in the middle age band",
    "redundancy_weeks_upper_band": "Redundancy weeks per year in the upper age band",
    "notice_min_service_months": "Service before statutory notice applies",
    "notice_short_service_weeks": "Statutory notice for short service",
    "notice_weekly_from_years": "Statutory notice: one week per year from this many years",
    "notice_max_weeks": "Most statutory notice",
    "mileage_rate_per_mile": "Mileage rate",
    "legal_capacity_age": "Age of legal capacity (a parent acts until then)",
    "acting_reminder_first_months": "Reminder before the person acting's authority ends",
    "acting_reminder_second_months": "Second reminder before that authority ends",
}

_PERIODS = {
    "_annual": " (a year)",
    "_weekly": " (a week)",
    "_4weekly": " (4 weeks)",
    "_monthly": " (a month)",
}

_UNITS = {
    "GBP/hour": " an hour",
    "GBP/week": " a week",
    "GBP/4 weeks": " every 4 weeks",
    "GBP/month": " a month",
    "GBP/year": " a year",
    "GBP/mile": " a mile",
    "GBP": "",
}


def rule_title(name: str) -> str:
    if name in TITLES:
        return TITLES[name]
    for suffix, words in _PERIODS.items():
        if name.endswith(suffix) and name[: -len(suffix)] in TITLES:
            return TITLES[name[: -len(suffix)]] + words
    return name.replace("_", " ").capitalize()


def rule_value(row: RuleRow) -> str:
    """'£13.45 an hour', '15%', '5 years'."""
    if row.unit in _UNITS:
        return format_pence(round_pence(row.value)) + _UNITS[row.unit]
    if row.unit == "percent":
        return f"{row.value.normalize():f}%"
    return f"{row.value.normalize():f} {row.unit}"
