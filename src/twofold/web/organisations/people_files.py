"""A people file written out: CSV text, or an Excel workbook (.xlsx) made with openpyxl.

Both hold exactly the text of each cell, so that reading the file back (with
:func:`twofold.core.people.read_people_file`) gives the same people. Neither
may carry a formula: a workbook's cells are written as text, never as
formulas, and a CSV cell that a spreadsheet would run as one (it starts with
``=``, ``+``, ``-`` or ``@``; imports refuse such text, but people can reach
Twofold by other ways) is written with a leading apostrophe, as spreadsheets
themselves mark text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from twofold.core.people import FORMULA_STARTS

#: Media types of the two formats, for downloads.
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
#: The formats, by the names the CLI and the pages take.
FORMATS = tuple(CONTENT_TYPES)
#: Column widths of a workbook, in characters, by column.
_WIDTHS = (28, 34, 34, 22, 28)


def csv_text(rows: Sequence[Sequence[str]]) -> str:
    """The rows as CSV text, comma-separated, each line ended with CRLF as spreadsheets do."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerows([[_inert(cell) for cell in row] for row in rows])
    return out.getvalue()


def csv_bytes(rows: Sequence[Sequence[str]]) -> bytes:
    """CSV for a file: UTF-8 with the byte-order mark Excel needs to read it as UTF-8."""
    return csv_text(rows).encode("utf-8-sig")


def xlsx_bytes(rows: Sequence[Sequence[str]], title: str = "People") -> bytes:
    """The rows as a workbook of one sheet, header in bold and frozen, every cell text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    for column, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    for number, row in enumerate(rows):
        cells = []
        for value in row:
            # A workbook cannot hold control characters; imports refuse them anyway.
            cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
            cell.data_type = "s"  # text, even when it starts with "=": never a formula
            if number == 0:
                cell.font = bold
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _inert(cell: str) -> str:
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell
