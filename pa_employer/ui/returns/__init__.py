"""Returns: the council return with its preview, the annual summary and the year-end pack."""
