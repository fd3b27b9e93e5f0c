from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction
from django.utils import translation

from accounts import audit
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
        """allauth's mails too leave only once the transaction commits."""
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
