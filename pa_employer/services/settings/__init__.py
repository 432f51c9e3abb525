"""The employer's settings: details, council profile, support plan, rate tables and set-up."""
