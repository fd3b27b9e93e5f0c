"""Contracts and their amendments: the template's versions, every step of a contract through
its service (with its audit entry and who hears of it), the refusals, the call's rule that
holds back payments and reports until the contract is counter-signed, the amendment an
approved change adds, the pages' permissions for every persona, bad uploads and the PDF's
amount in Thai words."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from accounts.models import AuditEntry, Notification
from accounts.roles import Role
from core.bahttext import baht_text
from projects.changes import services as changes
from projects.contracts import placeholders
from projects.contracts import services as contracts
from projects.models import (
    Amendment,
    ChangePolicy,
    ChangeRequest,
    Contract,
    ContractState,
    ContractTemplate,
    Instalment,
    PaymentRequest,
)
from projects.payments import services as payment_services
from proposals.models import Proposal
from reports.pdf import contract as contract_pdf
from tests.helpers import assert_access, assert_flat_queries
from tests.projects.builders import funded_project
from tests.projects.changes_builders import start_extension
from tests.projects.pages import expect, people_around
from tests.projects.payment_builders import documents as payment_documents
from tests.projects.payment_builders import pay_instalment

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def scan(name="signed.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def project(officer, manager):
    project = funded_project(officer)
    project.call.programme.managers.add(manager)
    return project


@pytest.fixture
def template(project, manager):
    return contracts.save_template(
        programme=project.call.programme,
        actor=manager,
        body_th=placeholders.DEFAULT_TH,
        body_en=placeholders.DEFAULT_EN,
    )


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


def refused(call, **kwargs):
    with pytest.raises(ValidationError) as error:
        call(**kwargs)
    return error.value.messages


def countersigned(project, officer):
    contract = contracts.generate_contract(proposal=project, actor=officer)
    contract = contracts.upload_signed(document=contract, actor=project.lead, upload=scan())
    return contracts.upload_countersigned(document=contract, actor=officer, upload=scan())


def test_each_save_of_the_template_is_a_new_version(project, manager, administrator, template):
    second = contracts.save_template(
        programme=project.call.programme, actor=administrator, body_th="ข้อ 1 {amount_words}"
    )
    assert [t.version for t in ContractTemplate.objects.order_by("version")] == [1, 2]
    assert contracts.current_template(project.call.programme) == second
    assert AuditEntry.objects.filter(action="contract_template.save").count() == 2


def test_a_template_with_an_unknown_placeholder_or_no_thai_text_is_refused(
    project, manager, officer
):
    programme = project.call.programme
    messages = refused(
        contracts.save_template, programme=programme, actor=manager, body_th="{amont}"
    )
    assert messages == ["Unknown placeholders: {amont}. Use only those listed."]
    assert refused(contracts.save_template, programme=programme, actor=manager, body_th=" ") == [
        "Write the Thai text of the contract."
    ]
    assert refused(contracts.save_template, programme=programme, actor=officer, body_th="x")
    assert not ContractTemplate.objects.exists()


def test_the_contract_goes_through_its_steps_with_audit_and_notices(
    project, officer, template, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        contract = contracts.generate_contract(proposal=project, actor=officer)
        assert contract.state == ContractState.GENERATED
        assert baht_text(project.award.amount) in contract.body_th
        contract = contracts.upload_signed(document=contract, actor=project.lead, upload=scan())
        assert contract.state == ContractState.SIGNED
        contract = contracts.upload_countersigned(document=contract, actor=officer, upload=scan())
    assert contract.state == ContractState.COUNTERSIGNED
    assert contract.signed_name == "signed.pdf" and contract.countersigned_file
    assert list(
        AuditEntry.objects.filter(action__startswith="contract.")
        .order_by("pk")
        .values_list("action", "to_state")
    ) == [
        ("contract.generate", "generated"),
        ("contract.sign", "signed"),
        ("contract.countersign", "countersigned"),
    ]
    assert Notification.objects.filter(recipient=project.lead).count() >= 2
    assert Notification.objects.filter(recipient=officer).count() >= 1


def test_steps_out_of_order_or_by_the_wrong_person_are_refused(project, officer, template):
    contract = Contract.objects.create(proposal=project)
    assert refused(contracts.generate_contract, proposal=project, actor=project.lead)
    assert refused(contracts.upload_signed, document=contract, actor=project.lead, upload=scan())
    contract = contracts.generate_contract(proposal=project, actor=officer)
    assert refused(contracts.upload_countersigned, document=contract, actor=officer, upload=scan())
    assert refused(contracts.upload_signed, document=contract, actor=officer, upload=scan())
    contract = contracts.upload_signed(document=contract, actor=project.lead, upload=scan())
    assert refused(contracts.generate_contract, proposal=project, actor=officer)
    assert Contract.objects.get().state == ContractState.SIGNED


def test_no_template_no_contract(project, officer):
    assert refused(contracts.generate_contract, proposal=project, actor=officer) == [
        "The programme has no contract template yet: its managers write it first."
    ]
    assert not Contract.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.pdf", b"", "is empty"),
        ("contract.exe", PDF, "is not a file type a contract copy may be"),
        ("contract.pdf", b"MZ not a pdf", "is not a PDF file"),
    ],
)
def test_a_bad_copy_is_refused_and_nothing_changes(
    project, officer, template, name, content, message
):
    contract = contracts.generate_contract(proposal=project, actor=officer)
    messages = refused(
        contracts.upload_signed, document=contract, actor=project.lead, upload=scan(name, content)
    )
    assert message in messages[0]
    contract = Contract.objects.get()
    assert contract.state == ContractState.GENERATED and not contract.signed_file


def test_a_copy_too_big_is_refused(project, officer, template, settings):
    settings.CONTRACT_COPY_MAX_BYTES = 10
    contract = contracts.generate_contract(proposal=project, actor=officer)
    messages = refused(
        contracts.upload_signed, document=contract, actor=project.lead, upload=scan()
    )
    assert "a contract copy may be at most" in messages[0]


def test_a_call_requiring_the_contract_holds_back_payment_until_counter_signed(
    project, officer, template
):
    """The team cannot request a payment, and so nothing is paid, before the counter-signed
    contract; once it is, the request goes through to finance and the instalment is paid."""
    contracts.set_contract_required(call=project.call, actor=officer, required=True)
    first = Instalment.objects.filter(proposal=project, state="due").order_by("number").first()
    assert first is not None
    messages = refused(
        payment_services.request_payment,
        instalment=first,
        actor=project.lead,
        note="",
        documents=payment_documents(),
    )
    assert contracts.not_in_force_message() in messages
    assert not PaymentRequest.objects.filter(instalment=first).exists()
    assert not contracts.contract_in_force(project)
    countersigned(project, officer)
    assert contracts.contract_in_force(project)
    pay_instalment(first, officer=officer, paid_on=project.award.contract_date)
    assert Instalment.objects.get(pk=first.pk).state == "released"


def test_a_call_without_the_rule_starts_without_the_contract(project):
    assert contracts.contract_in_force(project)
    report = project.reports.order_by("period_end").first()
    assert contracts.submit_check(report) == []


def test_an_approved_extension_adds_a_numbered_amendment_with_its_own_copies(
    project, officer, manager, template
):
    countersigned(project, officer)
    change = start_extension(project, project.lead)
    changes.submit_change(change=change, actor=project.lead)
    changes.recommend_change(change=change, actor=officer)
    change = changes.approve_change(change=change, actor=manager)
    amendment = Amendment.objects.get()
    assert (amendment.number, amendment.change, amendment.state) == (1, change, "generated")
    amendment = contracts.upload_signed(document=amendment, actor=project.lead, upload=scan())
    amendment = contracts.upload_countersigned(document=amendment, actor=officer, upload=scan())
    assert amendment.state == ContractState.COUNTERSIGNED
    assert AuditEntry.objects.filter(action__startswith="amendment.").count() == 3


def test_a_change_before_the_contract_is_generated_adds_no_amendment(project, officer, manager):
    change = start_extension(project, project.lead)
    changes.submit_change(change=change, actor=project.lead)
    changes.recommend_change(change=change, actor=officer)
    changes.approve_change(change=change, actor=manager)
    assert not Amendment.objects.exists()


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_contract_pdf_holds_the_amount_in_thai_words(project, officer, template):
    countersigned(project, officer)
    with translation.override("th"):
        _name, content = contract_pdf.build_contract(project)
    text = "".join(pdf_text(content).split())
    assert "".join(baht_text(project.award.amount).split()) in text
    assert project.award.contract_number in text


def test_the_change_request_pdf_is_in_the_readers_language(project, officer):
    change = start_extension(project, project.lead)
    with translation.override("en"):
        _name, content = contract_pdf.build_change_request(change)
    assert "Project end" in pdf_text(content)


@pytest.fixture
def people(project, personas):
    return people_around(project, personas)


# The `manager` persona manages this programme here (the `project` fixture makes them so).
FOLLOWERS = {
    Role.PROGRAMME_MANAGER.value: 200,
    Role.FUNDING_OFFICER.value: 200,
    Role.ADMINISTRATOR.value: 200,
    "lead": 200,
    "team_member": 200,
    "own_manager": 200,
}


def test_the_projects_followers_read_its_contract_and_others_get_404(
    client, project, people, officer, template
):
    countersigned(project, officer)
    url = reverse("projects:contract", args=[project.pk])
    assert_access(client, people, url, expect(**FOLLOWERS))
    copy = reverse("projects:contract_copy", args=[project.pk, "signed"])
    assert_access(client, people, copy, expect(**FOLLOWERS))


def test_only_an_officer_generates_and_the_other_followers_get_403(
    client, project, people, template
):
    url = reverse("projects:contract_generate", args=[project.pk])
    answers = expect(**{**dict.fromkeys(FOLLOWERS, 403), Role.FUNDING_OFFICER.value: 302})
    assert_access(client, people, url, answers, method="post")


def test_only_the_team_uploads_the_signed_copy(client, project, people, officer, template):
    contracts.generate_contract(proposal=project, actor=officer)
    url = reverse("projects:contract_upload", args=[project.pk, "signed"])
    answers = expect(**{**dict.fromkeys(FOLLOWERS, 403), "lead": 302, "team_member": 302})
    assert_access(client, people, url, answers, method="post", data={})


def test_a_bad_upload_from_the_page_says_why_and_changes_nothing(
    client, project, officer, template
):
    contracts.generate_contract(proposal=project, actor=officer)
    project.lead.preferred_language = "en"
    project.lead.save(update_fields=["preferred_language"])
    client.force_login(project.lead)
    url = reverse("projects:contract_upload", args=[project.pk, "signed"])
    response = client.post(url, {"file": scan("x.exe")}, follow=True)
    assert "is not a file type a contract copy may be" in response.content.decode()
    assert Contract.objects.get().state == ContractState.GENERATED


def test_only_the_programmes_managers_and_administrators_write_the_template(
    client, project, people
):
    url = reverse("projects:contract_template", args=[project.call.programme.code])
    answers = expect(
        **{Role.ADMINISTRATOR.value: 200, Role.PROGRAMME_MANAGER.value: 200, "own_manager": 200}
    )
    assert_access(client, people, url, answers)


def test_the_template_page_previews_with_sample_values(client, project, manager):
    client.force_login(manager)
    url = reverse("projects:contract_template", args=[project.call.programme.code])
    response = client.post(url, {"body_th": "รวม {amount_words}", "preview": "1"})
    assert baht_text(placeholders.SAMPLE_AMOUNT) in response.content.decode()
    assert not ContractTemplate.objects.exists()


def test_only_officers_set_the_contract_rule(client, project, people):
    url = reverse("projects:contract_rule", args=[project.call.code])
    assert_access(client, people, url, expect(**{Role.FUNDING_OFFICER.value: 200}))


def test_the_contract_page_runs_the_same_queries_for_few_and_many_amendments(
    client, project, officer, manager, template
):
    contract = countersigned(project, officer)
    ChangePolicy.objects.create(call=project.call, max_extensions=5, max_extension_months=12)

    def make(count):
        for _ in range(count):
            fresh = Proposal.objects.select_related("award").get(pk=project.pk)
            change = start_extension(fresh, project.lead, months=1)
            changes.submit_change(change=change, actor=project.lead)
            changes.recommend_change(change=change, actor=officer)
            changes.approve_change(change=change, actor=manager)

    url = reverse("projects:contract", args=[project.pk])
    queries = assert_flat_queries(client, project.lead, url, make, few=1, many=3)
    assert queries == 8
    assert contract.amendments.count() == 3


def team(lead="A", towns=("X",), effort=("50", "50")):
    members = {"A": ["lead" if lead == "A" else "co", effort[0]]}
    members["B"] = ["lead" if lead == "B" else "co", effort[1]]
    return {"team": {"team": members, "municipalities": list(towns)}}


def grid(**cells):
    """{"budget": …} from cells named c<category>_<year>."""
    return {"budget": {key[1:].replace("_", ":"): value for key, value in cells.items()}}


@pytest.mark.parametrize(
    ("kind", "before", "after", "touches"),
    [
        ("budget", grid(c1_2569="10", c1_2570="5"), grid(c1_2569="5", c1_2570="10"), False),
        ("budget", grid(c1_2569="10", c2_2569="5"), grid(c1_2569="5", c2_2569="10"), True),
        ("extension", {"ends_on": "2026-01-31"}, {"ends_on": "2026-04-30"}, True),
        ("team", team(), team(effort=("40", "60")), False),
        ("team", team(), team(lead="B"), True),
        ("team", team(), team(towns=("X", "Y")), True),
        ("commitments", {"targets": {"1:2569:0": "1"}}, {"targets": {"1:2569:0": "2"}}, False),
    ],
)
def test_only_changes_to_what_the_contract_says_amend_it(kind, before, after, touches):
    change = ChangeRequest(kind=kind, before=before, after=after)
    assert contracts.touches_contract(change) is touches


def test_the_contract_and_change_pdfs_go_to_the_projects_followers_only(
    client, project, people, officer, manager, template
):
    countersigned(project, officer)
    change = start_extension(project, project.lead)
    changes.submit_change(change=change, actor=project.lead)
    changes.recommend_change(change=change, actor=officer)
    changes.approve_change(change=change, actor=manager)
    for kind, key in (
        ("contract", project.reference),
        ("contract-amendment", change.pk),
        ("change-request", change.pk),
    ):
        url = reverse("reports:document", args=[kind, "pdf", key])
        assert_access(client, people, url, expect(**FOLLOWERS))


def test_no_amendment_pdf_for_a_change_that_did_not_amend(client, project, officer):
    change = start_extension(project, project.lead)
    client.force_login(officer)
    url = reverse("reports:document", args=["contract-amendment", "pdf", change.pk])
    assert client.get(url).status_code == 404


def test_the_project_page_shows_the_contract_and_its_amendments(
    client, project, officer, manager, template
):
    countersigned(project, officer)
    change = start_extension(project, project.lead)
    changes.submit_change(change=change, actor=project.lead)
    changes.recommend_change(change=change, actor=officer)
    changes.approve_change(change=change, actor=manager)
    officer.preferred_language = "en"
    officer.save(update_fields=["preferred_language"])
    client.force_login(officer)
    page = client.get(reverse("projects:project", args=[project.pk])).content.decode()
    assert reverse("projects:contract", args=[project.pk]) in page
    assert "Counter-signed" in page and "no. 1" in page
