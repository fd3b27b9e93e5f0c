"""Pages of the proposing team: the team page (the lead invites, changes and removes members)
and the invitation link that the invited person accepts or declines."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from proposals import rules
from proposals.models import TeamMember
from proposals.team import services as team
from proposals.writing import selectors
from proposals.writing.forms import InviteForm, MemberForm


def _team_page(request, proposal, invite_form=None, member_forms=None, status=200):
    can_manage = rules.can_manage_team(request.user, proposal)
    members = list(proposal.team.all())
    member_forms = member_forms or {}
    rows = [
        (member, member_forms.get(member.pk) or (MemberForm(member=member) if can_manage else None))
        for member in members
    ]
    return render(
        request,
        "proposals/writing/team.html",
        {
            "proposal": proposal,
            "rows": rows,
            "can_manage": can_manage,
            "total_effort": sum(member.effort_percent for member in members),
            "invite_form": invite_form or (InviteForm(proposal=proposal) if can_manage else None),
        },
        status=status,
    )


def _managed_proposal(request, pk):
    proposal = selectors.visible_proposal(request.user, pk)
    if not rules.can_manage_team(request.user, proposal):
        raise PermissionDenied
    return proposal


@login_required
def proposal_team(request, pk):
    """The team; the lead invites a co-researcher by email here."""
    if request.method != "POST":
        return _team_page(request, selectors.visible_proposal(request.user, pk))
    proposal = _managed_proposal(request, pk)
    form = InviteForm(request.POST, proposal=proposal)
    if form.is_valid():
        try:
            data = {k: v for k, v in form.cleaned_data.items() if k != "organisation_new"}
            member, _token = team.invite_member(actor=request.user, proposal=proposal, **data)
        except team.TeamError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s. They join the team once they accept it.")
                % {"email": member.email},
            )
            return redirect("proposals:proposal_team", pk=proposal.pk)
    return _team_page(request, proposal, invite_form=form, status=422)


@login_required
@require_POST
def team_member_change(request, pk, member_pk):
    proposal = _managed_proposal(request, pk)
    member = get_object_or_404(TeamMember, proposal=proposal, pk=member_pk)
    form = MemberForm(request.POST, member=member)
    if form.is_valid():
        try:
            team.change_member(
                actor=request.user, proposal=proposal, member=member, **form.cleaned_data
            )
        except team.TeamError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s is updated.") % {"name": member})
            return redirect("proposals:proposal_team", pk=proposal.pk)
    return _team_page(request, proposal, member_forms={member.pk: form}, status=422)


@login_required
@require_POST
def team_member_remove(request, pk, member_pk):
    proposal = _managed_proposal(request, pk)
    member = get_object_or_404(TeamMember, proposal=proposal, pk=member_pk)
    try:
        team.remove_member(actor=request.user, proposal=proposal, member=member)
    except team.TeamError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("%(name)s is no longer on the team.") % {"name": member})
    return redirect("proposals:proposal_team", pk=proposal.pk)


def _answer(request, member):
    decision = request.POST.get("decision")
    if decision not in ("accept", "decline"):
        messages.error(request, _("Choose to accept or to decline the invitation."))
        return None
    member = team.answer_invitation(user=request.user, member=member, accept=decision == "accept")
    if member.has_accepted:
        messages.success(
            request, _("You joined the team: you can now write this proposal with them.")
        )
        return redirect("proposals:proposal_detail", pk=member.proposal_id)
    messages.info(request, _("You declined the invitation."))
    return redirect("proposals:my_proposals")


@login_required
def team_invitation(request, token):
    """The link of an invitation email: the invited person, signed in, accepts or declines."""
    try:
        member = team.find_invitation(token)
        team.check_answerable(member, request.user)
        if request.method == "POST":
            response = _answer(request, member)
            if response is not None:
                return response
    except team.TeamError as error:
        return render(
            request,
            "proposals/writing/invitation_invalid.html",
            {"error": error.messages[0]},
            status=403 if error.code == "wrong_account" else 410,
        )
    return render(request, "proposals/writing/invitation.html", {"member": member})


@login_required
@require_POST
def team_invitation_answer(request, member_pk):
    """Accept or decline from the "my proposals" list, where invitations to one's email show."""
    member = get_object_or_404(selectors.pending_invitations_for(request.user), pk=member_pk)
    try:
        response = _answer(request, member)
    except team.TeamError as error:
        messages.error(request, error.messages[0])
        response = None
    return response or redirect("proposals:my_proposals")
