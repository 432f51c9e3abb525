"""PA Employer: records, pay and council returns for Scottish PA employers (SDS Option 1)."""

__version__ = "0.1.0"

#: The extension of an employer file. Registered by the installers; never change it.
FILE_EXTENSION = ".paemployer"
