"""Accounts in the admin: profiles and municipalities are edited here; roles, invitations and
the audit log only read (the app's pages change them, with an audit entry)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from accounts import audit
from accounts.models import AuditEntry, Invitation, Municipality, Organisation, User
from accounts.organisations import services as organisations
from accounts.privacy.models import (
    Consent,
    DataExport,
    ErasureRequest,
    PrivacyNotice,
    RetentionPeriod,
)
from core.admin import ReadOnlyAdmin


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """A person's profile and whether their account is active; their roles (groups, staff and
    superuser status) change only on the app's roles page, which audits them."""

    ordering = ["email"]
    list_display = ["email", "full_name_th", "full_name_en", "organisation", "is_active"]
    search_fields = ["email", "full_name_th", "full_name_en", "organisation"]
    list_filter = ["is_active", "is_staff", "groups"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Profile"),
            {
                "fields": [
                    "full_name_th",
                    "full_name_en",
                    "organisation_record",
                    "phone",
                    "expertise_keywords",
                    "preferred_language",
                ]
            },
        ),
        (_("Roles"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    readonly_fields = ["is_staff", "is_superuser", "groups", "last_login", "date_joined"]
    autocomplete_fields = ["organisation_record"]

    def save_model(self, request, obj, form, change):
        # The text keeps a copy of the record's name, as everywhere (accounts.organisations).
        record = obj.organisation_record
        obj.organisation = record.name if record else ""
        super().save_model(request, obj, form, change)


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name_th", "name_en", "type", "province_th", "region"]
    list_filter = ["type", "region"]
    search_fields = ["name_th", "name_en", "province_th", "province_en"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    """Administrators give organisations their identifiers (org-id) for open data."""

    list_display = ["name", "name_en", "identifier"]
    search_fields = ["name", "name_en", "identifier"]

    def save_model(self, request, obj, form, change):
        # Through the service, so that a new name reaches the people who name it, audited.
        if not change:
            super().save_model(request, obj, form, change)
            audit.record(actor=request.user, action="organisation.added", obj=obj)
            return
        data = {field: form.cleaned_data[field] for field in organisations.EDITABLE_FIELDS}
        organisations.update_organisation(actor=request.user, organisation=obj, data=data)


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    """Invitations are sent and revoked on the app's pages, which audit them."""

    list_display = ["email", "roles", "invited_by", "created_at", "expires_at", "accepted_at"]
    readonly_fields = ["token_hash"]
    search_fields = ["email"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor", "action", "object_repr", "from_state", "to_state"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "comment"]
    list_select_related = ["actor", "content_type"]


@admin.register(PrivacyNotice)
class PrivacyNoticeAdmin(ReadOnlyAdmin):
    """Versions are published on the privacy pages (/privacy/manage/), which audit them."""

    list_display = ["version", "published_at", "published_by"]


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ["user", "notice", "given_at", "context"]
    list_filter = ["context", "notice"]
    search_fields = ["user__email"]
    list_select_related = ["user", "notice"]


@admin.register(DataExport)
class DataExportAdmin(ReadOnlyAdmin):
    """Copies are asked for on the privacy pages, which audit them."""

    list_display = ["subject", "requested_by", "created_at", "state", "size"]
    list_filter = ["state"]
    search_fields = ["subject__email"]
    list_select_related = ["subject", "requested_by"]
    exclude = ["file"]


@admin.register(ErasureRequest)
class ErasureRequestAdmin(ReadOnlyAdmin):
    """Requests are answered on the privacy pages, which audit them."""

    list_display = ["subject", "created_at", "state", "decided_by", "decided_at"]
    list_filter = ["state"]
    list_select_related = ["subject", "decided_by"]


@admin.register(RetentionPeriod)
class RetentionPeriodAdmin(ReadOnlyAdmin):
    """Periods are set on the privacy pages (/privacy/retention/), which audit them."""

    list_display = ["kind", "days", "updated_at", "updated_by"]


# The roles' groups mirror accounts/roles.py and are set again after every migrate, so an edit
# here would be silently undone at the next deploy: the admin only shows them.
admin.site.unregister(Group)


@admin.register(Group)
class RoleGroupAdmin(ReadOnlyAdmin):
    """A role's permissions, as `accounts/roles.py` grants them (change them there)."""

    list_display = ["name"]
    filter_horizontal = ["permissions"]
