"""What the documents add to the lower apps, and the catalogue they are served from.

- the catalogue of documents (`reports.documents`): every PDF and every Excel export;
- the Documents menus of the lower apps' pages (`accounts.links`): one entry function per
  subject (proposal, call, programme, progress report), the register's exports with its
  filters, the dashboard's with its filters, the results import on a progress report's page
  and the officers' import tools on their dashboard;
- the audit log: the readable names of the documents' actions.
"""

from accounts.audit import register_action
from accounts.links import register_links
from accounts.notifications.kinds import register_kind
from accounts.privacy.models import RetentionKind
from accounts.privacy.retention import register_retention
from reports import documents, excel, jobs, links, pdf, services
from reports.imports.links import import_links


def connect():
    for document in (*pdf.DOCUMENTS, *excel.DOCUMENTS):
        documents.register(document)
    for scope, scope_links in links.SCOPE_LINKS.items():
        register_links(scope, scope_links)
    register_links("register", links.register_export_links)
    register_links("dashboard", links.dashboard_links)
    register_links(documents.PROGRESS_REPORT, import_links)
    register_links(links.OFFICER_TOOLS, links.officer_tool_links)
    register_retention(RetentionKind.DOCUMENT_JOBS, jobs.remove_jobs_finished_before)
    for code, label, describe in services.AUDIT_ACTIONS:
        register_action(code, label, describe)
    for kind in jobs.MESSAGES:
        register_kind(kind)
