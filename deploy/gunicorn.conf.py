"""gunicorn settings for Kansrijk Match: ``gunicorn -c deploy/gunicorn.conf.py``.

Every value can be overridden from the environment (the systemd unit reads
/etc/kansrijk/kansrijk.env). Threads (gthread) rather than more processes: a page mostly
waits on PostgreSQL, and two cores are shared with the scheduler process.
"""

import multiprocessing
import os

wsgi_app = "web.app:create_app()"
bind = os.environ.get("KANSRIJK_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("KANSRIJK_WORKERS", min(4, multiprocessing.cpu_count())))
worker_class = "gthread"
threads = int(os.environ.get("KANSRIJK_THREADS", "8"))
# A CSV import checks at most MAX_CONTENT_LENGTH (4 MB) of rows well within this.
timeout = int(os.environ.get("KANSRIJK_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
max_requests = 2000  # recycle workers now and then; jitter keeps them from restarting together
max_requests_jitter = 200
limit_request_line = 8190
limit_request_fields = 100

# Forwarded headers: gunicorn trusts them only from these addresses; the app itself reads
# X-Forwarded-* only when KANSRIJK_PROXY_HOPS says how many proxies stand in front.
forwarded_allow_ips = os.environ.get("KANSRIJK_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proxy_allow_ips = forwarded_allow_ips

# TLS straight from gunicorn when no reverse proxy ends it (KANSRIJK_TLS_CERT / _KEY).
certfile = os.environ.get("KANSRIJK_TLS_CERT") or None
keyfile = os.environ.get("KANSRIJK_TLS_KEY") or None

accesslog = "-"
# No query strings in the access log: they can hold search terms about people.
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("KANSRIJK_LOG_LEVEL", "info")
