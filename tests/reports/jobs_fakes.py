"""Fake documents for the tests of report jobs, downloads, links and the command, and the
proposal they are asked for.

The `catalogue` fixture swaps the real catalogue for an empty one holding only these fakes,
and puts the real one back after the test, so these tests depend on no real document.
"""

from types import SimpleNamespace

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.utils import translation

from accounts.roles import Role
from accounts.rules import has_role
from proposals.models import Proposal
from proposals.rules import can_view_proposal
from reports import documents
from reports.documents import PDF, XLSX, Document, Output
from tests.factories import ProposalFactory


def fake_proposal_pdf(proposal, *, user, options, progress):
    """Bytes that tell what was built: the reference, the options and the language."""
    key = proposal.reference or f"draft-{proposal.pk}"
    text = f"%PDF-fake {key} {sorted(options.items())} {translation.get_language()}"
    return Output(f"{key}-test.pdf", text.encode(), PDF)


def may_have_kpi(user, programme):
    """Programme managers of the programme and funding officers."""
    if has_role(user, Role.FUNDING_OFFICER):
        return True
    return has_role(user, Role.PROGRAMME_MANAGER) and programme.managers.filter(pk=user.pk).exists()


def fake_kpi_xlsx(programme, *, user, options, progress):
    progress(50)
    text = f"KPI {programme.code} {sorted(options.items())} {translation.get_language()}"
    return Output(f"{programme.code}-kpi.xlsx", text.encode(), XLSX)


def broken_build(subject, *, user, options, progress):
    progress(10)
    raise ValueError("division by zero in row 7")


def slow_build(subject, *, user, options, progress):
    raise SoftTimeLimitExceeded()


def fake_call_pdf(call, *, user, options, progress):
    return Output(f"{call.code}-sheet.pdf", f"%PDF-fake {call.code}".encode(), PDF)


def fake_register_xlsx(programme, *, user, options, progress):
    text = f"register {programme.code} {sorted(options.items())}"
    return Output(f"{programme.code}-register.xlsx", text.encode(), XLSX)


def fake_report_pdf(report, *, user, options, progress):
    return Output(f"report-{report.pk}.pdf", f"%PDF-fake report {report.pk}".encode(), PDF)


def first_proposal(call):
    """A proposal of `call` numbered and referenced as the first submitted one, SLC-2568-0001."""
    proposal = ProposalFactory(call=call)
    Proposal.objects.filter(pk=proposal.pk).update(reference="SLC-2568-0001", sequence=1)
    return Proposal.objects.get(pk=proposal.pk)


def staff(user, subject):
    return has_role(user, Role.FUNDING_OFFICER) or has_role(user, Role.PROGRAMME_MANAGER)


FAKES = SimpleNamespace(
    proposal=Document(
        kind="test-proposal",
        label="Test proposal",
        format=PDF,
        scope=documents.PROPOSAL,
        may=can_view_proposal,
        build=fake_proposal_pdf,
        options=("part",),
    ),
    kpi=Document(
        kind="test-kpi",
        label="Test KPI report",
        format=XLSX,
        scope=documents.PROGRAMME,
        may=may_have_kpi,
        build=fake_kpi_xlsx,
        background=True,
        options=("year", "region"),
    ),
    broken=Document(
        kind="test-broken",
        label="Broken report",
        format=PDF,
        scope=documents.PROGRAMME,
        may=may_have_kpi,
        build=broken_build,
        background=True,
    ),
    broken_direct=Document(
        kind="test-broken-direct",
        label="Broken small document",
        format=PDF,
        scope=documents.PROGRAMME,
        may=may_have_kpi,
        build=broken_build,
    ),
    slow=Document(
        kind="test-slow",
        label="Slow report",
        format=PDF,
        scope=documents.PROGRAMME,
        may=may_have_kpi,
        build=slow_build,
        background=True,
    ),
    sheet=Document(
        kind="test-sheet",
        label="Test committee sheet",
        format=PDF,
        scope=documents.CALL,
        may=staff,
        build=fake_call_pdf,
    ),
    register=Document(
        kind="register",
        label="Test register",
        format=XLSX,
        scope=documents.PROGRAMME,
        may=staff,
        build=fake_register_xlsx,
        options=("call", "state"),
    ),
    report=Document(
        kind="test-report",
        label="Test progress report",
        format=PDF,
        scope=documents.PROGRESS_REPORT,
        may=staff,
        build=fake_report_pdf,
    ),
)


@pytest.fixture
def catalogue():
    """The catalogue holding only the fakes, for the length of one test."""
    with documents.DOCUMENTS.cleared():
        for document in vars(FAKES).values():
            documents.register(document)
        yield FAKES


@pytest.fixture
def media(settings, tmp_path):
    """Files of report jobs go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
