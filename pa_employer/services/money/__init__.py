"""Money: the ledger and receipts, bank statements, the balance, pots (training and
contingency), redundancy estimates, the forecast and outcomes."""
