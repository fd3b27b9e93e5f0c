"""The editing pages of the table parts of a proposal, and attachment downloads.

Who: the team edits while the proposal is a draft or a revision is asked for; whoever may see
the proposal reads the same page without its form; anyone else gets 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from proposals import rules
from proposals.editing import selectors, services
from proposals.editing.files import AttachmentsForm, max_bytes
from proposals.editing.forms import FORMSETS
from proposals.editing.parts import PARTS, TABS
from proposals.editing.rows import blank_rows, saved_rows_url
from proposals.models import ProposalAttachment


def _proposal(request, pk):
    """The proposal `pk` if the user may see it (404 otherwise), and whether they may edit it;
    a POST from someone who may only read is refused (403)."""
    proposal = get_object_or_404(selectors.proposal_for_editing(), pk=pk)
    if not rules.can_view_proposal(request.user, proposal):
        raise Http404
    can_edit = rules.can_edit_proposal(request.user, proposal)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    return proposal, can_edit


def _page(request, proposal, can_edit, current, template, context):
    return render(
        request,
        template,
        {"proposal": proposal, "can_edit": can_edit, "tabs": TABS, "current": current, **context},
    )


def _edit_rows(request, pk, key):
    part = PARTS[key]
    proposal, can_edit = _proposal(request, pk)
    formset_class = FORMSETS[key](blank_rows(request) if can_edit else 0)
    formset = formset_class(
        request.POST if request.method == "POST" else None,
        instance=proposal,
        queryset=selectors.ROWS[key],
        options=selectors.OPTIONS[key](proposal),
    )
    if request.method == "POST":
        if formset.is_valid():
            try:
                changes = services.save_rows(
                    actor=request.user, proposal=proposal, part=key, formset=formset
                )
            except ValidationError as error:
                for problem in error.messages:
                    messages.error(request, problem)
            else:
                if any(changes.values()):
                    messages.success(request, _("Saved."))
                else:
                    messages.info(request, _("Nothing had changed."))
                return redirect(saved_rows_url(request, reverse(part.url_name, args=[proposal.pk])))
        else:
            messages.error(request, _("Nothing was saved: correct the cells marked in red."))
    rows = list(formset.get_queryset())
    context = {
        "part": part,
        "page_title": part.title,
        "formset": formset,
        "rows": rows,
        "warnings": [],
    }
    if part.extra_context:
        context.update(part.extra_context(proposal, rows))
    return _page(request, proposal, can_edit, part.url_name, part.template, context)


@login_required
def edit_municipalities(request, pk):
    return _edit_rows(request, pk, "municipalities")


@login_required
def edit_technologies(request, pk):
    return _edit_rows(request, pk, "technologies")


@login_required
def edit_activities(request, pk):
    return _edit_rows(request, pk, "activities")


@login_required
def edit_budget(request, pk):
    return _edit_rows(request, pk, "budget")


@login_required
def edit_contributions(request, pk):
    return _edit_rows(request, pk, "contributions")


@login_required
def edit_outputs(request, pk):
    return _edit_rows(request, pk, "outputs")


@login_required
def edit_attachments(request, pk):
    """One upload per kind of attachment the call asks for; a new file replaces the old."""
    proposal, can_edit = _proposal(request, pk)
    kinds = selectors.required_kinds(proposal)
    attachments = selectors.attachments_of(proposal)
    post = request.method == "POST"
    form = AttachmentsForm(
        request.POST if post else None,
        request.FILES if post else None,
        kinds=kinds,
        attachments=attachments,
    )
    if post:
        if form.is_valid():
            changes = services.save_attachments(
                actor=request.user,
                proposal=proposal,
                uploads=form.uploads(),
                removals=form.removals(),
            )
            if any(changes.values()):
                messages.success(request, _("Saved."))
            else:
                messages.info(request, _("Nothing had changed: choose a file to upload."))
            return redirect("proposals:edit_attachments", pk=proposal.pk)
        messages.error(request, _("Nothing was saved: correct the files marked in red."))
    missing = [kind for kind in kinds if kind.is_required and kind.pk not in attachments]
    context = {
        "page_title": _("Attachments"),
        "form": form,
        "missing": missing,
        "max_bytes": max_bytes(),
    }
    return _page(
        request,
        proposal,
        can_edit,
        "proposals:edit_attachments",
        "proposals/editing/attachments.html",
        context,
    )


@login_required
def attachment_download(request, pk, attachment_pk):
    """An attachment as a download, for whoever may see the proposal (404 for anyone else);
    files are never reachable by a public address."""
    proposal, _can_edit = _proposal(request, pk)
    attachment = get_object_or_404(ProposalAttachment, proposal=proposal, pk=attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=attachment.original_name)
