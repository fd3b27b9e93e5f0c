"""A person's notifications: the list behind the bell, and marking them read."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.models import Notification
from accounts.notifications import services as notifications
from core.http import on_this_site

PER_PAGE = 25


@login_required
def notification_list(request):
    """The signed-in person's own notifications, newest first."""
    page = Paginator(notifications.notifications_for(request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "accounts/notifications.html", {"page": page})


@login_required
@require_POST
def mark_read(request, pk):
    """Mark one notification read; with `open`, go on to what it is about."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    notifications.mark_read(user=request.user, notification_ids=[notification.pk])
    if request.POST.get("open") and on_this_site(request, notification.url):
        return redirect(notification.url)
    return redirect("notifications")


@login_required
@require_POST
def mark_all_read(request):
    notifications.mark_read(user=request.user)
    return redirect("notifications")
