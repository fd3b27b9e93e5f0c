"""The arithmetic of a proposal's budget, in one place: the amount it requests (the register,
the reviews, the decisions and their documents) and its checks against the call's rules (the
editing page shows them as warnings, the completeness check refuses submission on them)."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import DecimalField, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Cast, Coalesce
from django.utils.translation import gettext as _

from core.compiled import CompiledRead
from core.numbers import CENT, number
from core.thai import format_money
from proposals.models import BudgetCategory, BudgetLine, Proposal

ZERO = Decimal("0")
HUNDRED = Decimal("100")
MONEY = DecimalField(max_digits=15, decimal_places=2)


def with_requested_amount(proposals):
    """`proposals` annotated with `requested_amount`: what each asks for, the grand total of
    its budget lines (0 without any). One subquery."""
    total = (
        BudgetLine.objects.filter(proposal=OuterRef("pk"))
        .order_by()
        .values("proposal")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return proposals.annotate(
        requested_amount=Coalesce(
            Subquery(total, output_field=MONEY), Value(ZERO), output_field=MONEY
        )
    )


def requested_amounts(proposals):
    """{proposal pk: requested amount} of `proposals` (see `with_requested_amount`): one
    query."""
    return dict(with_requested_amount(proposals.order_by()).values_list("pk", "requested_amount"))


def requested_amount(proposal):
    """What `proposal` asks for (see `with_requested_amount`): one query."""
    return requested_amounts(Proposal.objects.filter(pk=proposal.pk))[proposal.pk]


class BreachCode:
    """What a breach is about; the completeness check may point each to its page."""

    OVER_CAP = "over_cap"
    FIXED_SHARE = "fixed_share"
    OVER_CEILING = "over_ceiling"
    NOT_ALLOWED = "category_not_allowed"


@dataclass
class Breach:
    """One broken budget rule: a `code` of BreachCode, a translated `message`, and the
    category concerned (None for the proposal's total)."""

    code: str
    message: str
    category: object = None


@dataclass
class BudgetRow:
    """One category: its amount per fiscal year (aligned with BudgetSummary.years), its total,
    its share of the grand total (%, two places; None while the total is 0) and its rule."""

    category: object
    amounts: list
    total: Decimal
    share: Decimal | None
    over_cap: bool = False
    off_fixed: bool = False


@dataclass
class BudgetSummary:
    """A proposal's budget: category × fiscal year.

    `years` are the fiscal years (B.E.) that have lines, in order; `rows` one BudgetRow per
    category of the call that is allowed or has lines, in the call's order;
    `category_totals` and `shares` map a category's code to its total and its share (%);
    `year_totals` maps a year (B.E.) to its total; `breaches` lists the broken rules."""

    years: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    category_totals: dict = field(default_factory=dict)
    year_totals: dict = field(default_factory=dict)
    shares: dict = field(default_factory=dict)
    grand_total: Decimal = ZERO
    ceiling: Decimal | None = None
    breaches: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.breaches

    @property
    def year_total_list(self):
        """The year totals in the order of `years` (for tables)."""
        return [self.year_totals[year] for year in self.years]


def _percent(value):
    return (value * HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def _breaches(rows, grand_total, ceiling):
    breaches = []
    for row in rows:
        category = row.category
        if row.total and not category.allowed:
            breaches.append(
                Breach(
                    BreachCode.NOT_ALLOWED,
                    _("The call no longer allows the category “%(category)s”: move its lines.")
                    % {"category": category.name},
                    category,
                )
            )
        if not grand_total:
            continue
        if category.cap_percent is not None and row.total * HUNDRED > (
            category.cap_percent * grand_total
        ):
            row.over_cap = True
            breaches.append(
                Breach(
                    BreachCode.OVER_CAP,
                    _(
                        "“%(category)s” is %(share)s%% of the total; the call allows at most "
                        "%(cap)s%%."
                    )
                    % {
                        "category": category.name,
                        "share": number(row.share),
                        "cap": number(category.cap_percent),
                    },
                    category,
                )
            )
        if category.fixed_percent is not None:
            expected = grand_total * category.fixed_percent / HUNDRED
            if abs(row.total - expected) > CENT:
                row.off_fixed = True
                breaches.append(
                    Breach(
                        BreachCode.FIXED_SHARE,
                        _(
                            "“%(category)s” must be exactly %(fixed)s%% of the total, i.e. "
                            "%(expected)s baht; it is %(amount)s baht."
                        )
                        % {
                            "category": category.name,
                            "fixed": number(category.fixed_percent),
                            "expected": format_money(expected),
                            "amount": format_money(row.total),
                        },
                        category,
                    )
                )
    if ceiling is not None and grand_total > ceiling:
        breaches.append(
            Breach(
                BreachCode.OVER_CEILING,
                _("The total of %(total)s baht exceeds the call's ceiling of %(ceiling)s baht.")
                % {"total": format_money(grand_total), "ceiling": format_money(ceiling)},
            )
        )
    return breaches


def budget_matrices(lines):
    """{proposal pk: {(category pk, fiscal year B.E.): amount}} of the BudgetLine queryset
    `lines`, summed in ONE query, so that an export summarises many proposals at once."""
    cells = (
        lines.order_by()
        .values("proposal", "category", "fiscal_year__year_be")
        .annotate(amount=Sum("amount"))
    )
    matrices = {}
    for cell in cells:
        matrix = matrices.setdefault(cell["proposal"], {})
        key = (cell["category"], cell["fiscal_year__year_be"])
        matrix[key] = matrix.get(key, ZERO) + (cell["amount"] or ZERO)
    return matrices


_CATEGORY_COLUMNS = [field.attname for field in BudgetCategory._meta.concrete_fields]


def _categories_and_sums(call_pk, proposal_pk):
    """The call's categories' columns with no year and no amount, UNION ALL the proposal's
    sums by category (its columns) and fiscal year."""
    categories = (
        BudgetCategory.objects.filter(call_id=call_pk)
        .order_by()
        .annotate(year=Cast(Value(None), IntegerField()), total=Cast(Value(None), MONEY))
        .values_list(*_CATEGORY_COLUMNS, "year", "total")
    )
    joined = [f"category__{field.name}" for field in BudgetCategory._meta.concrete_fields]
    sums = (
        BudgetLine.objects.filter(proposal_id=proposal_pk)
        .order_by()
        .values(*joined, "fiscal_year__year_be")
        .annotate(total=Sum("amount"))
        .values_list(*joined, "fiscal_year__year_be", "total")
    )
    return categories.union(sums, all=True)


# Compiled once (core.compiled): the union cost more to compile than to run.
_categories_and_sums_read = CompiledRead(_categories_and_sums)


def categories_and_matrix(proposal):
    """The categories of `proposal`'s call and its matrix (see `budget_matrices`) in ONE
    query: the categories UNION ALL the sums of the lines by category and fiscal year (each
    sum's row carries its category's columns too, so both halves have the same columns; a
    category's own row has no year and no amount)."""
    found, matrix = [], {}
    for *row, year, total in _categories_and_sums_read(proposal.call_id, proposal.pk):
        if year is None:
            found.append(BudgetCategory(**dict(zip(_CATEGORY_COLUMNS, row, strict=True))))
        else:
            key = (row[0], year)
            matrix[key] = matrix.get(key, ZERO) + (total or ZERO)
    return found, matrix


def budget_summary(proposal, matrix=None):
    """Sum `proposal`'s budget lines by category and fiscal year and check them against its
    call's rules: each category's cap (% of the total), each fixed share (% of the total,
    equal to within one satang) and the ceiling per proposal; lines in a category the call no
    longer allows are a breach too. Returns a BudgetSummary (see there).

    Runs one query: the call's categories with the proposal's sums (`categories_and_matrix`),
    or the sums alone when the call's `budget_categories` are already loaded (as
    `proposals.editing.selectors.proposal_for_editing()` does); `matrix`, from
    `budget_matrices`, saves the sums' query."""
    call = proposal.call
    if matrix is None and "budget_categories" not in getattr(call, "_prefetched_objects_cache", {}):
        categories, matrix = categories_and_matrix(proposal)
    else:
        categories = call.budget_categories.all()
        if matrix is None:
            lines = BudgetLine.objects.filter(proposal=proposal)
            matrix = budget_matrices(lines).get(proposal.pk, {})
    categories = sorted(categories, key=lambda c: (c.position, c.code))
    years = sorted({year for _category, year in matrix})
    summary = BudgetSummary(years=years, ceiling=proposal.call.ceiling_per_proposal)
    summary.grand_total = sum(matrix.values(), ZERO)
    summary.year_totals = {
        year: sum((v for (_c, y), v in matrix.items() if y == year), ZERO) for year in years
    }
    for category in categories:
        amounts = [matrix.get((category.pk, year), ZERO) for year in years]
        total = sum(amounts, ZERO)
        if not (category.allowed or total):
            continue
        share = _percent(total / summary.grand_total) if summary.grand_total else None
        summary.rows.append(BudgetRow(category, amounts, total, share))
        summary.category_totals[category.code] = total
        summary.shares[category.code] = share
    summary.breaches = _breaches(summary.rows, summary.grand_total, summary.ceiling)
    return summary
