"""The eligibility page: a call's questions answered (and the system's checks shown) before a
proposal is started; the proposal starts only when every one is met."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from proposals import rules
from proposals.eligibility import checks
from proposals.eligibility.forms import AnswersForm
from proposals.models import Call, EligibilityKind
from proposals.writing import services


@login_required
def eligibility(request, code):
    call = get_object_or_404(Call.objects.select_related("programme"), code=code)
    if not rules.can_view_call(request.user, call):
        raise Http404
    if not rules.can_start_proposal(request.user, call):
        raise PermissionDenied
    questions = list(call.eligibility_questions.all())
    data = request.POST if request.method == "POST" else None
    form = AnswersForm(data, questions=questions)
    outcomes = checks.outcomes(request.user, questions, {})
    system = [outcome for outcome in outcomes if outcome.question.kind == EligibilityKind.SYSTEM]
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.start_proposal(
                actor=request.user, call=call, answers=form.cleaned_data
            )
        except services.NotEligible as error:
            problems = [outcome for outcome in error.outcomes if outcome.problem]
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect(call)
        else:
            messages.success(
                request,
                _(
                    "You are eligible and your draft proposal is started. Fill in each part; "
                    "your writing is saved as you type."
                ),
            )
            return redirect(proposal)
    return render(
        request,
        "proposals/eligibility/start.html",
        {"call": call, "form": form, "system": system, "problems": problems},
        status=422 if problems else 200,
    )
