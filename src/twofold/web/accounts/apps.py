from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "twofold.web.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from twofold.web.accounts import services
        from twofold.web.organisations.signals import people_imported

        # An account made before its person was imported is tied to them by the import.
        people_imported.connect(
            services.tie_imported_people, dispatch_uid="accounts.tie_imported_people"
        )
