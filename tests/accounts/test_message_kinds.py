"""Every email and notification the system sends is a registered kind of message: the code is
read for every place that sends one, and each must name its kind."""

import ast
import importlib
from pathlib import Path

import pytest
from django.conf import settings

from accounts.notifications import kinds
from accounts.notifications.services import notify

APPS = ("core", "accounts", "indicators", "proposals", "projects", "reviews", "reports", "api")
ROOT = Path(settings.BASE_DIR)
SENDERS = {"notify", "queue_templated_email"}
# The low-level senders of mail, each where it belongs: the Celery task that sends, the queue
# behind `queue_templated_email`, and allauth's emails (the kind ACCOUNT_SECURITY).
MAILERS = {"send_mail", "EmailMessage", "EmailMultiAlternatives", "mail_admins", "send_email"}
MAILER_HOMES = {"accounts/tasks.py", "accounts/emails.py", "accounts/adapters.py"}


def _sources():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path, ast.parse(path.read_text())


SOURCES = list(_sources())


def _name(func):
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _calls(names):
    for path, tree in SOURCES:
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node.func) in names:
                yield path.relative_to(ROOT).as_posix(), node


def test_every_sending_site_names_its_kind():
    sites = [f"{path}:{node.lineno}" for path, node in _calls(SENDERS)]
    unnamed = [
        f"{path}:{node.lineno}"
        for path, node in _calls(SENDERS)
        if not any(keyword.arg == "kind" for keyword in node.keywords)
        and path != "accounts/notifications/services.py"  # passes its own on
    ]
    assert len(sites) >= 25  # the scan found the sending sites
    assert unnamed == []


def test_mail_leaves_only_through_the_senders_that_name_a_kind():
    elsewhere = sorted(
        f"{path}:{node.lineno}"
        for path, node in _calls(MAILERS | {"delay"})
        if path not in MAILER_HOMES
        and (_name(node.func) in MAILERS or _name(getattr(node.func, "value", None)) in MAILERS)
    )
    assert elsewhere == []


def test_every_kind_declared_in_the_code_is_registered():
    declared = set()
    for path, tree in SOURCES:
        module = path.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".")
        if not any(
            isinstance(node, ast.Call) and _name(node.func) == "MessageKind"
            for node in ast.walk(tree)
        ):
            continue
        for value in vars(importlib.import_module(module)).values():
            found = value.values() if isinstance(value, dict) else value
            if isinstance(found, list | tuple | type({}.values())):
                declared |= {kind for kind in found if isinstance(kind, kinds.MessageKind)}
            elif isinstance(value, kinds.MessageKind):
                declared.add(value)
    registered = set(kinds.all_kinds())
    assert declared - registered == set()
    assert len(registered) >= 35


def test_every_email_template_belongs_to_a_file_that_sends_a_named_kind():
    prefixes = {
        path.relative_to(path.parents[len(path.relative_to(ROOT).parts) - 3])
        .as_posix()
        .removesuffix("_subject.txt")
        for path in ROOT.glob("*/templates/**/email*/*_subject.txt")
    }
    senders = {path for path, _node in _calls(SENDERS)}
    users = {
        prefix: [
            path.relative_to(ROOT).as_posix()
            for path, _tree in SOURCES
            if prefix in path.read_text()
        ]
        for prefix in prefixes
    }
    assert len(prefixes) == 4
    assert {prefix: bool(set(files) & senders) for prefix, files in users.items()} == dict.fromkeys(
        prefixes, True
    )


def test_each_kind_knows_its_placeholders_and_defaults_in_both_languages():
    for kind in kinds.all_kinds():
        for language in ("th", "en"):
            texts = kind.default_texts(language)
            assert texts["title"], kind.key
            assert set(kind.placeholders()) >= {"recipient", "url"}
            unknown = [
                name
                for text in texts.values()
                for name in kinds.placeholders.unknown_placeholders(text, kind.placeholders())
            ]
            assert unknown == [], kind.key


def test_an_unregistered_kind_is_refused(db):
    with pytest.raises(ValueError, match="not registered"):
        notify(kind="no.such.kind", recipients=[], title="x", body="", url="/")
