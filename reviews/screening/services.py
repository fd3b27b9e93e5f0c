"""Writes of the screening: a call's checklist and the officer's verdicts on a proposal.
Each runs in one transaction and leaves one audit entry."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit
from proposals.models import Proposal, ProposalState
from reviews.models import ScreeningCheck, ScreeningItem
from reviews.screening.rules import can_screen

# The readable names of this module's audit actions (registered by the app's extensions.py).
AUDIT_ACTIONS = [
    ("screening.checklist", gettext_lazy("Screening checklist changed"), None),
    ("screening.saved", gettext_lazy("Screening checklist ticked"), None),
]

# The checklist a call starts from when the officer asks for one: (Thai, English).
DEFAULT_ITEMS = [
    (
        "ผู้ยื่นเป็นนักวิจัยของหน่วยงานที่มีสิทธิ์",
        "The applicant is a researcher of an eligible organisation",
    ),
    (
        "เทศบาลภาคีอยู่ในประเภทและภาคที่ประกาศกำหนด",
        "The partner municipalities are of the types and regions the call names",
    ),
    (
        "งบประมาณไม่เกินวงเงินและเป็นไปตามกติกา",
        "The budget is within the ceiling and follows the call's rules",
    ),
    ("เอกสารแนบครบถ้วน", "Every required attachment is provided"),
    (
        "ไม่ซ้ำซ้อนกับโครงการที่ได้รับทุนแล้ว",
        "It does not duplicate a project already funded",
    ),
]


@transaction.atomic
def save_checklist(*, actor, call, formset):
    """Save a valid formset of the call's checklist items (added, edited, reordered,
    removed) and record what changed."""
    formset.save()
    data = {
        "added": len(formset.new_objects),
        "changed": len(formset.changed_objects),
        "removed": len(formset.deleted_objects),
    }
    if any(data.values()):
        audit.record(actor=actor, action="screening.checklist", obj=call, data=data)
    return list(ScreeningItem.objects.filter(call=call))


@transaction.atomic
def add_default_items(*, actor, call):
    """Give a call without a checklist the usual five items. Refused once it has items."""
    if ScreeningItem.objects.filter(call=call).exists():
        raise ValidationError(_("This call already has a checklist; edit its items instead."))
    items = ScreeningItem.objects.bulk_create(
        ScreeningItem(call=call, position=number, text_th=thai, text_en=english)
        for number, (thai, english) in enumerate(DEFAULT_ITEMS, start=1)
    )
    audit.record(actor=actor, action="screening.checklist", obj=call, data={"added": len(items)})
    return items


@transaction.atomic
def save_screening(*, actor, proposal, verdicts):
    """Record the officer's verdicts on `proposal` for its current round. `verdicts` is a
    list of (item, verdict, note); an empty verdict clears the item. Refused unless the
    proposal waits for screening and every item belongs to its call; PermissionDenied unless
    `actor` may screen."""
    if not can_screen(actor):
        raise PermissionDenied
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.state != ProposalState.SUBMITTED:
        raise ValidationError(
            _("Only a submitted proposal is screened; this one is “%(state)s”.")
            % {"state": ProposalState(locked.state).label}
        )
    if any(item.call_id != locked.call_id for item, _verdict, _note in verdicts):
        raise ValidationError(_("An item of another call's checklist was sent."))
    existing = {
        check.item_id: check
        for check in ScreeningCheck.objects.filter(proposal=locked, round=locked.round)
    }
    recorded = {}
    for item, verdict, note in verdicts:
        check = existing.get(item.pk)
        if not verdict:
            if check is not None:
                check.delete()
            continue
        if check is None:
            check = ScreeningCheck(proposal=locked, item=item, round=locked.round)
        check.verdict, check.note, check.checked_by = verdict, note.strip(), actor
        check.save()
        recorded[str(item.pk)] = verdict
    audit.record(
        actor=actor,
        action="screening.saved",
        obj=locked,
        data={"round": locked.round, "verdicts": recorded},
    )
    return locked
