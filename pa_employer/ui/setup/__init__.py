"""Setting up a new employer: the step-by-step wizard."""
