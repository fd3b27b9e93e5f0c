"""Personal API tokens made and revoked, each change audited."""

import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts import audit
from api.models import ApiToken
from api.tokens import rules

TOKEN_CREATED = "api_token.created"
TOKEN_REVOKED = "api_token.revoked"
KEY_PREFIX = "grt_"

AUDIT_ACTIONS = [
    (TOKEN_CREATED, gettext_lazy("API token created"), None),
    (TOKEN_REVOKED, gettext_lazy("API token revoked"), None),
]


@transaction.atomic
def create_token(*, actor, name, scope):
    """A new token of `actor`; returns (token, key). The key is shown once and never stored."""
    if not rules.can_hold_tokens(actor):
        raise PermissionDenied
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor, name=name, scope=scope, prefix=key[:10], key_hash=ApiToken.hash(key)
    )
    audit.record(actor=actor, action=TOKEN_CREATED, obj=token, data={"name": name, "scope": scope})
    return token, key


@transaction.atomic
def revoke_token(*, actor, token_id):
    """Revoke `actor`'s token `token_id`: it stops working at once."""
    token = ApiToken.objects.select_for_update().filter(pk=token_id, user=actor).first()
    if token is None or not rules.can_revoke(actor, token):
        raise PermissionDenied
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(actor=actor, action=TOKEN_REVOKED, obj=token, data={"name": token.name})
    return token
