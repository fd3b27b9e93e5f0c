"""Settings, read from the environment. Defaults suit a developer's machine (SQLite, eager
tasks, console email). Production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL,
CELERY_BROKER_URL and EMAIL_URL-style variables; the secure cookie, HSTS and SSL settings switch
on with DEBUG off. The REST API's settings are in rest.py, the sign-in providers' in sign_in.py.
"""

import hashlib
from pathlib import Path

import dj_database_url
import fontpkg_sarabun
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from config import sign_in
from config.env import env, env_bool, env_int, env_list

# The REST API, its schema and 360Giving (api/, README "Open data and API").
from config.rest import GIVING_LICENSE as GIVING_LICENSE
from config.rest import GIVING_PREFIX as GIVING_PREFIX
from config.rest import REST_FRAMEWORK as REST_FRAMEWORK
from config.rest import SPECTACULAR_SETTINGS as SPECTACULAR_SETTINGS

BASE_DIR = Path(__file__).resolve().parent.parent


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env("SECRET_KEY") or ("insecure-development-key" if DEBUG else "")
if not SECRET_KEY:
    # Refuse to start a production server with a guessable key.
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Set SECRET_KEY in the environment (or DEBUG=1 for development).")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.orcid",
    "allauth.socialaccount.providers.saml",
    "django_htmx",
    "csp",
    "bootstrap",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "config",
    "core",
    "accounts",
    "indicators",
    "proposals",
    "projects",
    "reviews",
    "reports",
    "api",
]

MIDDLEWARE = [
    "config.middleware.request_log",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accounts.middleware.RequireStaffMFAMiddleware",
    "accounts.middleware.RequirePrivacyAgreementMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.navigation",
            ],
            "builtins": [
                "core.templatetags.thai",
                "core.templatetags.badges",
                "accounts.templatetags.ui",
                "accounts.templatetags.links",
            ],
        },
    }
]

# Selects drawn in Python, the same HTML as Django's templates (core/renderer.py).
FORM_RENDERER = "core.renderer.Renderer"

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 0),
        conn_health_checks=True,  # a kept connection that broke is replaced, not an error
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has one writer at a time. A transaction that starts by reading and then writes
    # fails at once with "database is locked" when another writer got there first, so every
    # transaction takes the write lock when it begins (IMMEDIATE) and waits up to
    # SQLITE_TIMEOUT seconds for it; the second of two presses then reads what the first
    # wrote and gets the ordinary "already done" answer. WAL lets pages read while one writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env_int("SQLITE_TIMEOUT", 20),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every process of the site: sessions are read from it (a session ended
# in one process must be ended in all), and the KPI figures, the portfolio and the review
# statistics are kept in it under versions any process may replace. Redis with CACHE_URL;
# without it, files under var/cache (shared by the processes of one machine: `make run`'s
# server and worker, `make serve`'s workers). The tests run in one process, in memory. Its
# keys begin with the database's own name: two sites on one Redis or one folder (a test
# server beside `make run`) share nothing, however alike their ids.
_database = DATABASES["default"]
CACHE_KEY_PREFIX = hashlib.sha256(
    "|".join(str(_database.get(part) or "") for part in ("ENGINE", "HOST", "PORT", "NAME")).encode()
).hexdigest()[:12]
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env("CACHE_URL")}
        if env("CACHE_URL")
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(BASE_DIR / "var" / "cache"),
        }
    )
    | {"KEY_PREFIX": CACHE_KEY_PREFIX}
}

AUTH_USER_MODEL = "accounts.User"


AUTHENTICATION_BACKENDS = [
    "accounts.backends.ModelBackendOneQuery",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"

# django-allauth: email is the login, verified before first sign-in; rate limits stay on
# (allauth's defaults: failed logins, sign-ups, password resets, confirmation mails).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupProfileForm"
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = env("EMAIL_SUBJECT_PREFIX", "[SLC Grants] ")
ACCOUNT_RATE_LIMITS = {
    "login_failed": env("RATE_LIMIT_LOGIN_FAILED", "10/m/ip,5/5m/key"),
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_ADAPTER = "accounts.adapters.MFAAdapter"

# Single sign-on and ORCID (README "Single sign-on and ORCID"); the providers: config/sign_in.py.
SOCIALACCOUNT_ADAPTER = "accounts.adapters.SocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_EMAIL_VERIFICATION = "mandatory"
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
SAML_DEFAULT_ATTRIBUTES = sign_in.SAML_DEFAULT_ATTRIBUTES
SOCIALACCOUNT_PROVIDERS = sign_in.providers()
MFA_TOTP_ISSUER = env("MFA_TOTP_ISSUER", "SLC Grants")
# Staff roles (funding officer, programme manager, administrator) must set up TOTP before
# they can use the site. On by default in production, off for the demo (make run sets DEBUG).
MFA_REQUIRED_FOR_STAFF = env_bool("MFA_REQUIRED_FOR_STAFF", not DEBUG)

# Thai first: Thai is the fallback when the browser asks for neither language.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Sarabun, the Thai government font, comes from its PyPI package for pages and PDFs alike.
SARABUN_DIR = fontpkg_sarabun.ROOT / "files"
STATICFILES_DIRS = [BASE_DIR / "static", ("fonts/sarabun", SARABUN_DIR)]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# collectstatic compresses (gzip and Brotli at its slowest, best setting) only the hashed
# copies the pages link to, and never the source maps, which browsers fetch only in their
# developer tools: a few times less work on every `make serve`.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (
    *("jpg", "jpeg", "png", "gif", "webp", "zip", "gz", "tgz", "bz2", "tbz", "xz", "br"),
    *("woff", "woff2", "mp4", "webm", "map"),
)

# Email: the console by default; SMTP when EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "SLC Grants <no-reply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if env("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
else:
    EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# Celery: a real broker when CELERY_BROKER_URL is set, otherwise tasks run in-process.
# `filesystem://` is kombu's broker in a folder (CELERY_FILESYSTEM_FOLDER, var/broker by
# default): what `make run` and `make serve` use when no broker is named, so that documents are
# built by a worker beside the server with nothing else to install. Redis otherwise.
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_FILESYSTEM_FOLDER = Path(env("CELERY_FILESYSTEM_FOLDER", str(BASE_DIR / "var" / "broker")))
if CELERY_BROKER_URL.startswith("filesystem:"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_FILESYSTEM_FOLDER / "queue"),
        "data_folder_out": str(CELERY_FILESYSTEM_FOLDER / "queue"),
        "control_folder": str(CELERY_FILESYSTEM_FOLDER / "control"),
        "store_processed": False,
        "polling_interval": 0.5,
    }
    CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND") or None
else:
    CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Pool processes of a worker (documents are built one per process).
CELERY_WORKER_CONCURRENCY = env_int("CELERY_WORKER_CONCURRENCY", 2)
# Periodic tasks, run by `celery -A config beat` (times in CELERY_TIMEZONE, Asia/Bangkok).
CELERY_BEAT_SCHEDULE = {
    "review-reminders": {
        "task": "reviews.tasks.send_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
    "progress-report-reminders": {
        "task": "projects.tasks.send_progress_reminders",
        "schedule": crontab(hour=8, minute=5),
    },
    "risk-digests": {
        "task": "projects.tasks.send_risk_digests",
        "schedule": crontab(hour=7, minute=30, day_of_week="mon"),
    },
    "payment-request-reminders": {
        "task": "projects.tasks.send_payment_reminders",
        "schedule": crontab(hour=8, minute=15),
    },
    "instalments-fall-due": {
        "task": "projects.tasks.instalments_fall_due",
        "schedule": crontab(hour=0, minute=10),
    },
    "privacy-retention": {
        "task": "accounts.tasks.apply_retention",
        "schedule": crontab(hour=2, minute=30),
    },
    "report-jobs-clean-up": {
        "task": "reports.tasks.clean_up_jobs",
        "schedule": crontab(minute="*/10"),
    },
}

# Absolute links in emails are built on this address.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

# The largest file a proposal may attach (bytes); call documents have their own limit.
PROPOSAL_ATTACHMENT_MAX_BYTES = env_int("PROPOSAL_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)

# Invitations sent by staff stay valid this many days.
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 14)

# Report jobs (documents built in the background): a build is stopped after the soft limit
# (seconds), killed a minute later; a running job whose heartbeat is older than STALE_AFTER
# is marked failed (its worker stopped); finished jobs and their files are kept KEEP_DAYS.
REPORT_JOB_SOFT_TIME_LIMIT = env_int("REPORT_JOB_SOFT_TIME_LIMIT", 10 * 60)
REPORT_JOB_STALE_AFTER = env_int("REPORT_JOB_STALE_AFTER", 15 * 60)
REPORT_JOB_KEEP_DAYS = env_int("REPORT_JOB_KEEP_DAYS", 14)
# A worker writes the heartbeat of the job it builds this often (seconds); a job that missed
# three is failed when a worker starts (the one that built it was killed).
REPORT_JOB_HEARTBEAT = env_int("REPORT_JOB_HEARTBEAT", 10)
# A long document printed in parts (the KPI report) is printed by this many processes side by
# side (reports/pdf/printer.py); 0 is one per core, 1 prints in the worker's own process.
REPORT_PDF_PROCESSES = env_int("REPORT_PDF_PROCESSES", 0)

# A progress report is due this many days after its period ends; the team is reminded this many
# days before, then once a week while it is overdue.
PROJECT_REPORT_DUE_DAYS = env_int("PROJECT_REPORT_DUE_DAYS", 30)
PROJECT_REPORT_REMINDER_DAYS = env_int("PROJECT_REPORT_REMINDER_DAYS", 7)
# The largest evidence file a progress report may carry (bytes).
EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_BYTES", 20 * 1024 * 1024)


def _origin(url):
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


IDENTITY_PROVIDER_ORIGINS = sorted(
    {
        origin
        for origin in (
            _origin(env("OIDC_SERVER_URL")),
            _origin(env("SAML_IDP_SSO_URL")),
            "https://" + SOCIALACCOUNT_PROVIDERS["orcid"]["BASE_DOMAIN"]
            if "orcid" in SOCIALACCOUNT_PROVIDERS
            else "",
        )
        if origin
    }
)

# Content-Security-Policy (django-csp): scripts and styles only from the site's static files, no
# inline script or style. The charts' two fixed style attributes (indicators/charts/svg.py,
# kept because the PDFs read them too) are allowed by their hashes. CSP_REPORT_ONLY=1 sends the
# policy as Content-Security-Policy-Report-Only, to try it on a site before enforcing it.
CHART_STYLE_HASHES = [
    "'sha256-UKucNC8/+kQSiNVkI6pTd/BJc3QU/tBe1R2MNk2qxY4='",  # width: 100%; max-width: 1000px…
    "'sha256-s5prmeEVVB9iBhgkjqIedHByPVwdai9DevTuMD8LR00='",  # text-decoration: none
]
_CSP = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-hashes'", *CHART_STYLE_HASHES],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # A sign-in button posts here, then is sent on to the identity provider: browsers hold
        # that redirect to form-action too, so the providers' addresses are allowed.
        "form-action": ["'self'", *IDENTITY_PROVIDER_ORIGINS, *env_list("CSP_FORM_ACTION")],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
if env_bool("CSP_REPORT_ONLY"):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP
else:
    CONTENT_SECURITY_POLICY = _CSP

# Sessions are read from the cache and written through to the database: a signed-in page
# does not ask the database for its session (with Redis as CACHE_URL, shared by every worker;
# with the per-process default cache a worker that has not seen a session reads the database).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REFERRER_POLICY = "same-origin"
    # A load balancer asks for /healthz over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        # WeasyPrint logs every step of every PDF at INFO; keep only its warnings.
        "weasyprint.progress": {"level": "WARNING"},
        # config.middleware.request_log writes the line of each request; runserver's own
        # line would say it twice.
        "django.server": {"level": "WARNING"},
    },
}
