"""SAML 2.0 sign-in run in full: the sign-in button's request, a throwaway identity provider
(its key and certificate made here) answering with an assertion it signs with xmlsec, posted to
this site's assertion consumer address. The person is signed in to the account with the
verified email, keeps the roles an administrator gave and is granted none; a tampered or
unsigned assertion, another provider's signature or an unverified email signs nobody in."""

import base64
import datetime
import uuid
import zlib
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

import pytest
from allauth.socialaccount.models import SocialAccount
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.urls import reverse
from onelogin.saml2.utils import OneLogin_Saml2_Utils

from accounts.models import User
from accounts.roles import Role

pytestmark = pytest.mark.django_db

HOST = "grants.example.org"
ORG = "uni"
IDP_ENTITY = "https://idp.uni.example/entity"
IDP_SSO = "https://idp.uni.example/sso"


def key_and_certificate(name="idp.uni.example"):
    """A fresh RSA key and a self-signed certificate for it, both PEM."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    return key_pem, certificate.public_bytes(serialization.Encoding.PEM).decode()


@pytest.fixture(scope="module")
def idp_keys():
    return key_and_certificate()


@pytest.fixture
def saml(settings, idp_keys):
    """The provider as the environment sets it (config/sign_in.py): no 'advanced' settings,
    so python3-saml's defaults (strict) apply."""
    _key, certificate = idp_keys
    body = "".join(line for line in certificate.splitlines() if "CERTIFICATE" not in line)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]
    settings.SOCIALACCOUNT_PROVIDERS = {
        **settings.SOCIALACCOUNT_PROVIDERS,
        "saml": {
            "APPS": [
                {
                    "name": "มหาวิทยาลัยทดสอบ (SAML)",
                    "provider_id": IDP_ENTITY,
                    "client_id": ORG,
                    "settings": {
                        "idp": {"entity_id": IDP_ENTITY, "sso_url": IDP_SSO, "x509cert": body},
                        "attribute_mapping": settings.SAML_DEFAULT_ATTRIBUTES,
                    },
                }
            ]
        },
    }


def _instant(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def assertion_xml(*, request_id, attributes, name_id="staff-001"):
    """The identity provider's assertion for this site's request `request_id`, unsigned."""
    now = datetime.datetime.now(datetime.UTC)
    acs = f"http://{HOST}{reverse('saml_acs', args=[ORG])}"
    audience = f"http://{HOST}{reverse('saml_metadata', args=[ORG])}"
    values = "".join(
        f'<saml:Attribute Name="{name}"><saml:AttributeValue>{escape(value)}'
        "</saml:AttributeValue></saml:Attribute>"
        for name, value in attributes.items()
    )
    return (
        '<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" '
        f'ID="_a{uuid.uuid4().hex}" Version="2.0" IssueInstant="{_instant(now)}">'
        f"<saml:Issuer>{IDP_ENTITY}</saml:Issuer>"
        "<saml:Subject>"
        '<saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">'
        f"{name_id}</saml:NameID>"
        '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">'
        f'<saml:SubjectConfirmationData InResponseTo="{request_id}" Recipient="{acs}" '
        f'NotOnOrAfter="{_instant(now + datetime.timedelta(minutes=5))}"/>'
        "</saml:SubjectConfirmation></saml:Subject>"
        f'<saml:Conditions NotBefore="{_instant(now - datetime.timedelta(minutes=1))}" '
        f'NotOnOrAfter="{_instant(now + datetime.timedelta(minutes=5))}">'
        f"<saml:AudienceRestriction><saml:Audience>{audience}</saml:Audience>"
        "</saml:AudienceRestriction></saml:Conditions>"
        f'<saml:AuthnStatement AuthnInstant="{_instant(now)}" SessionIndex="_s1">'
        "<saml:AuthnContext><saml:AuthnContextClassRef>"
        "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
        "</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>"
        f"<saml:AttributeStatement>{values}</saml:AttributeStatement>"
        "</saml:Assertion>"
    )


def response_xml(*, request_id, assertion):
    now = datetime.datetime.now(datetime.UTC)
    acs = f"http://{HOST}{reverse('saml_acs', args=[ORG])}"
    return (
        '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" '
        'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" '
        f'ID="_r{uuid.uuid4().hex}" Version="2.0" IssueInstant="{_instant(now)}" '
        f'Destination="{acs}" InResponseTo="{request_id}">'
        f"<saml:Issuer>{IDP_ENTITY}</saml:Issuer>"
        '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/>'
        f"</samlp:Status>{assertion}</samlp:Response>"
    )


def signed(xml, keys):
    key, certificate = keys
    return OneLogin_Saml2_Utils.add_sign(xml, key, certificate).decode()


def start_sign_in(client):
    """Press the institution's button: the id of the request sent to the provider, and the
    RelayState to send back."""
    response = client.post(reverse("saml_login", args=[ORG]), HTTP_HOST=HOST)
    assert response.status_code == 302 and response.url.startswith(IDP_SSO)
    query = parse_qs(urlsplit(response.url).query)
    request = zlib.decompress(base64.b64decode(query["SAMLRequest"][0]), -15).decode()
    request_id = request.split(' ID="', 1)[1].split('"', 1)[0]
    return request_id, query.get("RelayState", [""])[0]


def post_to_consumer(client, response, relay_state):
    """The browser posts the provider's answer to the consumer address, which sends it on to
    finish the sign-in."""
    posted = client.post(
        reverse("saml_acs", args=[ORG]),
        {"SAMLResponse": base64.b64encode(response.encode()).decode(), "RelayState": relay_state},
        HTTP_HOST=HOST,
    )
    assert posted.status_code == 302
    return client.get(posted.url, HTTP_HOST=HOST)


def sign_in(client, keys, attributes, *, tamper=None, signing_keys=None, unsigned=False):
    request_id, relay_state = start_sign_in(client)
    assertion = assertion_xml(request_id=request_id, attributes=attributes)
    if not unsigned:
        assertion = signed(assertion, signing_keys or keys)
    if tamper:
        assertion = tamper(assertion)
    return post_to_consumer(
        client, response_xml(request_id=request_id, assertion=assertion), relay_state
    )


def signed_in_user(client):
    return User.objects.filter(pk=client.session.get("_auth_user_id")).first()


def attributes_of(person, verified="true"):
    return {"mail": person.email, "email_verified": verified, "displayName": "Officer Example"}


def test_a_signed_assertion_signs_in_the_account_with_the_verified_email(
    client, saml, idp_keys, officer
):
    roles = set(officer.role_names)
    finished = sign_in(client, idp_keys, attributes_of(officer))
    assert finished.status_code == 302
    assert signed_in_user(client) == officer
    account = SocialAccount.objects.get(user=officer)
    assert (account.provider, account.uid) == (IDP_ENTITY, "staff-001")
    officer.refresh_from_db()
    assert officer.role_names == roles == {Role.FUNDING_OFFICER}  # no role granted
    assert User.objects.filter(email__iexact=officer.email).count() == 1


def test_a_tampered_assertion_signs_nobody_in(client, saml, idp_keys, officer, researcher):
    """The signature covers the assertion: the email changed after signing is refused."""

    def other_email(assertion):
        assert researcher.email in assertion
        return assertion.replace(researcher.email, officer.email)

    sign_in(client, idp_keys, attributes_of(researcher), tamper=other_email)
    assert signed_in_user(client) is None
    assert not SocialAccount.objects.exists()


def test_an_assertion_signed_by_another_key_signs_nobody_in(client, saml, idp_keys, officer):
    sign_in(client, idp_keys, attributes_of(officer), signing_keys=key_and_certificate())
    assert signed_in_user(client) is None
    assert not SocialAccount.objects.exists()


def test_an_unsigned_assertion_signs_nobody_in(client, saml, idp_keys, officer):
    sign_in(client, idp_keys, attributes_of(officer), unsigned=True)
    assert signed_in_user(client) is None
    assert not SocialAccount.objects.exists()


def test_an_unverified_email_is_not_linked_to_the_account(client, saml, idp_keys, officer):
    sign_in(client, idp_keys, attributes_of(officer, verified="false"))
    assert signed_in_user(client) != officer
    assert not SocialAccount.objects.filter(user=officer).exists()
    officer.refresh_from_db()
    assert officer.role_names == {Role.FUNDING_OFFICER}
