"""How each table part of a snapshot is compared: how rows are matched, which columns are
shown and how a row is named. Labels are lazy (translated when the page renders)."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext_lazy as _

from core.thai import in_language
from proposals.models import (
    Activity,
    BudgetLine,
    ContributionKind,
    ExpectedOutput,
    IndicatorContribution,
    ProposalAttachment,
    ProposalMunicipality,
    ProposalTechnology,
    TeamMember,
    TeamRole,
)


@dataclass(frozen=True)
class Bilingual:
    """A name kept in both languages, shown in the reader's: Thai first, falling back to the
    other language when one is blank. `prefix` (a code) goes before it."""

    th: str
    en: str
    prefix: str = ""

    def __str__(self):
        return f"{self.prefix} {in_language(self.th, self.en)}".strip()


@dataclass(frozen=True)
class Column:
    key: str
    label: Any
    kind: str  # text, long, money, decimal, number, bool, choice, date, datetime, size, name
    get: Callable  # row → the raw value compared
    show: Callable | None = None  # raw value → what the page shows


@dataclass(frozen=True)
class TableSpec:
    key: str
    label: Any
    keys: list  # row → natural key, tried in turn to match old rows to new ones
    title: Callable  # row → how the row is named on the page
    columns: list


def _verbose(model, name):
    return model._meta.get_field(name).verbose_name


def _plural(model):
    return model._meta.verbose_name_plural


def value(key):
    return lambda row: row.get(key)


def number(key):
    """A Decimal kept as a string, compared as a number (so 50 and 50.00 are the same)."""

    def get(row):
        raw = row.get(key)
        if raw in (None, ""):
            return None
        try:
            return Decimal(str(raw))
        except (InvalidOperation, ValueError):
            return raw

    return get


def name(prefix, code=None):
    """Both names of something (None when it has none), with its code in front if given."""

    def get(row):
        thai, english = row.get(f"{prefix}_th") or "", row.get(f"{prefix}_en") or ""
        if not (thai or english):
            return None
        return Bilingual(thai, english, str(row.get(code) or "") if code else "")

    return get


def choice(choices):
    return lambda raw: choices(raw).label if raw in choices.values else raw


def _datetime(raw):
    try:
        return datetime.datetime.fromisoformat(raw)
    except (TypeError, ValueError):
        return raw


def col(model, field, kind, get=None, show=None, label=None):
    return Column(field, label or _verbose(model, field), kind, get or value(field), show)


def lower(key):
    return lambda row: (row.get(key) or "").strip().lower() or None


def fields(*keys):
    return lambda row: tuple(row.get(key) for key in keys)


TEAM = TableSpec(
    key="team",
    label=_plural(TeamMember),
    keys=[lower("email")],
    title=lambda row: row.get("name") or row.get("email"),
    columns=[
        col(TeamMember, "email", "text"),
        col(TeamMember, "name", "text"),
        col(TeamMember, "organisation", "text"),
        col(TeamMember, "role", "choice", show=choice(TeamRole)),
        col(TeamMember, "effort_percent", "decimal", get=number("effort_percent")),
        Column("accepted", _("Accepted the invitation"), "bool", value("accepted")),
    ],
)

MUNICIPALITIES = TableSpec(
    key="municipalities",
    label=_plural(ProposalMunicipality),
    keys=[value("municipality_id")],
    title=name("name"),
    columns=[
        col(ProposalMunicipality, "municipality", "name", get=name("name")),
        col(ProposalMunicipality, "is_lead", "bool"),
        col(ProposalMunicipality, "role", "long"),
        col(ProposalMunicipality, "contribution_kind", "choice", show=choice(ContributionKind)),
        col(
            ProposalMunicipality,
            "contribution_amount",
            "money",
            get=number("contribution_amount"),
        ),
    ],
)

TECHNOLOGIES = TableSpec(
    key="technologies",
    label=_plural(ProposalTechnology),
    keys=[value("technology_id")],
    title=name("name"),
    columns=[
        col(ProposalTechnology, "technology", "name", get=name("name")),
        col(ProposalTechnology, "planned_use", "long"),
    ],
)

ACTIVITIES = TableSpec(
    key="activities",
    label=_("Work plan"),
    keys=[value("name"), value("position")],
    title=value("name"),
    columns=[
        col(Activity, "position", "number"),
        col(Activity, "name", "text"),
        col(Activity, "start_month", "number"),
        col(Activity, "end_month", "number"),
        col(Activity, "deliverable", "text"),
        col(Activity, "weight_percent", "decimal", get=number("weight_percent")),
    ],
)

BUDGET = TableSpec(
    key="budget_lines",
    label=_plural(BudgetLine),
    keys=[value("id"), fields("category_code", "fiscal_year", "description")],
    title=value("description"),
    columns=[
        col(BudgetLine, "category", "name", get=name("category_name")),
        col(BudgetLine, "fiscal_year", "number"),
        col(BudgetLine, "description", "text"),
        col(BudgetLine, "quantity", "decimal", get=number("quantity")),
        col(BudgetLine, "unit_cost", "money", get=number("unit_cost")),
        col(BudgetLine, "amount", "money", get=number("amount")),
        col(BudgetLine, "specification", "long"),
        col(BudgetLine, "justification", "long"),
    ],
)

CONTRIBUTIONS = TableSpec(
    key="contributions",
    label=_plural(IndicatorContribution),
    keys=[fields("indicator_code", "fiscal_year", "municipality_id")],
    title=name("indicator_name", "indicator_code"),
    columns=[
        col(
            IndicatorContribution,
            "indicator",
            "name",
            get=name("indicator_name", "indicator_code"),
        ),
        col(IndicatorContribution, "fiscal_year", "number"),
        col(IndicatorContribution, "municipality", "name", get=name("municipality_name")),
        col(IndicatorContribution, "target", "decimal", get=number("target")),
        col(IndicatorContribution, "means_of_verification", "long"),
    ],
)

OUTPUTS = TableSpec(
    key="outputs",
    label=_plural(ExpectedOutput),
    keys=[fields("output_type_code", "fiscal_year", "description")],
    title=value("description"),
    columns=[
        col(ExpectedOutput, "output_type", "name", get=name("output_type_name")),
        col(ExpectedOutput, "description", "text"),
        col(ExpectedOutput, "quantity", "number"),
        col(ExpectedOutput, "fiscal_year", "number"),
    ],
)

ATTACHMENTS = TableSpec(
    key="attachments",
    label=_plural(ProposalAttachment),
    keys=[value("kind_id")],
    title=name("kind_name"),
    columns=[
        col(ProposalAttachment, "kind", "name", get=name("kind_name")),
        col(ProposalAttachment, "original_name", "text"),
        col(ProposalAttachment, "size", "size"),
        col(ProposalAttachment, "uploaded_at", "datetime", show=_datetime),
    ],
)


# In the order the compare page shows them.
TABLES = [
    TEAM,
    MUNICIPALITIES,
    TECHNOLOGIES,
    ACTIVITIES,
    BUDGET,
    CONTRIBUTIONS,
    OUTPUTS,
    ATTACHMENTS,
]
