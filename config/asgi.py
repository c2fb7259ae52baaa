"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# A web process embeds one short query at a time and serves requests in parallel; BLAS threads inside each
# request would only fight over the cores (measured: p95 x10 worse at 10 concurrent searches on 2 cores).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

application = get_asgi_application()
