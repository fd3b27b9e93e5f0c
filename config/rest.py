"""The REST API's settings and 360Giving's (api/, README "Open data and API")."""

from config.env import env

# The REST API (api/, README "Open data and API"): personal tokens or the signed-in session,
# paged lists, errors as problem details, a request budget per token and per address.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.TokenScopeAllows"],
    "DEFAULT_PAGINATION_CLASS": "api.paging.Paging",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "api.problems.problem_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_RATE_ANONYMOUS", "60/minute"),
        "user": env("API_RATE_TOKEN", "600/minute"),
    },
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Grants API",
    "DESCRIPTION": "Calls, the programme framework, the public portfolio, and what a person's "
    "role lets them read and write, with a personal token (Authorization: Bearer …).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The docs page's scripts are served from here (the server needs no internet).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ProposalStateEnum": "proposals.models.ProposalState",
        "ProgressReportStateEnum": "projects.models.ProgressReportState",
        "InstalmentStateEnum": "projects.models.InstalmentState",
        "AssignmentStateEnum": "reviews.models.AssignmentState",
        "ReportKindEnum": "proposals.models.calls.ProgressReportKind",
    },
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.problems.add_problem_responses",
    ],
}

# 360Giving (README "Open data and API"): the prefix of the grants' identifiers, registered with
# 360Giving by the publisher, and the licence the data is published under.
GIVING_PREFIX = env("GIVING_PREFIX", "360G-slcgrants")
GIVING_LICENSE = env("GIVING_LICENSE", "https://creativecommons.org/licenses/by/4.0/")
