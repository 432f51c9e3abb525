"""Pure domain rules: no Qt, no SQLAlchemy, no I/O, no clock."""
