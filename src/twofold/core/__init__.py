"""The measurement core: instrument model, scoring and statistics.

Plain Python and numpy; it never imports Django, so it works as a library on its
own and the web shell and the CLI both sit on top of it.
"""
