"""The contract of a funded project and its amendments: the programme's template (each save a
new version), a call's rule that the contract must be counter-signed before the project starts,
and the steps of a contract or an amendment (generated → signed by the team → counter-signed).
Each step locks the row, checks who may take it, writes one audit entry and tells the people
concerned after the commit."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit
from indicators.models import Programme
from projects.changes import checks as change_checks
from projects.contracts import copies, notices, placeholders
from projects.contracts import rules as contract_rules
from projects.models import (
    Amendment,
    ChangeKind,
    ChangeRequest,
    Contract,
    ContractPolicy,
    ContractState,
    ContractTemplate,
)
from projects.services import ProjectError
from proposals.models import Call, Proposal

# The readable names of this module's audit actions (registered by the app's extensions.py).
AUDIT_ACTIONS = [
    ("contract_template.save", gettext_lazy("Contract template saved"), None),
    ("contract_rule.set", gettext_lazy("Contract rule of a call set"), None),
    ("contract.generate", gettext_lazy("Contract generated"), None),
    ("contract.sign", gettext_lazy("Signed contract uploaded"), None),
    ("contract.countersign", gettext_lazy("Counter-signed contract uploaded"), None),
    ("amendment.generate", gettext_lazy("Contract amendment generated"), None),
    ("amendment.sign", gettext_lazy("Signed amendment uploaded"), None),
    ("amendment.countersign", gettext_lazy("Counter-signed amendment uploaded"), None),
]


def current_template(programme):
    """The newest version of the programme's contract template, or None."""
    return ContractTemplate.objects.filter(programme=programme).order_by("-version").first()


@transaction.atomic
def save_template(*, programme, actor, body_th, body_en=""):
    """A manager of the programme (or an administrator) saves its contract text: a new
    version, so that contracts generated before keep the text they were written from."""
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    if not contract_rules.writes_contract_templates(actor, locked):
        raise ProjectError(_("You may not write this programme's contract template."))
    body_th, body_en = (body_th or "").strip(), (body_en or "").strip()
    problems = []
    if not body_th:
        problems.append(_("Write the Thai text of the contract."))
    unknown = placeholders.unknown_placeholders(body_th) + placeholders.unknown_placeholders(
        body_en
    )
    if unknown:
        problems.append(
            _("Unknown placeholders: %(names)s. Use only those listed.")
            % {"names": ", ".join("{" + name + "}" for name in dict.fromkeys(unknown))}
        )
    if problems:
        raise ProjectError(problems)
    last = ContractTemplate.objects.filter(programme=locked).aggregate(v=Max("version"))["v"]
    template = ContractTemplate.objects.create(
        programme=locked,
        version=(last or 0) + 1,
        body_th=body_th,
        body_en=body_en,
        saved_by=actor,
    )
    audit.record(
        actor=actor,
        action="contract_template.save",
        obj=locked,
        data={"version": template.version, "body_th": body_th, "body_en": body_en},
    )
    return template


def contract_required(call):
    policy = ContractPolicy.objects.filter(call=call).first()
    return bool(policy and policy.required)


@transaction.atomic
def set_contract_required(*, call, actor, required):
    """A funding officer sets whether the call's projects start only with the counter-signed
    contract."""
    locked = Call.objects.select_for_update().get(pk=call.pk)
    if not contract_rules.can_set_contract_rule(actor):
        raise ProjectError(_("You may not set the rules of this call."))
    policy, _created = ContractPolicy.objects.get_or_create(call=locked)
    before = policy.required
    policy.required = bool(required)
    policy.save(update_fields=["required"])
    audit.record(
        actor=actor,
        action="contract_rule.set",
        obj=locked,
        data={"before": before, "after": policy.required},
    )
    return policy


def contract_in_force(proposal):
    """Whether the project may start (its instalments be paid, its reports submitted): always
    when its call does not require the contract, else once the contract is counter-signed."""
    if not contract_required(proposal.call):
        return True
    return Contract.objects.filter(proposal=proposal, state=ContractState.COUNTERSIGNED).exists()


def not_in_force_message():
    return _(
        "The call requires the counter-signed contract before the project starts: upload "
        "the signed and the counter-signed copies first."
    )


def submit_check(report):
    """A progress report is submitted only once the project has started (the hook of
    projects.progress.services.states)."""
    return [] if contract_in_force(report.proposal) else [not_in_force_message()]


def _lock_contract(proposal):
    Proposal.objects.select_for_update().filter(pk=proposal.pk).first()
    contract, _created = Contract.objects.select_related(
        "proposal__call__programme__funder", "proposal__lead", "proposal__award"
    ).get_or_create(proposal_id=proposal.pk)
    return (
        Contract.objects.select_for_update(of=("self",))
        .select_related("proposal__call__programme__funder", "proposal__lead", "proposal__award")
        .get(pk=contract.pk)
    )


@transaction.atomic
def generate_contract(*, proposal, actor):
    """A funding officer writes the contract from the programme's current template, its
    placeholders filled in, Thai and English; again, until the team has signed it."""
    contract = _lock_contract(proposal)
    if not contract_rules.can_generate_contract(actor, contract):
        raise ProjectError(_("You may not generate this contract."))
    proposal = contract.proposal
    template = current_template(proposal.call.programme)
    if template is None:
        raise ProjectError(
            _("The programme has no contract template yet: its managers write it first.")
        )
    award = proposal.award
    from_state = contract.state
    contract.generate()
    contract.template = template
    contract.body_th = placeholders.fill(
        template.body_th, placeholders.values_for(proposal, award, "th")
    )
    contract.body_en = placeholders.fill(
        template.body_en or template.body_th, placeholders.values_for(proposal, award, "en")
    )
    contract.generated_at, contract.generated_by = timezone.now(), actor
    contract.save()
    audit.record(
        actor=actor,
        action="contract.generate",
        obj=contract,
        from_state=from_state,
        to_state=contract.state,
        data={"template_version": template.version},
    )
    transaction.on_commit(lambda: notices.contract_step(contract, "generated"), robust=True)
    return contract


def _locked(document):
    model = type(document)
    return (
        model.objects.select_for_update(of=("self",))
        .select_related("proposal__call", "proposal__lead")
        .get(pk=document.pk)
    )


def _action(document, step):
    return f"{'amendment' if isinstance(document, Amendment) else 'contract'}.{step}"


def upload_signed(*, document, actor, upload):
    """The team uploads the signed copy of a generated contract or amendment."""
    return _store_copy(document, actor, upload, "signed")


def upload_countersigned(*, document, actor, upload):
    """A funding officer uploads the counter-signed copy; a contract counter-signed starts a
    project whose call requires it."""
    return _store_copy(document, actor, upload, "countersigned")


# Each copy: who may upload it, what a refusal says, the step it takes (its transition and
# audit action) and the state it leaves.
_COPIES = {
    "signed": (
        contract_rules.can_upload_signed,
        gettext_lazy("You may not upload the signed copy now."),
        "sign",
        ContractState.GENERATED,
    ),
    "countersigned": (
        contract_rules.can_upload_countersigned,
        gettext_lazy("You may not upload the counter-signed copy now."),
        "countersign",
        ContractState.SIGNED,
    ),
}


@transaction.atomic
def _store_copy(document, actor, upload, copy):
    """The `copy` ("signed" or "countersigned") of `document` stored, its step taken (when and
    by whom kept on it as `<copy>_at`, `<copy>_by`), audited and notified."""
    may_upload, refusal, step, before = _COPIES[copy]
    locked = _locked(document)
    if not may_upload(actor, locked):
        raise ProjectError(str(refusal))
    name = copies.store(locked, copy, upload)
    getattr(locked, step)()
    setattr(locked, f"{copy}_at", timezone.now())
    setattr(locked, f"{copy}_by", actor)
    locked.save()
    audit.record(
        actor=actor,
        action=_action(locked, step),
        obj=locked,
        from_state=before,
        to_state=locked.state,
        data={"file": name},
    )
    transaction.on_commit(lambda: notices.contract_step(locked, copy), robust=True)
    return locked


def touches_contract(change):
    """Whether an approved change alters what the contract says: money moved between budget
    categories (not only between years of one), the end date, the lead or the partner
    municipalities."""
    if change.kind == ChangeKind.EXTENSION:
        return True
    if change.kind == ChangeKind.BUDGET:
        return category_totals(change.before) != category_totals(change.after)
    if change.kind == ChangeKind.TEAM:
        before, after = change.before.get("team", {}), change.after.get("team", {})
        return lead_of(before) != lead_of(after) or before.get("municipalities") != after.get(
            "municipalities"
        )
    return False


def category_totals(side):
    """{category id: total} of a budget grid kept in a change's `before` or `after`."""
    totals = {}
    grid = change_checks.proposed_grid(ChangeRequest(budget=side.get("budget", {})))
    for (category, _year), amount in grid.items():
        totals[category] = totals.get(category, 0) + amount
    return {key: value for key, value in totals.items() if value}


def lead_of(team):
    return next((name for name, (role, _e) in team.get("team", {}).items() if role == "lead"), None)


def amend_for_change(*, change, actor):
    """Inside the approval of `change`: when it touches a contract already generated, the
    next amendment of that contract (None otherwise). The caller holds the transaction."""
    contract = (
        Contract.objects.select_for_update()
        .filter(proposal_id=change.proposal_id)
        .exclude(state=ContractState.NOT_GENERATED)
        .first()
    )
    if contract is None or not touches_contract(change):
        return None
    last = Amendment.objects.filter(contract=contract).aggregate(n=Max("number"))["n"]
    amendment = Amendment(
        contract=contract, proposal_id=change.proposal_id, change=change, number=(last or 0) + 1
    )
    amendment.generate()
    amendment.generated_at, amendment.generated_by = timezone.now(), actor
    amendment.save()
    audit.record(
        actor=actor,
        action="amendment.generate",
        obj=amendment,
        from_state=ContractState.NOT_GENERATED,
        to_state=amendment.state,
        data={"change": change.number},
    )
    transaction.on_commit(lambda: notices.contract_step(amendment, "generated"), robust=True)
    return amendment
