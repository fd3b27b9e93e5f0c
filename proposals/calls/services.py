"""Writes that matter for calls for proposals: each one atomic, with one audit entry."""

from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit
from core.hooks import Hook
from core.numbers import number
from proposals.calls import selectors
from proposals.models import (
    DEFAULT_BUDGET_CATEGORIES,
    BudgetCategory,
    Call,
    CallDocument,
    ConceptSection,
    EligibilityQuestion,
    InstalmentTemplate,
    ProgressReportKind,
    ProposalStage,
    RequiredAttachment,
    ReviewCriterion,
)

HUNDRED = Decimal("100")

# The payment plan a new call starts with: share (%) and the report that releases it.
DEFAULT_INSTALMENTS = [
    (1, Decimal("40"), ProgressReportKind.CONTRACT),
    (2, Decimal("40"), ProgressReportKind.MONTH_6),
    (3, Decimal("20"), ProgressReportKind.FINAL),
]

# The parts of a call edited beside its main form, by the related name the audit keeps.
PARTS = {
    "budget_categories": BudgetCategory,
    "instalments": InstalmentTemplate,
    "criteria": ReviewCriterion,
    "required_attachments": RequiredAttachment,
    "documents": CallDocument,
    "eligibility_questions": EligibilityQuestion,
    "concept_sections": ConceptSection,
}


def _field_label(name):
    try:
        return str(Call._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a field removed since the entry was written
        return name


def _describe_change(data):
    names = [_field_label(name) for name in data.get("fields", [])]
    names += [
        str(PARTS[key]._meta.verbose_name_plural) for key in data.get("parts", []) if key in PARTS
    ]
    return _("Changed: %(what)s.") % {"what": ", ".join(names) or "—"}


# The readable names of this module's audit actions (registered by the app's extensions.py).
AUDIT_ACTIONS = [
    ("call.created", gettext_lazy("Call created"), None),
    ("call.changed", gettext_lazy("Call changed"), _describe_change),
    ("call.published", gettext_lazy("Call published"), None),
    ("call.unpublished", gettext_lazy("Call withdrawn from publication"), None),
]


SCORES_GIVEN = Hook(
    "proposals.calls.scores_given",
    "Whether reviewers have submitted scores in a call, whose scoring formula then stays: "
    "fn(call) -> bool.",
)


def scoring_locked(call):
    """Whether a review of `call` is submitted: its total was worked out by the call's
    formula, which therefore no longer changes (the stored totals, the ranking and the
    decisions taken on it keep following it)."""
    return call.pk is not None and any(given(call) for given in SCORES_GIVEN)


FORMULA_LOCKED = gettext_lazy(
    "Reviews of this call are submitted with totals worked out by its formula: the formula "
    "can no longer change."
)


def add_default_parts(call):
    """Give a call the default budget categories and the 40/40/20 instalment plan, keeping any
    it already has (so seeding twice changes nothing)."""
    for position, (code, name_th, name_en, cap, fixed) in enumerate(DEFAULT_BUDGET_CATEGORIES):
        BudgetCategory.objects.get_or_create(
            call=call,
            code=code.value,
            defaults={
                "position": position,
                "name_th": name_th,
                "name_en": name_en,
                "allowed": True,
                "cap_percent": cap,
                "fixed_percent": fixed,
            },
        )
    for instalment_number, percent, report_kind in DEFAULT_INSTALMENTS:
        InstalmentTemplate.objects.get_or_create(
            call=call,
            number=instalment_number,
            defaults={"percent": percent, "report_kind": report_kind},
        )


@transaction.atomic
def create_call(*, actor, data):
    """Create a draft call from validated `data` (the fields of Call), with the default budget
    categories and instalment plan, ready for its criteria and attachments."""
    data = {key: value for key, value in data.items() if key != "is_published"}
    call = Call(**data, is_published=False)
    call.full_clean()
    call.save()
    add_default_parts(call)
    audit.record(actor=actor, action="call.created", obj=call, to_state=call.state)
    return call


@transaction.atomic
def update_call(*, actor, call, data, parts=()):
    """Save the call's fields from validated `data` and the bound, valid formsets of its parts
    (`parts`) together: if any write fails, none is kept."""
    locked = Call.objects.select_for_update().get(pk=call.pk)
    changed = [
        name
        for name, value in data.items()
        if name != "is_published" and getattr(locked, name) != value
    ]
    if "scoring_formula" in changed and scoring_locked(locked):
        raise ValidationError({"scoring_formula": FORMULA_LOCKED})
    for name in changed:
        setattr(locked, name, data[name])
    locked.full_clean()
    locked.save()
    changed_parts = []
    for formset in parts:
        if formset.has_changed():
            changed_parts.append(formset.prefix)
        formset.save()
    _check_cadence(locked)
    if changed or changed_parts:
        audit.record(
            actor=actor,
            action="call.changed",
            obj=locked,
            data={"fields": changed, "parts": changed_parts},
        )
    return locked


def _check_cadence(call):
    """An instalment may not wait on a report the call's schedule never has (a yearly call's
    6-month report): refused on the schedule's field, and the transaction undoes the save."""
    for template in call.instalments.all():
        if not call.reports_scheduled(template.report_kind):
            raise ValidationError(
                {
                    "report_cadence": _(
                        "Instalment %(number)s waits on the %(report)s, which a schedule of "
                        "“%(cadence)s” never has; choose another report for it or another "
                        "schedule."
                    )
                    % {
                        "number": template.number,
                        "report": template.get_report_kind_display(),
                        "cadence": call.get_report_cadence_display(),
                    }
                }
            )


# Said the same way by the edit page and by the refusal to publish.
WEIGHTS_NOT_100 = {
    ProposalStage.FULL: gettext_lazy(
        "The weights of the review criteria add up to %(total)s; they must add up to exactly 100."
    ),
    ProposalStage.CONCEPT: gettext_lazy(
        "The weights of the concepts' review criteria add up to %(total)s; they must add up to "
        "exactly 100."
    ),
}
INSTALMENTS_NOT_100 = gettext_lazy(
    "The instalments add up to %(total)s%%; they must add up to exactly 100%%."
)
FIXED_SHARES_TOO_HIGH = gettext_lazy(
    "The fixed shares of the budget categories add up to %(total)s%%; "
    "they must stay below 100%% to leave room for the rest of the budget."
)


def _concept_problems(call):
    problems = []
    if not call.concept_section_count:
        problems.append(_("Choose the sections of the concept proposal's form."))
    if not call.concept_criteria_count:
        problems.append(_("Add the concepts' review criteria: their weights must add up to 100."))
    elif call.concept_weight_total != HUNDRED:
        total = number(call.concept_weight_total)
        problems.append(WEIGHTS_NOT_100[ProposalStage.CONCEPT] % {"total": total})
    return problems


def publication_problems(call):
    """What stops `call` (annotated by `selectors.with_readiness`) from being published, in
    words an officer can act on; empty when it may be published."""
    problems = []
    if not call.criteria_count:
        problems.append(_("Add the review criteria: their weights must add up to 100."))
    elif call.weight_total != HUNDRED:
        problems.append(WEIGHTS_NOT_100[ProposalStage.FULL] % {"total": number(call.weight_total)})
    if call.has_concept_stage:
        problems += _concept_problems(call)
    if not call.instalment_count:
        problems.append(_("Add the instalments: their shares must add up to 100%."))
    elif call.instalment_total != HUNDRED:
        problems.append(INSTALMENTS_NOT_100 % {"total": number(call.instalment_total)})
    if not call.allowed_category_count:
        problems.append(_("Allow at least one budget category, or applicants cannot budget."))
    elif call.fixed_total >= HUNDRED:
        problems.append(FIXED_SHARES_TOO_HIGH % {"total": number(call.fixed_total)})
    return problems


@transaction.atomic
def publish_call(*, actor, call):
    """Make a call public, once its criteria, instalments and budget rules add up."""
    locked = selectors.with_readiness(Call.objects.select_for_update()).get(pk=call.pk)
    if locked.is_published:
        raise ValidationError(_("This call is already published."))
    problems = publication_problems(locked)
    if problems:
        raise ValidationError(problems)
    before = locked.state
    locked.is_published = True
    locked.save(update_fields=["is_published", "updated_at"])
    audit.record(
        actor=actor, action="call.published", obj=locked, from_state=before, to_state=locked.state
    )
    return locked


@transaction.atomic
def unpublish_call(*, actor, call):
    """Take a call back from the public pages (to correct it, for instance)."""
    locked = Call.objects.select_for_update().get(pk=call.pk)
    if not locked.is_published:
        raise ValidationError(_("This call is not published."))
    before = locked.state
    locked.is_published = False
    locked.save(update_fields=["is_published", "updated_at"])
    audit.record(
        actor=actor,
        action="call.unpublished",
        obj=locked,
        from_state=before,
        to_state=locked.state,
    )
    return locked
