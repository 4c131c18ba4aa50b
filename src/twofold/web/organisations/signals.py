"""What happens to an organisation's people, announced to the apps above it.

Organisations is below accounts (an account's membership points at a person),
so it cannot call accounts itself; accounts connects to these instead
(:class:`twofold.web.accounts.apps.AccountsConfig`).
"""

from django.dispatch import Signal

#: People were imported into an organisation, inside the import's transaction,
#: after they were written (in a dry run, nothing was). Sent with
#: ``sender=Organisation``, ``organisation``, ``emails`` (every address of the
#: organisation's people once the import is done) and ``dry_run``. A receiver
#: returns the addresses of the accounts it tied to their person (in a dry run,
#: that it would), which the import's summary reports.
people_imported = Signal()
