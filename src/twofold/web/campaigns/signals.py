"""What happens to a campaign, announced to the apps that act on it.

The campaign's own services (:mod:`twofold.web.campaigns.lifecycle`) send these;
the invitations and reminders connect to them, so setting up a campaign
does not need to know how emails are sent or when reminders fall due.

Receivers run inside the transaction that changed the campaign: what they
write to the database (an invitation marked sent, a task queued in the
database) stands or falls with the change, and an exception in a receiver
undoes it. Anything outside the database should wait for the commit
(``transaction.on_commit``) or be queued as a task.
"""

from django.dispatch import Signal

#: A campaign has opened: every participant has their assessment, their self
#: response set and, when they have a manager, the manager's approved
#: invitation. Sent with ``sender=Campaign`` and ``campaign``.
campaign_launched = Signal()

#: An open campaign's deadline moved later, or a closed or released one was
#: re-opened until a new deadline; its answering window already follows. Sent
#: with ``sender=Campaign``, ``campaign`` and ``previous_deadline``.
deadline_extended = Signal()
