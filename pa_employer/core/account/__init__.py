"""The direct payment account: the ledger, statements, surplus, pots and the forecast."""
