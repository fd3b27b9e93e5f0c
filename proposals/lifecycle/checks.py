"""Completeness and budget rules: what stands between a proposal and its submission.

`problems(proposal)` lists what blocks a submission, each with the page that fixes it;
`warnings(proposal)` what is worth a look but blocks nothing. Both read the proposal's parts
through `.all()`, so a proposal fetched with `selectors.proposals_for_checks()` is checked in
a fixed number of queries.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import MunicipalityType, Region
from core.numbers import CENT
from proposals.editing.budget import budget_summary
from proposals.models import SectionKey
from proposals.stages.checks import concept_problems

HUNDRED = Decimal("100")


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    url: str


def link(proposal, name, anchor=""):
    """The page of `proposal` named `name` (in the proposals namespace), with an anchor."""
    url = reverse(f"proposals:{name}", args=[proposal.pk])
    return f"{url}#{anchor}" if anchor else url


def problems(proposal, *, resubmitting=False):
    """Everything that blocks submitting `proposal`, in the order of the proposal's parts.
    When `resubmitting` (answering a revision request), the call's closing date does not apply.
    """
    if proposal.is_concept:
        return [Problem(*found) for found in concept_problems(proposal, resubmitting=resubmitting)]
    found = []
    for check in CHECKS:
        found.extend(check(proposal))
    if not resubmitting:
        found.extend(_call_open(proposal))
    return found


def warnings(proposal):
    """What deserves attention before submitting but does not block it."""
    pending = [member.email for member in proposal.team.all() if member.is_pending]
    if not pending:
        return []
    return [
        Problem(
            "team_pending",
            _("These invitations are still unanswered: %(emails)s.")
            % {"emails": ", ".join(pending)},
            link(proposal, "proposal_detail", "team"),
        )
    ]


def _general(proposal):
    url = link(proposal, "proposal_detail", "general")
    call = proposal.call
    if not (proposal.title_th.strip() or proposal.title_en.strip()):
        yield Problem("title", _("Give the proposal a title in Thai or English."), url)
    duration = proposal.duration_months
    if not duration or not (call.min_duration_months <= duration <= call.max_duration_months):
        yield Problem(
            "duration",
            _("The duration must be between %(min)s and %(max)s months.")
            % {"min": call.min_duration_months, "max": call.max_duration_months},
            url,
        )
    if not proposal.start_month:
        yield Problem("start_month", _("Choose the month the project starts."), url)
    if not (proposal.summary_th.strip() or proposal.summary_en.strip()):
        yield Problem("summary", _("Write a summary of the proposal."), url)
    if not proposal.keyword_list:
        yield Problem("keywords", _("Give at least one keyword."), url)


def _sections(proposal):
    written = {section.key for section in proposal.sections.all() if section.text.strip()}
    for key in SectionKey:
        if key.value not in written:
            yield Problem(
                f"section:{key.value}",
                _("The section “%(section)s” is empty.") % {"section": key.label},
                link(proposal, "proposal_detail", f"narrative-{key.value}"),
            )


def _team(proposal):
    if not any(
        member.user_id == proposal.lead_id and member.has_accepted for member in proposal.team.all()
    ):
        yield Problem(
            "team_lead",
            _("The lead researcher must be on the team."),
            link(proposal, "proposal_detail", "team"),
        )


def _eligible(municipality, call):
    types, regions = call.eligible_municipality_types, call.eligible_regions
    return (not types or municipality.type in types) and (
        not regions or municipality.region in regions
    )


def _municipalities(proposal):
    url = link(proposal, "edit_municipalities")
    partners = list(proposal.municipalities.all())
    if not partners:
        yield Problem("municipality_none", _("Add at least one partner municipality."), url)
        return
    if sum(1 for partner in partners if partner.is_lead) != 1:
        yield Problem("municipality_lead", _("Mark exactly one lead municipality."), url)
    call = proposal.call
    for partner in partners:
        if not _eligible(partner.municipality, call):
            yield Problem(
                f"municipality_ineligible:{partner.municipality_id}",
                _("%(name)s is not eligible for this call (it takes %(types)s in %(regions)s).")
                % {
                    "name": partner.municipality.name,
                    "types": _labels(call.eligible_municipality_type_labels(), MunicipalityType),
                    "regions": _labels(call.eligible_region_labels(), Region),
                },
                url,
            )


def _labels(chosen, choices):
    """The labels a call chose, or all of them when it chose none (it takes every one)."""
    return ", ".join(str(label) for label in (chosen or choices.labels))


def _technologies(proposal):
    if not proposal.technologies.all():
        yield Problem(
            "technology_none",
            _("Choose at least one technology from the catalogue."),
            link(proposal, "edit_technologies"),
        )


def _work_plan(proposal):
    url = link(proposal, "edit_activities")
    activities = list(proposal.activities.all())
    if not activities:
        yield Problem("workplan_none", _("Add the activities of the work plan."), url)
        return
    total = sum((activity.weight_percent for activity in activities), Decimal("0"))
    if abs(total - HUNDRED) > CENT:
        yield Problem(
            "workplan_weights",
            _("The weights of the activities add up to %(total)s%%, not 100%%.")
            % {"total": f"{total:.2f}"},
            url,
        )
    # Without a duration the months cannot be judged; the general part's problem says so.
    duration = proposal.duration_months or 0
    outside = [
        activity.name
        for activity in activities
        if activity.start_month < 1
        or activity.end_month < activity.start_month
        or (duration and activity.end_month > duration)
    ]
    if outside:
        yield Problem(
            "workplan_months",
            _("These activities fall outside months 1 to %(duration)s: %(names)s.")
            % {"duration": duration, "names": ", ".join(outside)},
            url,
        )


def _budget(proposal):
    url = link(proposal, "edit_budget")
    lines = list(proposal.budget_lines.all())
    if not lines:
        yield Problem("budget_none", _("Add the budget lines."), url)
        return
    call = proposal.call
    foreign = sorted({line.category.name for line in lines if line.category.call_id != call.pk})
    if foreign:
        yield Problem(
            "budget_category",
            _("These budget categories are not the call's: %(names)s.")
            % {"names": ", ".join(foreign)},
            url,
        )
    years = {year.pk for year in call.programme.fiscal_years.all()}
    outside = sorted(
        {line.fiscal_year.year_be for line in lines if line.fiscal_year_id not in years}
    )
    if outside:
        yield Problem(
            "budget_fiscal_year",
            _("Fiscal years %(years)s are not years of the programme.")
            % {"years": ", ".join(str(year) for year in outside)},
            url,
        )
    # Caps, fixed shares, the ceiling and categories the call does not allow: the budget
    # page's own arithmetic, so that both pages say the same.
    for breach in budget_summary(proposal).breaches:
        yield Problem(_breach_code(breach), str(breach.message), url)


def _breach_code(breach):
    category = getattr(breach, "category", None)
    return f"budget_{breach.code}:{category.code}" if category else f"budget_{breach.code}"


def _contributions(proposal):
    if not proposal.contributions.all():
        yield Problem(
            "contribution_none",
            _("Commit to at least one indicator of the programme."),
            link(proposal, "edit_contributions"),
        )


def _attachments(proposal):
    present = {attachment.kind_id for attachment in proposal.attachments.all() if attachment.file}
    for kind in proposal.call.required_attachments.all():
        if kind.is_required and kind.pk not in present:
            yield Problem(
                f"attachment:{kind.pk}",
                _("Attach “%(name)s”.") % {"name": kind.name},
                link(proposal, "edit_attachments"),
            )


def _call_open(proposal):
    call = proposal.call
    now = timezone.now()
    if not (call.is_published and call.opens_at <= now < call.closes_at):
        yield Problem(
            "call_closed",
            _("The call %(code)s is not open for submissions.") % {"code": call.code},
            call.get_absolute_url(),
        )


CHECKS = (
    _general,
    _sections,
    _team,
    _municipalities,
    _technologies,
    _work_plan,
    _budget,
    _contributions,
    _attachments,
)
