"""The payment request pages: the team's request form for a due instalment, a request's page
with its documents and the steps the reader may take, the document downloads, the officers'
and finance's queues, and a call's documents asked for.

Who: whoever may follow the project reads its requests, and finance reads every request;
anyone else gets 404, and a signed-out visitor the login page. What someone may see but not
do answers 403; the person who checked a request and presses "Pay" is told why they may not."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.rules import can_read_history
from indicators.models import Programme
from projects import rules as project_rules
from projects.models import Instalment, PaymentDocument, PaymentRequest, PaymentState
from projects.payments import checks, rules, selectors, services
from projects.payments.forms import (
    CommentForm,
    DocumentForm,
    DocumentsAskedForm,
    PayForm,
    RequestForm,
)
from projects.steps import take_step
from proposals.models import Call

REQUESTS_PER_PAGE = 50


def _visible_payment(user, pk):
    try:
        payment = selectors.payment_for_page(pk)
    except PaymentRequest.DoesNotExist as error:
        raise Http404 from error
    if not rules.can_view_payment(user, payment):
        raise Http404
    return payment


def _refused(form, error):
    for message in error.messages:
        form.add_error(None, message)


@login_required
def payment_new(request, pk):
    """The team requests a due instalment (`pk`) with the documents its call asks for."""
    try:
        instalment = selectors.instalment_for_request(pk)
    except Instalment.DoesNotExist as error:
        raise Http404 from error
    proposal = instalment.proposal
    if not project_rules.can_view_project(request.user, proposal):
        raise Http404
    if not rules.can_request_payment(request.user, instalment):
        raise PermissionDenied
    kinds = checks.documents_asked(proposal.call)
    form = RequestForm(request.POST or None, request.FILES or None, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        try:
            payment = services.request_payment(
                instalment=instalment,
                actor=request.user,
                note=form.cleaned_data["note"],
                documents=form.documents(),
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The payment request is sent to the funding officers."))
            return redirect(payment.get_absolute_url())
    context = {"proposal": proposal, "instalment": instalment, "form": form}
    return render(request, "projects/payments/new.html", context)


@login_required
def payment_detail(request, pk):
    """A request: the instalment, the documents, what the officer and finance made of it,
    and the forms of the steps the reader may take."""
    payment = _visible_payment(request.user, pk)
    user = request.user
    can_edit = rules.can_edit_payment(user, payment)
    awaits_other_payer = (
        payment.state == PaymentState.CHECKED
        and rules.pays_requests(user)
        and rules.checked_it(user, payment)
    )
    context = {
        "payment": payment,
        "proposal": payment.proposal,
        "instalment": payment.instalment,
        "can_view_project": project_rules.can_view_project(user, payment.proposal),
        "can_edit": can_edit,
        "can_check": rules.can_check_payment(user, payment),
        "can_pay": rules.can_pay_payment(user, payment),
        "awaits_other_payer": awaits_other_payer,
        "separation_message": services.SEPARATION_OF_DUTIES,
        "can_read_history": can_read_history(user),
        "problems": checks.payment_problems(payment) if can_edit else [],
        "document_form": DocumentForm() if can_edit else None,
        "comment_form": CommentForm(),
        "pay_form": PayForm(instalment=payment.instalment),
        "PaymentState": PaymentState,
    }
    return render(request, "projects/payments/detail.html", context)


# step: (who may take it, the service, whether it takes a comment, the state it starts from)
STEPS = {
    "submit": (rules.can_submit_payment, services.submit_request, False, PaymentState.editable()),
    "return": (rules.can_check_payment, services.return_request, True, (PaymentState.SUBMITTED,)),
    "check": (rules.can_check_payment, services.check_request, True, (PaymentState.SUBMITTED,)),
    "reject": (rules.can_pay_payment, services.reject_request, True, (PaymentState.CHECKED,)),
}

DONE = {
    "submit": gettext_lazy("The payment request is sent to the funding officers."),
    "return": gettext_lazy("The payment request is returned to the team."),
    "check": gettext_lazy("The payment request is checked and passed on to finance."),
    "reject": gettext_lazy("The payment request is rejected."),
}


def _allowed(allowed, user, payment):
    """Whether `user` may take a step; the person who checked a request and also pays
    requests goes on to the service, which tells them why they may not decide it."""
    if allowed is rules.can_pay_payment and rules.pays_requests(user):
        return payment.state == PaymentState.CHECKED
    return allowed(user, payment)


@login_required
@require_POST
def payment_step(request, pk, step):
    """Take `step` on a request: 403 to whoever may read it but not take the step; a request
    no longer in a state the step starts from says so and changes nothing."""
    payment = _visible_payment(request.user, pk)
    if step not in STEPS:
        raise Http404
    allowed = STEPS[step][0]
    return take_step(
        request,
        payment,
        name="payment",
        step=STEPS[step],
        may=lambda user, payment: _allowed(allowed, user, payment),
        form_class=CommentForm,
        done=DONE[step],
    )


@login_required
def payment_pay(request, pk):
    """Finance records the payment of a checked request (the form is on the request's page;
    a refused payment shows here with what was typed)."""
    payment = _visible_payment(request.user, pk)
    if request.method != "POST":
        return redirect(payment.get_absolute_url())
    form = PayForm(request.POST, instalment=payment.instalment)
    if payment.state != PaymentState.CHECKED:  # paid already (a second press, another person)
        form.is_valid()
        form.add_error(
            None,
            _("This request is “%(state)s”: nothing was changed.")
            % {"state": payment.get_state_display()},
        )
    elif not _allowed(rules.can_pay_payment, request.user, payment):
        raise PermissionDenied
    elif form.is_valid():
        try:
            services.pay_request(payment=payment, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The payment is recorded and the instalment released."))
            return redirect(payment.get_absolute_url())
    context = {"payment": payment, "proposal": payment.proposal, "form": form}
    return render(request, "projects/payments/pay.html", context)


@login_required
@require_POST
def payment_attach(request, pk):
    payment = _visible_payment(request.user, pk)
    if not rules.can_edit_payment(request.user, payment):
        raise PermissionDenied
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attach_document(
                payment=payment,
                actor=request.user,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The document is added."))
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for message in errors:
                messages.error(request, f"{label}: {message}" if label else message)
    return redirect(payment.get_absolute_url() + "#documents")


@login_required
def payment_document(request, pk, document_pk):
    """A document as a download, for whoever may read the request."""
    payment = _visible_payment(request.user, pk)
    document = get_object_or_404(PaymentDocument, request=payment, pk=document_pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=document.original_name)


QUEUE_TITLES = {
    "check": gettext_lazy("Payment requests to check"),
    "pay": gettext_lazy("Payment requests to approve and pay"),
}


@login_required
def payment_queue(request, queue):
    """The officers' queue of submitted requests, or finance's queue of checked ones, oldest
    first, paged."""
    if queue not in QUEUE_TITLES or not rules.can_open_queue(request.user, queue):
        raise Http404
    page = Paginator(selectors.queue(queue), REQUESTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "queue": queue,
        "title": QUEUE_TITLES[queue],
        "programmes": Programme.objects.order_by("code"),
    }
    return render(request, "projects/payments/queue.html", context)


@login_required
def payment_documents_asked(request, code):
    """The documents a call asks for with each payment request: funding officers set them."""
    if not rules.checks_payments(request.user):
        raise Http404
    call = get_object_or_404(Call, code=code)
    asked = [kind.value for kind in checks.documents_asked(call)]
    form = DocumentsAskedForm(request.POST or None, initial={"documents": asked})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_payment_documents(
                call=call, actor=request.user, documents=form.cleaned_data["documents"]
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The documents asked for are saved."))
            return redirect("projects:payment_documents_asked", code=call.code)
    return render(request, "projects/payments/documents_asked.html", {"call": call, "form": form})
