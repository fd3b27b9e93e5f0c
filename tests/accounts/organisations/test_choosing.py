"""Choosing an organisation in a form: one of the records (whatever the capitals and spaces),
or a new one only when the person says it is not listed; the choice links the record and keeps
its name as the readable text."""

import pytest
from django.urls import reverse

from accounts.models import AuditEntry, Organisation
from accounts.organisations.forms import OrganisationFormMixin
from accounts.privacy.erasure import pseudonymise
from proposals.models import TeamMember
from proposals.team.services import answer_invitation, invite_member
from tests.factories import ProposalFactory, UserFactory

pytestmark = pytest.mark.django_db

PROFILE = {"full_name_th": "นักวิจัย", "phone": "", "expertise_keywords": ""}


def save_profile(client, user, **data):
    client.force_login(user)
    return client.post(reverse("accounts:profile"), {**PROFILE, **data})


def test_a_listed_organisation_is_chosen_whatever_its_spaces_and_capitals(client, researcher):
    listed = Organisation.objects.create(name="Khon Kaen University")
    response = save_profile(client, researcher, organisation="  khon kaen   UNIVERSITY ")
    assert response.status_code == 302
    researcher.refresh_from_db()
    assert researcher.organisation_record == listed
    assert researcher.organisation == "Khon Kaen University"
    assert Organisation.objects.count() == 1


def test_an_unlisted_organisation_is_refused_with_what_to_do_and_nothing_saved(client, researcher):
    before = researcher.organisation
    response = save_profile(client, researcher, organisation="มหาวิทยาลัยใหม่", phone="1")
    assert response.status_code == 200
    errors = response.context["form"].errors["organisation"]
    assert errors == [
        "“มหาวิทยาลัยใหม่” ไม่อยู่ในรายชื่อหน่วยงาน เลือกจากรายชื่อที่แนะนำ "
        "หรือทำเครื่องหมาย “ไม่มีในรายชื่อ? เพิ่มเป็นหน่วยงานใหม่”"
    ]
    researcher.refresh_from_db()
    assert (researcher.organisation, researcher.phone) == (before, "")
    assert not Organisation.objects.exists()


def test_ticking_not_listed_adds_the_organisation_audited(client, researcher):
    save_profile(client, researcher, organisation=" มหาวิทยาลัย  ใหม่ ", organisation_new="on")
    researcher.refresh_from_db()
    record = Organisation.objects.get()
    assert (record.name, researcher.organisation_record) == ("มหาวิทยาลัย ใหม่", record)
    entry = AuditEntry.objects.get(action="organisation.added")
    assert (entry.actor, entry.object_id) == (researcher, str(record.pk))


def test_ticking_not_listed_for_a_listed_name_takes_the_listed_record(client, researcher):
    listed = Organisation.objects.create(name="มหาวิทยาลัยขอนแก่น")
    save_profile(client, researcher, organisation="มหาวิทยาลัยขอนแก่น", organisation_new="on")
    researcher.refresh_from_db()
    assert researcher.organisation_record == listed
    assert not AuditEntry.objects.filter(action="organisation.added").exists()


def test_a_blank_organisation_unlinks(client, researcher):
    researcher.organisation_record = Organisation.objects.create(name="เดิม")
    researcher.save()
    save_profile(client, researcher, organisation="")
    researcher.refresh_from_db()
    assert (researcher.organisation, researcher.organisation_record) == ("", None)


def test_the_field_suggests_the_records_in_a_labelled_box_with_its_datalist(client, researcher):
    Organisation.objects.create(name="มหาวิทยาลัยเชียงใหม่")
    client.force_login(researcher)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert '<label class="form-label" for="id_organisation">' in page
    assert 'list="id_organisation_list"' in page
    assert '<datalist id="id_organisation_list"><option value="มหาวิทยาลัยเชียงใหม่">' in page
    assert 'for="id_organisation_new"' in page


def test_the_profile_shows_the_record_as_chosen(client, researcher):
    researcher.organisation_record = Organisation.objects.create(name="จุฬาลงกรณ์มหาวิทยาลัย")
    researcher.save()
    client.force_login(researcher)
    form = client.get(reverse("accounts:profile")).context["form"]
    assert form["organisation"].value() == "จุฬาลงกรณ์มหาวิทยาลัย"


def test_the_mixin_cleans_to_a_record_a_new_record_or_none(db):
    listed = Organisation.objects.create(name="A")
    cases = {
        "a": ({"organisation": "a"}, listed),
        "blank": ({"organisation": ""}, None),
    }
    for _name, (data, expected) in cases.items():
        form = OrganisationFormMixin(data)
        assert form.is_valid()
        assert form.cleaned_data["organisation"] == expected
    new = OrganisationFormMixin({"organisation": "B", "organisation_new": "on"})
    assert new.is_valid()
    assert (new.cleaned_data["organisation"].pk, new.cleaned_data["organisation"].name) == (
        None,
        "B",
    )


def test_an_invited_member_gets_the_record_and_accepting_keeps_it(
    db, django_capture_on_commit_callbacks
):
    proposal = ProposalFactory()
    invitee = UserFactory(email="co@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        member, _token = invite_member(
            actor=proposal.lead,
            proposal=proposal,
            email=invitee.email,
            role="co_researcher",
            effort_percent=10,
            organisation=Organisation(name="มหาวิทยาลัยนเรศวร"),
        )
    record = Organisation.objects.get(name="มหาวิทยาลัยนเรศวร")
    assert (member.organisation_record, member.organisation) == (record, record.name)
    answer_invitation(user=invitee, member=member, accept=True)
    member.refresh_from_db()
    assert member.organisation_record == record


def test_accepting_without_an_organisation_takes_the_persons_record(
    db, django_capture_on_commit_callbacks
):
    proposal = ProposalFactory()
    record = Organisation.objects.create(name="มหาวิทยาลัยพะเยา")
    invitee = UserFactory(
        email="co@example.org", organisation=record.name, organisation_record=record
    )
    with django_capture_on_commit_callbacks(execute=True):
        member, _token = invite_member(
            actor=proposal.lead, proposal=proposal, email=invitee.email, role="advisor",
            effort_percent=5,
        )  # fmt: skip
    assert member.organisation_record is None
    answer_invitation(user=invitee, member=member, accept=True)
    member.refresh_from_db()
    assert (member.organisation_record, member.organisation) == (record, "มหาวิทยาลัยพะเยา")


def test_the_team_invitation_page_refuses_an_unlisted_organisation(client, db):
    proposal = ProposalFactory()
    client.force_login(proposal.lead)
    data = {"email": "x@example.org", "organisation": "ไม่มีในรายชื่อ", "role": "advisor",
            "effort_percent": "5"}  # fmt: skip
    response = client.post(reverse("proposals:proposal_team", args=[proposal.pk]), data)
    assert response.status_code == 422
    assert "organisation" in response.context["invite_form"].errors
    assert not TeamMember.objects.filter(email="x@example.org").exists()
    data["organisation_new"] = "on"
    response = client.post(reverse("proposals:proposal_team", args=[proposal.pk]), data)
    assert response.status_code == 302
    member = TeamMember.objects.get(email="x@example.org")
    assert member.organisation_record.name == "ไม่มีในรายชื่อ"


def test_erasure_unlinks_the_person_and_their_team_rows_but_keeps_the_record(db):
    proposal = ProposalFactory()
    lead = proposal.lead
    record = Organisation.objects.create(name="มหาวิทยาลัยทดสอบ")
    lead.organisation_record = record
    lead.save()
    TeamMember.objects.filter(user=lead).update(organisation_record=record)
    pseudonymise(lead)
    lead.refresh_from_db()
    member = TeamMember.objects.get(user=lead)
    assert (lead.organisation, lead.organisation_record) == ("", None)
    assert (member.organisation, member.organisation_record) == ("", None)
    assert Organisation.objects.filter(pk=record.pk).exists()
