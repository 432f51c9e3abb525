"""Benchmarks on large generated employer files. Run with ``make bench``."""
