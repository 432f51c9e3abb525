"""The employer file: opening and creating it, the lock, the audit log, backups,
and the list of recently opened files."""
