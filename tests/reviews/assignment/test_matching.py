"""Matching: the order follows hand-counted keyword overlaps with the proposal's keywords,
technologies and indicator dimensions; every kind of conflict of interest is found; the
pool is read in a fixed number of queries."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from accounts.models import Municipality, Organisation
from accounts.roles import Role
from indicators.models import Dimension, FiscalYear, Indicator, Objective, Technology
from proposals.models import (
    IndicatorContribution,
    ProposalMunicipality,
    ProposalTechnology,
    TeamMember,
)
from reviews.assignment.matching import (
    keywords_match,
    normalise,
    proposal_terms,
    rank_reviewers,
)
from reviews.assignment.selectors import proposals_for_matching
from reviews.models import AssignmentState
from tests.factories import MunicipalityFactory
from tests.reviews.screening.builders import a_call, a_reviewer, assign, submitted

pytestmark = pytest.mark.django_db


def shaped(proposal):
    return proposals_for_matching().get(pk=proposal.pk)


@pytest.fixture
def proposal():
    """Keywords GIS and ผังเมือง, the technology “ระบบฐานข้อมูลเมือง / City database”,
    and an indicator of the mobility dimension."""
    call = a_call()
    found = submitted(call, keywords="GIS, ผังเมือง", organisation="มหาวิทยาลัยผู้ยื่น")
    technology = Technology.objects.create(
        name_th="ระบบฐานข้อมูลเมือง", name_en="City database", kind="hard"
    )
    ProposalTechnology.objects.create(proposal=found, technology=technology)
    objective = Objective.objects.create(
        programme=call.programme, code="O9", name_th="เป้า", name_en="Goal"
    )
    indicator = Indicator.objects.create(
        programme=call.programme, objective=objective, code="KR9", name_th="ตัวชี้วัด", name_en="KR"
    )
    indicator.dimensions.add(Dimension.objects.get(code="mobility"))
    IndicatorContribution.objects.create(
        proposal=found,
        indicator=indicator,
        fiscal_year=FiscalYear.objects.get(year_be=2569),
        target=Decimal("1"),
    )
    return found


def test_the_terms_are_keywords_technologies_and_dimensions(proposal):
    with translation.override("th"):
        thai_label = str(Dimension.Code.MOBILITY.label)
    assert proposal_terms(shaped(proposal)) == [
        "gis",
        "ผังเมือง",
        "ระบบฐานข้อมูลเมือง",
        "city database",
        "mobility",
        normalise(thai_label),
        "smart mobility",
    ]


@pytest.mark.parametrize(
    ("keyword", "term", "expected"),
    [
        ("gis", "gis", True),
        ("ฐานข้อมูล", "ระบบฐานข้อมูลเมือง", True),  # Thai: contained, no spaces
        ("city database system", "city database", True),  # the term inside the keyword
        ("database", "city database", True),
        ("it", "city database", False),  # too short to be found inside a word
        ("ai", "ai platform", True),  # …but found as a whole word
        ("energy", "smart mobility", False),
    ],
)
def test_a_keyword_matches_when_either_contains_the_other(keyword, term, expected):
    assert keywords_match(keyword, term) is expected


def test_reviewers_are_ranked_by_the_keywords_they_share(proposal):
    # Hand count against gis, ผังเมือง, ระบบฐานข้อมูลเมือง, city database, mobility, smart mobility:
    three = a_reviewer(
        "c@example.org",
        keywords="gis",
        profile={"keywords_th": "ผังเมือง", "keywords_en": "Mobility"},
    )  # gis, ผังเมือง, mobility → 3
    two = a_reviewer("b@example.org", keywords="GIS, urban planning, Database")  # GIS, Database
    one_loaded = a_reviewer("a@example.org", keywords="ฐานข้อมูล")  # ฐานข้อมูล → 1
    one_free = a_reviewer("z@example.org", keywords="  SMART  mobility ; it")  # smart mobility
    none = a_reviewer("d@example.org", keywords="IT, energy")  # 0
    other = submitted(proposal.call)
    assign(other, one_loaded)  # a load of 1 puts it after the other reviewer with 1 match
    ranked = rank_reviewers(shaped(proposal))
    assert [(c.user, c.score) for c in ranked] == [
        (three, 3),
        (two, 2),
        (one_free, 1),
        (one_loaded, 1),
        (none, 0),
    ]
    assert ranked[0].matched == ["ผังเมือง", "Mobility", "gis"]
    assert ranked[1].matched == ["GIS", "Database"]
    assert [c.load for c in ranked] == [0, 0, 0, 1, 0]
    assert all(c.conflicts == [] and c.assignable for c in ranked)


def test_the_same_keyword_twice_counts_once(proposal):
    reviewer = a_reviewer(keywords="GIS, gis", profile={"keywords_en": " Gis "})
    (candidate,) = rank_reviewers(shaped(proposal))
    # The profile's keywords are read first, then the reviewer's own.
    assert (candidate.user, candidate.score, candidate.matched) == (reviewer, 1, ["Gis"])


def reasons_of(proposal, reviewer):
    with translation.override("en"):
        ranked = rank_reviewers(shaped(proposal))
    return next(c for c in ranked if c.user == reviewer).conflicts


def test_the_lead_is_in_conflict(proposal):
    lead = proposal.lead
    lead.groups.add(Group.objects.get(name=Role.REVIEWER.value))
    assert reasons_of(proposal, lead) == ["Lead researcher of this proposal"]


def test_a_team_member_is_in_conflict_by_account_or_by_email(proposal):
    by_account = a_reviewer()
    TeamMember.objects.create(proposal=proposal, user=by_account, email=by_account.email)
    by_email = a_reviewer("Expert@Example.org")
    TeamMember.objects.create(proposal=proposal, email="expert@example.org ")
    declined = a_reviewer()
    TeamMember.objects.create(proposal=proposal, email=declined.email, declined_at=timezone.now())
    assert reasons_of(proposal, by_account) == ["Member of the proposing team"]
    assert reasons_of(proposal, by_email) == ["Member of the proposing team"]
    assert reasons_of(proposal, declined) == []


def test_a_reviewers_orcid_id_on_the_team_is_a_conflict(proposal):
    """The same researcher under a second account: ORCID sets the iD on both, so a reviewer
    whose iD is the lead's, or a member's account's, is on the team."""
    member_account = a_reviewer()
    TeamMember.objects.create(proposal=proposal, user=member_account, email=member_account.email)
    User = type(member_account)
    User.objects.filter(pk=member_account.pk).update(orcid="0000-0002-1825-0097")
    User.objects.filter(pk=proposal.lead.pk).update(orcid="0000-0001-5109-3700")
    as_member = a_reviewer()
    as_lead = a_reviewer()
    other = a_reviewer()
    without = a_reviewer()  # no ORCID iD: an empty iD matches nobody
    User.objects.filter(pk=as_member.pk).update(orcid="0000-0002-1825-0097")
    User.objects.filter(pk=as_lead.pk).update(orcid="0000-0001-5109-3700")
    User.objects.filter(pk=other.pk).update(orcid="0000-0003-0000-000X")
    assert reasons_of(proposal, as_member) == [
        "ORCID iD 0000-0002-1825-0097 is on the proposing team"
    ]
    assert reasons_of(proposal, as_lead) == [
        "ORCID iD 0000-0001-5109-3700 is on the proposing team"
    ]
    assert reasons_of(proposal, other) == []
    assert reasons_of(proposal, without) == []
    # A member who declined is off the team, ORCID iD included.
    TeamMember.objects.filter(user=member_account).update(declined_at=timezone.now())
    assert reasons_of(proposal, as_member) == []


def test_the_same_organisation_as_a_team_member_is_a_conflict(proposal):
    TeamMember.objects.create(
        proposal=proposal,
        email="co@example.org",
        name="ผู้ร่วม",
        organisation="  Chiang Mai  University ",
    )
    colleague = a_reviewer(organisation="chiang mai university")
    of_the_lead = a_reviewer(organisation="มหาวิทยาลัยผู้ยื่น")
    elsewhere = a_reviewer(organisation="Chiang Mai Rajabhat University")
    assert reasons_of(proposal, colleague) == [
        "Same organisation as team member ผู้ร่วม (  Chiang Mai  University )"
    ]
    assert len(reasons_of(proposal, of_the_lead)) == 1
    assert reasons_of(proposal, elsewhere) == []


def test_the_same_organisation_record_is_a_conflict_whatever_its_text(proposal):
    record = Organisation.objects.create(name="มหาวิทยาลัยเชียงใหม่", name_en="CMU")
    TeamMember.objects.create(
        proposal=proposal,
        email="co@example.org",
        name="ผู้ร่วม",
        organisation="ม.เชียงใหม่",  # typed before the records, linked by the migration
        organisation_record=record,
    )
    colleague = a_reviewer(organisation="มหาวิทยาลัยเชียงใหม่")
    colleague.organisation_record = record
    colleague.save()
    unlinked = a_reviewer(organisation="Chiang Mai University")
    assert reasons_of(proposal, colleague) == ["Same organisation as team member ผู้ร่วม (ม.เชียงใหม่)"]
    assert reasons_of(proposal, unlinked) == []


def test_an_organisation_that_is_a_partner_municipality_is_a_conflict(proposal):
    town = MunicipalityFactory(name_th="เทศบาลเมืองลำพูน", name_en="Lamphun Town")
    ProposalMunicipality.objects.create(proposal=proposal, municipality=town)
    in_thai = a_reviewer(organisation="กองช่าง เทศบาลเมืองลำพูน")
    in_english = a_reviewer(organisation="LAMPHUN TOWN Municipality")
    other = a_reviewer(organisation="เทศบาลนครลำปาง")
    with translation.override("en"):
        assert reasons_of(proposal, in_thai) == [
            "Organisation is the partner municipality Lamphun Town"
        ]
    assert len(reasons_of(proposal, in_english)) == 1
    assert reasons_of(proposal, other) == []
    assert Municipality.objects.count() >= 1


def test_conflicted_reviewers_come_last_and_cannot_be_assigned(proposal):
    best = a_reviewer(organisation="มหาวิทยาลัยผู้ยื่น", keywords="GIS, ผังเมือง, mobility")
    plain = a_reviewer(keywords="")
    ranked = rank_reviewers(shaped(proposal))
    assert [c.user for c in ranked] == [plain, best]
    assert (ranked[1].score, ranked[1].assignable) == (3, False)


def test_limits_availability_and_this_rounds_assignments_are_reported(proposal):
    full = a_reviewer(profile={"max_per_call": 1})
    assign(submitted(proposal.call), full)
    away = a_reviewer(profile={"is_available": False})
    declined = a_reviewer()
    assign(proposal, declined, AssignmentState.DECLINED)
    earlier = a_reviewer(profile={"max_per_call": 1})
    assign(proposal, earlier, AssignmentState.SUBMITTED, round=0)
    by_user = {c.user: c for c in rank_reviewers(shaped(proposal))}
    assert (by_user[full].load, by_user[full].max, by_user[full].assignable) == (1, 1, False)
    assert (by_user[away].available, by_user[away].assignable) == (False, False)
    assert (by_user[declined].assignment_state, by_user[declined].assignable) == (
        AssignmentState.DECLINED,
        False,
    )
    # Reviewing an earlier round of the same proposal takes no new place in the load.
    assert (by_user[earlier].load, by_user[earlier].assignable) == (1, True)


def test_ranking_reads_a_fixed_number_of_queries(proposal):
    def queries():
        with CaptureQueriesContext(connection) as context:
            rank_reviewers(shaped(proposal))
        return len(context.captured_queries)

    a_reviewer(keywords="GIS", profile={"keywords_th": "ผังเมือง"})
    few = queries()
    for n in range(6):
        reviewer = a_reviewer(keywords="GIS", profile={} if n % 2 else None)
        assign(submitted(proposal.call), reviewer)
    assert queries() == few
