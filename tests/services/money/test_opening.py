"""The set-up records the money in the account today as the opening balance, in the same
transaction as the employer: refused input leaves no file."""

from __future__ import annotations

import pytest

from pa_employer.core.validation import InputError
from pa_employer.services.money.balance import balance_on
from pa_employer.services.money.ledger import lines_between
from pa_employer.services.money.opening import create_with_opening_balance
from pa_employer.services.settings.setup import NewEmployer
from tests import factories
from tests.conftest import fixed_clock
from tests.services.overview.crafted import TODAY


def new() -> NewEmployer:
    return NewEmployer(factories.employer(), "aberdeen-city", factories.plan())


@pytest.mark.parametrize(("typed", "recorded"), [(125040, 125040), (0, None), (None, None)])
def test_opening_balance(tmp_path, typed, recorded) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "new.paemployer"
    ef = create_with_opening_balance(path, new(), typed, user="Adviser", clock=fixed_clock)
    try:
        lines = lines_between(ef, TODAY.replace(year=2000), TODAY.replace(year=2100))
        if recorded is None:
            assert lines == []
        else:
            (line,) = lines
            assert (line.day, line.category, line.amount_pence) == (
                TODAY,
                "opening_balance",
                recorded,
            )
        assert balance_on(ef, TODAY).closing_pence == (recorded or 0)
    finally:
        ef.close()


def test_a_negative_balance_is_refused_and_no_file_is_made(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "new.paemployer"
    with pytest.raises(InputError) as refused:
        create_with_opening_balance(path, new(), -640, user="Adviser", clock=fixed_clock)
    assert refused.value.problems[0].field == "Money in the account today"
    assert list(tmp_path.iterdir()) == []
