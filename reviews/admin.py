"""The review work in the admin, read-only: checklists, screening, the reviewer pool,
assignments, reviews with their scores, letters and decisions change only through the services
of `reviews`, which audit every change."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin, ReadOnlyInline
from reviews.models import (
    Assignment,
    Bid,
    CriterionScore,
    Decision,
    DecisionLetterTemplate,
    PanelComment,
    PanelSummary,
    RebuttalAnswer,
    Review,
    ReviewerProfile,
    ScreeningCheck,
    ScreeningItem,
)


@admin.register(ScreeningItem)
class ScreeningItemAdmin(ReadOnlyAdmin):
    list_display = ["call", "position", "text_th", "text_en"]
    list_filter = ["call"]
    search_fields = ["text_th", "text_en", "call__code"]
    list_select_related = ["call"]


@admin.register(ScreeningCheck)
class ScreeningCheckAdmin(ReadOnlyAdmin):
    list_display = ["proposal", "round", "item", "verdict", "checked_by", "checked_at"]
    list_filter = ["verdict", "proposal__call"]
    search_fields = ["proposal__reference", "note"]
    list_select_related = ["proposal", "item", "checked_by"]


@admin.register(ReviewerProfile)
class ReviewerProfileAdmin(ReadOnlyAdmin):
    list_display = ["user", "max_per_call", "is_available"]
    list_filter = ["is_available"]
    search_fields = ["user__email", "user__full_name_th", "user__full_name_en", "keywords_th"]
    list_select_related = ["user"]


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ["proposal", "reviewer", "round", "state", "panel_role", "due_date"]
    list_filter = ["state", "proposal__call"]
    search_fields = ["proposal__reference", "reviewer__email"]
    list_select_related = ["proposal", "reviewer"]


class CriterionScoreInline(ReadOnlyInline):
    model = CriterionScore


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["assignment", "state", "recommendation", "total_score", "submitted_at"]
    list_filter = ["state", "recommendation", "assignment__proposal__call"]
    search_fields = ["assignment__proposal__reference", "assignment__reviewer__email"]
    list_select_related = ["assignment__proposal", "assignment__reviewer"]
    inlines = [CriterionScoreInline]


@admin.register(CriterionScore)
class CriterionScoreAdmin(ReadOnlyAdmin):
    list_display = ["review", "criterion", "score"]
    list_select_related = [
        "review__assignment__proposal",
        "review__assignment__reviewer",
        "criterion",
    ]


@admin.register(DecisionLetterTemplate)
class DecisionLetterTemplateAdmin(ReadOnlyAdmin):
    list_display = ["call"]
    list_select_related = ["call"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["proposal", "round", "outcome", "approved_amount", "decided_by", "decided_at"]
    list_filter = ["outcome", "proposal__call"]
    search_fields = ["proposal__reference", "comment"]
    list_select_related = ["proposal", "decided_by"]


@admin.register(PanelComment)
class PanelCommentAdmin(ReadOnlyAdmin):
    list_display = ["proposal", "round", "author", "created_at"]
    list_filter = ["proposal__call"]
    search_fields = ["proposal__reference", "text"]
    list_select_related = ["proposal", "author"]


@admin.register(Bid)
class BidAdmin(ReadOnlyAdmin):
    list_display = ["proposal", "reviewer", "choice", "updated_at"]
    list_filter = ["choice", "proposal__call"]
    list_select_related = ["proposal", "reviewer"]


@admin.register(RebuttalAnswer)
class RebuttalAnswerAdmin(ReadOnlyAdmin):
    list_display = ["review", "updated_by", "updated_at"]
    list_select_related = ["review", "updated_by"]


@admin.register(PanelSummary)
class PanelSummaryAdmin(ReadOnlyAdmin):
    list_display = ["proposal", "round", "chair", "score", "recommendation", "updated_at"]
    list_filter = ["recommendation", "proposal__call"]
    list_select_related = ["proposal", "chair"]
