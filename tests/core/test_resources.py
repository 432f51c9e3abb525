"""The shipped data files in resources/: rates, council profiles and spending categories."""

from __future__ import annotations

import csv
import io
import itertools
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from pa_employer.core.council.categories import SpendingCategory, parse_categories_csv
from pa_employer.core.council.profile import RULE_FIELDS, CouncilProfile, parse_councils_toml
from pa_employer.core.rules import COLUMNS, RuleBook, Status, parse_rules_csv

RESOURCES = Path(__file__).resolve().parents[2] / "resources"

REQUIRED_NAMES = [
    "scottish_pa_minimum",
    "real_living_wage",
    "nlw_21_plus",
    "nmw_18_20",
    "nmw_16_17",
    "nmw_apprentice",
    "ni_employer_rate",
    "ni_secondary_threshold_annual",
    "ni_employee_rate",
    "ni_employee_upper_rate",
    "ni_primary_threshold_annual",
    "ni_upper_earnings_limit_annual",
    "ni_lower_earnings_limit_weekly",
    "employment_allowance",
    "ae_earnings_trigger_annual",
    "ae_lower_qualifying_annual",
    "ae_upper_qualifying_annual",
    "ae_employer_min_percent",
    "ae_total_min_percent",
    "ae_min_age",
    "ssp_weekly_rate",
    "ssp_earnings_percent",
    "ssp_max_weeks",
    "statutory_family_pay_weekly",
    "redundancy_week_pay_cap",
    "redundancy_max",
    "pvg_fee_join",
    "pvg_fee_existing",
    "pvg_membership_years",
    "pvg_reminder_months",
    "holiday_weeks",
    "holiday_cap_days",
    "holiday_irregular_accrual_percent",
    "insurance_reminder_days",
    "mileage_rate_per_mile",
]

COUNCIL_NAMES = [
    "Aberdeen City",
    "Aberdeenshire",
    "Angus",
    "Argyll and Bute",
    "City of Edinburgh",
    "Clackmannanshire",
    "Dumfries and Galloway",
    "Dundee City",
    "East Ayrshire",
    "East Dunbartonshire",
    "East Lothian",
    "East Renfrewshire",
    "Falkirk",
    "Fife",
    "Glasgow City",
    "Highland",
    "Inverclyde",
    "Midlothian",
    "Moray",
    "Na h-Eileanan Siar",
    "North Ayrshire",
    "North Lanarkshire",
    "Orkney Islands",
    "Perth and Kinross",
    "Renfrewshire",
    "Scottish Borders",
    "Shetland Islands",
    "South Ayrshire",
    "South Lanarkshire",
    "Stirling",
    "West Dunbartonshire",
    "West Lothian",
]


def _text(name: str) -> str:
    return (RESOURCES / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return RuleBook(parse_rules_csv(_text("rates.csv"), "rates.csv"))


@pytest.fixture(scope="module")
def categories() -> list[SpendingCategory]:
    return parse_categories_csv(_text("spending_categories.csv"), "spending_categories.csv")


@pytest.fixture(scope="module")
def councils(categories: list[SpendingCategory]) -> dict[str, CouncilProfile]:
    codes = {c.code for c in categories}
    return parse_councils_toml(_text("councils.toml"), "councils.toml", categories=codes)


# ---------------------------------------------------------------- rates.csv


def test_rates_header_is_exactly_the_documented_columns() -> None:
    header = next(csv.reader(io.StringIO(_text("rates.csv"))))
    assert tuple(header) == COLUMNS


def test_every_required_name_is_present(book: RuleBook) -> None:
    missing = [n for n in REQUIRED_NAMES if n not in book]
    assert missing == []


@pytest.mark.parametrize("name", REQUIRED_NAMES)
def test_every_required_name_has_a_value_for_2026_27(book: RuleBook, name: str) -> None:
    # 6 April 2026 is after every April switch-over (1 April, first Sunday, 6 April);
    # real_living_wage switches on 1 May, the accredited employers' deadline.
    assert book.row(name, date(2026, 4, 6)).source
    assert book.row(name, date(2027, 3, 31)).value >= 0


def test_values_are_decimals_never_floats(book: RuleBook) -> None:
    assert all(isinstance(r.value, Decimal) for r in book.all_rows())


def test_scottish_pa_minimum(book: RuleBook) -> None:
    row = book.row("scottish_pa_minimum", date(2026, 4, 1))
    assert row.value == Decimal("13.45")
    assert row.status is Status.EXPECTED
    assert book.value("scottish_pa_minimum", date(2026, 3, 31)) == Decimal("12.60")
    assert book.row("scottish_pa_minimum", date(2026, 3, 31)).status is Status.CONFIRMED


@pytest.mark.parametrize(
    ("day", "value"),
    [
        (date(2021, 4, 1), "9.50"),
        (date(2021, 11, 30), "9.50"),
        (date(2021, 12, 1), "10.02"),
        (date(2022, 4, 1), "10.50"),
        (date(2023, 4, 1), "10.90"),
        (date(2024, 3, 31), "10.90"),
        (date(2024, 4, 1), "12.00"),
        (date(2025, 4, 1), "12.60"),
        (date(2026, 4, 1), "13.45"),
    ],
)
def test_scottish_pa_minimum_history(book: RuleBook, day: date, value: str) -> None:
    assert book.value("scottish_pa_minimum", day) == Decimal(value)


@pytest.mark.parametrize(
    ("name", "day", "value"),
    [
        ("nlw_21_plus", date(2026, 3, 31), "12.21"),
        ("nlw_21_plus", date(2026, 4, 1), "12.71"),
        ("nmw_18_20", date(2026, 3, 31), "10.00"),
        ("nmw_18_20", date(2026, 4, 1), "10.85"),
        ("nmw_16_17", date(2026, 4, 1), "8.00"),
        ("nmw_apprentice", date(2026, 3, 31), "7.55"),
        ("nmw_apprentice", date(2026, 4, 1), "8.00"),
        ("ssp_weekly_rate", date(2026, 4, 5), "118.75"),
        ("ssp_weekly_rate", date(2026, 4, 6), "123.25"),
        ("ssp_earnings_percent", date(2026, 4, 6), "80"),
        ("ssp_max_weeks", date(2026, 4, 6), "28"),
        ("ni_lower_earnings_limit_weekly", date(2026, 4, 5), "125"),
        ("ni_lower_earnings_limit_weekly", date(2026, 4, 6), "129"),
        ("ni_employer_rate", date(2026, 4, 6), "15"),
        ("ni_secondary_threshold_annual", date(2026, 4, 6), "5000"),
        ("ni_employee_rate", date(2026, 4, 6), "8"),
        ("ni_employee_upper_rate", date(2026, 4, 6), "2"),
        ("ni_primary_threshold_annual", date(2026, 4, 6), "12570"),
        ("ni_upper_earnings_limit_annual", date(2026, 4, 6), "50270"),
        ("employment_allowance", date(2026, 4, 6), "10500"),
        ("ae_earnings_trigger_annual", date(2026, 4, 6), "10000"),
        ("ae_lower_qualifying_annual", date(2026, 4, 6), "6240"),
        ("ae_upper_qualifying_annual", date(2026, 4, 6), "50270"),
        ("ae_employer_min_percent", date(2026, 4, 6), "3"),
        ("ae_total_min_percent", date(2026, 4, 6), "8"),
        ("ae_min_age", date(2026, 4, 6), "22"),
        ("statutory_family_pay_weekly", date(2026, 4, 4), "187.18"),
        ("statutory_family_pay_weekly", date(2026, 4, 5), "194.32"),
        ("redundancy_week_pay_cap", date(2026, 4, 5), "719"),
        ("redundancy_week_pay_cap", date(2026, 4, 6), "751"),
        ("redundancy_max", date(2026, 4, 6), "22530"),
        ("pvg_fee_join", date(2026, 4, 6), "59"),
        ("pvg_fee_existing", date(2026, 4, 6), "18"),
        ("pvg_membership_years", date(2026, 4, 1), "5"),
        ("pvg_reminder_months", date(2026, 4, 1), "3"),
        ("holiday_weeks", date(2026, 4, 1), "5.6"),
        ("holiday_cap_days", date(2026, 4, 1), "28"),
        ("holiday_irregular_accrual_percent", date(2024, 4, 1), "12.07"),
        ("insurance_reminder_days", date(2026, 4, 1), "30"),
        ("mileage_rate_per_mile", date(2026, 4, 1), "0.45"),
        ("real_living_wage", date(2026, 5, 1), "13.45"),
    ],
)
def test_dated_values(book: RuleBook, name: str, day: date, value: str) -> None:
    assert book.value(name, day) == Decimal(value)


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("pvg_reminder_months", Status.ASSUMPTION),
        ("insurance_reminder_days", Status.ASSUMPTION),
        ("mileage_rate_per_mile", Status.SECONDARY),
        ("statutory_family_pay_weekly", Status.SECONDARY),
        ("redundancy_week_pay_cap", Status.SECONDARY),
        ("pvg_fee_join", Status.EXPECTED),
        ("nlw_21_plus", Status.CONFIRMED),
        ("ssp_weekly_rate", Status.CONFIRMED),
    ],
)
def test_statuses_for_2026_27(book: RuleBook, name: str, status: Status) -> None:
    assert book.row(name, date(2026, 4, 6)).status is status


def test_rates_that_start_later_are_not_backdated(book: RuleBook) -> None:
    for name, first_day in [
        ("ssp_earnings_percent", date(2026, 4, 6)),
        ("pvg_membership_years", date(2026, 4, 1)),
        ("holiday_irregular_accrual_percent", date(2024, 4, 1)),
    ]:
        assert book.history(name)[0].effective_from == first_day
        assert name in book


def test_expected_values_are_listed(book: RuleBook) -> None:
    expected = {r.name for r in book.rows_with_status([Status.EXPECTED], on=date(2026, 4, 6))}
    assert "scottish_pa_minimum" in expected
    assert "nlw_21_plus" not in expected


def test_no_row_overlaps_and_switch_overs_are_contiguous(book: RuleBook) -> None:
    for name in book.names():
        history = book.history(name)
        for earlier, later in itertools.pairwise(history):
            assert earlier.effective_to is not None
            assert earlier.effective_to < later.effective_from
            # no gaps: each row ends the day before the next begins
            assert earlier.effective_to + timedelta(days=1) == later.effective_from, name
        # the last row stands until changed (no end) or is a yearly figure known up to the
        # end of its year; after that the program carries it forward and says so
        last = history[-1].effective_to
        assert last is None or last >= date(2027, 3, 31), f"{name} ends before 2026/27 does"


@pytest.mark.parametrize(
    ("name", "switch_day"),
    [
        ("scottish_pa_minimum", date(2026, 4, 1)),
        ("nlw_21_plus", date(2026, 4, 1)),
        ("ni_lower_earnings_limit_weekly", date(2026, 4, 6)),
        ("ssp_weekly_rate", date(2026, 4, 6)),
        ("ae_lower_qualifying_annual", date(2026, 4, 6)),
        ("statutory_family_pay_weekly", date(2026, 4, 5)),  # first Sunday in April 2026
    ],
)
def test_switch_over_days(book: RuleBook, name: str, switch_day: date) -> None:
    assert book.row(name, switch_day).effective_from == switch_day


def test_every_row_has_source_and_jurisdiction(book: RuleBook) -> None:
    for row in book.all_rows():
        assert row.source.strip(), row
        assert row.jurisdiction.strip(), row


def test_rates_file_has_no_floats_in_values() -> None:
    for record in csv.DictReader(io.StringIO(_text("rates.csv"))):
        assert "e" not in record["value"].lower()
        assert "," not in record["value"]


# ---------------------------------------------------------------- councils.toml


def test_exactly_32_councils(councils: dict[str, CouncilProfile]) -> None:
    assert len(councils) == 32
    assert sorted(p.name for p in councils.values()) == sorted(COUNCIL_NAMES)


def test_aberdeen_city_cap(councils: dict[str, CouncilProfile]) -> None:
    aberdeen = councils["aberdeen-city"]
    assert aberdeen.retained_cap_weeks == 4
    assert aberdeen.field_status("retained_cap_weeks") is Status.CONFIRMED
    assert aberdeen.payment_frequency == "4-weekly"


def test_midlothian_netting(councils: dict[str, CouncilProfile]) -> None:
    assert councils["midlothian"].netting is True


def test_glasgow_prepaid_card_4_weekly(councils: dict[str, CouncilProfile]) -> None:
    glasgow = councils["glasgow-city"]
    assert glasgow.payment_method == "prepaid_card"
    assert glasgow.payment_frequency == "4-weekly"
    assert glasgow.return_frequency == "none_card_monitoring"


def test_highland(councils: dict[str, CouncilProfile]) -> None:
    highland = councils["highland"]
    assert highland.payment_method == "prepaid_card"
    assert highland.family_members == "exceptional"
    assert [f.flag for f in highland.flags_for("cash_withdrawal")] == ["excluded"]


def test_south_lanarkshire(councils: dict[str, CouncilProfile]) -> None:
    south = councils["south-lanarkshire"]
    assert south.recover_all is True
    assert south.recovery_on_death is True
    assert {f.category for f in south.category_flags} >= {"gambling", "investments"}


@pytest.mark.parametrize("code", ["clackmannanshire", "falkirk", "stirling"])
def test_forth_valley_self_employed_pas_prohibited(
    councils: dict[str, CouncilProfile], code: str
) -> None:
    assert councils[code].self_employed_pas_allowed is False
    # SDS Forth Valley is a support organisation, not the council: secondary.
    assert councils[code].field_status("self_employed_pas_allowed") is Status.SECONDARY


def test_perth_and_kinross_is_only_anecdotal(councils: dict[str, CouncilProfile]) -> None:
    perth = councils["perth-and-kinross"]
    assert perth.field_status("payment_frequency") is Status.EXPECTED


def test_every_known_value_has_a_status_and_a_source(
    councils: dict[str, CouncilProfile],
) -> None:
    for profile in councils.values():
        known = [f for f in RULE_FIELDS if f not in profile.unknown_fields()]
        for field in known:
            assert profile.field_status(field) is not Status.UNKNOWN, (profile.code, field)
        if known or profile.category_flags:
            assert profile.source, profile.code


def test_councils_without_evidence_have_only_a_name(
    councils: dict[str, CouncilProfile],
) -> None:
    for code in ["angus", "dundee-city", "inverclyde", "west-lothian", "orkney-islands"]:
        profile = councils[code]
        assert profile.unknown_fields() == list(RULE_FIELDS)
        assert profile.category_flags == ()
        assert profile.notes.startswith("Nothing found (searched 2026-12-07)")


def test_every_category_flag_refers_to_a_known_category(
    councils: dict[str, CouncilProfile], categories: list[SpendingCategory]
) -> None:
    codes = {c.code for c in categories}
    flags = [f for p in councils.values() for f in p.category_flags]
    assert flags
    for flag in flags:
        assert flag.category in codes
        assert flag.source


# ---------------------------------------------------------------- spending_categories.csv


def test_spending_categories(categories: list[SpendingCategory]) -> None:
    codes = [c.code for c in categories]
    for code in [
        "pa_net_wages",
        "hmrc",
        "pension",
        "payroll_fees",
        "insurance",
        "agency",
        "sickness_cover",
        "holiday_cover",
        "recruitment",
        "pvg",
        "training",
        "pa_expenses",
        "pa_subsistence",
        "equipment",
        "activities",
        "outcome_purchase",
        "bank_fees",
        "council_repayment",
        "gambling",
        "alcohol_tobacco",
        "everyday_living",
        "investments",
        "cash_withdrawal",
        "other",
    ]:
        assert code in codes
    by_code = {c.code: c for c in categories}
    assert by_code["pa_net_wages"].name == "PA wages (net)"
    assert by_code["insurance"].name == "Employers' liability insurance"
    assert by_code["agency"].name == "Agency or provider invoices"
    assert by_code["gambling"].group == "never"
