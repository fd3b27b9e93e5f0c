"""Small helpers for views of every app."""

from django.utils.http import url_has_allowed_host_and_scheme


def on_this_site(request, url):
    """Whether `url` (a `next` value, a referer) leads to this site, so that a redirect to it
    cannot send the visitor elsewhere."""
    return url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
