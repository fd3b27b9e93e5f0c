"""The region and technology filters of the project list and the dashboards' money, written as
subqueries that are not correlated (projects.selectors.led_from, main_technology_of): the
same projects as the rule says, the lead municipality's region and the first technology."""

import pytest

from indicators.models import Technology
from projects.selectors import filter_projects
from proposals.models import Proposal, ProposalMunicipality, ProposalTechnology
from tests.factories import MunicipalityFactory
from tests.projects.builders import funded_project

pytestmark = pytest.mark.django_db


def picked(**filters):
    return sorted(filter_projects(Proposal.objects.all(), **filters).values_list("pk", flat=True))


def other_technology(name):
    return Technology.objects.create(name_th=name, name_en=name, kind="soft")


def test_the_region_is_the_lead_municipalitys_not_a_partners(officer):
    led_from_south = funded_project(officer)
    ProposalMunicipality.objects.filter(proposal=led_from_south).update(
        municipality=MunicipalityFactory(region="south")
    )
    # Two partners in the north: the project is listed once, and only under the south.
    for _n in range(2):
        ProposalMunicipality.objects.create(
            proposal=led_from_south, municipality=MunicipalityFactory(region="north")
        )

    assert picked(region="south") == [led_from_south.pk]
    assert picked(region="north") == []


def test_the_technology_is_the_first_the_project_listed(officer):
    project = funded_project(officer)
    first = ProposalTechnology.objects.get(proposal=project).technology
    second = other_technology("ที่สอง")
    ProposalTechnology.objects.create(proposal=project, technology=second)
    alone = funded_project(officer)
    ProposalTechnology.objects.filter(proposal=alone).update(technology=second)

    assert picked(technology=first) == [project.pk]
    assert picked(technology=second.pk) == [alone.pk]


def test_region_and_technology_together(officer):
    north, south = funded_project(officer), funded_project(officer)
    ProposalMunicipality.objects.filter(proposal=south).update(
        municipality=MunicipalityFactory(region="south")
    )
    ProposalMunicipality.objects.filter(proposal=north).update(
        municipality=MunicipalityFactory(region="north")
    )
    shared = other_technology("ร่วม")
    ProposalTechnology.objects.filter(proposal__in=[north, south]).update(technology=shared)

    assert picked(region="south", technology=shared) == [south.pk]
