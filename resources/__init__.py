"""The rules as data (rate tables, council profiles, categories, statement layouts).

Data only: this file lets the folder ship inside the program as ``pa_employer.resources``
(see setup.py), read through importlib.resources."""
