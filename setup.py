"""Packaging beyond what pyproject.toml can say: the repository's top-level ``resources/``
folder (the rules as data) ships inside the package as ``pa_employer.resources``, so a
wheel, a PyInstaller bundle and an editable checkout all find it the same way
(``services/settings/resources.py``). Everything else is in ``pyproject.toml``."""

from setuptools import find_packages, setup

setup(
    packages=[
        *find_packages(include=["pa_employer", "pa_employer.*"]),
        "pa_employer.models.migrations.versions",  # Alembic's revisions: no __init__.py
        "pa_employer.resources",
    ],
    package_dir={"pa_employer.resources": "resources"},
)
