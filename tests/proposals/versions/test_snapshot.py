"""A snapshot holds everything the proposal says, as JSON, read with a fixed number of queries."""

import json

import pytest

from proposals.models import ProposalVersion, SectionKey
from proposals.versions.snapshot import serialize, take_snapshot
from tests.factories import ProposalFactory
from tests.proposals.versions.conftest import add_rows

pytestmark = pytest.mark.django_db

PART_QUERIES = 9  # one per part read from the database


def test_it_keeps_the_general_fields(full_proposal):
    general = serialize(full_proposal)["general"]
    assert general == {
        "title_th": "ระบบข้อมูลเมืองลำพูน",
        "title_en": "Lamphun city data",
        "kind": "continuing",
        "duration_months": 12,
        "start_month": "2025-10-01",
        "keywords": "เมืองน่าอยู่, GIS",
        "summary_th": "สรุปโครงการ",
        "summary_en": "Summary",
        "reference": "",
        "state": "draft",
    }


def test_it_keeps_the_team_with_roles_effort_and_acceptance(full_proposal):
    team = serialize(full_proposal)["team"]
    lead, member = team
    assert lead["email"] == full_proposal.lead.email
    assert lead["role"] == "lead" and lead["effort_percent"] == "50.00" and lead["accepted"]
    assert set(member) == {"email", "name", "organisation", "role", "effort_percent", "accepted"}
    assert member["organisation"] == "มหาวิทยาลัยเชียงใหม่"
    assert member["role"] == "co_researcher" and member["effort_percent"] == "20.00"


def test_it_keeps_municipalities_and_technologies_with_both_names(full_proposal):
    data = serialize(full_proposal)
    [municipality] = data["municipalities"]
    row = full_proposal.municipalities.get()
    assert municipality == {
        "municipality_id": row.municipality_id,
        "name_th": row.municipality.name_th,
        "name_en": row.municipality.name_en,
        "is_lead": False,
        "role": "จัดหาพื้นที่ทดลอง",
        "contribution_kind": "in_kind",
        "contribution_amount": "50000.00",
    }
    [technology] = data["technologies"]
    assert technology["name_th"].startswith("ระบบข้อมูลเมือง")
    assert technology["planned_use"] == "สำรวจข้อมูลครัวเรือน"
    assert technology["technology_id"] == full_proposal.technologies.get().technology_id


def test_it_keeps_every_section_and_the_work_plan(full_proposal):
    data = serialize(full_proposal)
    assert set(data["sections"]) == set(SectionKey.values)
    assert data["sections"]["method"] == "ข้อความของส่วน method"
    [activity] = data["activities"]
    assert activity["start_month"] == 1 and activity["end_month"] == 6
    assert activity["weight_percent"] == "10.00" and activity["deliverable"] == "รายงาน"


def test_it_keeps_budget_lines_with_category_year_and_amount(full_proposal):
    lines = serialize(full_proposal)["budget_lines"]
    equipment = next(line for line in lines if line["category_code"] == "equipment")
    assert equipment == {
        "id": equipment["id"],
        "category_code": "equipment",
        "category_position": 4,
        "category_name_th": "ค่าครุภัณฑ์",
        "category_name_en": "Equipment",
        "fiscal_year": 2568,
        "description": "เครื่องวัดฝุ่น",
        "quantity": "4.00",
        "unit_cost": "3000.00",
        "amount": "12000.00",
        "specification": "PM2.5",
        "justification": "วัดคุณภาพอากาศ",
    }
    assert [line["fiscal_year"] for line in lines] == [2568, 2569]


def test_it_keeps_contributions_outputs_and_attachments(full_proposal):
    data = serialize(full_proposal)
    [contribution] = data["contributions"]
    assert contribution["indicator_code"] == "KR1.1"
    assert contribution["indicator_name_en"] == "Cities deciding with data"
    assert contribution["fiscal_year"] == 2569 and contribution["target"] == "1.00"
    assert contribution["municipality_id"] == data["municipalities"][0]["municipality_id"]
    assert contribution["means_of_verification"] == "รายงานการประชุม"
    [output] = data["outputs"]
    assert output["output_type_code"] and output["output_type_name_th"]
    assert output["quantity"] == 1 and output["fiscal_year"] == 2569
    [attachment] = data["attachments"]
    assert attachment["original_name"].startswith("ภาคผนวก-")
    assert attachment["size"] == 2048 and attachment["kind_name_en"].startswith("Annex")
    assert "file" not in attachment and attachment["uploaded_at"].startswith("20")


def test_it_is_plain_json(full_proposal):
    data = serialize(full_proposal)
    assert json.loads(json.dumps(data)) == data


@pytest.mark.parametrize("rows", [1, 12])
def test_it_runs_the_same_queries_with_one_row_and_with_many(
    full_proposal, rows, django_assert_num_queries
):
    add_rows(full_proposal, rows - 1)
    with django_assert_num_queries(PART_QUERIES):
        data = serialize(full_proposal)
    assert len(data["budget_lines"]) == rows + 1
    assert len(data["attachments"]) == rows


def test_snapshots_are_numbered_one_after_the_other(full_proposal):
    first = take_snapshot(proposal=full_proposal, actor=full_proposal.lead)
    second = take_snapshot(proposal=full_proposal, actor=full_proposal.lead)
    assert (first.number, second.number) == (1, 2)
    assert second.created_by == full_proposal.lead
    stored = ProposalVersion.objects.get(pk=first.pk)
    assert stored.data == serialize(full_proposal)


def test_numbering_is_per_proposal_and_follows_the_highest(full_proposal):
    other = take_snapshot(proposal=full_proposal, actor=None)
    ProposalVersion.objects.filter(pk=other.pk).update(number=5)
    assert take_snapshot(proposal=full_proposal, actor=None).number == 6
    assert take_snapshot(proposal=ProposalFactory(), actor=None).number == 1


def test_a_snapshot_does_not_change_when_the_proposal_does(full_proposal):
    version = take_snapshot(proposal=full_proposal, actor=full_proposal.lead)
    full_proposal.budget_lines.all().delete()
    version.refresh_from_db()
    assert len(version.data["budget_lines"]) == 2
