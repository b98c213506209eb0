"""Settings for every environment, driven by environment variables.

Every variable is documented in `.env.example`. Nothing here is safe to leave
at its default in production except where the comment says so: DEBUG is off
unless asked for, and there is no default secret key outside development.
"""

import os
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from kennisbrug.ops.logs import logging_config

SRC_DIR = Path(__file__).resolve().parents[2]
BASE_DIR = SRC_DIR.parent
VAR_DIR = Path(os.environ.get("KENNISBRUG_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off (see .env.example)."
        )
    SECRET_KEY = "development-only-insecure-key"  # noqa: S105 - only reachable with DEBUG on

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "huey.contrib.djhuey",
    "csp",
    "kennisbrug.core",
    "kennisbrug.accounts",
    "kennisbrug.enterprises",
    "kennisbrug.organisations",
    "kennisbrug.matching",
    "kennisbrug.innovation",
    "kennisbrug.facilities",
    "kennisbrug.vouchers",
    "kennisbrug.projects",
    "kennisbrug.skills",
    "kennisbrug.secretariat",
    "kennisbrug.indicators",
    "kennisbrug.jobs",
    "kennisbrug.api",
    "kennisbrug.ops",
]

MIDDLEWARE = [
    # First: every log line of a request carries its id, and probes skip everything else.
    "kennisbrug.ops.middleware.RequestIdMiddleware",
    "kennisbrug.ops.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "kennisbrug.core.middleware.RefuseNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After authentication: staff decide only after a second factor (core.second_factor).
    "kennisbrug.core.second_factor.SecondFactorMiddleware",
]

ROOT_URLCONF = "kennisbrug.urls"
WSGI_APPLICATION = "kennisbrug.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "kennisbrug" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kennisbrug.core.second_factor.context",
            ],
            "builtins": [
                "kennisbrug.core.templatetags.components",
                "kennisbrug.core.templatetags.money",
                "kennisbrug.core.templatetags.regions",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------
# SQLite is the embedded default; PostgreSQL is the production database.
VAR_DIR.mkdir(parents=True, exist_ok=True)
# Persistent connections outside development: opening a PostgreSQL connection costs about
# 10 ms, more than rendering most pages (bench/web_throughput.py). Each worker keeps one;
# the health check replaces a connection the server closed in between.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kennisbrug.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0" if DEBUG else "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; IMMEDIATE takes the write
    # lock at BEGIN so concurrent write transactions queue instead of failing
    # half-way with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
if os.environ.get("DATABASE_TEST_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["DATABASE_TEST_NAME"]}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Django's ModelBackend behind the login policy; first, so that while the policy
    # says wait no backend checks a password.
    "kennisbrug.accounts.backends.LoginPolicyBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
# The secretariat lands on its work queue instead (accounts.adapter).
ACCOUNT_ADAPTER = "kennisbrug.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_UNIQUE_EMAIL = True
# Failed logins are handled by the project's login policy (accounts/login_policy.py:
# progressive backoff per account and per client, no hard lock), so allauth's own
# lock-out counters are off; its other limits stay.
ACCOUNT_RATE_LIMITS = {
    "login_failed": None,
    "login": None,
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
# How many reverse proxies under our control sit in front of the application; the
# client address is read from X-Forwarded-For that many entries from the right
# (kennisbrug.core.http.client_ip). 0 (the default) ignores the header.
KENNISBRUG_TRUSTED_PROXY_COUNT = int(os.environ.get("KENNISBRUG_TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_PROXY_COUNT = KENNISBRUG_TRUSTED_PROXY_COUNT
# Second factor (allauth.mfa): an authenticator app (TOTP) with recovery codes; staff
# accounts must pass it before they approve or decide anything (core.second_factor).
# No WebAuthn (security keys, passkeys) yet: it needs HTTPS on every development machine.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Kennisbrug"
# One step (30 s) either side, for clocks that drift and people who type slowly.
MFA_TOTP_TOLERANCE = 1
# Wrong codes slow down like wrong passwords (accounts.login_policy), instead of
# allauth's lock-out counters, which ACCOUNT_RATE_LIMITS switches off.
MFA_FORMS = {
    "authenticate": "kennisbrug.accounts.second_factor_forms.AuthenticateForm",
    "reauthenticate": "kennisbrug.accounts.second_factor_forms.ReauthenticateForm",
    "activate_totp": "kennisbrug.accounts.second_factor_forms.ActivateTOTPForm",
}

# --- Cache ----------------------------------------------------------------
# Login counters and API throttles live in the cache, so every worker must see the
# same one: Redis when REDIS_URL is set, else a table in the database
# (`manage.py createcachetable`, run by `make run` and the deployment steps).
# Only development falls back to a per-process memory cache.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES: dict[str, dict[str, object]]
# A Redis that stops answering (host gone, network dropped) must fail a request or a probe in
# seconds, not hold a worker for the operating system's connect timeout (about two minutes).
REDIS_TIMEOUTS = {
    "socket_connect_timeout": float(os.environ.get("REDIS_CONNECT_TIMEOUT", "2")),
    "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", "5")),
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": dict(REDIS_TIMEOUTS),
        }
    }
elif DEBUG:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "kennisbrug_cache",
        }
    }

# With Redis, a signed-in request reads its session from it instead of the database (written
# through to both, so a restarted Redis loses no session); without Redis the cache is the
# database, where caching sessions would only add a second read.
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# API request-rate throttles (kennisbrug.api.throttling) count on every API call: in Redis
# when there is one, else in each worker's memory (a client then gets up to workers × the
# rate). In the database table they cost a committed write per throttle per call, which
# was most of a token-authenticated API request. Credential throttles and login counters
# stay in the shared cache above.
CACHES["throttle"] = (
    {**CACHES["default"], "KEY_PREFIX": "throttle"}
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "kennisbrug-throttle",
        "OPTIONS": {"MAX_ENTRIES": 10000},
    }
)

# Rendered catalogue fragments (kennisbrug.core.fragments) stay in each worker's memory;
# only their version numbers are shared through the cache above.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "kennisbrug-fragments",
    "OPTIONS": {"MAX_ENTRIES": 500},
}

# --- Internationalisation -------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [SRC_DIR / "kennisbrug" / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [SRC_DIR / "kennisbrug" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
WHITENOISE_USE_FINDERS = DEBUG

# --- Email ----------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "Kennisbrug <noreply@kennisbrug.eu>"
)

# --- Background tasks (Huey) ---------------------------------------------
# E-mail, index updates, exports and the daily jobs run in a worker (`manage.py run_huey`).
# Without REDIS_URL the queue is a SQLite file next to the database, so `make run` needs no
# server; production points REDIS_URL at Redis.
REDIS_URL = os.environ.get("REDIS_URL", "")
HUEY: dict[str, Any] = {
    "name": os.environ.get("KENNISBRUG_TASK_QUEUE_NAME", "kennisbrug"),
    "huey_class": "huey.RedisHuey" if REDIS_URL else "huey.SqliteHuey",
    # Immediate mode runs every task inside the caller (tests); never in production.
    "immediate": env_bool("KENNISBRUG_TASKS_IMMEDIATE", default=False),
    "utc": True,
    "consumer": {
        "workers": int(os.environ.get("KENNISBRUG_TASK_WORKERS", "2")),
        "worker_type": "thread",
        # Poll at most every second when idle, so mail and index updates follow quickly.
        "max_delay": 1.0,
        "periodic": True,
    },
}
if REDIS_URL:
    from redis import ConnectionPool

    # A pool rather than `url`: Huey takes either a URL or connection options, not both.
    # The consumer's blocking read waits 1 s at a time, well inside the socket timeout.
    HUEY["connection_pool"] = ConnectionPool.from_url(REDIS_URL, **REDIS_TIMEOUTS)
else:
    HUEY["filename"] = os.environ.get("KENNISBRUG_TASK_FILE", str(VAR_DIR / "tasks.sqlite3"))
# Large exports are prepared by the worker (kennisbrug.jobs.exports) into this private
# directory (never served directly), kept EXPORT_KEEP_DAYS days; up to EXPORT_SYNC_MAX_ROWS rows
# an export is sent at once.
KENNISBRUG_EXPORT_DIR = Path(os.environ.get("KENNISBRUG_EXPORT_DIR") or VAR_DIR / "exports")
KENNISBRUG_EXPORT_KEEP_DAYS = int(os.environ.get("KENNISBRUG_EXPORT_KEEP_DAYS", "7"))
KENNISBRUG_EXPORT_SYNC_MAX_ROWS = int(os.environ.get("KENNISBRUG_EXPORT_SYNC_MAX_ROWS", "2000"))
# Dead-letter entries hold a task's arguments (addresses, texts of mails): kept as long as
# someone may act on them, then removed by a daily job (kennisbrug.jobs.tasks).
KENNISBRUG_FAILED_TASK_KEEP_DAYS = int(os.environ.get("KENNISBRUG_FAILED_TASK_KEEP_DAYS", "30"))
KENNISBRUG_FAILED_TASK_OPEN_DAYS = int(os.environ.get("KENNISBRUG_FAILED_TASK_OPEN_DAYS", "90"))
# First retry after this many seconds, doubling each time (5 retries: 30 s … 8 min).
KENNISBRUG_TASK_RETRIES = 5
KENNISBRUG_TASK_RETRY_DELAY = int(os.environ.get("KENNISBRUG_TASK_RETRY_DELAY", "30"))

# --- Security -------------------------------------------------------------
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# Plain HTTP is redirected to HTTPS. Behind a TLS-terminating proxy, gunicorn marks a request
# secure from the proxy's X-Forwarded-Proto (GUNICORN_FORWARDED_ALLOW_IPS). Probes stay on HTTP.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content Security Policy: scripts, styles, images and fonts only from this site, no inline
# script or style (no `<script>` body, no `style=` or `on…=` attributes in templates), no
# plugins, no framing, forms only to this site. With DEBUG on it is report-only, so Django's
# debug pages (inline styles) stay readable; browser tests run with it enforced.
_CSP = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # data: for the small icons inside the Swagger UI stylesheet
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
if DEBUG:
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP
else:
    CONTENT_SECURITY_POLICY = _CSP
# Browser features the site never uses are switched off for it and anything it embeds.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "browsing-topics",
    )
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- API ------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "kennisbrug.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": ["kennisbrug.api.parsers.SafeJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "kennisbrug.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "kennisbrug.api.errors.problem_exception_handler",
    # Every endpoint is throttled per client (anonymous) or per user; stricter scopes
    # guard the expensive and the sensitive endpoints (kennisbrug.api.throttling).
    "DEFAULT_THROTTLE_CLASSES": [
        "kennisbrug.api.throttling.AnonThrottle",
        "kennisbrug.api.throttling.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("KENNISBRUG_THROTTLE_ANON", "120/min"),
        "user": os.environ.get("KENNISBRUG_THROTTLE_USER", "600/min"),
        "login": "10/min",
        "token_create": "10/hour",
        "matching": "60/min",
        "fitcheck": "30/min",
        "register_lookup": os.environ.get("KENNISBRUG_THROTTLE_REGISTER_LOOKUP", "30/min"),
    },
    "PAGE_SIZE": 25,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kennisbrug API",
    "DESCRIPTION": (
        "REST API of Kennisbrug, the innovation and skills platform of the Interreg VI "
        "Vlaanderen-Nederland priority 'Een slimmer Europa'. Authenticate with a personal "
        "API token: `Authorization: Token <token>`. Errors are application/problem+json."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and ReDoc from the installed sidecar package, not a CDN: /api/v1/docs/
    # works offline and under a strict content security policy.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "kennisbrug.api.schema.schema_add_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "VoucherSchemeTypeEnum": "kennisbrug.vouchers.constants.SchemeType",
        "VoucherLedgerKindEnum": "kennisbrug.vouchers.constants.LedgerKind",
        "VoucherAttachmentKindEnum": "kennisbrug.vouchers.constants.AttachmentKind",
        "VoucherAidRegimeEnum": "kennisbrug.vouchers.constants.AidRegime",
        "SizeClassEnum": "kennisbrug.organisations.constants.SizeClass",
        "OrganisationTypeEnum": "kennisbrug.organisations.constants.OrganisationType",
        "MatchTargetKindEnum": "kennisbrug.innovation.constants.TargetKind",
        "QuestionVisibilityEnum": "kennisbrug.innovation.constants.Visibility",
        "ProjectVisibilityEnum": "kennisbrug.projects.constants.Visibility",
        "PartnerRoleEnum": "kennisbrug.projects.constants.PartnerRole",
        "NetworkKindEnum": "kennisbrug.projects.constants.NetworkKind",
        "ChallengeStatusEnum": "kennisbrug.projects.constants.ChallengeStatus",
        "ChallengeResponseStatusEnum": "kennisbrug.projects.constants.ResponseStatus",
        "IndicatorKindEnum": "kennisbrug.indicators.constants.Kind",
        "IndicatorTypeEnum": ["output", "result"],
    },
}

# --- Platform -------------------------------------------------------------
KENNISBRUG_INDEX_DIR = Path(os.environ.get("KENNISBRUG_INDEX_DIR", VAR_DIR / "index"))
# Semantic matching with the embedding model; off leaves lexical and concept matching.
KENNISBRUG_MATCHING_SEMANTIC = env_bool("KENNISBRUG_MATCHING_SEMANTIC", default=True)
# Statistics never show groups smaller than this (privacy).
KENNISBRUG_MIN_GROUP_SIZE = int(os.environ.get("KENNISBRUG_MIN_GROUP_SIZE", "5"))
# Indicator figures are computed once and kept in each web worker until something they are
# computed from changes (kennisbrug.indicators.kept); at most this many seconds, a bound for
# writes that send no model signals (bulk updates, imports, SQL by hand).
KENNISBRUG_INDICATORS_MAX_AGE = int(os.environ.get("KENNISBRUG_INDICATORS_MAX_AGE", "600"))

# One JSON object per line in production (for the log collector), a readable line in
# development; both carry the request id (kennisbrug.ops.logs).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured("LOG_FORMAT must be json or text (see .env.example).")
LOGGING = logging_config(fmt=LOG_FORMAT, level=os.environ.get("DJANGO_LOG_LEVEL", "INFO"))
