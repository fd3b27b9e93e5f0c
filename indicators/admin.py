from django.contrib import admin

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


class ObjectiveInline(admin.TabularInline):
    model = Objective
    extra = 0
    fields = ["code", "position", "name_th", "name_en"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "funder"]
    filter_horizontal = ["fiscal_years", "managers"]
    inlines = [ObjectiveInline]


class TargetInline(admin.TabularInline):
    model = IndicatorTarget
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "programme", "objective", "value_type", "aggregation"]
    list_filter = ["programme", "value_type", "aggregation", "direction", "per_municipality"]
    search_fields = ["code", "name_th", "name_en"]
    list_select_related = ["programme", "objective"]
    filter_horizontal = ["dimensions", "technologies"]
    inlines = [TargetInline]


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "programme", "position"]
    list_filter = ["programme"]


@admin.register(Technology)
class TechnologyAdmin(admin.ModelAdmin):
    list_display = ["name_th", "name_en", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    filter_horizontal = ["dimensions"]


@admin.register(OutputType)
class OutputTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en", "position", "is_active"]
    list_editable = ["position", "is_active"]
