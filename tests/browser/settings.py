"""Settings of the demo server the browser tests drive: the test settings over plain HTTP on
127.0.0.1 (so the session and CSRF cookies may not be marked secure)."""

from config.test_settings import *  # noqa: F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# Static files straight from the apps' folders, as with `make run`, without collectstatic.
WHITENOISE_USE_FINDERS = True
