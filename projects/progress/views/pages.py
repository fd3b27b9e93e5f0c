"""The report page, evidence downloads and the report's transitions: the team submits it, a
funding officer accepts or returns it.

Who: `can_view_report` (the team, funding officers, the programme's managers, administrators)
reads; anyone else gets 404, and a signed-out visitor the login page. Buttons someone may
not press answer 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import Role
from accounts.rules import has_role
from projects import rules, services
from projects.models import ProgressReportState, ResultEvidence
from projects.progress import checks, selectors
from projects.progress.forms import EarlySubmissionForm
from projects.progress.services import states as report_states
from projects.progress.services.editing import not_editable_message
from proposals.lifecycle.forms import TransitionForm
from proposals.rules import is_team_editor


def _submission(report, user, activities=None, results=None):
    """The gaps that stop the submission, each linked to its part (other registered checks'
    messages come without a link); computed only while the team may submit."""
    if not rules.can_submit_report(user, report):
        return {"problems": [], "other_problems": [], "problem_count": 0, "ready": False}
    linked = checks.problems(report, activities=activities, results=results)
    mine = {problem.message for problem in linked}
    others = [
        message
        for message in report_states.submit_problems(report, skip=[checks.submit_check])
        if message not in mine
    ]
    return {
        "problems": linked,
        "other_problems": others,
        "problem_count": len(linked) + len(others),
        "ready": not linked and not others,
    }


def _decision_forms(report, user, accept_form=None, return_form=None):
    if not rules.can_decide_report(user, report):
        return {}
    return {
        "accept_form": accept_form or TransitionForm(prefix="accept"),
        "return_form": return_form or TransitionForm(prefix="return", comment_required=True),
    }


def _early_form(report, user, form=None):
    """The officer's form to let the team submit before the period ends, when it applies."""
    if not rules.can_allow_early_submission(user, report):
        return {}
    return {"early_form": form or EarlySubmissionForm()}


def _page_context(report, user):
    activities = selectors.activity_rows(report)
    results = selectors.result_rows(report)
    # The Documents menu offers the instalment request from these (no query of its own).
    report.page_instalments = selectors.instalments_on(report)
    return {
        "report": report,
        "proposal": report.proposal,
        "overdue": selectors.is_overdue(report),
        "can_edit": rules.can_edit_report(user, report),
        "is_team": is_team_editor(user, report.proposal),
        "locked_message": not_editable_message(report),
        "activities": activities,
        "spending": selectors.spending_table(report),
        "results": results,
        "outputs": selectors.outputs_of(report),
        "instalments": report.page_instalments,
        "is_staff_reader": any(
            has_role(user, role)
            for role in (Role.FUNDING_OFFICER, Role.PROGRAMME_MANAGER, Role.ADMINISTRATOR)
        ),
        **_submission(report, user, activities, results),
    }


@login_required
def report_detail(request, pk):
    """The whole report, read-only, with the editors' links for the team, the submission's
    gaps and button, and the officer's accept and return forms."""
    report = selectors.visible_report(request.user, pk)
    context = _page_context(report, request.user)
    context.update(_decision_forms(report, request.user))
    context.update(_early_form(report, request.user))
    return render(request, "projects/progress/detail.html", context)


@login_required
def evidence_download(request, pk, evidence_pk):
    """An evidence file as a download, for whoever may read the report; files are never
    reachable by a public address."""
    report = selectors.visible_report(request.user, pk)
    evidence = get_object_or_404(ResultEvidence, result__report=report, pk=evidence_pk)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=evidence.original_name)


# Transitions ------------------------------------------------------------------------------------


def _refusals(request, error):
    for message in error.messages:
        messages.error(request, message)


@login_required
def report_submit(request, pk):
    """GET: the gaps, or what submitting does; POST: submit (the team only)."""
    report = selectors.visible_report(request.user, pk)
    if not is_team_editor(request.user, report.proposal):
        raise PermissionDenied
    if request.method == "POST":
        try:
            report_states.submit_report(report=report, actor=request.user)
        except services.ProjectError as error:
            _refusals(request, error)
            return redirect("projects:progress_submit", pk=report.pk)
        messages.success(
            request,
            _("The %(report)s is submitted: the funding officers have been told.")
            % {"report": report.get_kind_display()},
        )
        return redirect("projects:progress_detail", pk=report.pk)
    context = {
        "report": report,
        "proposal": report.proposal,
        "locked_message": not_editable_message(report),
        **_submission(report, request.user),
    }
    return render(request, "projects/progress/submit.html", context)


@login_required
@require_POST
def report_allow_early(request, pk):
    """A funding officer lets the team submit before the report's period ends, saying why
    (kept on the report, in its history and told to the team)."""
    report = selectors.visible_report(request.user, pk)
    if not rules.can_allow_early_submission(request.user, report):
        raise PermissionDenied
    form = EarlySubmissionForm(request.POST)
    if form.is_valid():
        try:
            report_states.allow_early_submission(
                report=report, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except services.ProjectError as error:
            _refusals(request, error)
        else:
            messages.success(
                request,
                _("The team may now submit the %(report)s before its period ends.")
                % {"report": report.get_kind_display()},
            )
            return redirect("projects:progress_detail", pk=report.pk)
    context = _page_context(report, request.user)
    context.update(_decision_forms(report, request.user))
    context.update(_early_form(report, request.user, form))
    return render(request, "projects/progress/detail.html", context, status=200)


def _decide(request, pk, *, accepting):
    report = selectors.visible_report(request.user, pk)
    if not has_role(request.user, Role.FUNDING_OFFICER):
        raise PermissionDenied
    prefix = "accept" if accepting else "return"
    form = TransitionForm(
        request.POST if request.method == "POST" else None,
        prefix=prefix,
        comment_required=not accepting,
    )
    possible = report.state == ProgressReportState.SUBMITTED
    if request.method == "POST" and not possible:
        messages.error(
            request,
            _("The report is “%(state)s”: only a submitted report is accepted or returned.")
            % {"state": report.get_state_display()},
        )
    elif request.method == "POST" and form.is_valid():
        comment = form.cleaned_data["comment"].strip()
        try:
            if accepting:
                report_states.accept_report(report=report, actor=request.user, comment=comment)
            else:
                report_states.return_report(report=report, actor=request.user, comment=comment)
        except services.ProjectError as error:
            if not accepting and not comment:
                form.add_error("comment", error.messages[0])
            else:
                _refusals(request, error)
        else:
            done = (
                _("The %(report)s is accepted: its results now count.")
                if accepting
                else _("The %(report)s is returned to the team with your comment.")
            )
            messages.success(request, done % {"report": report.get_kind_display()})
            return redirect("projects:progress_detail", pk=report.pk)
    context = {
        "report": report,
        "proposal": report.proposal,
        "form": form,
        "accepting": accepting,
        "possible": possible,
    }
    return render(request, "projects/progress/decide.html", context)


@login_required
def report_accept(request, pk):
    """A funding officer accepts a submitted report (optional comment)."""
    return _decide(request, pk, accepting=True)


@login_required
def report_return(request, pk):
    """A funding officer returns a submitted report to the team (comment required)."""
    return _decide(request, pk, accepting=False)
