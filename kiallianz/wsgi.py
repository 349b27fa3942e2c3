import os
import sys

from django.core.wsgi import get_wsgi_application

from kiallianz.config import ConfigurationError, require_production_configuration

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kiallianz.settings")

try:
    application = get_wsgi_application()
    require_production_configuration()
except ConfigurationError as error:
    sys.exit(f"Konfigurationsfehler: {error}")
