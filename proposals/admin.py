from django.contrib import admin

from proposals.models import (
    BudgetCategory,
    Call,
    CallDocument,
    InstalmentTemplate,
    RequiredAttachment,
    ReviewCriterion,
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
