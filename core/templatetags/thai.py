"""Template filters of `core.thai`: `thdate`, `thdatetime`, `month_year`, `be_year`, `money`,
`localized` (built in for every template by `settings.TEMPLATES`)."""

from django import template

from core.thai import (
    buddhist_year,
    format_date,
    format_datetime,
    format_money,
    format_month,
    is_thai,
)
from core.thai import localized as localized_field

register = template.Library()


@register.filter
def thdate(value, style="long"):
    return format_date(value, style)


@register.filter
def thdatetime(value, style="long"):
    return format_datetime(value, style)


@register.filter
def month_year(value):
    return format_month(value)


@register.filter
def be_year(value):
    """A Gregorian year (or date) as the year the reader counts in."""
    if value in (None, ""):
        return ""
    year = value.year if hasattr(value, "year") else int(value)
    return buddhist_year(year) if is_thai() else year


@register.filter
def money(value):
    return format_money(value)


@register.filter
def localized(obj, field):
    """`{{ row|localized:"lead_municipality" }}`: `row.lead_municipality_th` for a Thai reader,
    `_en` for the others, the other one when blank (values annotated on a row, which have no
    `bilingual` attribute of their model)."""
    return localized_field(obj, field)
