from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "twofold.web.campaigns"
    label = "campaigns"
    verbose_name = _("360 campaigns")
    default_auto_field = "django.db.models.BigAutoField"
