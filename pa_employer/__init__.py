"""PA Employer: records, pay and council returns for Scottish PA employers (SDS Option 1)."""

#: The extension of an employer file. Registered by the installers; never change it.
FILE_EXTENSION = ".paemployer"


def __getattr__(name: str) -> str:
    """``pa_employer.__version__``: one number, from ``pyproject.toml`` through the package
    metadata (``version.py``); read when first asked, so starting the program does not pay
    for ``importlib.metadata``."""
    if name == "__version__":
        from pa_employer.version import program_version

        return program_version()
    raise AttributeError(f"module 'pa_employer' has no attribute {name!r}")
