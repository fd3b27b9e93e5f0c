"""Pages of the writing area: start a proposal, the workspace, my proposals, and the general
part and narrative sections, which save themselves as the team writes (see autosave.js)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import invalid_fields_message
from core.http import ROWS_PER_PAGE, filters_of, page_of
from proposals import rules
from proposals.editing.budget import budget_summary
from proposals.models import Call, ProposalState, SectionKey
from proposals.writing import autosave, selectors, services
from proposals.writing.forms import GeneralForm, MyProposalsFilterForm, SectionForm

GENERAL_PREFIX = "general"
MY_PROPOSALS_PER_PAGE = ROWS_PER_PAGE


def editor_proposal(request, pk, proposals=None):
    """The proposal `pk` for its team's writers; 403 for others who may only read it."""
    proposal = selectors.visible_proposal(request.user, pk, proposals)
    if not rules.is_team_editor(request.user, proposal):
        raise PermissionDenied
    return proposal


@login_required
@require_POST
def proposal_start(request, code):
    call = get_object_or_404(Call.objects.select_related("programme"), code=code)
    if not rules.can_view_call(request.user, call):
        raise Http404
    if call.eligibility_questions.exists():
        return redirect("proposals:proposal_eligibility", code=call.code)
    try:
        proposal = services.start_proposal(actor=request.user, call=call)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(call)
    messages.success(
        request,
        _("Your draft proposal is started. Fill in each part; your writing is saved as you type."),
    )
    return redirect(proposal)


@login_required
def proposal_detail(request, pk):
    """The workspace: every part of the proposal, read-only, with a link to edit each."""
    proposal = selectors.workspace_of(request.user, pk)
    team = list(proposal.team.all())
    # A concept shows its texts only: no tables, no attachments.
    full = not proposal.is_concept
    return render(
        request,
        "proposals/writing/detail.html",
        {
            "proposal": proposal,
            "can_edit": rules.can_edit_proposal(request.user, proposal),
            "can_manage_team": rules.can_manage_team(request.user, proposal),
            "team": team,
            "team_effort": sum(member.effort_percent for member in team),
            "sections": selectors.sections_in_order(proposal),
            "budget": budget_summary(proposal) if full else None,
            "activities": list(proposal.activities.all()),
            "required_attachments": selectors.attachments_by_kind(proposal) if full else [],
            # States in which a decision has been taken (the letter and comments exist).
            "decided_states": [
                ProposalState.APPROVED,
                ProposalState.REJECTED,
                ProposalState.REVISION,
                *ProposalState.funded(),
            ],
        },
    )


@login_required
def my_proposals(request):
    """The proposals this person leads or joined, a page at a time, and the invitations
    waiting for an answer."""
    form = MyProposalsFilterForm(request.GET or None)
    proposals = form.apply(selectors.proposals_of(request.user))
    page = page_of(request, proposals, MY_PROPOSALS_PER_PAGE)
    return render(
        request,
        "proposals/writing/my_proposals.html",
        {
            "form": form,
            "page": page,
            "filters": filters_of(request),
            "proposals": page.object_list,
            "invitations": selectors.pending_invitations_for(request.user),
        },
    )


def _not_editable_message(proposal):
    return _("This proposal is %(state)s and can no longer be edited.") % {
        "state": proposal.get_state_display().lower()
    }


def _not_editable(request, proposal):
    messages.warning(request, _not_editable_message(proposal))
    return redirect(proposal)


def _conflict_message(error):
    return _("Someone else saved this part at %(time)s — copy your text, reload to see theirs.") % {
        "time": f"{timezone.localtime(error.saved_at):%H:%M}"
    }


def _autosave(request, proposal, form, *, save, page, success_url):
    """Save `form` with `save` if the proposal may still be edited, and answer the way
    `autosave.answer` does; `page(form, status)` shows the form again."""
    status, message, saved = 200, "", None
    if not proposal.is_editable:
        status, message = 409, _not_editable_message(proposal)
    elif not form.is_valid():
        status, message = 422, invalid_fields_message(form)
    else:
        try:
            saved = save(form)
        except services.NotEditable as error:
            status, message = 409, error.messages[0]
        except services.StaleVersion as error:
            status, message = 409, _conflict_message(error)

    def refused():
        if not proposal.is_editable:
            return _not_editable(request, proposal)
        messages.error(request, message)
        return page(form, status=status)

    return autosave.answer(
        request,
        form,
        status=status,
        message=message,
        saved=saved,
        success_url=success_url,
        refused=refused,
    )


def _general_page(request, proposal, form, status=200):
    return render(
        request,
        "proposals/writing/general.html",
        {"proposal": proposal, "form": form, "prefix": GENERAL_PREFIX},
        status=status,
    )


@login_required
def edit_general(request, pk):
    """The general part: titles, type, duration, start month, keywords and summaries."""
    proposal = editor_proposal(request, pk)
    if request.method == "POST":
        form = GeneralForm(request.POST, call=proposal.call, prefix=GENERAL_PREFIX)

        def save(form):
            saved = services.save_general(
                actor=request.user,
                proposal=proposal,
                data=form.general_data(),
                version=form.cleaned_data["version"],
            )
            return autosave.Saved(saved.version, saved.updated_at)

        return _autosave(
            request,
            proposal,
            form,
            save=save,
            page=lambda form, status: _general_page(request, proposal, form, status),
            success_url=request.path,
        )
    if not proposal.is_editable:
        return _not_editable(request, proposal)
    form = GeneralForm(
        initial=GeneralForm.initial_for(proposal), call=proposal.call, prefix=GENERAL_PREFIX
    )
    return _general_page(request, proposal, form)


def _sections_page(request, proposal, bound=None, status=200):
    forms = [
        bound if bound is not None and bound.section.key == section.key
        else SectionForm(section=section)
        for section in selectors.sections_in_order(proposal)
    ]  # fmt: skip
    return render(
        request,
        "proposals/writing/sections.html",
        {"proposal": proposal, "forms": forms},
        status=status,
    )


@login_required
def edit_sections(request, pk):
    """The narrative sections on one page, each saved on its own."""
    proposal = editor_proposal(request, pk, selectors.proposals_with_sections())
    if not proposal.is_editable:
        return _not_editable(request, proposal)
    return _sections_page(request, proposal)


@login_required
@require_POST
def save_section(request, pk, key):
    if key not in SectionKey.values:
        raise Http404
    proposal = editor_proposal(request, pk, selectors.proposals_with_sections())
    section = next((s for s in selectors.sections_in_order(proposal) if s.key == key), None)
    if section is None:  # a section a concept does not write
        raise Http404
    form = SectionForm(request.POST, section=section)

    def save(form):
        saved = services.save_section(
            actor=request.user,
            proposal=proposal,
            key=key,
            text=form.cleaned_data["text"],
            version=form.cleaned_data["version"],
        )
        return autosave.Saved(saved.version, saved.updated_at)

    return _autosave(
        request,
        proposal,
        form,
        save=save,
        page=lambda form, status: _sections_page(request, proposal, form, status),
        success_url=reverse("proposals:edit_sections", args=[proposal.pk]) + f"#{form.prefix}",
    )
