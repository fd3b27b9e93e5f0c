"""The "Documents" menus of other apps' pages, filled from the catalogue (see accounts.links).

One function per slot lists the documents of that scope the person may have: "proposal",
"call", "programme" and "progress_report" take the page's object; "register" takes the
register page's filters (its GET) and offers the register exports with those filters.
"progress_report" also offers the results import of that report (reports.imports.links), and
"officer_tools" (the funding officer's dashboard, with the signed-in person as its object)
the results import for many projects at once.
"""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.links import Link
from reports import documents, selectors, services
from reports.imports.rules import imports_for_every_project

FORMAT_MARKS = {documents.PDF: "PDF", documents.XLSX: "Excel"}
# The documents offered on the officers' register page (documents of other kinds are not).
REGISTER_KINDS = ("register",)


def document_url(kind, format, key, options=None):
    """The address of a document, with its options as the query string."""
    url = reverse("reports:document", args=[kind, format, key])
    return f"{url}?{urlencode(options, doseq=True)}" if options else url


def _link(document, subject, *, label=None, options=None):
    key = selectors.subject_key(document.scope, subject)
    return Link(
        label=str(label or document.label),
        url=document_url(document.kind, document.format, key, options),
        icon=FORMAT_MARKS.get(document.format, document.format),
    )


def _scope_links(scope):
    def links(user, obj):
        return [
            _link(document, obj)
            for document in documents.all_documents()
            if document.scope == scope
            and document.kind not in REGISTER_KINDS
            and document.may(user, obj)
        ]

    links.__name__ = f"{scope}_document_links"
    links.__doc__ = f"The documents about a {scope} that the person may have."
    return links


def dashboard_links(user, view):
    """The programme's documents from its KPI dashboard, carrying the dashboard's filters to
    the documents that read them (the KPI report and matrix)."""
    programme = view.programme
    return [
        _link(
            document,
            programme,
            options={
                name: value for name, value in view.filters.items() if name in document.options
            },
        )
        for document in documents.all_documents()
        if document.scope == documents.PROGRAMME
        and document.kind not in REGISTER_KINDS
        and document.may(user, programme)
    ]


def _register_subjects(user, scope, filters):
    """What a register export is about: the call filtered on, or (for a programme-wide
    export) that call's programme, else every programme whose calls the register shows."""
    from proposals.lifecycle.selectors import register_calls

    calls = register_calls(user).select_related("programme")
    code = filters.get("call") or ""
    if code:
        calls = calls.filter(code=code)
    calls = list(calls)
    if scope == documents.CALL:
        return calls if code else []
    if scope == documents.PROGRAMME:
        programmes = {call.programme.pk: call.programme for call in calls}
        return sorted(programmes.values(), key=lambda programme: programme.code)
    return []


def register_export_links(user, filters):
    """The register exports, each with the register page's current filters."""
    links = []
    for document in documents.all_documents():
        if document.kind not in REGISTER_KINDS:
            continue
        subjects = _register_subjects(user, document.scope, filters)
        options = services.clean_options(document, filters)
        for subject in subjects:
            if not document.may(user, subject):
                continue
            label = document.label
            if len(subjects) > 1:
                label = _("%(document)s · %(subject)s") % {
                    "document": document.label,
                    "subject": selectors.subject_key(document.scope, subject),
                }
            links.append(_link(document, subject, label=label, options=options))
    return links


def officer_tool_links(user, obj):
    """The results import for many projects at once, for the people who may use it so
    (funding officers); the team of a project finds it on its report's page."""
    if not imports_for_every_project(user):
        return []
    return [
        Link(
            label=_("Indicator results from Excel"),
            url=reverse("reports:results_import"),
            icon="Excel",
        )
    ]


SCOPE_LINKS = {scope: _scope_links(scope) for scope in documents.SCOPES}
OFFICER_TOOLS = "officer_tools"
