"""Timesheets and pay: pricing a pay period, holiday, sickness and SSP, exports to the
payroll provider, and payroll results."""
