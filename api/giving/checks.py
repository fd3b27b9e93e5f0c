"""The rules of a 360Giving Data Standard package, written as a JSON Schema from the standard's
documentation (https://standard.threesixtygiving.org/en/latest/technical/reference/, CC BY 4.0):
the required fields of a grant and of its organisations, their types and formats, identifiers
that begin with the publisher's 360G- prefix, ISO 4217 currencies and ISO 8601 dates. It is
not the standard's published schema file, which is not shipped (see README); it checks the
rules this export must keep. `problems(package)` lists what breaks them (jsonschema)."""

DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:\d{2})?)?$"}
ORG_ID = {"type": "string", "pattern": r"^([A-Z]{2}-[A-Z0-9]+-.+|360G-.+)$"}
ORGANISATION = {
    "type": "object",
    "required": ["id", "name"],
    "properties": {"id": ORG_ID, "name": {"type": "string", "minLength": 1}},
}
GRANT = {
    "type": "object",
    "required": [
        "id",
        "title",
        "description",
        "currency",
        "amountAwarded",
        "awardDate",
        "recipientOrganization",
        "fundingOrganization",
    ],
    "properties": {
        "id": {"type": "string", "pattern": r"^360G-.+"},
        "title": {"type": "string", "minLength": 1},
        "description": {"type": "string", "minLength": 1},
        "currency": {"type": "string", "pattern": r"^[A-Z]{3}$"},
        "amountAwarded": {"type": "number", "minimum": 0},
        "awardDate": DATE,
        "dateModified": DATE,
        "recipientOrganization": {"type": "array", "minItems": 1, "items": ORGANISATION},
        "fundingOrganization": {"type": "array", "minItems": 1, "items": ORGANISATION},
        "plannedDates": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "startDate": DATE,
                    "endDate": DATE,
                    "duration": {"type": "number", "minimum": 0},
                },
            },
        },
        "beneficiaryLocation": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string"},
                    "geoCode": {"type": "string"},
                    "geoCodeType": {"type": "string"},
                    "latitude": {"type": "number", "minimum": -90, "maximum": 90},
                    "longitude": {"type": "number", "minimum": -180, "maximum": 180},
                },
            },
        },
        "grantProgramme": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"code": {"type": "string"}, "title": {"type": "string"}},
            },
        },
        "classifications": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "vocabulary": {"type": "string"},
                    "code": {"type": "string"},
                    "title": {"type": "string"},
                },
            },
        },
    },
}
PACKAGE = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["grants"],
    "properties": {"grants": {"type": "array", "items": GRANT}},
}


def problems(package):
    """What in `package` breaks the rules, as "path: message" strings (none: it keeps them)."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(PACKAGE)
    return [
        "/".join(str(part) for part in error.absolute_path) + ": " + error.message
        for error in sorted(validator.iter_errors(package), key=lambda e: list(e.absolute_path))
    ]
