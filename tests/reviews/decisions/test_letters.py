"""A call's decision letters: placeholders, the default texts, the page that edits them."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import AuditEntry
from reviews.decisions import letters, services
from reviews.decisions.letter_defaults import DEFAULT_TEXTS
from reviews.models import DecisionLetterTemplate, DecisionOutcome
from tests.helpers import assert_access

pytestmark = pytest.mark.django_db

EVERY_PLACEHOLDER = "{reference}|{title}|{lead}|{call}|{amount}|{amount_words}|{comment}|{date}"
DAY = datetime.date(2026, 3, 5)


def texts(**changes):
    return {**DEFAULT_TEXTS, **changes}


def render(proposal, template, outcome=DecisionOutcome.APPROVE, amount=Decimal("900000")):
    return letters.render_letters(
        template=template,
        outcome=outcome,
        proposal=proposal,
        amount=amount,
        comment="ความเห็น / comment",
        date=DAY,
    )


def test_every_placeholder_is_filled_in_thai_and_in_english(proposal):
    template = DecisionLetterTemplate(
        call=proposal.call, **{name: EVERY_PLACEHOLDER for name in letters.TEXT_FIELDS}
    )
    lead, call = proposal.lead, proposal.call
    rendered = render(proposal, template, amount=Decimal("1234567.50"))
    assert rendered["th"] == "|".join(
        [
            proposal.reference,
            proposal.title_th,
            lead.full_name_th,
            call.title_th,
            "1,234,567.50",
            "หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดบาทห้าสิบสตางค์",
            "ความเห็น / comment",
            "5 มีนาคม 2569",
        ]
    )
    assert rendered["en"] == "|".join(
        [
            proposal.reference,
            proposal.title_en,
            lead.full_name_en,
            call.title_en,
            "1,234,567.50",
            "1,234,567.50",
            "ความเห็น / comment",
            "5 March 2026",
        ]
    )


def test_the_language_of_the_page_does_not_change_the_letters(proposal):
    template = letters.default_template(proposal.call)
    with translation.override("en"):
        english_page = render(proposal, template)
    assert english_page == render(proposal, template)


@pytest.mark.parametrize("outcome", list(DecisionOutcome))
def test_the_default_letters_read_as_a_formal_notice(proposal, outcome):
    rendered = render(proposal, letters.default_template(proposal.call), outcome=outcome)
    thai, english = rendered["th"], rendered["en"]
    assert f"เรียน  {proposal.lead.full_name_th}" in thai
    assert f"ข้อเสนอโครงการเรื่อง “{proposal.title_th}” เลขที่ {proposal.reference}" in thai
    assert "5 มีนาคม 2569" in thai
    assert f"Dear {proposal.lead.full_name_en}," in english
    assert "5 March 2026" in english
    assert "{" not in thai + english
    if outcome == DecisionOutcome.APPROVE:
        assert "ได้รับอนุมัติทุนวิจัยเป็นจำนวนเงิน 900,000.00 บาท (เก้าแสนบาทถ้วน)" in thai
        assert "900,000.00 baht" in english


def test_unknown_placeholders_are_named_once_each_in_order():
    found = letters.unknown_placeholders("{budget} {title} {signer} {budget}")
    assert found == ["budget", "signer"]
    assert letters.unknown_placeholders(EVERY_PLACEHOLDER) == []


def test_a_stray_brace_is_left_as_it_stands():
    assert letters.render("{ a } {title} {", {"title": "T"}) == "{ a } T {"


def test_the_service_refuses_an_unknown_placeholder_and_saves_nothing(call, programme_manager):
    with translation.override("en"), pytest.raises(services.DecisionError) as refused:
        services.save_letter_template(
            call=call, actor=programme_manager, texts=texts(reject_en="Dear {name} {budget}")
        )
    assert refused.value.messages[0].startswith("Unknown placeholders: {name}, {budget}. Use only")
    assert not DecisionLetterTemplate.objects.exists()


def url(call):
    return reverse("reviews:letter_template", args=[call.code])


def test_the_page_offers_the_defaults_without_saving_them(client, call, programme_manager):
    client.force_login(programme_manager)
    response = client.get(url(call))
    assert response.status_code == 200
    assert response.context["form"]["approve_th"].value() == DEFAULT_TEXTS["approve_th"]
    assert response.context["is_default"]
    assert not DecisionLetterTemplate.objects.exists()


def test_saving_the_page_stores_the_six_texts_and_audits(client, call, programme_manager):
    client.force_login(programme_manager)
    response = client.post(url(call), texts(approve_en="Approved: {reference}, {amount} baht."))
    assert response.status_code == 302
    template = DecisionLetterTemplate.objects.get(call=call)
    assert template.approve_en == "Approved: {reference}, {amount} baht."
    assert template.reject_th == DEFAULT_TEXTS["reject_th"]
    entry = AuditEntry.objects.get(action="decision_letters.changed")
    assert entry.actor == programme_manager

    client.post(url(call), texts(approve_en="Approved: {reference}.", reject_th="ไม่อนุมัติ"))
    template.refresh_from_db()
    assert (template.approve_en, template.reject_th) == ("Approved: {reference}.", "ไม่อนุมัติ")
    last = AuditEntry.objects.filter(action="decision_letters.changed").latest("id")
    assert sorted(last.data["fields"]) == ["approve_en", "reject_th"]


def test_the_page_refuses_unknown_placeholders_by_name(client, call, programme_manager):
    programme_manager.preferred_language = "en"
    programme_manager.save(update_fields=["preferred_language"])
    client.force_login(programme_manager)
    with translation.override("en"):
        response = client.post(url(call), texts(revision_th="เรียน {leader} {title} {budget}"))
    assert response.status_code == 200
    errors = response.context["form"].errors["revision_th"]
    assert errors[0].startswith("Unknown placeholders: {leader}, {budget}.")
    assert "{leader}, {budget}" in response.content.decode()
    assert not DecisionLetterTemplate.objects.exists()


def test_an_empty_text_is_refused(client, call, programme_manager):
    client.force_login(programme_manager)
    response = client.post(url(call), texts(approve_th="  "))
    assert response.status_code == 200
    assert "approve_th" in response.context["form"].errors
    assert not DecisionLetterTemplate.objects.exists()


def test_who_may_open_and_save_the_letters(client, call, people):
    expected = {
        "lead": 403,
        "co_researcher": 403,
        "programme_manager": 200,
        "other_manager": 403,
        "funding_officer": 200,
        "reviewer": 403,
        "researcher": 403,
        "administrator": 403,
        "mentor": 403,
        "finance": 403,
        "outsider": 403,
        "anonymous": 302,
    }
    assert_access(client, people, url(call), expected)
    saved = {**expected, "programme_manager": 302, "funding_officer": 302}
    assert_access(client, people, url(call), saved, method="post", data=texts())
    assert DecisionLetterTemplate.objects.filter(call=call).count() == 1


def test_an_unknown_call_is_not_found(client, programme_manager):
    client.force_login(programme_manager)
    assert client.get(reverse("reviews:letter_template", args=["NO-SUCH"])).status_code == 404
