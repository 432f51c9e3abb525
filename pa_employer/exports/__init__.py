"""File formats in and out: CSV and other layouts. Pure text in, records out."""
