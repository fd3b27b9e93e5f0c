"""The contract pages: a project's contract with its state, its amendments, the steps the
reader may take and the signed copies; a programme's contract template with its placeholders
and a preview; a call's contract rule.

Who: whoever follows the project reads its contract; anyone else gets 404. What someone may
see but not do answers 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from indicators.models import Programme
from projects.contracts import placeholders, rules, selectors, services
from projects.contracts.forms import CopyForm, RuleForm, TemplateForm
from projects.models import Amendment, Contract, ContractState
from proposals.models import Call, Proposal


def _visible_project(user, pk):
    try:
        proposal = selectors.project_for_contract(pk)
    except Proposal.DoesNotExist as error:
        raise Http404 from error
    if not (rules.can_view_contract(user, proposal) and hasattr(proposal, "award")):
        raise Http404
    return proposal


@login_required
def contract(request, pk):
    """A project's contract: its state, the PDF, the signed copies, its amendments."""
    proposal = _visible_project(request.user, pk)
    found = selectors.contract_of(proposal)
    current = found or Contract(proposal=proposal)
    current.proposal = proposal
    amendments = selectors.amendments_of(found)
    for amendment in amendments:
        amendment.proposal = proposal
        amendment.may_sign = rules.can_upload_signed(request.user, amendment)
        amendment.may_countersign = rules.can_upload_countersigned(request.user, amendment)
    required = services.contract_required(proposal.call)
    can_generate = rules.can_generate_contract(request.user, current)
    context = {
        "proposal": proposal,
        "award": proposal.award,
        "contract": current,
        "generated": current.state != ContractState.NOT_GENERATED,
        "amendments": amendments,
        "required": required,
        "in_force": not required or current.state == ContractState.COUNTERSIGNED,
        "has_template": can_generate
        and services.current_template(proposal.call.programme) is not None,
        "can_generate": can_generate,
        "can_sign": rules.can_upload_signed(request.user, current),
        "can_countersign": rules.can_upload_countersigned(request.user, current),
        "can_write_template": rules.writes_contract_templates(
            request.user, proposal.call.programme
        ),
        "can_set_rule": rules.can_set_contract_rule(request.user),
        "copy_form": CopyForm(),
        "ContractState": ContractState,
    }
    return render(request, "projects/contracts/detail.html", context)


@login_required
@require_POST
def contract_generate(request, pk):
    proposal = _visible_project(request.user, pk)
    current = selectors.contract_of(proposal) or Contract(proposal=proposal)
    current.proposal = proposal
    if not rules.can_generate_contract(request.user, current):
        raise PermissionDenied
    try:
        services.generate_contract(proposal=proposal, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The contract is generated: the team can sign it."))
    return redirect("projects:contract", pk=proposal.pk)


def _document(proposal, number):
    """The contract (`number` None) or its amendment `number`, else 404."""
    found = selectors.contract_of(proposal)
    if found is None:
        raise Http404
    found.proposal = proposal
    if number is None:
        return found
    amendment = get_object_or_404(Amendment, contract=found, number=number)
    amendment.proposal = proposal
    return amendment


UPLOADS = {
    "signed": (rules.can_upload_signed, services.upload_signed),
    "countersigned": (rules.can_upload_countersigned, services.upload_countersigned),
}


@login_required
@require_POST
def contract_upload(request, pk, which, number=None):
    """The team's signed copy or the officer's counter-signed copy of the contract or of an
    amendment; a bad file is refused with the reason and nothing changes."""
    proposal = _visible_project(request.user, pk)
    if which not in UPLOADS:
        raise Http404
    document = _document(proposal, number)
    allowed, service = UPLOADS[which]
    if not allowed(request.user, document):
        raise PermissionDenied
    form = CopyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            service(document=document, actor=request.user, upload=form.cleaned_data["file"])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The copy is uploaded."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, f"{_('Signed copy')}: {message}")
    return redirect("projects:contract", pk=proposal.pk)


@login_required
def contract_copy(request, pk, which, number=None):
    """A signed or counter-signed copy as a download, for whoever reads the contract."""
    proposal = _visible_project(request.user, pk)
    if which not in UPLOADS:
        raise Http404
    document = _document(proposal, number)
    stored = getattr(document, f"{which}_file")
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=getattr(document, f"{which}_name"))


@login_required
def contract_template(request, code):
    """A programme's contract template: its managers and administrators write it (each save a
    new version), see the placeholders and preview it filled in with sample values."""
    programme = get_object_or_404(
        Programme.objects.select_related("funder").prefetch_related("managers"), code=code
    )
    if not rules.writes_contract_templates(request.user, programme):
        raise Http404
    current = services.current_template(programme)
    initial = {
        "body_th": current.body_th if current else placeholders.DEFAULT_TH,
        "body_en": current.body_en if current else placeholders.DEFAULT_EN,
    }
    form = TemplateForm(request.POST or None, initial=initial)
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = placeholders.fill(form.cleaned_data["body_th"], placeholders.sample_values())
            preview_en = placeholders.fill(
                form.cleaned_data["body_en"], placeholders.sample_values()
            )
            preview = (preview, preview_en)
        else:
            try:
                services.save_template(programme=programme, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("The contract template is saved as a new version."))
                return redirect("projects:contract_template", code=programme.code)
    context = {
        "programme": programme,
        "form": form,
        "current": current,
        "placeholders": placeholders.PLACEHOLDERS,
        "preview": preview,
    }
    return render(request, "projects/contracts/template.html", context)


@login_required
def contract_rule(request, code):
    """A call's contract rule: funding officers read and set it."""
    if not rules.can_set_contract_rule(request.user):
        raise Http404
    call = get_object_or_404(Call, code=code)
    form = RuleForm(request.POST or None, initial={"required": services.contract_required(call)})
    if request.method == "POST" and form.is_valid():
        services.set_contract_required(
            call=call, actor=request.user, required=form.cleaned_data["required"]
        )
        messages.success(request, _("The contract rule is saved."))
        return redirect("projects:contract_rule", code=call.code)
    return render(request, "projects/contracts/rule.html", {"call": call, "form": form})
