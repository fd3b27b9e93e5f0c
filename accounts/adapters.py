import re

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation

from accounts import audit
from accounts.notifications import templates
from accounts.notifications.kinds import ALLAUTH_KINDS
from accounts.roles import Role
from accounts.services import grant_role
from accounts.tasks import send_email


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """Everyone who signs up is a researcher; an administrator grants other roles."""
        user = super().save_user(request, user, form, commit=False)
        user.preferred_language = (translation.get_language() or "th")[:2]
        if commit:
            user.save()
            grant_role(user=user, role=Role.RESEARCHER)
            audit.record(actor=user, action="account.signed_up", obj=user)
        return user

    def send_mail(self, template_prefix, email, context):
        """allauth's mails too leave only once the transaction commits. The address check, the
        password reset, the reset asked for an unknown address and the sign-up with a taken
        address use the site's text of their kind when an administrator wrote one
        (accounts.notifications.kinds.ALLAUTH_KINDS); otherwise, and for allauth's mails this
        system's settings never send (ACCOUNT_SECURITY), allauth's templates."""
        edited = site_text(template_prefix, email, context)
        if edited is not None:
            subject, body = edited
            payload = {"to": [email], "subject": subject, "body": body, "html": None}
        else:
            message = self.render_mail(template_prefix, email, context)
            html = next(
                (
                    content
                    for content, mimetype in getattr(message, "alternatives", [])
                    if mimetype == "text/html"
                ),
                None,
            )
            payload = {
                "to": list(message.to),
                "subject": message.subject,
                "body": message.body,
                "html": html,
            }
        transaction.on_commit(lambda: send_email.delay(**payload))


def site_text(template_prefix, email, context):
    """(subject, body) of allauth's mail `template_prefix` from the site's text of its kind,
    in the recipient's language; None when the kind has no saved text."""
    kind = ALLAUTH_KINDS.get(template_prefix)
    template = templates.site_template(kind) if kind is not None else None
    if template is None:
        return None
    # A mail about an account without the user in its context (a sign-up with a taken address)
    # speaks the language of the account's owner.
    user = context.get("user") or get_user_model().objects.filter(email__iexact=email).first()
    language = (getattr(user, "preferred_language", "") or translation.get_language() or "th")[:2]
    if language not in templates.LANGUAGES:
        language = "th"
    link = (
        context.get("activate_url")
        or context.get("password_reset_url")
        or context.get("signup_url")
        or ""
    )
    with translation.override(language):
        values = templates.rendered_values(
            {"email": email, "link": link},
            language,
            recipient=user if getattr(user, "pk", None) else None,
            url=link,
        )
        values.setdefault("recipient", email)
        subject, body = templates.render_template(template, language, values)
    return settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body


# The session remembers that this sign-in came through an identity provider that enforces a
# second factor, so that staff are not asked for theirs again (allauth.mfa, the enrolment rule).
IDP_MFA_SESSION_KEY = "signed_in_with_idp_mfa"


def idp_enforced_mfa(sociallogin):
    """Whether the identity provider behind `sociallogin` asked for a second factor: its app is
    set to always do so, or its ID token says so (`amr` holds "mfa", RFC 8176)."""
    app = sociallogin.account.get_provider().app
    if app is not None and app.settings.get("enforces_mfa"):
        return True
    id_token = (sociallogin.account.extra_data or {}).get("id_token") or {}
    return "mfa" in (id_token.get("amr") or [])


ORCID_FORM = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")


def remember_orcid(sociallogin):
    """Keep the ORCID iD of a person who signed in through ORCID (authenticated by ORCID)."""
    account = sociallogin.account
    user = sociallogin.user
    if account.provider != "orcid" or user is None or not user.pk:
        return
    if ORCID_FORM.match(account.uid or "") and user.orcid != account.uid:
        user.orcid = account.uid
        user.save(update_fields=["orcid"])
        audit.record(
            actor=user, action="account.orcid_linked", obj=user, data={"orcid": user.orcid}
        )


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        name = data.get("name") or " ".join(
            part for part in (data.get("first_name"), data.get("last_name")) if part
        )
        if name and not (user.full_name_th or user.full_name_en):
            user.full_name_en = name
        return user

    def save_user(self, request, sociallogin, form=None):
        """Someone new through an identity provider is a researcher, as at sign-up; an
        administrator grants other roles."""
        user = super().save_user(request, sociallogin, form)
        if not user.role_names:
            user.preferred_language = (
                user.preferred_language or ((translation.get_language() or "th")[:2])
            )
            user.save(update_fields=["preferred_language"])
            grant_role(user=user, role=Role.RESEARCHER)
            audit.record(
                actor=user,
                action="account.signed_up",
                obj=user,
                data={"provider": sociallogin.account.provider},
            )
        remember_orcid(sociallogin)
        return user

    def pre_social_login(self, request, sociallogin):
        request.session[IDP_MFA_SESSION_KEY] = idp_enforced_mfa(sociallogin)


class MFAAdapter(DefaultMFAAdapter):
    def is_mfa_enabled(self, user, types=None):
        """Not asked again after an identity provider that enforces a second factor."""
        request = getattr(self, "request", None)
        if request is not None and request.session.get(IDP_MFA_SESSION_KEY):
            return False
        return super().is_mfa_enabled(user, types)
