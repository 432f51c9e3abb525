"""PA Employer: records, pay and council returns for Scottish PA employers (SDS Option 1)."""

#: The extension of an employer file. Registered by the installers; never change it.
FILE_EXTENSION = ".paemployer"


def is_file_to_open(arg: str) -> bool:
    """True when the only argument is a file for the window rather than a command: an
    employer file's name in any letter case (as Windows and Finder pass it: JEAN.PAEMPLOYER),
    or any existing file ("Open with PA Employer" on another file), so the window says what
    is wrong with it instead of the program failing without a word."""
    import os.path

    if arg.startswith("-"):
        return False
    return arg.lower().endswith(FILE_EXTENSION) or os.path.isfile(arg)


def __getattr__(name: str) -> str:
    """``pa_employer.__version__``: one number, from ``pyproject.toml`` through the package
    metadata (``version.py``); read when first asked, so starting the program does not pay
    for ``importlib.metadata``."""
    if name == "__version__":
        from pa_employer.version import program_version

        return program_version()
    raise AttributeError(f"module 'pa_employer' has no attribute {name!r}")
