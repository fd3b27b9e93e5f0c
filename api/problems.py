"""Errors as problem details (RFC 9457, `application/problem+json`): `type`, `title`,
`status`, `detail`, and `errors` naming each field that was refused (with a JSON pointer to it
in the request's body or the name of the query parameter)."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler

PROBLEM_TYPE = "https://grants.example/problems/"
CONTENT_TYPE = "application/problem+json"


def _flatten(detail, path=""):
    """[(field, message)] from DRF's nested error details."""
    if isinstance(detail, dict):
        return [
            pair
            for key, value in detail.items()
            for pair in _flatten(value, f"{path}/{key}" if key != "non_field_errors" else path)
        ]
    if isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            return [(path, str(item)) for item in detail]
        return [
            pair for index, item in enumerate(detail) for pair in _flatten(item, f"{path}/{index}")
        ]
    return [(path, str(detail))]


def _translate(exc):
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    return exc


def problem_handler(exc, context):
    exc = _translate(exc)
    response = exception_handler(exc, context)
    if response is None:
        return None
    code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
    if isinstance(exc, exceptions.ValidationError):
        errors = [
            {"field": field.lstrip("/"), "pointer": field or "/", "detail": message}
            for field, message in _flatten(exc.detail)
        ]
        body = {
            "type": PROBLEM_TYPE + "invalid",
            "title": _("The request has invalid data."),
            "status": response.status_code,
            "detail": "; ".join(
                f"{item['field']}: {item['detail']}" if item["field"] else item["detail"]
                for item in errors
            ),
            "errors": errors,
        }
    else:
        body = {
            "type": PROBLEM_TYPE + (code if isinstance(code, str) else "error"),
            "title": str(exc.default_detail) if hasattr(exc, "default_detail") else str(exc),
            "status": response.status_code,
            "detail": str(getattr(exc, "detail", exc)),
        }
    response.data = body
    response.content_type = CONTENT_TYPE
    if response.status_code == status.HTTP_429_TOO_MANY_REQUESTS and getattr(exc, "wait", None):
        response["Retry-After"] = str(int(exc.wait))
    return response


PROBLEM_SCHEMA = {
    "type": "object",
    "description": "Problem details (RFC 9457).",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "description": "Each refused field: its name (a path for nested data) and why.",
            "items": {
                "type": "object",
                "required": ["field", "pointer", "detail"],
                "properties": {
                    "field": {"type": "string"},
                    "pointer": {"type": "string", "description": "JSON pointer into the body"},
                    "detail": {"type": "string"},
                },
            },
        },
    },
}
PROBLEM_STATUSES = {
    "400": "The request has invalid data (each field named in `errors`).",
    "401": "No token, or an unknown or revoked one.",
    "403": "The token may not do this (a read-only token writing, say).",
    "404": "Nothing here that you may see.",
    "409": "Someone changed it after you read it: read it again.",
    "429": "Too many requests: wait for the seconds in Retry-After.",
}


def add_problem_responses(result, generator, request, public):
    """drf-spectacular's post-processing hook: every operation may answer a problem."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    reference = {"$ref": "#/components/schemas/Problem"}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for code, description in PROBLEM_STATUSES.items():
                responses.setdefault(
                    code,
                    {"description": description, "content": {CONTENT_TYPE: {"schema": reference}}},
                )
    return result


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"
