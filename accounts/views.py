from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import audit, rules, selectors, services
from accounts.forms import AcceptInvitationForm, InvitationForm, ProfileForm, RolesForm
from accounts.middleware import LANGUAGE_SESSION_KEY
from accounts.models import User
from accounts.roles import LANDING_ORDER, Role
from core.http import on_this_site

HISTORY_PER_PAGE = 50


@login_required
def dashboard(request):
    """Send each person to the dashboard of their most senior role."""
    for role in LANDING_ORDER:
        if request.user.has_role(role):
            return redirect("dashboard_for_role", role=role.value)
    return render(request, "dashboards/no_role.html")


@login_required
def dashboard_for_role(request, role):
    if role not in Role.values:
        raise Http404
    role = Role(role)
    if not rules.can_open_dashboard(request.user, role):
        raise PermissionDenied
    return render(request, f"dashboards/{role.value}.html", {"role": role})


@require_POST
def set_language(request):
    """Switch the language for this session and, when signed in, remember it on the user."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        messages.error(request, _("That language is not available."))
        language = None
    next_url = request.POST.get("next") or "/"
    if not on_this_site(request, next_url):
        next_url = "/"
    response = redirect(next_url)
    if language:
        request.session[LANGUAGE_SESSION_KEY] = language
        if request.user.is_authenticated:
            services.update_profile(user=request.user, data={"preferred_language": language})
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


@login_required
def invite(request):
    allowed = rules.invitable_roles(request.user)
    if not rules.can_invite(request.user):
        raise PermissionDenied
    form = InvitationForm(request.POST or None, allowed_roles=allowed)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, _token = services.invite_user(
                actor=request.user,
                email=form.cleaned_data["email"],
                roles=form.cleaned_data["roles"],
            )
        except services.InvitationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s. The link is valid for %(days)s days.")
                % {"email": invitation.email, "days": settings.INVITATION_VALID_DAYS},
            )
            return redirect("accounts:invite")
    invitations = selectors.invitations_for(request.user)
    page = Paginator(invitations, 25).get_page(request.GET.get("page"))
    return render(request, "accounts/invite.html", {"form": form, "page": page})


@login_required
@require_POST
def revoke_invitation(request, pk):
    invitation = get_object_or_404(selectors.invitations_for(request.user), pk=pk)
    try:
        services.revoke_invitation(actor=request.user, invitation=invitation)
    except services.InvitationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Invitation to %(email)s revoked.") % {"email": invitation.email}
        )
    return redirect("accounts:invite")


def accept_invitation(request, token):
    if request.user.is_authenticated:
        messages.info(request, _("You are already signed in. Sign out to accept an invitation."))
        return redirect("dashboard")
    try:
        invitation = services.find_invitation(token)
    except services.InvitationError as error:
        return render(
            request, "accounts/invitation_invalid.html", {"error": error.message}, status=410
        )
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(
                token=token,
                password=form.cleaned_data["password1"],
                full_name_th=form.cleaned_data["full_name_th"],
                full_name_en=form.cleaned_data["full_name_en"],
                organisation=form.cleaned_data["organisation"],
                language=request.LANGUAGE_CODE[:2],
                privacy_notice=form.privacy_notice,
            )
        except services.InvitationError as error:
            return render(
                request, "accounts/invitation_invalid.html", {"error": error.message}, status=410
            )
        login(request, user, backend="accounts.backends.ModelBackendOneQuery")
        messages.success(request, _("Welcome! Your account is ready."))
        return redirect("dashboard")
    return render(
        request, "accounts/accept_invitation.html", {"form": form, "invitation": invitation}
    )


@login_required
def users(request):
    if not rules.can_list_users(request.user):
        raise PermissionDenied
    query = request.GET.get("q", "").strip()
    role = request.GET.get("role", "")
    people = selectors.users_list(query=query, role=role if role in Role.values else "")
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/users.html",
        {
            "page": page,
            "filters": urlencode(
                [(key, value) for key, value in (("q", query), ("role", role)) if value]
            ),
            "query": query,
            "role": role,
            "roles": Role.choices,
            "can_assign": rules.can_assign_roles(request.user),
        },
    )


@login_required
def user_roles(request, pk):
    if not rules.can_assign_roles(request.user):
        raise PermissionDenied
    person = get_object_or_404(User, pk=pk)
    form = RolesForm(request.POST or None, initial={"roles": [r.value for r in person.role_names]})
    if request.method == "POST" and form.is_valid():
        roles = set(form.cleaned_data["roles"])
        if person == request.user and Role.ADMINISTRATOR not in roles:
            form.add_error("roles", _("You cannot remove your own administrator role."))
        else:
            services.set_roles(actor=request.user, user=person, roles=roles)
            messages.success(request, _("Roles of %(name)s saved.") % {"name": person})
            return redirect("accounts:users")
    return render(request, "accounts/user_roles.html", {"form": form, "person": person})


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            form.save_organisation(actor=request.user)
        if form.cleaned_data["preferred_language"]:
            request.session[LANGUAGE_SESSION_KEY] = form.cleaned_data["preferred_language"]
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "orcid_available": "orcid" in settings.SOCIALACCOUNT_PROVIDERS},
    )


@login_required
def history(request, model, pk):
    """The audit trail of one object, for staff."""
    if not rules.can_read_history(request.user):
        raise PermissionDenied
    try:
        model_class = apps.get_model(model)
    except (LookupError, ValueError) as error:
        raise Http404 from error
    obj = get_object_or_404(model_class, pk=pk)
    page = Paginator(audit.history(obj), HISTORY_PER_PAGE).get_page(request.GET.get("page"))
    entries = [
        {
            "entry": entry,
            "label": audit.action_label(entry.action),
            "details": audit.describe(entry),
        }
        for entry in page.object_list
    ]
    context = {
        "object": obj,
        "entries": entries,
        "page": page,
        "model_name": model_class._meta.verbose_name,
    }
    return render(request, "accounts/history.html", context)
