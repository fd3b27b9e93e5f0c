from django.contrib import admin

from proposals.models import (
    Activity,
    BudgetCategory,
    BudgetLine,
    Call,
    CallDocument,
    ExpectedOutput,
    IndicatorContribution,
    InstalmentTemplate,
    Proposal,
    ProposalAttachment,
    ProposalMunicipality,
    ProposalTechnology,
    ProposalVersion,
    RequiredAttachment,
    ReviewCriterion,
    Section,
    TeamMember,
)


class BudgetCategoryInline(admin.TabularInline):
    model = BudgetCategory
    extra = 0


class InstalmentInline(admin.TabularInline):
    model = InstalmentTemplate
    extra = 0


class ReviewCriterionInline(admin.StackedInline):
    model = ReviewCriterion
    extra = 0


class RequiredAttachmentInline(admin.StackedInline):
    model = RequiredAttachment
    extra = 0


class CallDocumentInline(admin.TabularInline):
    model = CallDocument
    extra = 0


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["code", "title_th", "fiscal_year", "opens_at", "closes_at", "is_published"]
    list_filter = ["is_published", "programme", "fiscal_year"]
    search_fields = ["code", "title_th", "title_en"]
    list_select_related = ["fiscal_year"]
    inlines = [
        BudgetCategoryInline,
        InstalmentInline,
        ReviewCriterionInline,
        RequiredAttachmentInline,
        CallDocumentInline,
    ]


class CallPartAdmin(admin.ModelAdmin):
    list_filter = ["call"]
    list_select_related = ["call"]


@admin.register(BudgetCategory)
class BudgetCategoryAdmin(CallPartAdmin):
    list_display = ["call", "code", "name_th", "allowed", "cap_percent", "fixed_percent"]


@admin.register(InstalmentTemplate)
class InstalmentTemplateAdmin(CallPartAdmin):
    list_display = ["call", "number", "percent", "report_kind"]


@admin.register(ReviewCriterion)
class ReviewCriterionAdmin(CallPartAdmin):
    list_display = ["call", "name_th", "weight", "scale_min", "scale_max"]


@admin.register(RequiredAttachment)
class RequiredAttachmentAdmin(CallPartAdmin):
    list_display = ["call", "name_th", "is_required"]


@admin.register(CallDocument)
class CallDocumentAdmin(CallPartAdmin):
    list_display = ["call", "title_th", "file"]


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    extra = 0
    fields = ["email", "user", "name", "role", "effort_percent", "accepted_at", "declined_at"]
    raw_id_fields = ["user"]


class ProposalMunicipalityInline(admin.TabularInline):
    model = ProposalMunicipality
    extra = 0


class ProposalTechnologyInline(admin.TabularInline):
    model = ProposalTechnology
    extra = 0


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0
    fields = ["key", "text", "version"]


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0
    readonly_fields = ["amount"]


class IndicatorContributionInline(admin.TabularInline):
    model = IndicatorContribution
    extra = 0


class ExpectedOutputInline(admin.TabularInline):
    model = ExpectedOutput
    extra = 0


class ProposalAttachmentInline(admin.TabularInline):
    model = ProposalAttachment
    extra = 0
    readonly_fields = ["original_name", "size", "uploaded_at", "uploaded_by"]


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    """Read and correct data; state changes go through the application's own pages."""

    list_display = ["reference", "title_th", "call", "lead", "state", "round", "submitted_at"]
    list_filter = ["state", "call"]
    search_fields = ["reference", "title_th", "title_en", "lead__email"]
    list_select_related = ["call", "lead"]
    readonly_fields = ["state", "reference", "sequence", "round", "submitted_at", "version"]
    raw_id_fields = ["lead"]
    inlines = [
        TeamMemberInline,
        ProposalMunicipalityInline,
        ProposalTechnologyInline,
        SectionInline,
        ActivityInline,
        BudgetLineInline,
        IndicatorContributionInline,
        ExpectedOutputInline,
        ProposalAttachmentInline,
    ]


@admin.register(ProposalVersion)
class ProposalVersionAdmin(admin.ModelAdmin):
    list_display = ["proposal", "number", "created_at", "created_by"]
    readonly_fields = ["proposal", "number", "created_at", "created_by", "data"]
