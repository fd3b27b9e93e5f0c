import hashlib

from django.conf import settings
from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    PermissionsMixin,
)
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from accounts import perms
from accounts.access import access_rows
from accounts.roles import MFA_ROLES, STAFF_ROLES, Role
from core.thai import bilingual, is_thai, localized


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person: applicant, officer, reviewer, manager or administrator, by the groups held."""

    email = models.EmailField(_("email address"), unique=True)
    full_name_th = models.CharField(_("full name (Thai)"), max_length=200, blank=True)
    full_name_en = models.CharField(_("full name (English)"), max_length=200, blank=True)
    # How a letter addresses the person (เรียน ผศ.ดร.สมชาย …): a courtesy or academic title.
    honorific_th = models.CharField(
        _("title before the name (Thai)"),
        max_length=100,
        blank=True,
        help_text=_("As a letter addresses you, e.g. นาย, นางสาว, ดร., ผู้ช่วยศาสตราจารย์ ดร."),
    )
    honorific_en = models.CharField(
        _("title before the name (English)"),
        max_length=100,
        blank=True,
        help_text=_("As a letter addresses you, e.g. Mr, Ms, Dr, Assoc. Prof. Dr"),
    )
    # The organisation is the record below (chosen from the listed ones, or added); this text
    # keeps a copy of its name, followed when the record is renamed (accounts.organisations).
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    organisation_record = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("organisation record"),
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    expertise_keywords = models.TextField(
        _("expertise keywords"),
        blank=True,
        help_text=_("Comma-separated, in Thai and/or English, e.g. GIS, ผังเมือง, city fund."),
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, blank=True
    )
    # Set only by signing in through ORCID (accounts.adapters), so it is the person's own.
    orcid = models.CharField(_("ORCID iD"), max_length=19, blank=True, editable=False)
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        permissions = [
            ("invite_user", _("Can invite users")),
            ("assign_roles", _("Can assign roles")),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return localized(self, "full_name") or self.email

    @property
    def formal_name(self):
        """The name with its title, as a letter's เรียน / Dear line says it: a Thai title is
        written against the name (นายสมชาย, ผศ.ดร.สมชาย), an English one before it."""
        if is_thai() and self.full_name_th:
            return f"{self.honorific_th}{self.full_name_th}"
        name = self.full_name_en or self.full_name_th
        if not name:
            return self.email
        title = self.honorific_en if self.full_name_en else self.honorific_th
        return f"{title} {name}".strip() if self.full_name_en else f"{title}{name}"

    def get_full_name(self):
        return self.display_name

    def get_short_name(self):
        return self.display_name

    @property
    def orcid_url(self):
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""

    @property
    def keywords(self):
        return [word.strip() for word in self.expertise_keywords.split(",") if word.strip()]

    @cached_property
    def role_names(self):
        """The roles this person holds, read once per request (with the permissions and the
        managed programmes: `load_access`)."""
        return self.load_access()

    @cached_property
    def managed_programme_ids(self):
        """The pks of the programmes this person manages, read with the roles."""
        self.load_access()
        return self.__dict__["managed_programme_ids"]

    @cached_property
    def unread_notification_count(self):
        """How many notifications this person has not read (the bell), read with the roles
        when they are; `mark_read` forgets it."""
        if "role_names" not in self.__dict__ and self.pk:
            self.load_access()
            return self.__dict__["unread_notification_count"]
        return Notification.objects.filter(recipient=self, read_at__isnull=True).count()

    def manages(self, programme_id):
        """Whether this person is a manager of the programme `programme_id` (no query once the
        roles are read)."""
        return programme_id in self.managed_programme_ids

    def load_access(self):
        """Read in one query what a page asks of this person again and again: the roles, the
        permissions (the sign-in backend's cache, `_perm_cache`), the programmes managed and
        the number of unread notifications;
        keep them on this object (one request's user) and return the roles."""
        if not self.pk:
            self.__dict__["managed_programme_ids"] = frozenset()
            return frozenset()
        roles, permissions, managed = set(), set(), set()
        for source, name, app_label, codename in access_rows(self):
            if source == "group":
                roles.add(name)
            elif source == "programme":
                managed.add(int(name))
            elif source == "unread":
                self.__dict__["unread_notification_count"] = int(name or 0)
            if codename:
                permissions.add(f"{app_label}.{codename}")
        if not self.is_superuser:  # a superuser holds every permission (ModelBackend)
            self._perm_cache = permissions
        self.__dict__["managed_programme_ids"] = frozenset(managed)
        self.__dict__["role_names"] = frozenset(Role(n) for n in roles if n in Role.values)
        return self.__dict__["role_names"]

    def has_role(self, role):
        return self.is_active and role in self.role_names

    def has_perm(self, perm, obj=None):
        return perms.has_perm(self, perm, obj)

    @property
    def holds_staff_role(self):
        return bool(self.role_names & STAFF_ROLES)

    @property
    def needs_second_factor(self):
        """Whether MFA_REQUIRED_FOR_STAFF asks this person for TOTP (accounts.middleware)."""
        return bool(self.role_names & MFA_ROLES)


class Region(models.TextChoices):
    NORTH = "north", _("North")
    NORTHEAST = "northeast", _("Northeast")
    CENTRAL = "central", _("Central")
    EAST = "east", _("East")
    WEST = "west", _("West")
    SOUTH = "south", _("South")


class MunicipalityType(models.TextChoices):
    TOWN = "town", _("Town municipality")
    CITY = "city", _("City municipality")


class Municipality(models.Model):
    name_th = models.CharField(_("name (Thai)"), max_length=200, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    type = models.CharField(_("type"), max_length=10, choices=MunicipalityType.choices)
    province_th = models.CharField(_("province (Thai)"), max_length=100)
    province_en = models.CharField(_("province (English)"), max_length=100)
    region = models.CharField(_("region"), max_length=12, choices=Region.choices)
    # Where it is (accounts/data/README.md): the province's DOPA code (ISO 3166-2 "TH-" + code)
    # and a point at the town's centre, for the portfolio's map and open data.
    province_code = models.CharField(_("province code"), max_length=2, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name_th"]

    def __str__(self):
        return self.name

    name = bilingual("name")

    province = bilingual("province")


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationState(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


class Invitation(models.Model):
    """An email invitation with chosen roles; its link lets the person set a password once."""

    email = models.EmailField(_("email address"))
    roles = models.JSONField(_("roles"), default=list)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations_sent",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    accepted_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    @property
    def state(self):
        if self.accepted_at:
            return InvitationState.ACCEPTED
        if self.revoked_at:
            return InvitationState.REVOKED
        if self.expires_at <= timezone.now():
            return InvitationState.EXPIRED
        return InvitationState.PENDING

    def get_state_display(self):
        return self.state.label

    @property
    def role_labels(self):
        return [Role(name).label for name in self.roles if name in Role.values]


class AuditEntry(models.Model):
    """Who did what to which object and when; state changes keep the old and new state."""

    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    action = models.CharField(_("action"), max_length=64)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("object"), max_length=255)
    from_state = models.CharField(_("from"), max_length=32, blank=True)
    to_state = models.CharField(_("to"), max_length=32, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]

    def __str__(self):
        return f"{self.action} {self.object_repr}"


# Models of the feature folders, loaded with the app's own.
from accounts.notifications.models import Notification  # noqa: E402
from accounts.organisations.models import Organisation  # noqa: E402, F401
from accounts.privacy.models import Consent, PrivacyNotice  # noqa: E402, F401


class MessageTemplate(models.Model):
    """A programme's own text of one kind of message (accounts.notifications.kinds), in Thai
    and English, replacing the system's default; with a call, that call's own text; with
    neither, the site's text of a kind that belongs to no programme (edited by administrators)."""

    kind = models.CharField(_("message"), max_length=80)
    programme = models.ForeignKey(
        "indicators.Programme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="message_templates",
        verbose_name=_("programme"),
    )
    call = models.ForeignKey(
        "proposals.Call",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="message_templates",
        verbose_name=_("call"),
    )
    title_th = models.CharField(_("title (Thai)"), max_length=300)
    body_th = models.TextField(_("message (Thai)"), blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300)
    body_en = models.TextField(_("message (English)"), blank=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "programme", "call"],
                name="one_message_template_per_call",
            ),
            # NULLs are distinct in the constraint above: one site text per kind.
            models.UniqueConstraint(
                fields=["kind"],
                condition=models.Q(programme__isnull=True),
                name="one_site_message_template",
            ),
        ]

    def __str__(self):
        return self.kind
