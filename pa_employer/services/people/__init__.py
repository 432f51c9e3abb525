"""PAs: their records and the PA list in and out."""
