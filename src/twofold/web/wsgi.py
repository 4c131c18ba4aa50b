"""WSGI entry point, ``twofold.web.wsgi:application``.

``twofold serve`` runs it with gunicorn; any other WSGI server can load it too,
after ``twofold manage migrate``.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twofold.web.settings")

application = get_wsgi_application()
