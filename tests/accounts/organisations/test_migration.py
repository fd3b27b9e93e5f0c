"""The migration keeps today's typed organisations: rolled back to before the team's records,
then forward again, every typed name links to one record per name (whatever its spaces and
capitals, shared by people and team rows), and the text stays as it was typed."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.models import Organisation, User
from proposals.models import TeamMember, TeamRole
from tests.factories import ProposalFactory, UserFactory

BEFORE = [
    ("accounts", "0012_messagetemplate"),
    ("proposals", "0012_call_financial_reporting_call_report_cadence_and_more"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _leaves():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_typed_organisations_of_people_and_teams_link_to_one_record_per_name():
    listed = Organisation.objects.create(name="Chiang Mai University")
    UserFactory(email="linked@example.org", organisation=listed.name, organisation_record=listed)
    proposal = ProposalFactory(
        lead=UserFactory(email="lead@example.org", organisation="มหาวิทยาลัย ทดสอบ")
    )
    for email, typed in [
        ("a@example.org", "  มหาวิทยาลัย   ทดสอบ "),
        ("b@example.org", "chiang mai university"),
        ("c@example.org", ""),
    ]:
        TeamMember.objects.create(
            proposal=proposal, email=email, organisation=typed, role=TeamRole.ADVISOR
        )
    assert User.objects.get(email="lead@example.org").organisation_record is None

    _migrate(BEFORE)
    _migrate(_leaves())

    records = dict(Organisation.objects.values_list("name", "pk"))
    assert set(records) == {"Chiang Mai University", "มหาวิทยาลัย ทดสอบ"}
    people = dict(User.objects.values_list("email", "organisation_record__name"))
    assert people["lead@example.org"] == "มหาวิทยาลัย ทดสอบ"
    assert people["linked@example.org"] == "Chiang Mai University"
    team = {
        member.email: (member.organisation, member.organisation_record_id)
        for member in TeamMember.objects.filter(proposal=proposal)
    }
    assert team == {
        "lead@example.org": ("มหาวิทยาลัย ทดสอบ", records["มหาวิทยาลัย ทดสอบ"]),
        "a@example.org": ("  มหาวิทยาลัย   ทดสอบ ", records["มหาวิทยาลัย ทดสอบ"]),
        "b@example.org": ("chiang mai university", records["Chiang Mai University"]),
        "c@example.org": ("", None),
    }
