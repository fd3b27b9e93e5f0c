import json
import os
import subprocess
import sys

from django.conf import settings


def settings_under(env):
    """Import config.settings in a fresh interpreter with `env` and read a few values back."""
    code = (
        "import json, config.settings as s; print(json.dumps({k: str(getattr(s, k, None)) for k in "
        "['DEBUG','SESSION_COOKIE_SECURE','CSRF_COOKIE_SECURE','SECURE_HSTS_SECONDS',"
        "'SECURE_SSL_REDIRECT','CELERY_TASK_ALWAYS_EAGER','MFA_REQUIRED_FOR_STAFF','EMAIL_BACKEND']}"
        " | {'ENGINE': s.DATABASES['default']['ENGINE'], 'NAME': s.DATABASES['default']['NAME']}))"
    )
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DATABASE_URL",
            "CELERY_BROKER_URL",
            "DEBUG",
            "SECRET_KEY",
            "EMAIL_HOST",
            "SECURE_SSL_REDIRECT",
            "MFA_REQUIRED_FOR_STAFF",
        }
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True,
        cwd=settings.BASE_DIR,
    )  # fmt: skip
    return result.returncode, result.stdout, result.stderr


def test_production_needs_a_secret_key():
    code, _out, err = settings_under({"DEBUG": "0"})
    assert code != 0
    assert "SECRET_KEY" in err


def test_production_turns_on_secure_cookies_hsts_ssl_and_mfa():
    code, out, _err = settings_under({"DEBUG": "0", "SECRET_KEY": "x" * 50})
    values = json.loads(out)
    assert code == 0
    assert values["SESSION_COOKIE_SECURE"] == values["CSRF_COOKIE_SECURE"] == "True"
    assert int(values["SECURE_HSTS_SECONDS"]) >= 31536000
    assert values["SECURE_SSL_REDIRECT"] == "True"
    assert values["MFA_REQUIRED_FOR_STAFF"] == "True"


def test_development_defaults_sqlite_eager_tasks_console_mail_no_mfa():
    code, out, _err = settings_under({"DEBUG": "1"})
    values = json.loads(out)
    assert code == 0
    assert values["ENGINE"] == "django.db.backends.sqlite3"
    assert values["CELERY_TASK_ALWAYS_EAGER"] == "True"
    assert values["EMAIL_BACKEND"].endswith("console.EmailBackend")
    assert values["MFA_REQUIRED_FOR_STAFF"] == "False"
    assert values["SESSION_COOKIE_SECURE"] == "None"


def test_database_url_broker_and_smtp_come_from_the_environment():
    code, out, _err = settings_under(
        {
            "DEBUG": "1",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/grants",
            "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
            "EMAIL_HOST": "smtp.example.org",
        }
    )
    values = json.loads(out)
    assert code == 0
    assert values["ENGINE"] == "django.db.backends.postgresql"
    assert values["NAME"] == "grants"
    assert values["CELERY_TASK_ALWAYS_EAGER"] == "False"
    assert values["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
