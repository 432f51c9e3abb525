"""When a PA's employment changes hands or ends: leaving (leaving.py), how long a leaver's
records are kept (retention.py) and the letters for it (letters.py). The transfer (TUPE)
and death-of-employer journeys build on these."""
