"""`python manage.py report`: the same documents as the web, written to a file."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from reports.documents import PDF, Document, DocumentUnavailable, Output
from reports.documents import register as register_document
from reports.management.commands.report import Command
from tests.factories import CallFactory
from tests.reports import jobs_fakes

catalogue = jobs_fakes.catalogue

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture
def proposal(db):
    return jobs_fakes.first_proposal(CallFactory(code="SLC-2568"))


def run(*args):
    """Run the command from an English shell: it speaks the shell's language; the document
    is written in the one asked for with --language."""
    out = StringIO()
    with translation.override("en"):
        call_command("report", *args, stdout=out)
    return out.getvalue()


def test_help_lists_every_kind_with_its_formats_and_subject():
    text = Command().create_parser("manage.py", "report").format_help()
    lines = [line.split() for line in text.splitlines()]
    assert ["test-proposal", "pdf", "--proposal", "REF", "Test", "proposal"] in lines
    assert ["test-kpi", "xlsx", "--programme", "CODE", "Test", "KPI", "report"] in lines
    assert ["test-sheet", "pdf", "--call", "CODE", "Test", "committee", "sheet"] in lines
    assert ["test-report", "pdf", "--report", "ID", "Test", "progress", "report"] in lines
    assert "--format {pdf,xlsx}" in text
    assert "--language {th,en}" in text


def test_it_writes_the_same_bytes_as_the_web(client, officer, proposal, tmp_path):
    path = tmp_path / "proposal.pdf"
    out = run(
        "test-proposal", "--format", "pdf", "--proposal", "SLC-2568-0001", "--output", str(path)
    )
    client.force_login(officer)
    web = client.get(reverse("reports:document", args=["test-proposal", "pdf", "SLC-2568-0001"]))
    assert path.read_bytes() == b"".join(web.streaming_content)
    size = len(path.read_bytes())
    with translation.override("en"):  # the shell's language
        expected = gettext("Wrote %(path)s (%(size)d bytes).") % {"path": path, "size": size}
    assert out == f"{expected}\n"
    assert str(size) in out and str(path) in out


def test_the_format_may_be_left_out_when_the_kind_has_only_one(proposal, tmp_path):
    path = tmp_path / "kpi.xlsx"
    run("test-kpi", "--programme", "TEST-CALLS", "--output", str(path), "--option", "year=2568")
    assert path.read_bytes() == b"KPI TEST-CALLS [('year', '2568')] th"


def test_it_writes_in_the_language_asked_for(proposal, tmp_path):
    path = tmp_path / "kpi.xlsx"
    run("test-kpi", "--programme", "TEST-CALLS", "--output", str(path), "--language", "en")
    assert path.read_bytes() == b"KPI TEST-CALLS [] en"


def test_a_folder_as_output_takes_the_documents_own_file_name(proposal, tmp_path):
    run("test-proposal", "--proposal", "SLC-2568-0001", "--output", str(tmp_path))
    assert (tmp_path / "SLC-2568-0001-test.pdf").read_bytes().startswith(b"%PDF-fake SLC-2568-0001")


def test_a_kind_in_two_formats_needs_the_format(proposal, tmp_path):
    register_document(
        Document(
            kind="test-kpi",
            label="Test KPI report",
            format=PDF,
            scope="programme",
            may=jobs_fakes.may_have_kpi,
            build=lambda programme, **kwargs: Output("k.pdf", b"%PDF-k", PDF),
        )
    )
    with pytest.raises(CommandError) as error:
        run("test-kpi", "--programme", "TEST-CALLS", "--output", str(tmp_path / "k"))
    assert str(error.value) == "“test-kpi” comes as pdf, xlsx: choose one with --format."
    run("test-kpi", "--format", "pdf", "--programme", "TEST-CALLS", "--output", str(tmp_path / "k"))
    assert (tmp_path / "k").read_bytes() == b"%PDF-k"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["nothing", "--proposal", "SLC-2568-0001"],
            "Unknown document “nothing”. Known: register, test-broken, test-broken-direct, "
            "test-kpi, test-proposal, test-report, test-sheet, test-slow.",
        ),
        (
            ["test-proposal", "--format", "xlsx", "--proposal", "SLC-2568-0001"],
            "“test-proposal” does not come as xlsx, only as pdf.",
        ),
        (["test-proposal"], "“test-proposal” needs --proposal REF."),
        (["test-proposal", "--call", "SLC-2568"], "“test-proposal” needs --proposal REF."),
        (
            ["test-proposal", "--proposal", "SLC-2568-0001", "--call", "SLC-2568"],
            "“test-proposal” needs only --proposal REF; leave out --call.",
        ),
        (
            ["test-proposal", "--proposal", "SLC-2568-0404"],
            "No proposal has the reference “SLC-2568-0404”.",
        ),
        (["test-sheet", "--call", "NOPE"], "No call has the code “NOPE”."),
        (["test-kpi", "--programme", "NOPE"], "No programme has the code “NOPE”."),
        (["test-report", "--report", "abc"], "No progress report has the number “abc”."),
        (
            ["test-kpi", "--programme", "TEST-CALLS", "--option", "colour=red"],
            "“test-kpi” reads no option “colour” (it reads: year, region).",
        ),
        (
            ["test-kpi", "--programme", "TEST-CALLS", "--option", "year"],
            "Write each option as NAME=VALUE, not “year”.",
        ),
    ],
)
def test_a_wrong_request_names_what_is_needed(proposal, tmp_path, args, message):
    with pytest.raises(CommandError) as error:
        run(*args, "--output", str(tmp_path / "out"))
    assert str(error.value) == message
    assert not (tmp_path / "out").exists()


def test_a_missing_folder_is_refused(proposal, tmp_path):
    missing = tmp_path / "no" / "such" / "file.pdf"
    with pytest.raises(CommandError) as error:
        run("test-proposal", "--proposal", "SLC-2568-0001", "--output", str(missing))
    assert str(error.value) == f"The folder {missing.parent} does not exist."


def test_the_output_is_required(proposal):
    with pytest.raises(CommandError) as error:
        run("test-proposal", "--proposal", "SLC-2568-0001")
    assert "--output" in str(error.value)


def test_a_document_the_subject_does_not_have_yet_is_refused_without_a_traceback(
    proposal, tmp_path
):
    def not_yet(subject, **kwargs):
        raise DocumentUnavailable("No decision has been recorded yet.")

    register_document(
        Document(
            kind="test-letter",
            label="Test letter",
            format=PDF,
            scope="proposal",
            may=lambda user, subject: True,
            build=not_yet,
        )
    )
    with pytest.raises(CommandError) as error:
        run("test-letter", "--proposal", "SLC-2568-0001", "--output", str(tmp_path / "l.pdf"))
    assert str(error.value) == "No decision has been recorded yet."
    assert not (tmp_path / "l.pdf").exists()
