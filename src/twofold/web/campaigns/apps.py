from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "twofold.web.campaigns"
    label = "campaigns"
    verbose_name = _("360 campaigns")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from twofold.web.campaigns import scheduling, signals

        # Emails and reminders follow the campaign's life.
        signals.campaign_launched.connect(
            scheduling.campaign_launched, dispatch_uid="campaigns.emails_on_launch"
        )
        signals.deadline_extended.connect(
            scheduling.deadline_extended, dispatch_uid="campaigns.reminders_on_new_deadline"
        )
