"""Settings shared by every environment. Deploy values come from the environment (see env.py)."""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_cache, env_database, env_int, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(env_str("GIAMNGHEO_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the SQLite file and media live here

SECRET_KEY = env_str("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "giamngheo.core",
    "giamngheo.portal",
    "giamngheo.organisations",
    "giamngheo.planning",
    "giamngheo.feedback",
    "giamngheo.reporting",
    "giamngheo.results",
    "giamngheo.selfcheck",
    "giamngheo.funds",
    "giamngheo.publications",
    "giamngheo.training",
    "giamngheo.campaigns",
    "giamngheo.contests",
    "giamngheo.broadcasts",
    "giamngheo.awards",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    # First: a hit returns the stored page with the headers the stack below gave it.
    "giamngheo.core.cache.AnonymousPageCacheMiddleware",
    # Every answer under /open311/ in the API's own format, refusals of the stack included.
    "giamngheo.feedback.open311.Open311ErrorMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "giamngheo.core.middleware.CookieLocaleMiddleware",
    "giamngheo.core.middleware.NormaliseInputMiddleware",
    "django.middleware.common.CommonMiddleware",
    "giamngheo.core.middleware.MemoisedSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "giamngheo.core.middleware.AdminCSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "giamngheo.organisations.middleware.StaffTwoFactorMiddleware",
    # Last, as django-axes requires: it turns a lockout raised during sign-in into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "giamngheo.urls"
WSGI_APPLICATION = "giamngheo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# SQLite: WAL journal, IMMEDIATE transactions and a busy timeout, so concurrent writers queue
# instead of failing with "database is locked" (see docs/architecture.md).
DATABASES = {
    "default": env_database(
        "DATABASE_URL",
        {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            # Kept open between requests, as DATABASE_URL connections are: opening the file
            # and running the pragmas below cost every request ~8 ms.
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
            },
        },
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": env_cache(
        "CACHE_URL",
        {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    )
}
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600, minimum=0)
# With the per-process cache, a purge touches this file and every worker sees its new time.
PAGE_CACHE_GENERATION_FILE = VAR_DIR / "page-cache-generation"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in (organisations app). django-axes first: it refuses a locked-out attempt before any
# password is checked. Lockout is per username *and* client address, and a name that does not
# exist is counted and locked exactly like one that does, so the answer never tells them apart.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Then the per-account cap, whatever the address (core.security): ≤ 100 checks an hour.
    "giamngheo.core.security.AccountCapBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "organisations/lockout.html"
AXES_USERNAME_FORM_FIELD = "username"
SIGNIN_ACCOUNT_CAP = env_int("SIGNIN_ACCOUNT_CAP", 20, minimum=1)  # failures per account a window
SIGNIN_ACCOUNT_WINDOW_SECONDS = env_int("SIGNIN_ACCOUNT_WINDOW_SECONDS", 900, minimum=60)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Giam ngheo")
OTP_TOTP_THROTTLE_FACTOR = 1
STAFF_TWO_FACTOR_REQUIRED = env_bool("STAFF_TWO_FACTOR_REQUIRED", True)
LOGIN_URL = "wagtailadmin_login"
WAGTAILADMIN_USER_LOGIN_FORM = "giamngheo.core.forms.AdminLoginForm"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = [("vi", "Tiếng Việt")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["giamngheo.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
# The app serves media itself only where nothing sits in front of it (`make run`, settings.local).
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
# Uploaded files (giamngheo/core/storage.py: written under .staging/ inside their transaction and
# moved into place on commit). MEDIA_STORAGE=filesystem (the default): under MEDIA_ROOT, one
# machine. MEDIA_STORAGE=s3: an S3-compatible object store (MinIO, Ceph, AWS) that several app
# servers share; the bucket stays private: URLs are signed and short-lived, and personal files are
# streamed by the project's scoped views, never linked to the bucket (docs/deploy.md).
MEDIA_STORAGE = env_str("MEDIA_STORAGE", "filesystem")
if MEDIA_STORAGE == "s3":
    _MEDIA_BACKEND = {
        "BACKEND": "giamngheo.core.storage_s3.StagedS3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET", env_str("AWS_STORAGE_BUCKET_NAME", "")) or None,
            "endpoint_url": env_str("S3_ENDPOINT_URL", env_str("AWS_S3_ENDPOINT_URL", "")) or None,
            "access_key": env_str("S3_ACCESS_KEY_ID", env_str("AWS_ACCESS_KEY_ID", "")) or None,
            "secret_key": env_str("S3_SECRET_ACCESS_KEY", env_str("AWS_SECRET_ACCESS_KEY", ""))
            or None,
            "region_name": env_str("S3_REGION", env_str("AWS_S3_REGION_NAME", "")) or None,
            "location": env_str("S3_PREFIX", "media"),
            "addressing_style": env_str("S3_ADDRESSING_STYLE", "path"),
            "signature_version": "s3v4",
            "default_acl": None,  # the bucket's own policy: private
            "querystring_auth": True,  # every URL signed ...
            "querystring_expire": env_int("S3_URL_EXPIRE_SECONDS", 300, minimum=1),  # ... briefly
            "file_overwrite": False,
        },
    }
    if not _MEDIA_BACKEND["OPTIONS"]["bucket_name"]:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs S3_BUCKET (or AWS_STORAGE_BUCKET_NAME).")
elif MEDIA_STORAGE == "filesystem":
    _MEDIA_BACKEND = {"BACKEND": "giamngheo.core.storage.StagedFileSystemStorage"}
else:
    raise ImproperlyConfigured(f"MEDIA_STORAGE={MEDIA_STORAGE!r}: use filesystem or s3.")
STORAGES = {
    "default": _MEDIA_BACKEND,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Bounded request bodies: a public form or API call can never make the server parse megabytes
# of fields. File uploads are capped separately by core.uploads.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)
UPLOAD_MAX_PIXELS = env_int("UPLOAD_MAX_PIXELS", 40_000_000, minimum=10_000)
# LibreOffice for PDF output of official documents: a path or a command on PATH; empty looks for
# soffice, then libreoffice. Without it a PDF download answers 503 with the reason in Vietnamese.
SOFFICE_BINARY = env_str("SOFFICE_BINARY", "")
# A LibreOffice kept running (unoserver: `manage.py pdf_server`, the `pdf` process of the Procfile)
# at host:port converts a document in under a second; empty, or not answering, starts LibreOffice
# for each document (4–5 s). PDF_PYTHON: the Python that imports LibreOffice's uno (python3-uno),
# found by itself on Debian.
PDF_SERVER = env_str("PDF_SERVER", "")
PDF_PYTHON = env_str("PDF_PYTHON", "")

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "giamngheo@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}

# Wagtail
WAGTAIL_SITE_NAME = env_str("SITE_NAME", "Cổng thông tin giảm nghèo")
WAGTAILADMIN_BASE_URL = env_str("BASE_URL", "http://127.0.0.1:8000")
# "simple": no English stemming or stop words ("can", "an", "do" are Vietnamese words too).
# The database backend with serialised title-norm refreshes (portal.search_backend); the portal's
# search goes through portal.search_engine, which also has an OpenSearch implementation.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "giamngheo.portal.search_backend", "SEARCH_CONFIG": "simple"}
}
# "database" (SQLite FTS5 / PostgreSQL full text) or "opensearch" (portal.search_engine).
PORTAL_SEARCH_ENGINE = env_str("SEARCH_ENGINE", "database")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False  # ASCII addresses: /tin-tuc/giam-ngheo-ben-vung/
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party requests from the admin
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILIMAGES_MAX_UPLOAD_SIZE = UPLOAD_MAX_BYTES
WAGTAILIMAGES_MAX_IMAGE_PIXELS = UPLOAD_MAX_PIXELS
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "mp4", "webm", "mp3", "m4a", "ogg"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = UPLOAD_MAX_BYTES
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILEMBEDS_FINDERS = []  # the server fetches nothing a user typed: media links are stored
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {
            "features": ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]
        },
    }
}

# Security headers. A strict Content-Security-Policy on every public page: no inline script or
# style anywhere; the admin gets the relaxed policy Wagtail needs (core.middleware).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "frame-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # One structured line per security event (core.security) and per refused request
        # (core.middleware), at INFO whatever LOG_LEVEL says: `make run` shows them (the records
        # reach the root's console handler, whose own level is not set).
        "giamngheo.security": {"level": "INFO"},
        "giamngheo.request": {"level": "INFO"},
    },
}

SEARCH_QUERY_MAX_LENGTH = 200
SEARCH_PAGE_SIZE = 20

PROVINCE_LABEL = _("Tỉnh Bắc Giang")

WAGTAILIMAGES_IMAGE_FORM_BASE = "giamngheo.core.forms.SafeImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "giamngheo.core.forms.SafeDocumentForm"

# Feedback (phản ánh, kiến nghị): deadlines in working days by kind, anti-abuse of the public form.
FEEDBACK_DEADLINE_DAYS = {
    "feedback": env_int("FEEDBACK_DEADLINE_FEEDBACK", 10, minimum=1),
    "recommendation": env_int("FEEDBACK_DEADLINE_RECOMMENDATION", 15, minimum=1),
    "question": env_int("FEEDBACK_DEADLINE_QUESTION", 7, minimum=1),
    "wrongdoing": env_int("FEEDBACK_DEADLINE_WRONGDOING", 15, minimum=1),
}
FEEDBACK_MIN_FILL_SECONDS = env_int("FEEDBACK_MIN_FILL_SECONDS", 3, minimum=0)
FEEDBACK_FORM_MAX_AGE_SECONDS = env_int("FEEDBACK_FORM_MAX_AGE_SECONDS", 24 * 3600, minimum=60)
FEEDBACK_RATE_LIMIT = env_int("FEEDBACK_RATE_LIMIT", 10, minimum=1)  # submissions per client
FEEDBACK_RATE_WINDOW_SECONDS = env_int("FEEDBACK_RATE_WINDOW_SECONDS", 3600, minimum=1)
FEEDBACK_MAX_ATTACHMENTS = 5
# Open311 POSTs per API key a minute (core.antiabuse, shared by every worker).
OPEN311_KEY_RATE_LIMIT = env_int("OPEN311_KEY_RATE_LIMIT", 6000, minimum=1)
# Outside channels: SMS and Zalo senders (console in development), and the Zalo Official Account
# webhook's credentials (empty: the webhook refuses every event).
FEEDBACK_SMS_BACKEND = env_str(
    "FEEDBACK_SMS_BACKEND", "giamngheo.feedback.channels.ConsoleSmsBackend"
)
FEEDBACK_ZALO_BACKEND = env_str(
    "FEEDBACK_ZALO_BACKEND", "giamngheo.feedback.channels.ConsoleZaloBackend"
)
ZALO_APP_ID = env_str("ZALO_APP_ID", "")
ZALO_OA_SECRET_KEY = env_str("ZALO_OA_SECRET_KEY", "")
FEEDBACK_ZALO_CATEGORY = env_str("FEEDBACK_ZALO_CATEGORY", "")  # category code for Zalo items
FEEDBACK_ZALO_UNIT_CODE = env_str("FEEDBACK_ZALO_UNIT_CODE", "")  # commune code for Zalo items
