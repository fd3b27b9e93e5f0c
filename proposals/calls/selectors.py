"""Reads of calls for proposals, each shaped for its page so that lists run a fixed number of
queries whatever the number of calls."""

from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DateTimeField,
    DecimalField,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from proposals.models import (
    BudgetCategory,
    Call,
    CallDocument,
    ConceptSection,
    InstalmentTemplate,
    ProposalStage,
    RequiredAttachment,
    ReviewCriterion,
)

ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=7, decimal_places=2))


def _per_call(model, aggregate, condition=None):
    """A subquery of one aggregate over a call's rows of `model`; cheaper than joining five
    related tables, which would multiply the rows before counting."""
    rows = model.objects.filter(call=OuterRef("pk"))
    if condition is not None:
        rows = rows.filter(condition)
    return Subquery(rows.order_by().values("call").annotate(value=aggregate).values("value"))


def with_readiness(calls):
    """Annotate what publishing checks: criteria and instalment totals, allowed categories and
    their fixed shares, and how many parts of each kind the call has."""
    integer = IntegerField()
    full, concept = Q(stage=ProposalStage.FULL), Q(stage=ProposalStage.CONCEPT)
    return calls.annotate(
        criteria_count=Coalesce(
            _per_call(ReviewCriterion, Count("pk"), full), 0, output_field=integer
        ),
        weight_total=Coalesce(_per_call(ReviewCriterion, Sum("weight"), full), ZERO),
        concept_criteria_count=Coalesce(
            _per_call(ReviewCriterion, Count("pk"), concept), 0, output_field=integer
        ),
        concept_weight_total=Coalesce(_per_call(ReviewCriterion, Sum("weight"), concept), ZERO),
        concept_section_count=Coalesce(
            _per_call(ConceptSection, Count("pk")), 0, output_field=integer
        ),
        instalment_count=Coalesce(
            _per_call(InstalmentTemplate, Count("pk")), 0, output_field=integer
        ),
        instalment_total=Coalesce(_per_call(InstalmentTemplate, Sum("percent")), ZERO),
        category_count=Coalesce(_per_call(BudgetCategory, Count("pk")), 0, output_field=integer),
        allowed_category_count=Coalesce(
            _per_call(BudgetCategory, Count("pk"), Q(allowed=True)), 0, output_field=integer
        ),
        fixed_total=Coalesce(
            _per_call(BudgetCategory, Sum("fixed_percent"), Q(allowed=True)), ZERO
        ),
        attachment_count=Coalesce(
            _per_call(RequiredAttachment, Count("pk")), 0, output_field=integer
        ),
        document_count=Coalesce(_per_call(CallDocument, Count("pk")), 0, output_field=integer),
    )


def _with_state_order(calls, moment):
    """Open calls first (nearest deadline first), then upcoming ones (soonest opening first),
    then closed ones (most recently closed first)."""
    return calls.annotate(
        state_rank=Case(
            When(opens_at__gt=moment, then=Value(1)),
            When(closes_at__lte=moment, then=Value(2)),
            default=Value(0),
            output_field=IntegerField(),
        ),
        next_date=Case(
            When(opens_at__gt=moment, then=F("opens_at")),
            When(closes_at__lte=moment, then=Value(None, output_field=DateTimeField())),
            default=F("closes_at"),
            output_field=DateTimeField(),
        ),
    ).order_by("state_rank", F("next_date").asc(nulls_last=True), "-closes_at", "code")


def public_calls(moment=None):
    """Published calls for the public list: open, then upcoming, then closed; never drafts."""
    moment = moment or timezone.now()
    calls = Call.objects.published().select_related("programme", "fiscal_year")
    return _with_state_order(calls, moment)


def open_calls(moment=None):
    """Calls taking proposals now, the nearest deadline first (the landing page)."""
    return (
        Call.objects.open_at(moment)
        .select_related("programme", "fiscal_year")
        .order_by("closes_at", "code")
    )


def calls_for_management():
    """Every call, drafts included, with the counts and totals the officers' list shows."""
    calls = Call.objects.select_related("programme", "fiscal_year").order_by("-opens_at", "code")
    return with_readiness(calls)


def call_with_parts():
    """Calls with every part the detail page shows, each fetched once."""
    return Call.objects.select_related(
        "programme", "programme__funder", "fiscal_year"
    ).prefetch_related(
        "budget_categories",
        "instalments",
        "criteria",
        "required_attachments",
        "documents",
        "eligibility_questions",
        "concept_sections",
    )


def call_for_editing():
    """Calls with what the edit page reads besides its formsets (which fetch their own rows)."""
    return with_readiness(Call.objects.select_related("programme", "fiscal_year"))
