"""The PDF documents, registered in the catalogue (reports.documents) by `register_documents()`,
which reports' AppConfig.ready() calls. Each `build` follows the catalogue's signature and
returns an Output; each `may` is a predicate of reports.pdf.rules (or of the document's own
module: kpi, progress).

A build for a subject that has no such document yet (a decision letter before any decision)
raises reports.pdf.common.DocumentUnavailable with a translated message."""

from reports import documents
from reports.documents import CALL, PDF, PROGRAMME, PROGRESS_REPORT, PROPOSAL, Document, Output
from reports.pdf import committee_sheet, decision_letter, kpi, proposal, review_summary, rules
from reports.pdf import progress as progress_pdf  # `progress` is the builds' callback


def _output(result):
    name, content = result
    return Output(filename=name, content=content, format=PDF)


def build_proposal(subject, *, user=None, options=None, progress=documents.no_progress):
    return _output(proposal.build_proposal(subject))


def build_blind_proposal(subject, *, user=None, options=None, progress=documents.no_progress):
    return _output(proposal.build_blind_proposal(subject))


def build_review_summary(subject, *, user=None, options=None, progress=documents.no_progress):
    return _output(review_summary.build_review_summary(subject))


def build_applicant_summary(subject, *, user=None, options=None, progress=documents.no_progress):
    return _output(review_summary.build_applicant_summary(subject))


def build_decision_letter(subject, *, user=None, options=None, progress=documents.no_progress):
    return _output(decision_letter.build_decision_letter(subject))


def build_committee_sheet(subject, *, user=None, options=None, progress=documents.no_progress):
    return _output(committee_sheet.build_committee_sheet(subject, options))


def build_kpi_report(subject, *, user=None, options=None, progress=documents.no_progress):
    return _output(kpi.build_kpi_report(subject, options, progress))


def build_progress_report(subject, *, user=None, options=None, progress=documents.no_progress):
    return _output(progress_pdf.build_progress_report(subject))


def build_instalment_request(subject, *, user=None, options=None, progress=documents.no_progress):
    return _output(progress_pdf.build_instalment_request(subject))


def build_contract_request(subject, *, user=None, options=None, progress=documents.no_progress):
    return _output(progress_pdf.build_contract_request(subject))


DOCUMENTS = (
    Document("proposal", proposal.LABEL, PDF, PROPOSAL, rules.may_have_proposal, build_proposal),
    Document(
        "proposal-blind",
        proposal.BLIND_LABEL,
        PDF,
        PROPOSAL,
        rules.may_have_blind_proposal,
        build_blind_proposal,
    ),
    Document(
        "review-summary",
        review_summary.LABEL,
        PDF,
        PROPOSAL,
        rules.may_have_review_summary,
        build_review_summary,
    ),
    Document(
        "review-summary-applicant",
        review_summary.APPLICANT_LABEL,
        PDF,
        PROPOSAL,
        rules.may_have_decision_documents,
        build_applicant_summary,
    ),
    Document(
        "decision-letter",
        decision_letter.LABEL,
        PDF,
        PROPOSAL,
        rules.may_have_decision_documents,
        build_decision_letter,
    ),
    Document(
        "committee-sheet",
        committee_sheet.LABEL,
        PDF,
        CALL,
        rules.may_have_committee_sheet,
        build_committee_sheet,
        options=committee_sheet.OPTIONS,
    ),
    Document(
        "kpi-report",
        kpi.LABEL,
        PDF,
        PROGRAMME,
        kpi.may_have_kpi_report,
        build_kpi_report,
        background=True,
        options=kpi.OPTIONS,
    ),
    Document(
        "progress-report",
        progress_pdf.LABEL,
        PDF,
        PROGRESS_REPORT,
        progress_pdf.may_have_progress_report,
        build_progress_report,
    ),
    Document(
        "instalment-request",
        progress_pdf.REQUEST_LABEL,
        PDF,
        PROGRESS_REPORT,
        progress_pdf.may_have_instalment_request,
        build_instalment_request,
    ),
    Document(
        "instalment-request-contract",
        progress_pdf.CONTRACT_REQUEST_LABEL,
        PDF,
        PROPOSAL,
        progress_pdf.may_have_contract_request,
        build_contract_request,
    ),
)


def register_documents():
    """Put the PDF documents in the catalogue (safe to call more than once)."""
    for document in DOCUMENTS:
        documents.register(document)
