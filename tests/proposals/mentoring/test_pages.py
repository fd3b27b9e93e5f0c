"""Mentoring pages: flat query counts, the fit check worked out by hand, both languages."""

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.roles import Role
from indicators.models import Indicator, IndicatorTarget, Objective, Technology
from proposals.mentoring import services
from proposals.mentoring.fit import framework_fit
from proposals.models import IndicatorContribution, ProposalMunicipality
from tests.factories import MunicipalityFactory, ProposalFactory, UserFactory
from tests.helpers import assert_flat_queries

pytestmark = pytest.mark.django_db


def test_the_assignments_list_is_flat(client, manager, programme):
    def make(n):
        for _ in range(n):
            mentor = UserFactory(roles=[Role.MENTOR])
            services.assign_mentor(
                actor=manager, programme=programme, mentor=mentor, proposal=ProposalFactory()
            )

    url = reverse("proposals:mentor_assignments")
    assert_flat_queries(client, manager, url, make, few=1, many=8)


def test_the_mentors_drafts_list_is_flat(client, mentor, manager, programme):
    def make(n):
        for _ in range(n):
            draft = ProposalFactory()
            services.assign_mentor(
                actor=manager, programme=programme, mentor=mentor, proposal=draft
            )
            services.share_draft(actor=draft.lead, proposal=draft, mentor=mentor)
            services.comment(actor=mentor, proposal=draft, part="problem", text="ก")

    assert_flat_queries(client, mentor, reverse("proposals:mentor_drafts"), make, few=1, many=6)


def test_a_drafts_threads_page_is_flat(client, researcher, shared, mentor):
    def make(n):
        for i in range(n):
            thread = services.comment(actor=mentor, proposal=shared, part="method", text=f"{i}")
            services.answer(actor=researcher, thread=thread, text="ตอบ")

    url = reverse("proposals:mentoring", args=[shared.pk])
    # The threads with their messages, the texts with the draft, the budget with its categories.
    assert assert_flat_queries(client, researcher, url, make, few=1, many=8) == 11
    assert assert_flat_queries(client, mentor, url, make, few=1, many=8) == 10  # no mentors to pick


def test_the_fit_check_worked_out_by_hand(draft, programme):
    """Objective O1 has A and B, O2 has C; targets this year for A and C. The draft
    contributes to A; another proposal of the call covers C. So O1 contributes, nothing is
    left uncovered but B has no target, so none; the technology serving A fits, the one of B
    does not, and the one already in a funded project of the draft's city shows where."""
    year = draft.call.fiscal_year
    o1 = Objective.objects.create(programme=programme, code="O1", name_th="ก", name_en="A")
    o2 = Objective.objects.create(programme=programme, code="O2", name_th="ข", name_en="B")

    def indicator(code, objective):
        return Indicator.objects.create(
            programme=programme, objective=objective, code=code, name_th=code, name_en=code
        )

    a, b, c = indicator("A", o1), indicator("B", o1), indicator("C", o2)
    d = indicator("D", o2)
    for target in (a, c, d):
        IndicatorTarget.objects.create(indicator=target, fiscal_year=year, value=Decimal("1"))
    gis = Technology.objects.create(name_th="GIS", name_en="GIS", kind="hard")
    fund = Technology.objects.create(name_th="กองทุน", name_en="Fund", kind="soft")
    a.technologies.add(gis)
    b.technologies.add(fund)
    city = MunicipalityFactory()
    ProposalMunicipality.objects.create(proposal=draft, municipality=city, is_lead=True)
    IndicatorContribution.objects.create(
        proposal=draft, indicator=a, fiscal_year=year, target=Decimal("1")
    )
    other = ProposalFactory(call=draft.call)
    IndicatorContribution.objects.create(
        proposal=other, indicator=c, fiscal_year=year, target=Decimal("1")
    )
    fit = framework_fit(draft)
    assert [(row.objective.code, row.contributes) for row in fit.objectives] == [
        ("O1", True),
        ("O2", False),
    ]
    assert [i.code for i in fit.uncovered] == ["D"]
    assert [(t.technology.name_en, [i.code for i in t.serves]) for t in fit.technologies] == [
        ("GIS", ["A"])
    ]
    assert fit.contributed == 1


@pytest.mark.parametrize(
    ("language", "words"),
    [("th", "ความสอดคล้องกับกรอบวิจัย"), ("en", "Framework fit")],
)
def test_the_fit_check_reads_in_both_languages(client, researcher, draft, language, words):
    client.force_login(researcher)
    url = reverse("proposals:framework_fit", args=[draft.pk])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert words in response.content.decode()
