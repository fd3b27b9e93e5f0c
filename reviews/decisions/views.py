"""The decision pages: a call's letters, a decision one by one, several at once, and what the
applicant reads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.bahttext import baht_text
from core.thai import format_date, format_money
from proposals.editing.budget import requested_amount
from proposals.models import Call, ProposalState
from proposals.rules import can_edit_proposal
from reviews.decisions import checks as conditions
from reviews.decisions import letters, rules, selectors, services
from reviews.decisions.forms import BulkDecisionForm, DecisionForm, LetterTemplateForm
from reviews.models import DecisionLetterTemplate, DecisionOutcome
from reviews.scoring.statistics import proposal_statistics

SAMPLE_AMOUNT = 1_000_000


def _call(code):
    calls = Call.objects.select_related("programme")
    return get_object_or_404(calls, code=code)


def _visible_proposal(request, pk):
    """The proposal, or 404 for those who may not open it."""
    proposal = get_object_or_404(selectors.proposals_for_decisions(), pk=pk)
    if not rules.can_read_decisions(request.user, proposal):
        raise Http404
    return proposal


def _link(name, *args):
    """A page of the review work, by its name in the reviews namespace."""
    return reverse(f"reviews:{name}", args=args)


def _sample_values(call, language):
    """What the placeholders show in the preview of the letters page."""
    thai = language == "th"
    return {
        "reference": f"{call.code}-0001",
        "title": "ตัวอย่างชื่อโครงการ" if thai else "Example project title",
        "lead": "ชื่อ นามสกุล" if thai else "Firstname Lastname",
        "call": call.title_th if thai else call.title_en,
        "amount": format_money(SAMPLE_AMOUNT),
        "amount_words": baht_text(SAMPLE_AMOUNT) if thai else format_money(SAMPLE_AMOUNT),
        "comment": "ข้อคิดเห็นของผู้บริหารแผนงาน" if thai else "The programme manager's comment.",
        "date": format_date(timezone.localdate(), "long", language),
    }


def _letter_groups(form, template, call):
    """Per outcome: its label and, per language, the field and a preview of the saved text."""
    samples = {language: _sample_values(call, language) for language in letters.LANGUAGES}
    groups = []
    for outcome, prefix in letters.FIELD_PREFIX.items():
        if f"{prefix}_th" not in form.fields:
            continue
        fields = []
        for language in letters.LANGUAGES:
            name = f"{prefix}_{language}"
            preview = letters.render(getattr(template, name), samples[language])
            fields.append({"field": form[name], "preview": preview, "language": language})
        groups.append({"label": outcome.label, "fields": fields})
    return groups


@login_required
def letter_template(request, code):
    """The call's decision letters (and invitation to the full stage of a two-stage call):
    texts with placeholders, defaults until saved."""
    call = _call(code)
    if not rules.can_edit_letters(request.user, call):
        raise PermissionDenied
    saved = DecisionLetterTemplate.objects.filter(call=call).first()
    template = saved or letters.default_template(call)
    form = LetterTemplateForm(request.POST or None, instance=template, call=call)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_letter_template(call=call, actor=request.user, texts=form.cleaned_data)
        except services.DecisionError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The decision letters are saved."))
            return redirect("reviews:letter_template", code=call.code)
    context = {
        "call": call,
        "form": form,
        "is_default": saved is None,
        "groups": _letter_groups(form, template, call),
        "placeholders": letters.PLACEHOLDERS,
    }
    return render(request, "reviews/decisions/letters.html", context)


@login_required
def decide(request, pk):
    """A programme manager decides on one proposal, reading its reviews' summary."""
    proposal = _visible_proposal(request, pk)
    if not rules.can_decide(request.user, proposal.call):
        raise PermissionDenied
    requested = requested_amount(proposal)
    form = DecisionForm(
        request.POST or None,
        requested=requested,
        stage=proposal.stage,
        initial={"approved_amount": requested},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.decide(
                proposal=proposal,
                outcome=data["outcome"],
                actor=request.user,
                comment=data["comment"],
                approved_amount=data["approved_amount"],
            )
        except services.TransitionNotPermitted as error:
            raise PermissionDenied from error
        except services.DecisionError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The decision is recorded and the letter is on its way."))
            return redirect("reviews:decision", pk=proposal.pk)
    in_review = proposal.state == ProposalState.IN_REVIEW
    context = {
        "proposal": proposal,
        "form": form,
        "requested": requested,
        "in_review": in_review,
        "blockers": conditions.reviews_in(proposal) if in_review else [],
        "summary": selectors.round_summary(proposal),
        "statistics": proposal_statistics(proposal.call, proposal.stage).get(proposal.pk),
        "past": selectors.past_decisions(proposal),
        "summary_url": _link("review_summary", proposal.pk),
        "ranking_url": _link("ranking", proposal.call.code),
        "state": ProposalState(proposal.state),
    }
    return render(request, "reviews/decisions/decide.html", context)


def _requested_ids(data):
    return [int(value) for value in data.getlist("proposal") if value.strip().isdigit()]


@login_required
def decide_bulk(request, code):
    """Several proposals of a call at once: GET (or a POST without `confirm`, as the ranking
    page sends it) shows what will happen; a POST with `confirm` decides each in turn."""
    call = _call(code)
    if not rules.can_decide(request.user, call):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else request.GET
    ids = _requested_ids(data)
    proposals = selectors.bulk_candidates(call, ids)
    confirming = request.method == "POST" and bool(data.get("confirm"))
    initial = {
        "proposal": [p.pk for p in proposals],
        "outcome": data.get("outcome") or None,
        "comment": data.get("comment", ""),
    }
    form = BulkDecisionForm(data if confirming else None, proposals=proposals, initial=initial)
    if confirming and form.is_valid():
        chosen = set(form.cleaned_data["proposal"])
        fresh = {p.pk: p for p in selectors.proposals_for_decisions().filter(pk__in=chosen)}
        results = services.decide_many(
            proposals=[fresh[p.pk] for p in proposals if p.pk in fresh],
            outcome=DecisionOutcome(form.cleaned_data["outcome"]),
            actor=request.user,
            comment=form.cleaned_data["comment"],
        )
        context = {
            "call": call,
            "succeeded": [r for r in results if r.succeeded],
            "refused": [r for r in results if not r.succeeded],
            "outcome": DecisionOutcome(form.cleaned_data["outcome"]),
            "ranking_url": _link("ranking", call.code),
        }
        return render(request, "reviews/decisions/bulk_result.html", context)
    readiness = conditions.readiness(proposals)
    rows = [
        {
            "proposal": p,
            "in_review": p.state == ProposalState.IN_REVIEW,
            "state": ProposalState(p.state),
            "blockers": readiness[p.pk],
        }
        for p in proposals
    ]
    context = {
        "call": call,
        "form": form,
        "rows": rows,
        "left_out": len(set(ids)) - len(proposals),
        "ranking_url": _link("ranking", call.code),
    }
    return render(request, "reviews/decisions/bulk_confirm.html", context)


@login_required
def decision(request, pk):
    """What the team reads: each decision with its letter, the comment, the approved amount
    and the reviewers' comments for the applicant, anonymised."""
    proposal = _visible_proposal(request, pk)
    decisions = selectors.decisions_for_applicant(proposal)
    context = {
        "proposal": proposal,
        "decisions": decisions,
        "can_revise": proposal.state == ProposalState.REVISION
        and can_edit_proposal(request.user, proposal),
        "can_decide": rules.can_decide(request.user, proposal.call)
        and proposal.state == ProposalState.IN_REVIEW,
        "rebuttal_url": _link("rebuttal", proposal.pk)
        if proposal.state == ProposalState.REVISION
        else None,
    }
    return render(request, "reviews/decisions/decision.html", context)
