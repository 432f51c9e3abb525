"""Files from other people's software read through a column mapping: the pure part.

``table`` splits text into rows (the delimiter worked out, a missing header named
"Column 1..n"); ``values`` reads the amounts and dates people's files write (pound
signs, thousands commas, brackets or a trailing minus for money out, CR/DR; every date
format that fits every row, and whether the fit is ambiguous); ``mapping`` says which
column holds which field, checks a mapping against a file's columns and proposes one
from the header's names or the cells. Used by bank statements (``core.account``) and
meant for payroll results. No files, no database, no clock.
"""
