"""Reads compiled once (core.compiled): each call gives the rows its own ids select, as the
queryset would, without compiling again."""

import pytest
from django.db.models import Prefetch, Value
from django.db.models.sql.compiler import SQLCompiler

from accounts.models import User
from core.compiled import CompiledObject, CompiledRead
from proposals.models import Activity, Proposal, TeamMember
from tests.factories import ProposalFactory, UserFactory

pytestmark = pytest.mark.django_db


def _proposals_of(lead_pk):
    return Proposal.objects.filter(lead=lead_pk).select_related("call__programme").order_by("pk")


def test_each_call_reads_the_rows_of_its_own_ids_with_what_they_select():
    first, second = ProposalFactory(), ProposalFactory()
    read = CompiledRead(_proposals_of)
    assert read(first.lead_id) == [first]
    found = read(second.lead_id)
    assert found == [second]
    assert found[0].call.programme == second.call.programme
    assert read(-1) == []


def test_the_sql_is_compiled_once(monkeypatch):
    proposal = ProposalFactory()
    read = CompiledRead(_proposals_of)
    read(proposal.lead_id)
    compiled = []
    original = SQLCompiler.as_sql
    monkeypatch.setattr(
        SQLCompiler, "as_sql", lambda *a, **k: compiled.append(1) or original(*a, **k)
    )
    assert read(proposal.lead_id) == [proposal]
    assert compiled == []


def test_values_of_a_union_come_back_as_the_queryset_gives_them():
    people = UserFactory(), UserFactory()

    def emails(first_pk, second_pk):
        one = User.objects.filter(pk=first_pk).annotate(side=Value("one"))
        two = User.objects.filter(pk=second_pk).annotate(side=Value("two"))
        columns = ("side", "email")
        return one.values_list(*columns).order_by().union(two.values_list(*columns).order_by())

    read = CompiledRead(emails)
    assert sorted(read(people[0].pk, people[1].pk)) == [
        ("one", people[0].email),
        ("two", people[1].email),
    ]
    assert read(people[1].pk, -1) == [("one", people[1].email)]


def test_an_id_that_does_not_reach_the_sql_is_refused():
    read = CompiledRead(lambda pk: Proposal.objects.all())
    with pytest.raises(ValueError):
        read(1)


def test_an_id_of_none_reads_as_the_orm_asks_it():
    assert CompiledRead(lambda lead_pk: Proposal.objects.filter(lead=lead_pk))(None) == []


def test_an_object_comes_with_its_prefetched_parts_each_knowing_it(django_assert_num_queries):
    proposal = ProposalFactory()
    TeamMember.objects.create(proposal=proposal, email="another@example.org")
    members = list(TeamMember.objects.filter(proposal=proposal).order_by("pk"))
    read = CompiledObject(
        lambda: Proposal.objects.select_related("call").prefetch_related(
            "team", Prefetch("activities", queryset=Activity.objects.order_by("-pk"))
        )
    )
    assert read(-1) is None
    with django_assert_num_queries(3):
        found = read(proposal.pk)
    with django_assert_num_queries(0):
        assert found == proposal and found.call == proposal.call
        assert sorted(found.team.all(), key=lambda member: member.pk) == members
        assert all(member.proposal is found for member in found.team.all())
        assert list(found.activities.all()) == []
