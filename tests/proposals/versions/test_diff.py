"""What changed between two snapshots: fields, sections with word marks, rows, totals."""

import copy
from decimal import Decimal

import pytest
from django.utils import translation

from proposals.versions.diff import diff, pair_rows
from proposals.versions.snapshot import serialize

pytestmark = pytest.mark.django_db


@pytest.fixture
def old(full_proposal):
    return serialize(full_proposal)


@pytest.fixture
def new(old):
    return copy.deepcopy(old)


def table(result, key):
    return next(table for table in result.tables if table.key == key)


def general(result, key):
    return next(item for item in result.general if item.key == key)


def test_identical_snapshots_have_no_change(old, new):
    result = diff(old, new)
    assert not result.changed and result.change_count == 0
    assert all(not t.changed for t in result.tables)
    assert table(result, "team").unchanged == 2


def test_a_changed_field_shows_old_and_new(old, new):
    new["general"]["title_en"] = "Lamphun open city data"
    new["general"]["duration_months"] = 18
    result = diff(old, new)
    title = general(result, "title_en")
    assert (title.changed, title.old, title.new) == (
        True,
        "Lamphun city data",
        "Lamphun open city data",
    )
    assert general(result, "duration_months").changed
    assert not general(result, "title_th").changed
    assert result.change_count == 2


def test_labels_and_choices_are_translated_when_shown(old, new):
    new["general"]["kind"] = "new"
    kind = general(diff(old, new), "kind")
    with translation.override("en"):
        assert (str(kind.label), str(kind.old), str(kind.new)) == (
            "type",
            "Continuing project",
            "New project",
        )


def test_a_changed_section_is_marked_word_by_word(old, new):
    old["sections"]["method"] = "สำรวจครัวเรือน 200 หลัง ด้วยแบบสอบถาม"
    new["sections"]["method"] = "สำรวจครัวเรือน 350 หลัง ด้วยแบบสอบถาม"
    method = next(item for item in diff(old, new).sections if item.key == "method")
    assert method.changed
    assert [(s.op, s.text) for s in method.segments] == [
        ("equal", "สำรวจครัวเรือน "),
        ("delete", "200"),
        ("insert", "350"),
        ("equal", " หลัง ด้วยแบบสอบถาม"),
    ]


def test_an_unchanged_section_has_no_marks(old, new):
    problem = next(item for item in diff(old, new).sections if item.key == "problem")
    assert not problem.changed and problem.segments is None


def test_a_budget_line_added_removed_and_changed(old, new):
    lines = new["budget_lines"]
    equipment = next(line for line in lines if line["category_code"] == "equipment")
    materials = next(line for line in lines if line["category_code"] == "materials")
    equipment.update(unit_cost="4500.00", amount="18000.00")
    lines.remove(materials)
    lines.append({**materials, "id": 99999, "description": "ค่าเช่ารถ", "amount": "800.00"})
    budget = table(diff(old, new), "budget_lines")
    statuses = {row.status: row for row in budget.rows}
    assert (budget.added, budget.removed, budget.modified) == (1, 1, 1)
    changed = statuses["changed"]
    assert changed.title == "เครื่องวัดฝุ่น"
    assert [(c.key, c.old, c.new) for c in changed.changed_cells] == [
        ("unit_cost", Decimal("3000"), Decimal("4500")),
        ("amount", Decimal("12000"), Decimal("18000")),
    ]
    assert statuses["added"].title == "ค่าเช่ารถ"
    assert statuses["removed"].title.startswith("วัสดุสำรวจ")


def test_a_budget_line_without_its_id_is_matched_by_category_year_and_description(old, new):
    for line in new["budget_lines"]:
        line["id"] = None
    new["budget_lines"][0]["quantity"] = "5.00"
    budget = table(diff(old, new), "budget_lines")
    assert [row.status for row in budget.rows] == ["changed"]


def test_budget_totals_per_category_old_and_new(old, new):
    equipment = next(line for line in new["budget_lines"] if line["category_code"] == "equipment")
    equipment["amount"] = "18000.00"
    totals = {total.key: total for total in table(diff(old, new), "budget_lines").totals}
    assert list(totals) == ["materials", "equipment", "total"]
    assert (totals["equipment"].old, totals["equipment"].new) == (
        Decimal("12000"),
        Decimal("18000"),
    )
    assert not totals["materials"].changed
    assert (totals["total"].old, totals["total"].new) == (Decimal("15000"), Decimal("21000"))
    with translation.override("th"):
        assert str(totals["equipment"].label) == "ค่าครุภัณฑ์"


def test_a_team_member_added(old, new):
    new["team"].append(
        {
            "email": "Nok@Example.org",
            "name": "นก ใจดี",
            "organisation": "เทศบาลเมืองลำพูน",
            "role": "advisor",
            "effort_percent": "5.00",
            "accepted": False,
        }
    )
    team = table(diff(old, new), "team")
    [row] = team.rows
    assert (row.status, row.title) == ("added", "นก ใจดี")
    with translation.override("en"):
        role = next(cell for cell in row.cells if cell.key == "role")
        assert str(role.new) == "Advisor"


def test_an_indicator_target_changed(old, new):
    new["contributions"][0]["target"] = "3.00"
    contributions = table(diff(old, new), "contributions")
    [row] = contributions.rows
    assert row.status == "changed"
    assert str(row.title).startswith("KR1.1 ")
    assert [(c.key, c.old, c.new) for c in row.changed_cells] == [
        ("target", Decimal("1"), Decimal("3"))
    ]


def test_a_contribution_in_another_year_is_a_new_row(old, new):
    new["contributions"][0]["fiscal_year"] = 2568
    contributions = table(diff(old, new), "contributions")
    assert sorted(row.status for row in contributions.rows) == ["added", "removed"]


def test_rows_of_every_table_are_matched_by_their_natural_key(old, new):
    new["municipalities"][0]["is_lead"] = True
    new["technologies"][0]["planned_use"] = "ใช้วางแผนงบประมาณ"
    new["activities"][0]["end_month"] = 9
    new["outputs"][0]["quantity"] = 2
    new["attachments"][0].update(original_name="ภาคผนวกใหม่.pdf", size=4096)
    result = diff(old, new)
    for key in ("municipalities", "technologies", "activities", "outputs", "attachments"):
        assert [row.status for row in table(result, key).rows] == ["changed"], key
    use = table(result, "technologies").rows[0].changed_cells[0]
    assert use.segments  # a long text gets inline marks


def test_an_older_snapshot_missing_a_part_still_compares(new):
    result = diff({"general": {"title_th": "เดิม"}}, new)
    assert general(result, "title_th").changed
    assert table(result, "team").added == 2


def test_activities_are_matched_by_name_then_position():
    old = [{"name": "ก", "position": 1}, {"name": "ข", "position": 2}, {"name": "ง", "position": 3}]
    new = [{"name": "ข", "position": 1}, {"name": "ค", "position": 3}, {"name": "จ", "position": 4}]
    pairs, removed, added = pair_rows(
        old, new, [lambda row: row["name"], lambda row: row["position"]]
    )
    assert pairs == [(old[1], new[0]), (old[2], new[1])]  # moved; renamed in place
    assert (removed, added) == ([old[0]], [new[2]])
