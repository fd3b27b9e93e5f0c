"""Admin pages that may look but not change: for records whose changes must go through a
service that checks, locks and writes the audit log."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class _ReadOnlyInlineMixin:
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(_ReadOnlyInlineMixin, admin.TabularInline):
    pass


class ReadOnlyStackedInline(_ReadOnlyInlineMixin, admin.StackedInline):
    pass
