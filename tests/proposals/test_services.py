"""Creating, changing, publishing and withdrawing calls: each atomic, each audited."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts import audit
from accounts.models import AuditEntry
from proposals.calls import services
from proposals.models import (
    DEFAULT_BUDGET_CATEGORIES,
    BudgetCategory,
    Call,
    CallState,
    InstalmentTemplate,
    ProgressReportKind,
)
from tests.factories import CallFactory, call_programme

pytestmark = pytest.mark.django_db


def call_data(**overrides):
    programme = call_programme()
    now = timezone.now()
    return {
        "programme": programme,
        "fiscal_year": programme.fiscal_years.first(),
        "code": "SLC-2569",
        "title_th": "ประกาศทุน 2569",
        "title_en": "Call 2569",
        "opens_at": now,
        "closes_at": now + timezone.timedelta(days=30),
        "total_budget": Decimal("5000000"),
        "ceiling_per_proposal": Decimal("500000"),
        **overrides,
    }


def entries(call, action):
    return list(audit.history(call).filter(action=action))


def test_a_new_call_is_a_draft_with_the_default_categories_and_instalments(officer):
    call = services.create_call(actor=officer, data=call_data())
    assert call.state == CallState.DRAFT
    categories = list(call.budget_categories.order_by("position"))
    assert [c.code for c in categories] == [row[0].value for row in DEFAULT_BUDGET_CATEGORIES]
    assert [(c.cap_percent, c.fixed_percent) for c in categories] == [
        (row[3], row[4]) for row in DEFAULT_BUDGET_CATEGORIES
    ]
    plan = [(i.number, i.percent, i.report_kind) for i in call.instalments.all()]
    assert plan == [
        (1, Decimal("40.00"), ProgressReportKind.CONTRACT),
        (2, Decimal("40.00"), ProgressReportKind.MONTH_6),
        (3, Decimal("20.00"), ProgressReportKind.FINAL),
    ]
    assert len(entries(call, "call.created")) == 1


def test_create_refuses_what_the_model_refuses(officer):
    with pytest.raises(ValidationError):
        services.create_call(actor=officer, data=call_data(ceiling_per_proposal=Decimal("9e6")))
    assert not Call.objects.exists()


def test_update_records_the_changed_fields(officer, english):
    call = CallFactory(parts=True)
    services.update_call(actor=officer, call=call, data={"title_en": "Renamed", "code": call.code})
    call.refresh_from_db()
    assert call.title_en == "Renamed"
    [entry] = entries(call, "call.changed")
    assert entry.data == {"fields": ["title_en"], "parts": []}
    assert audit.describe(entry) == "Changed: title (English)."


def test_publishing_a_complete_call(officer, english):
    call = CallFactory(parts=True, is_published=False)
    services.publish_call(actor=officer, call=call)
    call.refresh_from_db()
    assert call.is_published
    [entry] = entries(call, "call.published")
    assert (entry.from_state, entry.to_state) == ("draft", "open")
    assert audit.action_label("call.published") == "Call published"


def test_unpublishing(officer, english):
    call = CallFactory(parts=True)
    services.unpublish_call(actor=officer, call=call)
    call.refresh_from_db()
    assert not call.is_published
    assert len(entries(call, "call.unpublished")) == 1
    with pytest.raises(ValidationError, match="not published"):
        services.unpublish_call(actor=officer, call=call)


def problems_of(officer, call):
    with pytest.raises(ValidationError) as caught:
        services.publish_call(actor=officer, call=call)
    call.refresh_from_db()
    assert not call.is_published
    assert not entries(call, "call.published")
    return caught.value.messages


def test_publishing_refuses_criteria_weights_other_than_100(officer, english):
    call = CallFactory(parts=True, is_published=False)
    call.criteria.filter(position=1).update(weight=Decimal("30"))
    assert problems_of(officer, call) == [
        "The weights of the review criteria add up to 90; they must add up to exactly 100."
    ]


def test_publishing_refuses_a_call_without_criteria(officer, english):
    call = CallFactory(parts=True, is_published=False)
    call.criteria.all().delete()
    assert problems_of(officer, call) == [
        "Add the review criteria: their weights must add up to 100."
    ]


def test_publishing_refuses_instalments_other_than_100(officer, english):
    call = CallFactory(parts=True, is_published=False)
    InstalmentTemplate.objects.filter(call=call, number=3).update(percent=Decimal("25.5"))
    assert problems_of(officer, call) == [
        "The instalments add up to 105.5%; they must add up to exactly 100%."
    ]


def test_publishing_refuses_a_call_without_an_allowed_category(officer, english):
    call = CallFactory(parts=True, is_published=False)
    call.budget_categories.update(allowed=False)
    assert problems_of(officer, call) == [
        "Allow at least one budget category, or applicants cannot budget."
    ]


def test_publishing_refuses_fixed_shares_of_100_or_more(officer, english):
    call = CallFactory(parts=True, is_published=False)
    BudgetCategory.objects.filter(call=call, code="materials").update(fixed_percent=Decimal("90"))
    assert problems_of(officer, call) == [
        "The fixed shares of the budget categories add up to 100%; they must stay below 100% "
        "to leave room for the rest of the budget."
    ]


def test_publishing_lists_every_problem_at_once(officer, english):
    call = CallFactory(is_published=False)  # no parts at all
    assert len(problems_of(officer, call)) == 3


def test_publishing_twice_is_refused(officer):
    call = CallFactory(parts=True)
    with pytest.raises(ValidationError):
        services.publish_call(actor=officer, call=call)
    assert not AuditEntry.objects.filter(action="call.published").exists()
