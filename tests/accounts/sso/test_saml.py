"""SAML 2.0 through allauth's provider: this site's service-provider metadata names its
assertion consumer address, and the sign-in button sends the person to the identity provider
with a SAML request. The full sign-in with a signed assertion is in test_saml_login.py."""

import base64
import zlib
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

CERT = "MIIBfake"  # only read when an assertion arrives
IDP_SSO = "https://idp.uni.example/sso"


HOST = "grants.example.org"


@pytest.fixture
def saml(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]
    settings.SOCIALACCOUNT_PROVIDERS = {
        **settings.SOCIALACCOUNT_PROVIDERS,
        "saml": {
            "APPS": [
                {
                    "name": "มหาวิทยาลัยทดสอบ (SAML)",
                    "provider_id": "https://idp.uni.example/entity",
                    "client_id": "uni",
                    "settings": {
                        "idp": {
                            "entity_id": "https://idp.uni.example/entity",
                            "sso_url": IDP_SSO,
                            "x509cert": CERT,
                        },
                        "attribute_mapping": settings.SAML_DEFAULT_ATTRIBUTES,
                    },
                }
            ]
        },
    }


def test_the_service_provider_metadata_names_the_consumer_address(client, saml):
    response = client.get(reverse("saml_metadata", args=["uni"]), HTTP_HOST=HOST)
    assert response.status_code == 200
    body = response.content.decode()
    assert "AssertionConsumerService" in body
    assert reverse("saml_acs", args=["uni"]) in body


def test_the_sign_in_sends_a_saml_request_to_the_identity_provider(client, saml):
    response = client.post(reverse("saml_login", args=["uni"]), HTTP_HOST=HOST)
    assert response.status_code == 302
    target = urlsplit(response.url)
    assert f"{target.scheme}://{target.netloc}{target.path}" == IDP_SSO
    request = parse_qs(target.query)["SAMLRequest"][0]
    xml = zlib.decompress(base64.b64decode(request), -15).decode()
    assert "AuthnRequest" in xml and reverse("saml_acs", args=["uni"]) in xml


def test_an_unknown_organisation_is_not_found(client, saml):
    assert client.get(reverse("saml_metadata", args=["nobody"]), HTTP_HOST=HOST).status_code == 404
