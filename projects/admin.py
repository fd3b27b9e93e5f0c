"""Funded projects in the admin, read-only: their states and the KPI ledger change only through
the services of `projects`, so the admin may look but not edit."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin, ReadOnlyInline
from projects.models import (
    ActivityProgress,
    Amendment,
    Award,
    AwardBudget,
    ChangeAttachment,
    ChangePolicy,
    ChangeRequest,
    Contract,
    ContractPolicy,
    ContractTemplate,
    DeliveredOutput,
    IndicatorResult,
    Instalment,
    ProgressReport,
    ResultEvidence,
    Spending,
)


class AwardBudgetInline(ReadOnlyInline):
    model = AwardBudget


@admin.register(Award)
class AwardAdmin(ReadOnlyAdmin):
    list_display = ["contract_number", "proposal", "amount", "starts_on", "ends_on"]
    search_fields = ["contract_number", "proposal__reference"]
    inlines = [AwardBudgetInline]


@admin.register(AwardBudget)
class AwardBudgetAdmin(ReadOnlyAdmin):
    list_display = ["award", "category", "fiscal_year", "amount"]
    search_fields = ["award__contract_number", "award__proposal__reference"]
    list_select_related = ["award", "category", "fiscal_year"]


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


# What a progress report holds, each listed with its report.


class ReportPartAdmin(ReadOnlyAdmin):
    list_filter = ["report__kind", "report__state"]
    search_fields = ["report__proposal__reference"]
    list_select_related = ["report__proposal"]


@admin.register(ActivityProgress)
class ActivityProgressAdmin(ReportPartAdmin):
    list_display = ["report", "activity", "percent"]
    list_select_related = ["report__proposal", "activity"]


@admin.register(Spending)
class SpendingAdmin(ReportPartAdmin):
    list_display = ["report", "category", "amount"]
    list_select_related = ["report__proposal", "category"]


@admin.register(IndicatorResult)
class IndicatorResultAdmin(ReportPartAdmin):
    list_display = ["report", "indicator", "municipality", "value"]
    list_select_related = ["report__proposal", "indicator", "municipality"]


@admin.register(ResultEvidence)
class ResultEvidenceAdmin(ReadOnlyAdmin):
    list_display = ["result", "original_name", "size", "uploaded_by", "uploaded_at"]
    search_fields = ["result__report__proposal__reference", "original_name"]
    list_select_related = ["result__indicator", "uploaded_by"]


@admin.register(DeliveredOutput)
class DeliveredOutputAdmin(ReportPartAdmin):
    list_display = ["report", "output_type", "description", "quantity"]
    list_select_related = ["report__proposal", "output_type"]


@admin.register(ChangeRequest)
class ChangeRequestAdmin(ReadOnlyAdmin):
    list_display = ["proposal", "number", "kind", "state", "submitted_at", "decided_at"]
    list_filter = ["state", "kind"]
    search_fields = ["proposal__reference"]


@admin.register(ChangeAttachment)
class ChangeAttachmentAdmin(ReadOnlyAdmin):
    list_display = ["change", "original_name", "size", "uploaded_at"]
    search_fields = ["change__proposal__reference", "original_name"]


@admin.register(ChangePolicy)
class ChangePolicyAdmin(ReadOnlyAdmin):
    list_display = ["call", "max_extension_months", "max_extensions", "officer_share_percent"]


@admin.register(ContractTemplate)
class ContractTemplateAdmin(ReadOnlyAdmin):
    list_display = ["programme", "version", "saved_at", "saved_by"]
    list_select_related = ["programme", "saved_by"]


@admin.register(ContractPolicy)
class ContractPolicyAdmin(ReadOnlyAdmin):
    list_display = ["call", "required"]


@admin.register(Contract)
class ContractAdmin(ReadOnlyAdmin):
    list_display = ["proposal", "state", "generated_at", "signed_at", "countersigned_at"]
    list_filter = ["state"]
    search_fields = ["proposal__reference"]
    list_select_related = ["proposal"]


@admin.register(Amendment)
class AmendmentAdmin(ReadOnlyAdmin):
    list_display = ["contract", "number", "state", "generated_at", "countersigned_at"]
    list_filter = ["state"]
    search_fields = ["proposal__reference"]
    list_select_related = ["contract__proposal"]
