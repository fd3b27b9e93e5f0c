"""A programme's own text of a message is what its emails and notifications say, in each
recipient's language; without one the system's default goes out as before."""

import pytest
from django.core import mail
from django.utils import translation

from accounts.models import AuditEntry, MessageTemplate, Notification
from accounts.notifications import templates
from accounts.notifications.messages import render
from indicators.models import FiscalYear, Funder, Programme
from proposals.lifecycle import notices
from tests.factories import CallFactory, ProposalFactory, UserFactory
from tests.proposals.messages.builders import own_text, people

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(db):
    proposal = ProposalFactory(call=CallFactory(parts=True))
    proposal.reference = "SLC-2568-0042"
    proposal.save(update_fields=["reference"])
    return proposal


def send(proposal, name, recipients, actor, comment=""):
    return notices.send(
        proposal=proposal, name=name, actor=actor, comment=comment, recipients=recipients
    )


def emails_by_person():
    return {email.to[0]: email for email in mail.outbox}


def test_the_edited_text_is_what_each_email_says_in_its_readers_language(
    proposal, manager, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://grants.example.org"
    own_text(proposal.call.programme, manager)
    thai, english = people()
    actor = UserFactory(full_name_th="สมชาย รักดี", full_name_en="Somchai Rakdee")
    with django_capture_on_commit_callbacks(execute=True):
        send(proposal, "return", [thai, english], actor, comment="แก้งบประมาณ")
    emails = emails_by_person()
    assert emails[thai.email].subject.endswith("แจ้งส่งกลับ SLC-2568-0042 โดย สมชาย รักดี")
    assert "เรียน สมศรี ใจดี\n\nหมายเหตุ: แก้งบประมาณ\n\nดูที่ https://grants.example.org/" in (
        emails[thai.email].body
    )
    assert emails[english.email].subject.endswith("Sent back: SLC-2568-0042 by Somchai Rakdee")
    assert "Dear Somsri Jaidee,\n\nNote: แก้งบประมาณ" in emails[english.email].body
    # The system's default sentence is gone.
    assert "is now" not in emails[english.email].body


def test_the_bell_shows_the_edited_text_in_the_language_of_whoever_reads_it(
    proposal, manager, django_capture_on_commit_callbacks
):
    own_text(proposal.call.programme, manager)
    thai, _english = people()
    with django_capture_on_commit_callbacks(execute=True):
        send(proposal, "return", [thai], manager, comment="ok")
    row = Notification.objects.get(recipient=thai)
    assert row.title.startswith("แจ้งส่งกลับ SLC-2568-0042")
    with translation.override("en"):
        assert render(row.message["title"]).startswith("Sent back: SLC-2568-0042")


def test_a_paragraph_whose_placeholders_are_empty_is_left_out(
    proposal, manager, django_capture_on_commit_callbacks
):
    own_text(proposal.call.programme, manager)
    thai, _english = people()
    with django_capture_on_commit_callbacks(execute=True):
        send(proposal, "return", [thai], manager, comment="")
    body = emails_by_person()[thai.email].body
    assert "หมายเหตุ" not in body
    assert "เรียน สมศรี ใจดี\n\nดูที่ " in body


def test_without_a_text_of_its_own_the_default_goes_out(
    proposal, django_capture_on_commit_callbacks
):
    thai, english = people()
    with django_capture_on_commit_callbacks(execute=True):
        send(proposal, "return", [thai, english], UserFactory(), comment="")
    emails = emails_by_person()
    with translation.override("en"):
        assert "SLC-2568-0042" in emails[english.email].subject
    assert "is now" in emails[english.email].body


def test_another_programmes_text_is_not_used(proposal, manager, django_capture_on_commit_callbacks):
    other = ProposalFactory(call=CallFactory(parts=True, programme=_other_programme()))
    own_text(other.call.programme, manager)
    thai, _english = people()
    with django_capture_on_commit_callbacks(execute=True):
        send(proposal, "return", [thai], manager)
    assert "แจ้งส่งกลับ" not in emails_by_person()[thai.email].subject


def _other_programme():
    programme = Programme.objects.create(
        code="OTHER", name_th="อื่น", name_en="Other", funder=Funder.objects.first()
    )
    programme.fiscal_years.add(FiscalYear.objects.get(year_be=2568))
    return programme


def test_a_calls_own_invitation_wins_over_the_programmes(
    proposal, manager, django_capture_on_commit_callbacks
):
    programme = proposal.call.programme
    own_text(programme, manager, "proposal.invite", title_th="เชิญทั้งแผนงาน {proposal}")
    own_text(
        programme, manager, "proposal.invite", call=proposal.call, title_th="เชิญเฉพาะ {proposal}"
    )
    sibling = ProposalFactory(call=CallFactory(parts=True, programme=programme))
    thai, _english = people()
    with django_capture_on_commit_callbacks(execute=True):
        send(proposal, "invite", [thai], manager)
        send(sibling, "invite", [thai], manager)
    subjects = [email.subject for email in mail.outbox]
    assert any(subject.endswith("เชิญเฉพาะ SLC-2568-0042") for subject in subjects)
    assert any("เชิญทั้งแผนงาน" in subject for subject in subjects)


def test_a_message_of_one_programme_only_is_not_given_a_calls_own_text(proposal, manager):
    with pytest.raises(templates.TemplateError):
        own_text(proposal.call.programme, manager, "proposal.return", call=proposal.call)
    assert not MessageTemplate.objects.exists()


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("{proposal} {secret}", "{secret}"),
        ("{recipient.password}", "{recipient.password}"),
        ("{ lead }", "{lead}"),
        ("{% for u in users %}{{ u.email }}{% endfor %}", "{u.email}"),
    ],
)
def test_an_unknown_placeholder_is_refused_by_name_and_nothing_is_saved(
    proposal, manager, text, named
):
    with pytest.raises(templates.TemplateError) as refused:
        own_text(proposal.call.programme, manager, title_en=text)
    assert named in str(refused.value)
    assert "{proposal}" in str(refused.value)  # the names that exist
    assert not MessageTemplate.objects.exists()
    assert not AuditEntry.objects.filter(action=templates.CHANGED).exists()


def test_template_tags_are_not_interpreted(proposal, manager, django_capture_on_commit_callbacks):
    tags = "{% load i18n %}{% for u in users %}{% now 'Y' %}{% endfor %}"
    own_text(proposal.call.programme, manager, body_th=tags)
    thai, _english = people()
    with django_capture_on_commit_callbacks(execute=True):
        send(proposal, "return", [thai], manager)
    assert tags in emails_by_person()[thai.email].body


def test_each_change_and_reset_is_audited(proposal, manager):
    programme = proposal.call.programme
    own_text(programme, manager)
    own_text(programme, manager, title_en="Back: {proposal}")
    own_text(programme, manager, title_en="Back: {proposal}")  # no change: no entry
    assert templates.reset_template(kind_key="proposal.return", programme=programme, actor=manager)
    entries = AuditEntry.objects.filter(object_id=str(programme.pk)).order_by("pk")
    assert [(e.action, e.data.get("fields")) for e in entries] == [
        (templates.CHANGED, list(templates.FIELDS)),
        (templates.CHANGED, ["title_en"]),
        (templates.RESET, None),
    ]
    assert {e.actor for e in entries} == {manager}
    assert not MessageTemplate.objects.exists()
