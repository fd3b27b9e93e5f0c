"""Calls and proposals in the admin, read-only: their parts, states and versions change on the
app's pages, through the services that audit every change."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin, ReadOnlyInline, ReadOnlyStackedInline
from proposals.models import (
    Activity,
    BudgetCategory,
    BudgetLine,
    Call,
    CallDocument,
    ConceptSection,
    EligibilityQuestion,
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


class BudgetCategoryInline(ReadOnlyInline):
    model = BudgetCategory


class InstalmentInline(ReadOnlyInline):
    model = InstalmentTemplate


class ReviewCriterionInline(ReadOnlyStackedInline):
    model = ReviewCriterion


class RequiredAttachmentInline(ReadOnlyStackedInline):
    model = RequiredAttachment


class CallDocumentInline(ReadOnlyInline):
    model = CallDocument


class EligibilityQuestionInline(ReadOnlyStackedInline):
    model = EligibilityQuestion


class ConceptSectionInline(ReadOnlyInline):
    model = ConceptSection


@admin.register(Call)
class CallAdmin(ReadOnlyAdmin):
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
        EligibilityQuestionInline,
        ConceptSectionInline,
    ]


class CallPartAdmin(ReadOnlyAdmin):
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


class TeamMemberInline(ReadOnlyInline):
    model = TeamMember
    fields = ["email", "user", "name", "role", "effort_percent", "accepted_at", "declined_at"]


class ProposalMunicipalityInline(ReadOnlyInline):
    model = ProposalMunicipality


class ProposalTechnologyInline(ReadOnlyInline):
    model = ProposalTechnology


class SectionInline(ReadOnlyStackedInline):
    model = Section
    fields = ["key", "text", "version"]


class ActivityInline(ReadOnlyInline):
    model = Activity


class BudgetLineInline(ReadOnlyInline):
    model = BudgetLine


class IndicatorContributionInline(ReadOnlyInline):
    model = IndicatorContribution


class ExpectedOutputInline(ReadOnlyInline):
    model = ExpectedOutput


class ProposalAttachmentInline(ReadOnlyInline):
    model = ProposalAttachment


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ["reference", "title_th", "call", "lead", "state", "round", "submitted_at"]
    list_filter = ["state", "call"]
    search_fields = ["reference", "title_th", "title_en", "lead__email"]
    list_select_related = ["call", "lead"]
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
class ProposalVersionAdmin(ReadOnlyAdmin):
    list_display = ["proposal", "number", "created_at", "created_by"]
