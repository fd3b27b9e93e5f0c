from decimal import Decimal

import pytest
from django.utils import timezone

from indicators.demo import seed_programme
from proposals.calls import selectors, services
from proposals.demo import seed_calls
from proposals.models import (
    BudgetCategory,
    Call,
    CallState,
    InstalmentTemplate,
    RequiredAttachment,
    ReviewCriterion,
)

pytestmark = pytest.mark.django_db

MODELS = (Call, BudgetCategory, InstalmentTemplate, ReviewCriterion, RequiredAttachment)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_seed_calls_makes_one_open_and_one_closed_call_and_is_idempotent():
    programme = seed_programme()
    seed_calls(programme)
    first = counts()
    seed_calls(programme)
    assert counts() == first
    assert first == {
        "Call": 2,
        "BudgetCategory": 12,
        "InstalmentTemplate": 6,
        "ReviewCriterion": 10,
        "RequiredAttachment": 4,
    }
    open_call = Call.objects.get(code="SLC-2568")
    assert open_call.state == CallState.OPEN
    assert open_call.fiscal_year.year_be == 2568
    assert open_call.total_budget == Decimal("15000000.00")
    assert open_call.ceiling_per_proposal == Decimal("1500000.00")
    assert (open_call.closes_at - timezone.now()).days in (59, 60)
    assert Call.objects.get(code="SLC-2567").state == CallState.CLOSED


def test_the_demo_calls_pass_the_publication_checks():
    seed_calls(seed_programme())
    for call in selectors.calls_for_management():
        call.full_clean()
        assert services.publication_problems(call) == [], call.code
