"""The PySide6 user interface. Widgets call services; no rules and no SQL live here."""
