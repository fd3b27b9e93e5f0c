"""The organisation records' pages and the funders' identifiers: administrators and programme
managers edit them, audited; identifiers follow org-id's documented pattern; a new name reaches
everyone who names the organisation."""

import pytest
from django.urls import reverse

from accounts.models import AuditEntry, Organisation
from accounts.organisations.identifiers import validate_org_id
from indicators.models import Funder
from proposals.models import TeamMember
from tests.factories import ProposalFactory, UserFactory
from tests.helpers import assert_access, assert_flat_queries

pytestmark = pytest.mark.django_db

# Who keeps the records: administrators and programme managers; everyone else signed in may
# not (403), the anonymous visitor signs in first.
KEEPERS = {
    "researcher": 403,
    "funding_officer": 403,
    "reviewer": 403,
    "programme_manager": 200,
    "administrator": 200,
    "mentor": 403,
    "finance": 403,
    "outsider": 403,
    "anonymous": 302,
}


@pytest.fixture
def record(db):
    return Organisation.objects.create(name="มหาวิทยาลัยขอนแก่น")


@pytest.fixture
def funder(db):
    return Funder.objects.create(name_th="หน่วยบริหารและจัดการทุน", name_en="PMU-A")


def test_only_administrators_and_programme_managers_open_the_pages(
    client, personas, record, funder
):
    for url in (
        reverse("accounts:organisations"),
        reverse("accounts:organisation_edit", args=[record.pk]),
        reverse("indicators:funders"),
        reverse("indicators:funder_identifier", args=[funder.pk]),
    ):
        assert_access(client, personas, url, KEEPERS)


def test_only_they_may_save(client, personas, record, funder):
    expected = {**KEEPERS, "programme_manager": 302, "administrator": 302}
    data = {"name": record.name, "name_en": "", "identifier": ""}
    url = reverse("accounts:organisation_edit", args=[record.pk])
    assert_access(client, personas, url, expected, method="post", data=data)
    url = reverse("indicators:funder_identifier", args=[funder.pk])
    assert_access(client, personas, url, expected, method="post", data={"identifier": ""})


def test_an_unknown_organisation_is_not_found(client, administrator):
    client.force_login(administrator)
    assert client.get(reverse("accounts:organisation_edit", args=[999])).status_code == 404


def test_a_new_name_and_identifier_are_saved_copied_and_audited(client, manager, record):
    person = UserFactory(organisation=record.name, organisation_record=record)
    proposal = ProposalFactory(lead=person)
    TeamMember.objects.filter(proposal=proposal).update(organisation_record=record)
    other = UserFactory(organisation="มหาวิทยาลัยอื่น")
    client.force_login(manager)
    data = {"name": "มหาวิทยาลัย ขอนแก่น", "name_en": "Khon Kaen University",
            "identifier": "th-dbd-0994000158378"}  # fmt: skip
    response = client.post(reverse("accounts:organisation_edit", args=[record.pk]), data)
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.name, record.name_en, record.identifier) == (
        "มหาวิทยาลัย ขอนแก่น",
        "Khon Kaen University",
        "TH-DBD-0994000158378",
    )
    person.refresh_from_db()
    other.refresh_from_db()
    assert person.organisation == "มหาวิทยาลัย ขอนแก่น"
    assert TeamMember.objects.get(proposal=proposal).organisation == "มหาวิทยาลัย ขอนแก่น"
    assert other.organisation == "มหาวิทยาลัยอื่น"
    entry = AuditEntry.objects.get(action="organisation.changed")
    assert entry.actor == manager
    assert entry.data["name"] == ["มหาวิทยาลัยขอนแก่น", "มหาวิทยาลัย ขอนแก่น"]
    assert entry.data["copies_renamed"] == 2


@pytest.mark.parametrize(
    "identifier",
    ["TH DBD 123", "THDBD123", "th", "360G-slcgrants-1", "TH-DBD-", "T-DBD-1", "TH-DBD-12 3"],
)
def test_an_identifier_off_the_pattern_is_refused_on_its_field(
    client, administrator, record, identifier
):
    client.force_login(administrator)
    data = {"name": record.name, "name_en": "", "identifier": identifier}
    response = client.post(reverse("accounts:organisation_edit", args=[record.pk]), data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["identifier"]
    record.refresh_from_db()
    assert record.identifier == ""
    assert not AuditEntry.objects.filter(action="organisation.changed").exists()


@pytest.mark.parametrize(
    "identifier", ["TH-DBD-0994000158378", "XI-ROR-05m2fqn25", "GB-CHC-1164883", "XM-DAC-41114"]
)
def test_documented_identifiers_pass(identifier):
    validate_org_id(identifier)


def test_a_name_another_record_has_is_refused(client, administrator, record):
    Organisation.objects.create(name="Chiang Mai University")
    client.force_login(administrator)
    data = {"name": "chiang mai  university", "name_en": "", "identifier": ""}
    response = client.post(reverse("accounts:organisation_edit", args=[record.pk]), data)
    assert list(response.context["form"].errors) == ["name"]


def test_the_funders_identifier_is_validated_and_audited(client, manager, funder):
    client.force_login(manager)
    url = reverse("indicators:funder_identifier", args=[funder.pk])
    refused = client.post(url, {"identifier": "PMU A"})
    assert list(refused.context["form"].errors) == ["identifier"]
    assert client.post(url, {"identifier": "xi-ror-0abc123"}).status_code == 302
    funder.refresh_from_db()
    assert funder.identifier == "XI-ROR-0abc123"
    entry = AuditEntry.objects.get(action="funder.changed")
    assert entry.data == {"identifier": ["", "XI-ROR-0abc123"]}


def test_the_list_searches_by_name_and_identifier(client, administrator, record):
    Organisation.objects.create(name="มหาวิทยาลัยมหิดล", identifier="TH-DBD-1")
    client.force_login(administrator)
    found = client.get(reverse("accounts:organisations"), {"q": "TH-DBD"}).context["page"]
    assert [o.name for o in found.object_list] == ["มหาวิทยาลัยมหิดล"]


def test_the_list_runs_as_many_queries_for_many_organisations(client, administrator):
    def make(count):
        for _ in range(count):
            record = Organisation.objects.create(name=f"หน่วยงาน {Organisation.objects.count()}")
            UserFactory(organisation=record.name, organisation_record=record)

    queries = assert_flat_queries(
        client, administrator, reverse("accounts:organisations"), make, few=1, many=12
    )
    assert queries == 4


def test_the_profile_runs_as_many_queries_for_many_organisations(client, researcher):
    def make(count):
        for _ in range(count):
            Organisation.objects.create(name=f"หน่วยงาน {Organisation.objects.count()}")

    assert_flat_queries(client, researcher, reverse("accounts:profile"), make, few=1, many=30)
