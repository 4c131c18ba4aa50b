"""Reports: scores turned into what a person reads, for every shell.

Plain Python above the core and below the shells: the web pages, the CLI and
(later) the PDF all render the same :class:`Report` and the same SVG charts, so
they cannot disagree about what a result means.
"""
