"""Reading a responses table (CSV) into a respondents × items matrix.

The table has a ``respondent_id`` column and one column per item id; an empty
cell, or ``NA`` as R writes it, is a missing answer. Any other column (names,
departments) is ignored and reported, so a user sees what was left out; an
unnamed column, such as the empty ones Excel leaves after the last, is passed
over. Every problem is collected before anything is raised, so one run tells a
user all that is wrong with a file.

Files come as spreadsheets save them: separated by commas, semicolons or tabs
(detected from the header, see :mod:`.files`), in UTF-8 or, failing that,
Windows-1252. The rows are read in chunks into a compact integer copy, so a
file of a million respondents takes little more memory than its answers.
"""

from twofold.core.responses.files import DELIMITERS, read_responses_csv
from twofold.core.responses.parsing import ID_COLUMN, MISSING_TEXT, parse_responses
from twofold.core.responses.table import ResponseTable

__all__ = [
    "DELIMITERS",
    "ID_COLUMN",
    "MISSING_TEXT",
    "ResponseTable",
    "parse_responses",
    "read_responses_csv",
]
