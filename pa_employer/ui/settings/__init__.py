"""Settings: the employer, the council profile, the support plan, rates and local holidays."""
