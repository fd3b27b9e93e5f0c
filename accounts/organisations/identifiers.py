"""Organisation identifiers as 360Giving asks for them: an org-id (https://org-id.guide), the
list's prefix, then the organisation's identifier in that list. 360Giving's guidance
(https://standard.threesixtygiving.org/en/latest/guidance/identifiers/, CC BY 4.0) documents
the prefix as a two-letter country code, or XI/XM for lists that are international or not
one country's (e.g. XI-ROR), a hyphen and the list's code: GB-CHC-1164883, TH-DBD-…, XI-ROR-…
The identifier after it has no spaces."""

import re

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

ORG_ID_PATTERN = r"^[A-Z]{2}-[A-Z0-9]+-\S+$"

validate_org_id = RegexValidator(
    re.compile(ORG_ID_PATTERN),
    _(
        "Write the identifier as org-id.guide lists it: the list's prefix in capitals, a hyphen "
        "and the organisation's identifier, with no spaces, e.g. TH-DBD-0994000158378 or "
        "XI-ROR-05m2fqn25."
    ),
    code="org_id",
)


def tidy_identifier(text):
    """Spaces around taken away; the prefix (the first two parts) in capitals."""
    parts = text.strip().split("-", 2)
    if len(parts) == 3:
        parts[0], parts[1] = parts[0].upper(), parts[1].upper()
    return "-".join(parts)
