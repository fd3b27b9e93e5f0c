"""The demo's change requests, made through the real services: the Thung Song project (the
fifth) got a no-cost extension of three months (or to yesterday, when that comes first: the
demo's projects have all ended), approved by the programme's manager on the
officer's recommendation, and asks to move 80,000 baht from services to materials, which the
officer recommended and which now waits for the manager (it moves more than the 10% an officer
approves alone). Idempotent: a project that has change requests is left alone."""

import datetime
from decimal import Decimal

from django.utils import timezone

from projects.changes import checks
from projects.changes import services as change_services
from projects.funding.schedule import add_months
from projects.models import ChangeKind, ChangeRequest

REALLOCATED = Decimal("80000.00")


def seed_changes(*, projects, officer, manager):
    """Add the demo's requests to the fifth project of `projects`; returns them."""
    project = next((p for p in projects if p.reference.endswith("-0005")), None)
    if project is None or ChangeRequest.objects.filter(proposal=project).exists():
        return []
    lead = project.lead
    made = []
    new_end = min(
        add_months(project.award.ends_on, 3), timezone.localdate() - datetime.timedelta(days=1)
    )
    if new_end > project.award.ends_on:
        extension = change_services.start_change(
            proposal=project,
            actor=lead,
            kind=ChangeKind.EXTENSION,
            reason="ฝนตกหนักต่อเนื่องทำให้การสำรวจขยะภาคสนามในเทศบาลเมืองชุมพรล่าช้า ขอขยายเวลา",
            new_ends_on=new_end,
        )
        change_services.submit_change(change=extension, actor=lead)
        change_services.recommend_change(
            change=extension, actor=officer, comment="เหตุผลเพียงพอ ไม่ต้องใช้งบประมาณเพิ่ม"
        )
        made.append(change_services.approve_change(change=extension, actor=manager))
    grid = checks.approved_grid(project.award)
    codes = {category.pk: category.code for category in project.call.budget_categories.all()}
    moved = {}
    for (category, year), amount in grid.items():
        if codes[category] == "services":
            amount -= REALLOCATED
        elif codes[category] == "materials":
            amount += REALLOCATED
        moved[checks.cell_key(category, year)] = amount
    reallocation = change_services.start_change(
        proposal=project,
        actor=lead,
        kind=ChangeKind.BUDGET,
        reason="ย้ายงบค่าจัดประชุมไปเป็นค่าวัสดุสำรวจ เพราะจัดประชุมออนไลน์ได้และต้องซื้อถังคัดแยกขยะเพิ่ม",
        budget=moved,
    )
    change_services.submit_change(change=reallocation, actor=lead)
    change_services.recommend_change(
        change=reallocation, actor=officer, comment="ยอดรวมคงเดิม เสนอผู้จัดการแผนงานพิจารณา"
    )
    return [*made, reallocation]
