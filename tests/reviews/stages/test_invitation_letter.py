"""The invitation of a concept to the full stage is a letter of the call's letters page like
the others: edited there for a two-stage call, sent as edited; a one-stage call has none."""

import pytest
from django.urls import reverse

from accounts.models import AuditEntry
from accounts.roles import Role
from reviews.decisions import services as decisions
from reviews.decisions.letter_defaults import DEFAULT_TEXTS
from reviews.models import DecisionLetterTemplate
from tests.factories import CallFactory, UserFactory
from tests.reviews.stages.test_concept_review import call, manager, reviewed_concept

pytestmark = pytest.mark.django_db
__all__ = ["call", "manager"]  # the fixtures of the concept stage's tests


def url(call):
    return reverse("reviews:letter_template", args=[call.code])


def test_a_two_stage_calls_page_edits_the_invitation(client, call, manager):
    client.force_login(manager)
    response = client.get(url(call))
    assert response.context["form"]["invite_en"].value() == DEFAULT_TEXTS["invite_en"]
    data = {**DEFAULT_TEXTS, "invite_en": "Dear {lead}, write the full {reference}. {comment}"}
    assert client.post(url(call), data).status_code == 302
    template = DecisionLetterTemplate.objects.get(call=call)
    assert template.invite_en == data["invite_en"]
    entry = AuditEntry.objects.filter(action="decision_letters.changed").latest("id")
    assert entry.actor == manager


def test_the_edited_invitation_is_the_letter_sent(client, call, manager):
    client.force_login(manager)
    data = {
        **DEFAULT_TEXTS,
        "invite_th": "เรียน {lead} เชิญเขียน {reference} ฉบับสมบูรณ์",
        "invite_en": "Dear {lead}, please write {reference} in full.",
    }
    client.post(url(call), data)
    proposal = reviewed_concept(call)
    decision = decisions.decide(proposal=proposal, outcome="invite", actor=manager, comment="ok")
    assert (
        decision.letter_th
        == f"เรียน {proposal.lead.full_name_th} เชิญเขียน {proposal.reference} ฉบับสมบูรณ์"
    )
    assert (
        decision.letter_en
        == f"Dear {proposal.lead.full_name_en}, please write {proposal.reference} in full."
    )


def test_an_unknown_placeholder_in_the_invitation_is_refused_by_name(client, call, manager):
    client.force_login(manager)
    response = client.post(url(call), {**DEFAULT_TEXTS, "invite_th": "{deadline}"})
    assert response.status_code == 200
    assert "{deadline}" in response.context["form"].errors["invite_th"][0]
    assert not DecisionLetterTemplate.objects.exists()


def test_a_one_stage_call_has_no_invitation_to_edit(client):
    one_stage = CallFactory(parts=True)
    its_manager = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    one_stage.programme.managers.add(its_manager)
    client.force_login(its_manager)
    form = client.get(url(one_stage)).context["form"]
    assert "invite_th" not in form.fields
    data = {name: text for name, text in DEFAULT_TEXTS.items() if not name.startswith("invite")}
    data["reject_en"] = "No: {reference}"
    assert client.post(url(one_stage), data).status_code == 302
    template = DecisionLetterTemplate.objects.get(call=one_stage)
    assert (template.reject_en, template.invite_en) == (
        "No: {reference}",
        DEFAULT_TEXTS["invite_en"],
    )
