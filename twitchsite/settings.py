"""Settings for the Twitch site, read from the environment (see .env.example).

Development is the default: no setting is needed to run on a laptop. With
DJANGO_DEBUG=0 the site runs in production mode and refuses to start without
a strong DJANGO_SECRET_KEY and a non-empty DJANGO_ALLOWED_HOSTS.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

# Only ever used with DEBUG on, so a leaked development key signs nothing real.
_DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-never-use-in-production"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")

if DEBUG:
    SECRET_KEY = SECRET_KEY or _DEVELOPMENT_SECRET_KEY
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", "127.0.0.1", "[::1]", "testserver"]
else:
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure"):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is missing or weak. In production (DJANGO_DEBUG=0) set it to a "
            "random string of at least 50 characters, for example the output of: "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "DJANGO_ALLOWED_HOSTS is empty. In production (DJANGO_DEBUG=0) set it to the "
            "comma-separated host names the site answers to, for example: twitch.example.org"
        )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "core",
    "articles",
    "triage",
    "ops",
    "feedback",
]

MIDDLEWARE = [
    # Outermost, so they see every response: the request id in each log line, the metrics.
    "ops.middleware.RequestIdMiddleware",
    "ops.middleware.MetricsMiddleware",
    "ops.middleware.UrlencodedFormsOnlyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "ops.middleware.CrossOriginResourcePolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Readers' pages from the cache, before sessions and users (core/caching.py).
    "core.caching.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "ops.middleware.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ops.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "twitchsite.urls"
WSGI_APPLICATION = "twitchsite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
        },
    },
]

# Database: a SQLite file in the project unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A server that stops answering costs a request seconds, not minutes: connecting
    # gives up after 2 s (libpq's least), a statement after 5 s, a wait for a lock after
    # 2 s, and the kernel drops a connection whose packets go unanswered for 5 s
    # (keepalives when idle). A connection per request (Django's default), as one kept
    # open would wait on a silent server with no timeout (docs/decisions/011).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "connect_timeout": 2,
        "options": "-c statement_timeout=5000 -c lock_timeout=2000",
        "keepalives": 1,
        "keepalives_idle": 5,
        "keepalives_interval": 2,
        "keepalives_count": 2,
        "tcp_user_timeout": 5000,
    } | DATABASES["default"].get("OPTIONS", {})
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Tuned for a real server with several threads and processes: WAL lets readers
    # run beside the one writer, IMMEDIATE takes the write lock at BEGIN so two
    # writers queue (busy timeout) instead of failing with "database is locked".
    # Connections are kept, but dropped when the file at the path is no longer theirs
    # (ops.sqlite); the busy timeout is set once, in seconds, by "timeout".
    DATABASES["default"]["ENGINE"] = "ops.sqlite"
    # SQLITE_SYNCHRONOUS: NORMAL (default) may lose the last commits on a power cut or
    # an operating-system crash, never on a crash of the site; FULL survives both.
    SQLITE_SYNCHRONOUS = os.environ.get("SQLITE_SYNCHRONOUS", "NORMAL").upper()
    if SQLITE_SYNCHRONOUS not in {"NORMAL", "FULL"}:
        raise ImproperlyConfigured("SQLITE_SYNCHRONOUS must be NORMAL or FULL")
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            f"PRAGMA journal_mode=WAL;PRAGMA synchronous={SQLITE_SYNCHRONOUS};"
            "PRAGMA foreign_keys=ON;"
        ),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # OWASP ASVS level 2: at least 12 characters.
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed files in production; plain files while developing.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

# The number to call in an emergency, shown on every page and in care cards.
EMERGENCY_NUMBER = os.environ.get("EMERGENCY_NUMBER", "112")

# Where the symptom check sends people who need help today (completes "Get help today
# from ..."). A UK operator sets "NHS 111 (call 111)".
URGENT_CARE_CONTACT = (
    os.environ.get("URGENT_CARE_CONTACT", "").strip()
    or "your GP surgery, or an out-of-hours service if it is closed"
)

# 0 switches the symptom check off: /triage/ then gives the emergency and urgent contacts
# instead, while a safety problem is investigated (README, "Switching the check off").
TRIAGE_ENABLED = env_bool("TRIAGE_ENABLED", True)

# The Clinical Safety Officer who approves the symptom check's rules, with their
# registration, e.g. "Dr A Example, GMC 1234567". Named by the operator, never by us
# (docs/clinical-safety/risk-management-plan.md); shown on the admin's rules page.
CLINICAL_SAFETY_OFFICER = os.environ.get("CLINICAL_SAFETY_OFFICER", "").strip()

# How long symptom checks are kept, in days (manage.py purge_submissions deletes older ones).
TRIAGE_RETENTION_DAYS = int(os.environ.get("TRIAGE_RETENTION_DAYS", "365"))

# Friendly pages for a form sent without a valid CSRF token.
CSRF_FAILURE_VIEW = "core.views.csrf_failure"

# The admin's address; move it to make it harder to find (e.g. "staff-7f3a/").
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"

# Caches: in-process memory by default; Redis when several app servers share one cache.
REDIS_URL = os.environ.get("REDIS_URL", "")
# The cache is optional at run time (core/faults.py): a Redis that is down or full is a
# miss; one that hangs costs at most its half-second timeouts.
REDIS_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": REDIS_OPTIONS,
    }
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Whole public pages, apart from the rate-limit counters so that pages never push
    # them out (see core/caching.py).
    "pages": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "pages",
        "OPTIONS": REDIS_OPTIONS,
    }
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}
PAGE_CACHE_ALIAS = "pages"
# How long this site keeps a rendered page. Every save clears them all at once where the
# cache is shared (Redis); a process with its own memory cache notices within this time.
PAGE_CACHE_SECONDS = 10
# How long browsers and shared caches (nginx, a CDN) may keep a page before they
# revalidate it with its ETag: an edit reaches every reader within the sum of the two.
PAGE_MAX_AGE = 60

# Abuse limits, one policy (ops/ratelimit.py, decision record 003): per client, in fixed
# windows of seconds, counted in Redis when REDIS_URL is set, else in the database.
RATE_LIMITS = {
    # Symptom-check posts that store a check.
    "triage": {"limit": int(os.environ.get("TRIAGE_RATE_LIMIT_PER_MINUTE", "20")), "window": 60},
    # Safety-concern posts.
    "concern": {"limit": 10, "window": 60},
    # Page feedback posts that store (decision record 014).
    "feedback": {"limit": 10, "window": 60},
    # Failed admin logins from one client, whatever the user name.
    "login-client": {"limit": 10, "window": 300},
    # Failed logins for one user name from one client.
    "login-user": {"limit": 20, "window": 3600},
    # Failed logins for one user name from anywhere: past it, a client that has failed
    # for that name waits for the window to end; one that has not may still try.
    "login-user-anywhere": {"limit": 20, "window": 3600},
}
# How many proxies of ours add to X-Forwarded-For in front of the app. 0 (default): trust
# one proxy only when it is on this machine (loopback); set it for a load balancer elsewhere.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))

# Request size limits: a larger body or more fields get a 400 page.
DATA_UPLOAD_MAX_MEMORY_SIZE = 512 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 500

# Security headers on every response. The policy allows nothing from other origins.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media",
        "fullscreen", "geolocation", "gyroscope", "magnetometer", "microphone", "midi",
        "payment", "picture-in-picture", "publickey-credentials-get", "screen-wake-lock",
        "sync-xhr", "usb", "xr-spatial-tracking",
    )
}  # fmt: skip
# Staff sign in with a code from an authenticator app (or a recovery code) as well as
# their password: on by default in production (decision record 013, ops/two_factor.py).
REQUIRE_MFA = env_bool("DJANGO_REQUIRE_MFA", not DEBUG)
OTP_TOTP_ISSUER = "Twitch"

SESSION_COOKIE_HTTPONLY = True
# Only staff have sessions. One ends 12 hours after signing in, or after
# STAFF_SESSION_IDLE_MINUTES without a request (ops.middleware.StaffSessionMiddleware).
SESSION_COOKIE_AGE = 12 * 60 * 60
STAFF_SESSION_IDLE_MINUTES = int(os.environ.get("STAFF_SESSION_IDLE_MINUTES", "30"))
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

if not DEBUG:
    # Served over HTTPS behind a proxy (nginx, a load balancer) that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    # Load balancers check health over plain HTTP on the private network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
    SECURE_HSTS_SECONDS = 31_536_000  # one year
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True


# /readyz says the disk is low (degraded) below this much free space.
READYZ_MIN_FREE_MB = int(os.environ.get("READYZ_MIN_FREE_MB", "100"))
# /metrics is served to loopback only, or with this set, to its bearer from anywhere.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")

# One format (ops/logs.py): time, level, logger, request id, message; JSON lines with
# DJANGO_LOG_FORMAT=json.
LOG_FORMAT = os.environ.get("DJANGO_LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "ops.logs.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "ops.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
