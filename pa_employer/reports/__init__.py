"""Printable documents (reportlab): signed timesheets and, later, council returns."""
