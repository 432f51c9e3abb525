"""People: the PA list, the PA dialog with its fields, rates and holiday."""
