"""Commands for when employment ends: a PA leaving (notice, final pay, letters) and the
redundancy estimate."""
