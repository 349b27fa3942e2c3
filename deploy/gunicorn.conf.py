"""gunicorn settings for the web process (deploy/systemd/kiallianz-web.service).

gunicorn -c deploy/gunicorn.conf.py kiallianz.wsgi
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Synchronous workers: two per core plus one, unless set explicitly.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# Synchronous workers by default: pages are CPU-bound Python (the GIL lets one
# thread run at a time), and the public feeds are answered from the cache
# in well under a millisecond. GUNICORN_WORKER_CLASS=gthread with
# GUNICORN_THREADS lets a worker overlap database waits; measure before
# switching (benchmarks/load.py, docs/operations.md "Load").
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
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
