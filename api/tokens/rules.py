"""Who may hold API tokens: anyone with a role (a token reads only what its holder may read on
the pages, so it gives nobody more than they have)."""


def can_hold_tokens(user):
    return user.is_authenticated and bool(user.role_names)


def can_revoke(user, token):
    return can_hold_tokens(user) and token.user_id == user.pk and token.is_active
