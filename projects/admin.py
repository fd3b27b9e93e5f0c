"""Funded projects in the admin, read-only: their states and the KPI ledger change only through
the services of `projects`, so the admin may look but not edit."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin, ReadOnlyInline
from projects.models import Award, AwardBudget, Instalment, ProgressReport


class AwardBudgetInline(ReadOnlyInline):
    model = AwardBudget


@admin.register(Award)
class AwardAdmin(ReadOnlyAdmin):
    list_display = ["contract_number", "proposal", "amount", "starts_on", "ends_on"]
    search_fields = ["contract_number", "proposal__reference"]
    inlines = [AwardBudgetInline]


@admin.register(Instalment)
class InstalmentAdmin(ReadOnlyAdmin):
    list_display = ["proposal", "number", "amount", "state", "paid_on", "payment_reference"]
    list_filter = ["state"]
    search_fields = ["proposal__reference", "payment_reference"]


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnlyAdmin):
    list_display = ["proposal", "kind", "period_end", "due_on", "state"]
    list_filter = ["state", "kind"]
    search_fields = ["proposal__reference"]
