"""The rota: repeating patterns, the week view, shifts and the shift importer."""
