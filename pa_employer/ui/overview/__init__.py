"""The Overview: what needs doing, the money at a glance, the next return."""
