"""Common Ground settings: one module, read from the environment.

Defaults are the safe embedded setup (SQLite, console email, DEBUG off).
README.md lists every variable under "Configuration".
"""

import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
# Everything the site writes (SQLite database, uploads, mail files, generated
# secret key) lives here, outside the web root.
DATA_DIR = Path(env_str("DATA_DIR", str(BASE_DIR / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)
# Demo conveniences (printed demo passwords, MFA codes from the command line)
# only ever exist on a DEBUG site.
DEMO_MODE = DEBUG and env_bool("DEMO_MODE", False)


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        return key
    # Embedded default: a random key kept in DATA_DIR, never a key in the repo.
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.touch(mode=0o600)
        key_file.write_text(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Absolute links in emails point here.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "viewflow",
    "viewflow.workflow",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "csp",
    "core",
    "accounts",
    "complaints",
    "workflows",
    "surveys",
    "feedback",
    "activity",
    "assessment",
    "notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # Wraps everything that uses the database: 503 + Retry-After while it is away.
    "core.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffMFARequiredMiddleware",
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
                "accounts.context_processors.staff_navigation",
            ],
        },
    }
]

# --- Database and cache ------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web process and the worker share the file: WAL and immediate
    # transactions stop "database is locked" errors under that concurrency.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rate limits (allauth, public forms) must hold across every web process on
# every machine, so the cache lives in the shared database.
# Our own public-form limits count in their own table (core.ratelimit). allauth
# keeps its sign-in counters in this cache, which drops a third of its live
# entries when it holds more than MAX_ENTRIES (Django's default is 300): keep
# it far above the number of visitors seen in a few minutes, so a flood of new
# visitors cannot reset a lockout.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "common_ground_cache",
        "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 20000)},
    }
}

# --- Background jobs (Django's Tasks API) -----------------------------------
# Three queues, so that a slow mail provider never delays the workflow's timers:
# run one `manage.py run_worker --queue-name timers,default` and one
# `manage.py run_worker --queue-name mail` (docs/operations.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail", "timers"]}}
# A job still RUNNING after its lease is taken to be lost with its worker and is
# queued again (every task is safe to run twice). Per-task leases override it.
JOB_LEASE_SECONDS = env_int("JOB_LEASE_SECONDS", 15 * 60)
JOB_LEASE_SECONDS_BY_TASK = {"workflows.tasks.workflow_timers_tick": 120}
# A job whose worker died this many times is failed instead of queued again.
JOB_MAX_ATTEMPTS = env_int("JOB_MAX_ATTEMPTS", 5)
# Each worker (but a one-off --batch run) writes a heartbeat this often from a
# thread of its own; a worker silent for the timeout is taken to be dead, and
# its job is queued again at the next check instead of at the end of its lease.
JOB_HEARTBEAT_SECONDS = env_int("JOB_HEARTBEAT_SECONDS", 10)
JOB_HEARTBEAT_TIMEOUT_SECONDS = env_int("JOB_HEARTBEAT_TIMEOUT_SECONDS", 60)
# How often each worker reclaims expired leases and restores missing periodic jobs.
JOB_CHECK_SECONDS = env_int("JOB_CHECK_SECONDS", 30)
# While the database is unreachable the worker waits 1, 2, 4 ... up to this many seconds between tries.
JOB_DB_RETRY_MAX_SECONDS = env_int("JOB_DB_RETRY_MAX_SECONDS", 30)
# Finished job rows (successful or failed) are deleted after this many days.
JOB_RESULT_RETENTION_DAYS = env_int("JOB_RESULT_RETENTION_DAYS", 7)

# --- Authentication (django-allauth) -----------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "accounts.backends.RoleTaskBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:after_login"
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "accounts.adapters.SocialAccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD = "website"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Common Ground] "
# allauth's own rate limits stay on (its defaults); they use the shared cache.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Common Ground"
# Accept the code of the period before or after the current one: phone clocks
# drift, and a code typed in the last seconds of its period still counts.
MFA_TOTP_TOLERANCE = 1
# ...and each code signs in once in all that time (allauth alone remembers it for one period).
MFA_FORMS = {"authenticate": "accounts.mfa.AuthenticateForm", "reauthenticate": "accounts.mfa.ReauthenticateForm"}

# Google / Microsoft sign-in for staff: switched on by giving the client id
# and secret. Only existing accounts can sign in this way (no social sign-up).
SOCIALACCOUNT_PROVIDERS = {}
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
if env_str("GOOGLE_CLIENT_ID"):
    INSTALLED_APPS.append("allauth.socialaccount.providers.google")
    SOCIALACCOUNT_PROVIDERS["google"] = {
        "APPS": [{"client_id": env_str("GOOGLE_CLIENT_ID"), "secret": env_str("GOOGLE_CLIENT_SECRET")}],
        "SCOPE": ["profile", "email"],
        "EMAIL_AUTHENTICATION": True,
    }
if env_str("MICROSOFT_CLIENT_ID"):
    INSTALLED_APPS.append("allauth.socialaccount.providers.microsoft")
    SOCIALACCOUNT_PROVIDERS["microsoft"] = {
        "APPS": [
            {
                "client_id": env_str("MICROSOFT_CLIENT_ID"),
                "secret": env_str("MICROSOFT_CLIENT_SECRET"),
                "settings": {"tenant": env_str("MICROSOFT_TENANT", "organizations")},
            }
        ],
        "EMAIL_AUTHENTICATION": True,
    }

# --- Email -------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(DATA_DIR / "mail"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Common Ground <no-reply@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- Internationalisation ----------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "America/Chicago")
USE_I18N = True
USE_TZ = True

# --- Static files and uploads ------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    # Every app's static folder except viewflow's unused theme (see config/staticfiles.py).
    "config.staticfiles.UsedAppDirectoriesFinder",
]
# Uploads are private: kept under DATA_DIR, never given a public URL, served
# only through permission-checked views.
MEDIA_ROOT = Path(env_str("UPLOAD_ROOT", str(DATA_DIR / "uploads")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
FILE_UPLOAD_PERMISSIONS = 0o600
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)

# --- Security ----------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", True) else None
# How many reverse proxies of ours stand in front of the site. Each appends the
# address it saw to X-Forwarded-For, so the client is the N-th entry from the
# right (core.clientip); 0 trusts no header and uses REMOTE_ADDR. Our rate
# limits, the audit log and allauth's limits all read the client address from
# there: allauth through AccountAdapter.get_client_ip, not its own
# ALLAUTH_TRUSTED_PROXY_COUNT, which answers 500 to a short header.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ValueError("TRUSTED_PROXY_COUNT must be 0 or more")
# The health check answers plain HTTP from a load balancer on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_ENGINE = "core.sessions"  # database sessions, without a look-up before each new one
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        # Sign-in with Google/Microsoft posts to our site, which redirects to
        # the provider; form-action must allow that redirect target.
        "form-action": [SELF]
        + (["https://accounts.google.com"] if env_str("GOOGLE_CLIENT_ID") else [])
        + (["https://login.microsoftonline.com"] if env_str("MICROSOFT_CLIENT_ID") else []),
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
    }
}

# --- Logging -----------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
ADMINS = [("Operator", addr) for addr in env_list("ADMIN_EMAILS")]

# --- Complaints --------------------------------------------------------------
# Attachments: per file, per upload (one form or reply) and per complaint.
COMPLAINT_ATTACHMENT_MAX_BYTES = env_int("COMPLAINT_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
COMPLAINT_ATTACHMENT_MAX_COUNT = env_int("COMPLAINT_ATTACHMENT_MAX_COUNT", 5)
# Uploads up to one full submission stay in memory (they are read whole to be cleaned anyway), so a full /tmp
# cannot break the request before the "files could not be saved" page can answer.
FILE_UPLOAD_MAX_MEMORY_SIZE = COMPLAINT_ATTACHMENT_MAX_COUNT * COMPLAINT_ATTACHMENT_MAX_BYTES + 1024 * 1024
COMPLAINT_ATTACHMENT_MAX_FILES_PER_COMPLAINT = env_int("COMPLAINT_ATTACHMENT_MAX_FILES_PER_COMPLAINT", 20)
COMPLAINT_ATTACHMENT_MAX_BYTES_PER_COMPLAINT = env_int("COMPLAINT_ATTACHMENT_MAX_BYTES_PER_COMPLAINT", 50 * 1024 * 1024)
# Photo pixels across one upload, read from the headers before anything is decoded.
COMPLAINT_ATTACHMENT_MAX_PIXELS = env_int("COMPLAINT_ATTACHMENT_MAX_PIXELS", 40_000_000)
# Photos are stored at most this many pixels on their long side.
COMPLAINT_ATTACHMENT_MAX_IMAGE_SIDE = env_int("COMPLAINT_ATTACHMENT_MAX_IMAGE_SIDE", 4096)
# ffmpeg/ffprobe remove metadata from video and audio (Debian package "ffmpeg").
FFMPEG_BINARY = env_str("FFMPEG_BINARY", "ffmpeg")
FFPROBE_BINARY = env_str("FFPROBE_BINARY", "ffprobe")
FFMPEG_TIMEOUT_SECONDS = env_int("FFMPEG_TIMEOUT_SECONDS", 60)
# /healthz answers 503 when the upload folder has less free space than this.
UPLOAD_MIN_FREE_BYTES = env_int("UPLOAD_MIN_FREE_BYTES", 500 * 1024 * 1024)
COMPLAINT_DRAFT_DAYS = env_int("COMPLAINT_DRAFT_DAYS", 30)
COMPLAINT_PIN_MAX_FAILURES = env_int("COMPLAINT_PIN_MAX_FAILURES", 5)
COMPLAINT_PIN_LOCK_MINUTES = env_int("COMPLAINT_PIN_LOCK_MINUTES", 30)
# Per IP address and per browser session, per hour: complaints sent (each counts
# once, when sent); new drafts; tracking attempts; replies.
COMPLAINT_FILINGS_PER_HOUR = env_int("COMPLAINT_FILINGS_PER_HOUR", 20)
COMPLAINT_DRAFTS_PER_HOUR = env_int("COMPLAINT_DRAFTS_PER_HOUR", 60)
COMPLAINT_TRACKING_ATTEMPTS_PER_HOUR = env_int("COMPLAINT_TRACKING_ATTEMPTS_PER_HOUR", 30)
COMPLAINT_REPLIES_PER_HOUR = env_int("COMPLAINT_REPLIES_PER_HOUR", 30)
# About one counted attempt in this many also deletes the counters whose window has ended (0: never).
RATE_COUNTER_PRUNE_ONE_IN = 200
QUICK_EXIT_URL = env_str("QUICK_EXIT_URL", "https://www.weather.gov/")
# Tracking PINs are stored as HMAC-SHA256 under a key derived from PIN_HASH_KEY, or
# from SECRET_KEY when it is empty. Old keys in the fallbacks still open complaints
# (and the PIN is re-hashed under the new key at that moment).
PIN_HASH_KEY = env_str("PIN_HASH_KEY", "")
PIN_HASH_KEY_FALLBACKS = env_list("PIN_HASH_KEY_FALLBACKS")
# An unlocked complaint stays open in that browser this long without a page view.
COMPLAINT_TRACKING_IDLE_MINUTES = env_int("COMPLAINT_TRACKING_IDLE_MINUTES", 30)
# The receipt shows the PIN again to the browser that filed, this long.
COMPLAINT_RECEIPT_PIN_MINUTES = env_int("COMPLAINT_RECEIPT_PIN_MINUTES", 10)

# --- Workflows ---------------------------------------------------------------
# Default deadlines in school days; each district's coordinator may change
# its own numbers in the staff area (workflows.DeadlinePolicy).
WORKFLOW_DEADLINE_DEFAULTS = {
    "triage": env_int("DEADLINE_TRIAGE_DAYS", 5),
    "school_review": env_int("DEADLINE_SCHOOL_REVIEW_DAYS", 30),
    "police_review": env_int("DEADLINE_POLICE_REVIEW_DAYS", 30),
    "outcome": env_int("DEADLINE_OUTCOME_DAYS", 10),
    "appeal_window": env_int("DEADLINE_APPEAL_WINDOW_DAYS", 10),
    "appeal_review": env_int("DEADLINE_APPEAL_REVIEW_DAYS", 15),
}
# The longest school closure a coordinator may enter, in calendar days: a summer
# break fits; a mistyped year (2062 for 2026) does not push every deadline decades out.
CALENDAR_CLOSURE_MAX_DAYS = env_int("CALENDAR_CLOSURE_MAX_DAYS", 100)
AUDIT_LOG_PAGE_SIZE = env_int("AUDIT_LOG_PAGE_SIZE", 50)

# --- Notifications -----------------------------------------------------------
# EMAIL_BACKEND=notifications.backends.SendGridEmailBackend sends through SendGrid.
SENDGRID_API_KEY = env_str("SENDGRID_API_KEY")
SENDGRID_API_HOST = env_str("SENDGRID_API_HOST", "https://api.sendgrid.com")
SENDGRID_TIMEOUT_SECONDS = env_int("SENDGRID_TIMEOUT_SECONDS", 10)
# The Event Webhook's verification key (Mail Settings → Signed Event Webhook), base64 without PEM lines.
SENDGRID_WEBHOOK_PUBLIC_KEY = env_str("SENDGRID_WEBHOOK_PUBLIC_KEY")
# Non-essential mail gives up after this many tries; essential mail (receipts, outcomes, emergencies)
# keeps trying for NOTIFY_ESSENTIAL_RETRY_HOURS. Tries back off from the base, doubling, at most the max interval
# apart, or later when SendGrid's Retry-After says so.
NOTIFY_MAX_ATTEMPTS = env_int("NOTIFY_MAX_ATTEMPTS", 6)
NOTIFY_RETRY_BASE_SECONDS = env_int("NOTIFY_RETRY_BASE_SECONDS", 60)
NOTIFY_RETRY_MAX_INTERVAL_SECONDS = env_int("NOTIFY_RETRY_MAX_INTERVAL_SECONDS", 30 * 60)
NOTIFY_ESSENTIAL_RETRY_HOURS = env_int("NOTIFY_ESSENTIAL_RETRY_HOURS", 72)
# A worker owns a mail it is sending for this long; past it another worker may take the mail over.
NOTIFY_SEND_LEASE_SECONDS = env_int("NOTIFY_SEND_LEASE_SECONDS", 120)
# After a send whose reply never came, wait this long for the Event Webhook to confirm before sending again.
NOTIFY_CONFIRM_WINDOW_SECONDS = env_int("NOTIFY_CONFIRM_WINDOW_SECONDS", 600)
# Automatic resends after unanswered tries (each could add a copy): 1 means at most two copies of a mail.
NOTIFY_UNCONFIRMED_RESENDS = env_int("NOTIFY_UNCONFIRMED_RESENDS", 1)
# Signed webhook requests older than this are refused (and any signed more than two minutes in the future).
NOTIFY_WEBHOOK_MAX_AGE_SECONDS = env_int("NOTIFY_WEBHOOK_MAX_AGE_SECONDS", 600)
# The delivery page lists every mail not sent this many minutes after it was queued.
NOTIFY_LATE_MINUTES = env_int("NOTIFY_LATE_MINUTES", 15)
# How often the worker fires due workflow timers (deadlines, escalations, appeal windows).
WORKFLOW_TIMER_INTERVAL_SECONDS = env_int("WORKFLOW_TIMER_INTERVAL_SECONDS", 60)

# --- Periodic jobs -------------------------------------------------------------
# {dotted task path: interval in seconds}. The worker keeps one waiting run of
# each and queues the next when a run ends (successful or not); no cron.
# Hours before a dialogue session when registrants are reminded (each reminder sent once).
# Sign-ups for dialogue sessions allowed per client and hour (honest families share addresses).
SESSION_SIGNUPS_PER_HOUR = env_int("SESSION_SIGNUPS_PER_HOUR", 20)
# Survey taking: a whole school often shares one address, so the per-client limits are high.
SURVEY_STARTS_PER_HOUR = env_int("SURVEY_STARTS_PER_HOUR", 1500)
SURVEY_CODE_ATTEMPTS_PER_HOUR = env_int("SURVEY_CODE_ATTEMPTS_PER_HOUR", 1500)
SURVEY_DRAFT_DAYS = env_int("SURVEY_DRAFT_DAYS", 14)
SESSION_REMINDER_HOURS = [int(h) for h in env_list("SESSION_REMINDER_HOURS", "48,2")]

PERIODIC_TASKS = {
    "workflows.tasks.workflow_timers_tick": WORKFLOW_TIMER_INTERVAL_SECONDS,
    # Due-soon reminders and the 30-day updates to complainants (each mail at most once).
    "workflows.tasks.reminders_send": 3600,
    # The coordinators' digest: checked hourly, sent once per ISO week (its mail key holds the week).
    "workflows.tasks.coordinator_digest_send": 3600,
    "complaints.tasks.expired_drafts_purge": 3600,
    "workflows.review.start_tasks.review_starts_sweep": 60,  # reviews whose start job was lost (filed > 2 min ago)
    "complaints.tasks.attachment_orphans_purge_task": 3600,
    "surveys.tasks.survey_drafts_purge": 3600,
    "core.jobs.tasks.job_results_prune": 3600,
    # Rewrites newly finished survey invitations so no database row version links one to its response.
    "surveys.seal.invitations_seal_task": 300,
    # Mail that lost its delivery job (or its sending worker) gets one back.
    "notifications.services.email_sweep": 300,
    "surveys.tasks_reach.survey_reminders_send": 3600,  # survey invitation reminders, each at most once
    # Reminders before dialogue sessions (each once) and consent holds that lapsed.
    "feedback.tasks.session_reminders_send": 900,
    "feedback.tasks.consent_holds_release_task": 3600,
    "assessment.tasks_annual.annual_reminders_send": 3600,  # annual assessment steps due soon (each once)
    # Each district's retention schedule (docs/retention.md); counts of what went are in the audit log.
    "workflows.retention.tasks.retention_purge_task": 86400,
    # Last month's monthly review of SRO records, opened once per school with a rostered SRO.
    "workflows.monthly.tasks.monthly_reviews_open_task": 3600,
}
