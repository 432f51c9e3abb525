import pytest

from pa_employer.core.people.identifiers import (
    accounts_office_reference_problem,
    ni_number_problem,
    normalise_ni_number,
    paye_reference_problem,
    payroll_number_problem,
)


@pytest.mark.parametrize("ni", ["JK123456C", "jk 12 34 56 c", "AB123456D", "", "JT482913B"])
def test_valid_ni(ni):
    assert ni_number_problem(ni) is None


@pytest.mark.parametrize(
    "ni",
    [
        "QQ123456C",
        "JK123456",
        "Q1123456C",
        "DA123456A",
        "AO123456A",
        "GB123456A",
        "QQ123456E",
        "12345",
    ],
)
def test_invalid_ni(ni):
    assert ni_number_problem(ni)


@pytest.mark.parametrize(
    ("ni", "why"),
    [
        ("DA123456A", "never uses D as either of the first two letters"),
        ("AF123456A", "never uses F as either of the first two letters"),
        ("IA 12 34 56 A", "never uses I as either"),
        ("AU123456A", "never uses U as either"),
        ("VA123456A", "never uses V as either"),
        ("QA123456A", "never uses Q as either"),
        ("AO123456A", "never uses O as the second letter"),
        ("OO123456A", "never uses O as the second letter"),
        ("BG123456A", "never issues numbers starting BG"),
        ("GB123456A", "never issues numbers starting GB"),
        ("NK123456A", "never issues numbers starting NK"),
        ("KN123456A", "never issues numbers starting KN"),
        ("NT123456A", "never issues numbers starting NT"),
        ("ZZ123456A", "never issues numbers starting ZZ"),
        ("TN120362F", "TN numbers were temporary numbers"),
        ("QQ123456C", "HMRC's example"),
        ("AB123456E", "always A, B, C or D, not E"),
        ("AB123456", "the letter at the end (A, B, C or D) is missing"),
        ("AB12345C", "six digits after the two letters, not 5"),
        ("A1234567C", "start with two letters"),
    ],
)
def test_a_refused_ni_number_says_the_true_reason(ni, why):
    problem = ni_number_problem(ni)
    assert problem is not None and why in problem
    assert problem.startswith(f"'{ni}' is not a National Insurance number: ")


def test_every_allowed_prefix_passes():
    """HMRC NIM39110: every prefix but those it names is valid."""
    import itertools
    import string

    never = set("DFIQUV")
    refused = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}
    for first, second in itertools.product(string.ascii_uppercase, repeat=2):
        allowed = (
            first not in never and second not in never and second != "O"
            and first + second not in refused
        )  # fmt: skip
        assert (ni_number_problem(f"{first}{second}123456A") is None) == allowed, first + second


def test_normalise():
    assert normalise_ni_number(" jk 12 34 56 c ") == "JK123456C"


def test_references():
    assert paye_reference_problem("123/AB45678") is None
    assert paye_reference_problem("12AB45678")
    assert accounts_office_reference_problem("123PA00012345") is None
    assert accounts_office_reference_problem("123PA0001")


@pytest.mark.parametrize("number", ["=1+1", "+441224", "-A1", "@SUM", "\t=1", "A\n1", "x" * 36])
def test_payroll_numbers_that_spreadsheets_would_run_are_refused(number):
    assert payroll_number_problem(number)


@pytest.mark.parametrize("number", ["JR01", "PA-001", "1234", "A=1"])
def test_ordinary_payroll_numbers_are_fine(number):
    assert payroll_number_problem(number) is None


def test_the_pa_checks_refuse_a_formula_payroll_number():
    from pa_employer.core.people.pa_checks import pa_problems
    from tests.factories import pa

    problems = pa_problems(pa("=HYPERLINK(1)"))
    assert [p.field for p in problems] == ["payroll number"]
    assert "=, +, - or @" in problems[0].message
