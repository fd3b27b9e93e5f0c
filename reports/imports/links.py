"""Links to the results import from a progress report's or a project's page, for the lead to
hang on the links registry (`accounts.links.register_links`)."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.links import Link
from reports.imports.rules import may_import_into


def import_links(user, report):
    """The template of `report`'s project and period, and the import page with them chosen,
    when `user` may import results into `report` now (else nothing)."""
    if user is None or not user.is_authenticated or not may_import_into(user, report):
        return []
    query = urlencode({"kind": report.kind, "project": report.proposal_id})
    return [
        Link(
            label=_("Results template (Excel)"),
            url=f"{reverse('reports:results_template')}?{query}",
            icon="Excel",
        ),
        Link(
            label=_("Import results from Excel"),
            url=f"{reverse('reports:results_import')}?{query}",
            icon="Excel",
        ),
    ]
