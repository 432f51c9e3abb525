"""Money: the ledger, bank statements, training and contingency, the forecast, outcomes."""
