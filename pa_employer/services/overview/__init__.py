"""The Overview's figures and its getting-started checklist, for the window and the CLI."""
