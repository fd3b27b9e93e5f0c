"""Eligibility questions of a call: answered (or checked by the system) before a proposal is
started, a clear reason when someone is not eligible, nothing started then."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts import audit
from accounts.models import AuditEntry
from accounts.roles import Role
from proposals.eligibility.checks import SYSTEM_CHECKS, SystemCheck
from proposals.models import EligibilityKind, EligibilityQuestion, Proposal
from proposals.writing import services
from tests.factories import CallFactory
from tests.helpers import ANONYMOUS, OUTSIDER, assert_access
from tests.proposals.formdata import edit_data

pytestmark = pytest.mark.django_db

ORGANISATION_TYPES = "มหาวิทยาลัย\nหน่วยงานรัฐ\nบริษัทเอกชน"


def letter_question(call, **kwargs):
    return EligibilityQuestion.objects.create(
        call=call,
        position=1,
        kind=EligibilityKind.YES_NO,
        text_th="มีหนังสือแสดงเจตจำนงจากเทศบาลคู่ความร่วมมือหรือไม่",
        text_en="Do you have a letter of intent from a partner municipality?",
        reason_th="ต้องมีหนังสือแสดงเจตจำนงจากเทศบาล",
        reason_en="A letter of intent from a municipality is required.",
        **kwargs,
    )


def organisation_question(call):
    return EligibilityQuestion.objects.create(
        call=call,
        position=2,
        kind=EligibilityKind.CHOICE,
        text_th="ประเภทหน่วยงานของผู้เสนอ",
        text_en="The applicant's organisation type",
        options_th=ORGANISATION_TYPES,
        options_en="University\nGovernment agency\nPrivate company",
        eligible_options="1, 2",
        reason_th="ทุนนี้สำหรับมหาวิทยาลัยและหน่วยงานรัฐ",
        reason_en="This call funds universities and government agencies.",
    )


@pytest.fixture
def call():
    call = CallFactory(parts=True)
    letter_question(call)
    organisation_question(call)
    return call


def answers(call, letter="yes", organisation="1"):
    letter_q, organisation_q = call.eligibility_questions.all()
    return {f"q{letter_q.pk}": letter, f"q{organisation_q.pk}": organisation}


def url(call):
    return reverse("proposals:proposal_eligibility", args=[call.code])


def test_an_eligible_researcher_starts_a_proposal_that_keeps_the_answers(client, researcher, call):
    client.force_login(researcher)
    response = client.post(url(call), answers(call))
    proposal = Proposal.objects.get(call=call)
    assert response.url == proposal.get_absolute_url()
    assert [row["answer_th"] for row in proposal.eligibility_answers] == ["ใช่", "มหาวิทยาลัย"]
    assert [row["answer_en"] for row in proposal.eligibility_answers] == ["Yes", "University"]
    entry = AuditEntry.objects.get(action="proposal.created", object_id=str(proposal.pk))
    assert entry.data["eligibility"] == 2
    body = client.get(proposal.get_absolute_url()).content.decode()
    assert "มีหนังสือแสดงเจตจำนงจากเทศบาลคู่ความร่วมมือหรือไม่" in body


@pytest.mark.parametrize(
    ("letter", "organisation", "reason"),
    [
        ("no", "1", "ต้องมีหนังสือแสดงเจตจำนงจากเทศบาล"),
        ("yes", "3", "ทุนนี้สำหรับมหาวิทยาลัยและหน่วยงานรัฐ"),
    ],
)
def test_a_failed_question_says_why_and_starts_nothing(
    client, researcher, call, letter, organisation, reason
):
    client.force_login(researcher)
    response = client.post(url(call), answers(call, letter, organisation))
    assert response.status_code == 422
    assert reason in response.content.decode()
    assert not Proposal.objects.filter(call=call).exists()


def test_the_reason_is_in_english_for_an_english_reader(client, researcher, call):
    client.force_login(researcher)
    response = client.post(url(call), answers(call, "no"), HTTP_ACCEPT_LANGUAGE="en")
    assert "A letter of intent from a municipality is required." in response.content.decode()


def test_an_unanswered_question_is_asked_again(client, researcher, call):
    client.force_login(researcher)
    letter_q = call.eligibility_questions.first()
    response = client.post(url(call), {f"q{letter_q.pk}": "yes"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Proposal.objects.filter(call=call).exists()


def test_a_system_check_refuses_with_its_own_reason(client, researcher):
    call = CallFactory(parts=True)
    EligibilityQuestion.objects.create(
        call=call,
        kind=EligibilityKind.SYSTEM,
        system_check="test_check",
        text_th="ไม่มีรายงานค้างส่ง",
        text_en="No overdue report",
    )
    refusing = SystemCheck("test", lambda user: "รายงาน P-0001 ค้างส่ง")
    with SYSTEM_CHECKS.overridden(refusing, key="test_check"):
        client.force_login(researcher)
        page = client.get(url(call)).content.decode()
        assert "รายงาน P-0001 ค้างส่ง" in page  # shown before anything is answered
        response = client.post(url(call), {})
        assert response.status_code == 422
    assert not Proposal.objects.filter(call=call).exists()
    with SYSTEM_CHECKS.overridden(SystemCheck("test", lambda user: ""), key="test_check"):
        client.post(url(call), {})
    assert Proposal.objects.get(call=call).eligibility_answers[0]["answer_en"] == (
        "Checked by the system: met"
    )


def test_the_service_refuses_without_the_answers(researcher, call):
    with pytest.raises(services.NotEligible) as refused:
        services.start_proposal(actor=researcher, call=call)
    assert len(refused.value.messages) == 2
    assert not Proposal.objects.filter(call=call).exists()


def test_the_start_button_leads_to_the_questions(client, researcher, call):
    client.force_login(researcher)
    assert url(call) in client.get(call.get_absolute_url()).content.decode()
    response = client.post(reverse("proposals:proposal_start", args=[call.code]))
    assert response.url == url(call)
    assert not Proposal.objects.filter(call=call).exists()


def test_who_may_open_the_eligibility_page(client, personas, call):
    expected = {role.value: 403 for role in Role} | {Role.RESEARCHER.value: 200, OUTSIDER: 403}
    expected[ANONYMOUS] = 302
    assert_access(client, personas, url(call), expected)


def test_a_draft_call_has_no_eligibility_page(client, personas):
    draft = CallFactory(parts=True, is_published=False)
    expected = {role.value: 404 for role in Role} | {OUTSIDER: 404, ANONYMOUS: 302}
    expected[Role.FUNDING_OFFICER.value] = 403
    assert_access(client, personas, url(draft), expected)


@pytest.mark.parametrize(
    ("options_en", "eligible", "field"),
    [
        ("University\nGovernment agency", "1", "options_en"),
        ("University\nGovernment agency\nPrivate company", "4", "eligible_options"),
        ("University\nGovernment agency\nPrivate company", "", "eligible_options"),
        ("University\nGovernment agency\nPrivate company", "one", "eligible_options"),
    ],
)
def test_a_list_question_needs_matching_options_and_eligible_numbers(options_en, eligible, field):
    question = EligibilityQuestion(
        call=CallFactory(),
        kind=EligibilityKind.CHOICE,
        text_th="ประเภท",
        text_en="Type",
        options_th=ORGANISATION_TYPES,
        options_en=options_en,
        eligible_options=eligible,
    )
    with pytest.raises(ValidationError) as refused:
        question.full_clean()
    assert set(refused.value.message_dict) == {field}


def test_officers_add_questions_on_the_call_edit_page(client, officer):
    call = CallFactory(parts=True, is_published=False)
    data = edit_data(call)
    data.update(
        {
            "eligibility_questions-0-text_th": "ไม่มีรายงานค้างส่ง",
            "eligibility_questions-0-text_en": "No overdue report",
            "eligibility_questions-0-kind": EligibilityKind.SYSTEM,
            "eligibility_questions-0-system_check": "no_overdue_report",
        }
    )
    client.force_login(officer)
    page = client.get(reverse("proposals:call_edit", args=[call.code])).content.decode()
    assert 'value="no_overdue_report"' in page  # the checks the apps above provide
    response = client.post(reverse("proposals:call_edit", args=[call.code]), data)
    assert response.status_code == 302
    assert call.eligibility_questions.get().system_check == "no_overdue_report"
    [entry] = audit.history(call).filter(action="call.changed")
    assert entry.data == {"fields": [], "parts": ["eligibility_questions"]}


def test_a_list_without_eligible_options_saves_nothing(client, officer):
    call = CallFactory(parts=True, is_published=False)
    data = edit_data(call)
    data.update(
        {
            "title_en": "Renamed",
            "eligibility_questions-0-text_th": "ประเภท",
            "eligibility_questions-0-text_en": "Type",
            "eligibility_questions-0-kind": EligibilityKind.CHOICE,
            "eligibility_questions-0-options_th": ORGANISATION_TYPES,
            "eligibility_questions-0-options_en": "University\nAgency\nCompany",
        }
    )
    client.force_login(officer)
    response = client.post(reverse("proposals:call_edit", args=[call.code]), data)
    assert response.status_code == 200
    assert "eligible_options" in response.context["parts"]["eligibility_questions"].errors[0]
    call.refresh_from_db()
    assert call.title_en != "Renamed"
    assert not call.eligibility_questions.exists()
