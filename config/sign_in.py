"""Single sign-on: the identity providers of django-allauth, set from the environment. An
institution's OpenID Connect identity provider is set from the environment (OIDC_SERVER_URL,
OIDC_CLIENT_ID, OIDC_SECRET, and OIDC_PROVIDER_ID / OIDC_NAME to name it; OIDC_ENFORCES_MFA=1
when it always asks for a second factor, so that staff it signs in are not asked again) or in
the admin (Social applications). ORCID: ORCID_CLIENT_ID and ORCID_SECRET (ORCID_SANDBOX=1 for
sandbox.orcid.org). An account is linked to the existing one with the same verified email; roles
stay granted by administrators (a new person is a researcher, as at sign-up).
"""

import json

from config.env import env, env_bool

SAML_DEFAULT_ATTRIBUTES = {
    "uid": ["urn:oid:0.9.2342.19200300.100.1.1", "uid"],
    "email": ["urn:oid:0.9.2342.19200300.100.1.3", "mail", "email"],
    "email_verified": ["email_verified"],
    "name": ["urn:oid:2.16.840.1.113730.3.1.241", "displayName"],
    "first_name": ["urn:oid:2.5.4.42", "givenName"],
    "last_name": ["urn:oid:2.5.4.4", "sn"],
}


def providers():
    """SOCIALACCOUNT_PROVIDERS: OpenID Connect always (apps may also be added in the admin),
    SAML 2.0 and ORCID when their variables are set."""
    providers = {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": []}}
    if env("OIDC_SERVER_URL"):
        providers["openid_connect"]["APPS"].append(
            {
                "provider_id": env("OIDC_PROVIDER_ID", "institution"),
                "name": env("OIDC_NAME", "Institution sign-in"),
                "client_id": env("OIDC_CLIENT_ID"),
                "secret": env("OIDC_SECRET"),
                "settings": {
                    "server_url": env("OIDC_SERVER_URL"),
                    "enforces_mfa": env_bool("OIDC_ENFORCES_MFA", False),
                },
            }
        )
    # SAML 2.0: the identity provider's entity id, its single sign-on address and signing
    # certificate (SAML_IDP_ENTITY_ID, SAML_IDP_SSO_URL, SAML_IDP_X509CERT, or
    # SAML_IDP_METADATA_URL instead of the last two), SAML_ORG (the slug in
    # /accounts/saml/<org>/…, where /metadata/ is this site's service-provider metadata to give
    # the provider) and SAML_NAME; the attributes default to the usual eduPerson/LDAP names
    # (SAML_ATTRIBUTE_MAPPING, JSON, to change them).
    if env("SAML_IDP_ENTITY_ID"):
        idp = {"entity_id": env("SAML_IDP_ENTITY_ID")}
        if env("SAML_IDP_METADATA_URL"):
            idp["metadata_url"] = env("SAML_IDP_METADATA_URL")
        else:
            idp.update(sso_url=env("SAML_IDP_SSO_URL"), x509cert=env("SAML_IDP_X509CERT"))
        providers["saml"] = {
            "APPS": [
                {
                    "name": env("SAML_NAME", "Institution sign-in (SAML)"),
                    "provider_id": env("SAML_IDP_ENTITY_ID"),
                    "client_id": env("SAML_ORG", "institution"),
                    "settings": {
                        "idp": idp,
                        "attribute_mapping": json.loads(env("SAML_ATTRIBUTE_MAPPING") or "null")
                        or SAML_DEFAULT_ATTRIBUTES,
                        "enforces_mfa": env_bool("SAML_ENFORCES_MFA", False),
                    },
                }
            ]
        }
    if env("ORCID_CLIENT_ID"):
        providers["orcid"] = {
            "BASE_DOMAIN": "sandbox.orcid.org" if env_bool("ORCID_SANDBOX") else "orcid.org",
            "MEMBER_API": False,
            "APPS": [{"client_id": env("ORCID_CLIENT_ID"), "secret": env("ORCID_SECRET")}],
        }
    return providers
