from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KiallianzConfig(AppConfig):
    name = "kiallianz"
    verbose_name = _("Stammdaten")
