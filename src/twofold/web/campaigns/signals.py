"""What happens in a campaign's life that other parts of Twofold act on."""

from django.dispatch import Signal

#: A campaign has opened: send its first emails. Sent with ``campaign``.
campaign_launched = Signal()
#: A campaign's deadline moved: reschedule its reminders. Sent with ``campaign``.
deadline_extended = Signal()
