import datetime

import pytest
from django.utils import timezone

from proposals.models import Workshop
from tests.factories import MunicipalityFactory, ProposalFactory, call_programme


@pytest.fixture
def programme(manager):
    """The test programme, managed by the `manager` persona."""
    programme = call_programme()
    programme.managers.add(manager)
    return programme


def make_workshop(programme, days_ahead=10, **fields):
    day = timezone.localdate() + datetime.timedelta(days=days_ahead)
    data = {
        "programme": programme,
        "title_th": "ประชุมเชิงปฏิบัติการทดสอบ",
        "title_en": "Test workshop",
        "starts_on": day,
        "ends_on": day,
        "place_th": "ลำพูน",
        "place_en": "Lamphun",
        **fields,
    }
    return Workshop.objects.create(**data)


@pytest.fixture
def workshop(programme):
    return make_workshop(programme)


@pytest.fixture
def proposal(researcher, programme):
    """A draft led by the `researcher` persona in a call of the test programme."""
    return ProposalFactory(lead=researcher)


@pytest.fixture
def municipality(db):
    return MunicipalityFactory()


def other_programme(like):
    """A second programme of the same funder, with a fiscal year, that nobody manages."""
    from indicators.models import FiscalYear, Programme

    other = Programme.objects.create(
        code="OTHER", name_th="แผนงานอื่น", name_en="Other programme", funder=like.funder
    )
    other.fiscal_years.add(FiscalYear.objects.get_or_create(year_be=2569)[0])
    return other
