"""Pay rules: shift time, pricing with reasons, pay periods, holiday, SSP and redundancy."""
