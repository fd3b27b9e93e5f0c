"""The programme framework in the admin. Funders, strategies, fiscal years and programmes are
edited here; objectives, indicators, targets, technologies and output types only read: the
framework's pages and its Excel import change them, with an audit entry."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin, ReadOnlyInline
from indicators.models import (
    FiscalYear,
    Funder,
    Indicator,
    IndicatorTarget,
    Objective,
    OutputType,
    Programme,
    Strategy,
    Technology,
)


@admin.register(Funder)
class FunderAdmin(admin.ModelAdmin):
    list_display = ["name_th", "name_en", "abbr_th", "abbr_en"]


@admin.register(Strategy)
class StrategyAdmin(admin.ModelAdmin):
    list_display = ["name_th", "name_en", "funder"]


@admin.register(FiscalYear)
class FiscalYearAdmin(admin.ModelAdmin):
    list_display = ["year_be", "starts_on", "ends_on"]


class ObjectiveInline(ReadOnlyInline):
    model = Objective
    fields = ["code", "position", "name_th", "name_en"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "funder"]
    filter_horizontal = ["fiscal_years", "managers"]
    inlines = [ObjectiveInline]


class TargetInline(ReadOnlyInline):
    model = IndicatorTarget


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_th", "programme", "objective", "value_type", "aggregation"]
    list_filter = ["programme", "value_type", "aggregation", "direction", "per_municipality"]
    search_fields = ["code", "name_th", "name_en"]
    list_select_related = ["programme", "objective"]
    inlines = [TargetInline]


@admin.register(IndicatorTarget)
class IndicatorTargetAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "fiscal_year", "value"]
    list_filter = ["indicator__programme", "fiscal_year"]
    list_select_related = ["indicator", "fiscal_year"]


@admin.register(Objective)
class ObjectiveAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_th", "programme", "position"]
    list_filter = ["programme"]


@admin.register(Technology)
class TechnologyAdmin(ReadOnlyAdmin):
    list_display = ["name_th", "name_en", "kind", "is_active"]
    list_filter = ["kind", "is_active"]


@admin.register(OutputType)
class OutputTypeAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_th", "name_en", "position", "is_active"]
