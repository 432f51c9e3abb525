"""PA rules: identifiers (NI and payroll numbers), PA checks and compliance reminders."""
