"""The dashboards' money headlines are kept with the KPI figures (indicators/cache.py): every
change of a funded project replaces the programme's version (projects/portfolio/cache.py), so
the next request shows it."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators import cache as kpi_cache
from projects.models import Award, AwardBudget, Instalment, InstalmentState, ProgressReport
from proposals.models import ProposalMunicipality, ProposalTechnology
from tests.factories import MunicipalityFactory
from tests.projects.builders import funded_project

D = Decimal
pytestmark = pytest.mark.django_db


def dashboard(client, user, programme):
    client.force_login(user)
    response = client.get(reverse("indicators:dashboard", args=[programme.code]))
    assert response.status_code == 200
    return {str(item.label): item.value for item in response.context["headlines"]}


def test_a_budget_changed_and_an_instalment_paid_show_at_once(client, officer):
    project = funded_project(officer)
    programme = project.call.programme
    before = dashboard(client, officer, programme)

    budget = AwardBudget.objects.filter(award__proposal=project).first()
    budget.amount += D("1000.00")
    budget.save()
    after = dashboard(client, officer, programme)
    assert after["งบประมาณที่อนุมัติ (บาท)"] == before["งบประมาณที่อนุมัติ (บาท)"] + D("1000.00")

    first = Instalment.objects.filter(proposal=project, number=1)
    first.update(state=InstalmentState.RELEASED, paid_on=datetime.date(2025, 1, 10))
    assert dashboard(client, officer, programme) == after  # no signal: still the cache
    instalment = first.get()
    instalment.save()  # as the payment service saves it
    paid = dashboard(client, officer, programme)
    assert paid["เบิกจ่ายแล้ว (บาท)"] == before["เบิกจ่ายแล้ว (บาท)"] + instalment.amount


@pytest.mark.parametrize(
    "change",
    [
        lambda project: project.save(),
        lambda project: Award.objects.get(proposal=project).save(),
        lambda project: AwardBudget.objects.filter(award__proposal=project).first().save(),
        lambda project: Instalment.objects.filter(proposal=project).first().save(),
        lambda project: ProgressReport.objects.filter(proposal=project).first().save(),
        lambda project: ProposalMunicipality.objects.create(
            proposal=project, municipality=MunicipalityFactory()
        ),
        lambda project: ProposalTechnology.objects.filter(proposal=project).delete(),
    ],
    ids=["state", "award", "budget", "instalment", "report", "municipality", "technology"],
)
def test_every_change_of_a_funded_project_replaces_the_programmes_version(officer, change):
    project = funded_project(officer)
    before = kpi_cache.FIGURES.key(project.call.programme_id, "page")

    change(project)

    assert kpi_cache.FIGURES.key(project.call.programme_id, "page") != before
