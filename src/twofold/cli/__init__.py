"""The ``twofold`` command: thin commands over the core, the reports and the web shell."""
