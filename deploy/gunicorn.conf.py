"""gunicorn settings for the web process (deploy/systemd/kiallianz-web.service).

gunicorn -c deploy/gunicorn.conf.py kiallianz.wsgi
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Synchronous workers: two per core plus one, unless set explicitly.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# No request may take longer: PDFs, imports and large exports run in the worker.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Replace a worker now and then so a slow leak never grows.
max_requests = 2000
max_requests_jitter = 200
# Only the proxy on this host may set X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Access log to stdout (journald), written by kiallianz.accesslog: paths
# without query strings, referers or reset tokens, so search terms and
# tokens never reach the logs.
accesslog = "-"
errorlog = "-"
logger_class = "kiallianz.accesslog.AccessLogger"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
