from decimal import Decimal

import pytest
from django.utils import timezone

from indicators.demo import seed_programme
from indicators.models import FiscalYear
from proposals.calls import selectors, services
from proposals.demo import seed_calls, today_calendar
from proposals.models import (
    BudgetCategory,
    Call,
    CallState,
    InstalmentTemplate,
    RequiredAttachment,
    ReviewCriterion,
)
from tests.helpers import DEMO_DAYS, demo_day

pytestmark = pytest.mark.django_db

MODELS = (Call, BudgetCategory, InstalmentTemplate, ReviewCriterion, RequiredAttachment)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.mark.parametrize("day", DEMO_DAYS)
def test_seed_calls_makes_one_open_and_one_closed_call_and_is_idempotent(monkeypatch, day):
    demo_day(monkeypatch, day)
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
    # The codes and years follow today (issue #13): it asserted SLC-2568 and SLC-2567, open
    # and closed whatever the day.
    calendar = today_calendar()
    open_call = Call.objects.get(code=calendar.open_code)
    assert open_call.state == CallState.OPEN
    assert open_call.fiscal_year.year_be == FiscalYear.year_be_of(timezone.localdate())
    assert open_call.total_budget == Decimal("15000000.00")
    assert open_call.ceiling_per_proposal == Decimal("1500000.00")
    assert (open_call.closes_at - timezone.now()).days in (59, 60)
    assert Call.objects.get(code=calendar.closed_code).state == CallState.CLOSED


@pytest.mark.parametrize("day", DEMO_DAYS)
def test_the_demo_calls_pass_the_publication_checks(monkeypatch, day):
    demo_day(monkeypatch, day)
    seed_calls(seed_programme())
    for call in selectors.calls_for_management():
        call.full_clean()
        assert services.publication_problems(call) == [], call.code
