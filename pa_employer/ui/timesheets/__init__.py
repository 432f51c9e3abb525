"""Timesheets: a pay period's shifts and pay, exports, and payroll results."""
