"""The PDF documents, put in the catalogue (reports.documents) by `reports/extensions.py`,
which reports' AppConfig.ready() calls. Each `build` follows the catalogue's signature and
returns an Output; each `may` is a predicate of reports.pdf.rules (or of the document's own
module: kpi, progress).

A build for a subject that has no such document yet (a decision letter before any decision)
raises reports.pdf.common.DocumentUnavailable with a translated message."""

from reports import documents
from reports.documents import (
    CALL,
    CHANGE_REQUEST,
    PDF,
    PROGRAMME,
    PROGRESS_REPORT,
    PROPOSAL,
    Document,
    Output,
)
from reports.pdf import (
    committee_sheet,
    contract,
    decision_letter,
    kpi,
    proposal,
    review_summary,
    rules,
)
from reports.pdf import progress as progress_pdf  # `progress` is the builds' callback


def _output(result):
    name, content = result
    return Output(filename=name, content=content, format=PDF)


def _from_subject(make):
    """The catalogue's build around a module's builder that reads only the subject."""

    def build(subject, *, user=None, options=None, progress=documents.no_progress):
        return _output(make(subject))

    build.__name__ = make.__name__
    return build


def build_committee_sheet(subject, *, user=None, options=None, progress=documents.no_progress):
    return _output(committee_sheet.build_committee_sheet(subject, options))


def build_kpi_report(subject, *, user=None, options=None, progress=documents.no_progress):
    return _output(kpi.build_kpi_report(subject, options, progress))


# kind, label, scope, may, builder of (filename, content) from the subject alone
_BY_SUBJECT = (
    ("proposal", proposal.LABEL, PROPOSAL, rules.may_have_proposal, proposal.build_proposal),
    (
        "proposal-blind",
        proposal.BLIND_LABEL,
        PROPOSAL,
        rules.may_have_blind_proposal,
        proposal.build_blind_proposal,
    ),
    (
        "review-summary",
        review_summary.LABEL,
        PROPOSAL,
        rules.may_have_review_summary,
        review_summary.build_review_summary,
    ),
    (
        "review-summary-applicant",
        review_summary.APPLICANT_LABEL,
        PROPOSAL,
        rules.may_have_decision_documents,
        review_summary.build_applicant_summary,
    ),
    (
        "decision-letter",
        decision_letter.LABEL,
        PROPOSAL,
        rules.may_have_decision_documents,
        decision_letter.build_decision_letter,
    ),
    (
        "progress-report",
        progress_pdf.LABEL,
        PROGRESS_REPORT,
        progress_pdf.may_have_progress_report,
        progress_pdf.build_progress_report,
    ),
    (
        "instalment-request",
        progress_pdf.REQUEST_LABEL,
        PROGRESS_REPORT,
        progress_pdf.may_have_instalment_request,
        progress_pdf.build_instalment_request,
    ),
    (
        "instalment-request-contract",
        progress_pdf.CONTRACT_REQUEST_LABEL,
        PROPOSAL,
        progress_pdf.may_have_contract_request,
        progress_pdf.build_contract_request,
    ),
    ("contract", contract.LABEL, PROPOSAL, contract.may_have_contract, contract.build_contract),
    (
        "contract-amendment",
        contract.AMENDMENT_LABEL,
        CHANGE_REQUEST,
        contract.may_have_amendment,
        contract.build_amendment,
    ),
    (
        "change-request",
        contract.CHANGE_LABEL,
        CHANGE_REQUEST,
        contract.may_have_change_request,
        contract.build_change_request,
    ),
)

DOCUMENTS = (
    *(
        Document(kind, label, PDF, scope, may, _from_subject(make))
        for kind, label, scope, may, make in _BY_SUBJECT
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
)
