"""Rota: the week view, shifts and repeating patterns."""
