"""A message in a person's in-app inbox."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.notifications.messages import render


class Notification(models.Model):
    """A message in a person's in-app inbox (the bell in the menu); an email goes with it."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    # The title and body as messages of the catalogue with their parameters
    # (accounts.notifications.messages), shown in the reader's language; `title` and `body`
    # keep the text as sent, in the recipient's language (the email's words).
    message = models.JSONField(_("message and parameters"), null=True, blank=True)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]
        app_label = "accounts"

    def __str__(self):
        return self.shown_title

    @property
    def shown_title(self):
        """The title in the active language (as sent, for a notification without message)."""
        return render(self.message["title"]) if self.message else self.title

    @property
    def shown_body(self):
        return render(self.message["body"]) if self.message else self.body

    @property
    def is_read(self):
        return self.read_at is not None
