"""Pages of mentoring: the managers' assignments, the mentor's shared drafts, a draft's
threads per part, and the framework fit check."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from core.forms import invalid_fields_message
from indicators.models import Programme
from proposals.editing.budget import budget_summary
from proposals.mentoring import rules, selectors, services
from proposals.mentoring.fit import framework_fit
from proposals.mentoring.forms import AnswerForm, AssignmentForm, CommentForm
from proposals.models import DraftPart, MentorAssignment, MentorThread, Proposal, SectionKey

# The parts shown as the team's tables (read-only) rather than as a text.
TABLE_PARTS = {DraftPart.ACTIVITIES, DraftPart.BUDGET, DraftPart.INDICATORS}


def _refusal(request, error):
    messages.error(request, " ".join(error.messages))


@login_required
def assignments(request):
    """The managers' page: who mentors which municipality or team, and a form to assign."""
    if not rules.can_assign_mentors(request.user):
        raise PermissionDenied
    programmes = Programme.objects.filter(managers=request.user)
    form = AssignmentForm(request.POST or None, programmes=programmes)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.assign_mentor(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                _refusal(request, error)
            else:
                messages.success(request, _("The mentor is assigned."))
                return redirect("proposals:mentor_assignments")
        else:
            messages.error(request, invalid_fields_message(form))
    return render(
        request,
        "proposals/mentoring/assignments.html",
        {"form": form, "assignments": selectors.assignments_for(request.user)},
    )


@login_required
@require_POST
def end_assignment(request, pk):
    assignment = get_object_or_404(MentorAssignment.objects.select_related("programme"), pk=pk)
    if not rules.can_assign_in(request.user, assignment.programme):
        raise PermissionDenied
    try:
        services.end_assignment(actor=request.user, assignment=assignment)
    except ValidationError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("The assignment has ended."))
    return redirect("proposals:mentor_assignments")


@login_required
def drafts(request):
    """The mentor's page: the drafts their teams share with them now."""
    if not rules.is_mentor(request.user):
        raise PermissionDenied
    return render(
        request,
        "proposals/mentoring/drafts.html",
        {"drafts": selectors.drafts_shared_with(request.user)},
    )


def _open(request, pk, queryset=None):
    if queryset is None:
        queryset = Proposal.objects.select_related("call__programme", "lead").prefetch_related(
            "team"
        )
    proposal = get_object_or_404(queryset, pk=pk)
    if not rules.can_open_mentoring(request.user, proposal):
        raise Http404
    return proposal


@login_required
def mentoring(request, pk):
    """A draft's threads, part by part: the team shares and answers, the mentor comments.
    The mentor reads the draft as the team wrote it: its texts and, read-only, its work plan,
    budget and indicator tables (only while the team shares it: `_open` answers 404 after)."""
    proposal = _open(request, pk, selectors.draft_for_mentoring())
    threads = list(selectors.threads_of(proposal))
    texts = selectors.section_texts(proposal)
    parts = [
        {
            "key": key,
            "label": label,
            "text": texts.get(key, "") if key in SectionKey.values else "",
            "has_table": key in TABLE_PARTS,
            "threads": [thread for thread in threads if thread.part == key],
        }
        for key, label in DraftPart.choices
    ]
    is_team = rules.can_resolve(request.user, proposal)
    shares = proposal.open_shares
    shared_with = {share.mentor_id for share in shares}
    return render(
        request,
        "proposals/mentoring/draft.html",
        {
            "proposal": proposal,
            "parts": parts,
            "is_team": is_team,
            "can_share": rules.can_share(request.user, proposal),
            "shares": shares,
            "mentors": [
                mentor for mentor in selectors.mentors_for(proposal) if mentor.pk not in shared_with
            ]
            if is_team
            else [],
            "can_comment": rules.can_mentor(request.user, proposal),
            "comment_form": CommentForm(),
            "budget": budget_summary(proposal),
            "activities": list(proposal.activities.all()),
            "answer_form": AnswerForm(),
        },
    )


def _mentor_from(request, proposal):
    mentor = User.objects.filter(pk=request.POST.get("mentor") or 0).first()
    if mentor is None:
        raise Http404
    return mentor


@login_required
@require_POST
def share(request, pk):
    proposal = _open(request, pk)
    try:
        services.share_draft(
            actor=request.user, proposal=proposal, mentor=_mentor_from(request, proposal)
        )
    except ValidationError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("The draft is shared with the mentor."))
    return redirect("proposals:mentoring", pk=proposal.pk)


@login_required
@require_POST
def stop(request, pk):
    proposal = _open(request, pk)
    try:
        services.stop_sharing(
            actor=request.user, proposal=proposal, mentor=_mentor_from(request, proposal)
        )
    except ValidationError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("The draft is no longer shared with the mentor."))
    return redirect("proposals:mentoring", pk=proposal.pk)


@login_required
@require_POST
def comment(request, pk):
    proposal = _open(request, pk)
    form = CommentForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(invalid_fields_message(form))
        services.comment(actor=request.user, proposal=proposal, **form.cleaned_data)
    except ValidationError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("The comment is sent to the team."))
    return redirect("proposals:mentoring", pk=proposal.pk)


def _thread(request, pk, thread_pk):
    proposal = _open(request, pk)
    return get_object_or_404(MentorThread, proposal=proposal, pk=thread_pk)


@login_required
@require_POST
def answer(request, pk, thread_pk):
    thread = _thread(request, pk, thread_pk)
    form = AnswerForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(invalid_fields_message(form))
        services.answer(actor=request.user, thread=thread, text=form.cleaned_data["text"])
    except ValidationError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("The answer is saved."))
    return redirect("proposals:mentoring", pk=pk)


@login_required
@require_POST
def resolve(request, pk, thread_pk):
    thread = _thread(request, pk, thread_pk)
    try:
        services.resolve(actor=request.user, thread=thread)
    except ValidationError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("The thread is resolved."))
    return redirect("proposals:mentoring", pk=pk)


@login_required
def fit(request, pk):
    proposal = _open(request, pk)
    return render(
        request,
        "proposals/mentoring/fit.html",
        {"proposal": proposal, "fit": framework_fit(proposal)},
    )
