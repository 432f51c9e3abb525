"""The getting-started checklist ticks off each step from the real records."""

from __future__ import annotations

from datetime import date, time

from pa_employer.core.pay.timesheet import Kind
from pa_employer.services.money import statements
from pa_employer.services.overview.getting_started import getting_started
from pa_employer.services.overview.shown import all_done
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import ShiftInput, record_shift
from pa_employer.services.settings.setup import NewEmployer, create_employer
from pa_employer.services.timesheets import export
from tests import factories
from tests.conftest import fixed_clock
from tests.services.money.test_statements import MARCH, write


def done(ef) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    return {step.key: step.done for step in getting_started(ef)}


def test_each_step_ticks_off_from_the_records(tmp_path) -> None:  # type: ignore[no-untyped-def]
    new = NewEmployer(factories.employer(), "aberdeen-city", factories.plan())
    ef = create_employer(tmp_path / "new.paemployer", new, user="Adviser", clock=fixed_clock)
    try:
        assert done(ef) == {"pas": False, "rota": False, "export": False, "statement": False}
        steps = getting_started(ef)
        assert [s.place for s in steps] == ["People", "Rota", "Timesheets", "Money"]
        assert steps[0].words.startswith("To do: Add your PAs. On the People page")
        pa_id = people.add_pa(ef, factories.pa())
        assert done(ef)["pas"] and not done(ef)["rota"]
        assert getting_started(ef)[0].words == "Done: Add your PAs"
        record_shift(ef, ShiftInput(pa_id, Kind.WORK, date(2026, 11, 2), time(9), time(17)))
        assert done(ef)["rota"]
        export.export_period(
            ef, date(2026, 10, 24), date(2026, 11, 20), "csv", tmp_path / "out.csv"
        )
        assert done(ef)["export"] and not all_done(getting_started(ef))
        statements.import_statement(ef, write(tmp_path, MARCH))
        assert all_done(getting_started(ef))
    finally:
        ef.close()
