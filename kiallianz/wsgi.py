import os
import sys

from django.core.wsgi import get_wsgi_application

from kiallianz.config import ConfigurationError, require_production_configuration

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kiallianz.settings")

try:
    # Before the application is built, so that its start-up warnings do not
    # bury the one line.
    require_production_configuration()
    application = get_wsgi_application()
except ConfigurationError as error:
    sys.exit(f"Konfigurationsfehler: {error}")
