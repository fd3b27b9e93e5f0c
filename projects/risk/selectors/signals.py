"""The kinds of risk signal, each read by one function in a fixed number of queries (see
the package's docstring for what each one means)."""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Max, OuterRef, Subquery, Sum
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import AuditEntry
from core.thai import format_date, format_money
from projects.models import (
    ChangeKind,
    ChangeRequest,
    ChangeState,
    Instalment,
    InstalmentState,
    ProgressReport,
    ProgressReportState,
    Spending,
)
from proposals.models import Proposal

HIGH = "high"
MEDIUM = "medium"
LOW = "low"
LEVELS = {
    HIGH: pgettext_lazy("risk level", "High"),
    MEDIUM: pgettext_lazy("risk level", "Medium"),
    LOW: pgettext_lazy("risk level", "Low"),
}
RANK = {HIGH: 0, MEDIUM: 1, LOW: 2}

OVERDUE = "overdue"
RETURNED = "returned"
UNPAID = "unpaid"
EXTENSION = "extension"
LEFT = "left"
SPENDING = "spending"
BEHIND = "behind"
KINDS = {
    OVERDUE: _("Report overdue"),
    RETURNED: _("Report returned twice or more"),
    UNPAID: _("Instalment due but not paid"),
    EXTENSION: _("Extension already used"),
    LEFT: _("A team member left"),
    SPENDING: _("Spending far from the plan"),
    BEHIND: _("Results behind the committed path"),
}

LATE_DAYS = 30  # an overdue report is high past this many days
UNPAID_DAYS = 30  # an instalment due longer than this is a signal
UNPAID_HIGH_DAYS = 60
RETURNS = 2  # returned this many times or more
RETURN_ACTION = "progress_report.return"
HUNDRED = Decimal(100)
BEHIND_BANDS = (Decimal("0.25"), Decimal("0.5"))  # high, medium
BEHIND_FROM = Decimal("0.25")  # share of the time elapsed before results are compared
SENT = (ProgressReportState.SUBMITTED, ProgressReportState.ACCEPTED)


@dataclass
class Signal:
    project: Proposal
    kind: str
    level: str
    text: str
    url: str

    @property
    def label(self):
        return KINDS[self.kind]

    @property
    def level_label(self):
        return LEVELS[self.level]


@dataclass
class ProjectRisk:
    project: Proposal
    signals: list = field(default_factory=list)

    @property
    def level(self):
        return min((signal.level for signal in self.signals), key=RANK.get, default=None)

    @property
    def level_label(self):
        return LEVELS.get(self.level, "")


def overdue_signals(projects, today, reports=None):
    """`reports`: every report of the one project in `projects`, already read (its page)."""
    if reports is None:
        reports = ProgressReport.objects.filter(
            proposal__in=projects,
            state__in=ProgressReportState.editable(),
            due_on__lt=today,
        )
    else:
        editable = ProgressReportState.editable()
        reports = [report for report in reports if report.state in editable]
        reports = [report for report in reports if report.due_on < today]
    for report in reports:
        days = (today - report.due_on).days
        yield Signal(
            report.proposal_id,
            OVERDUE,
            HIGH if days > LATE_DAYS else MEDIUM,
            _("The %(report)s was due on %(day)s: %(days)s days late.")
            % {
                "report": report.get_kind_display(),
                "day": format_date(report.due_on),
                "days": days,
            },
            report.get_absolute_url(),
        )


def _returns(kind=None):
    """The audit entries of reports returned to their team (`kind`: the content type of
    reports, or its id)."""
    kind = kind or ContentType.objects.get_for_model(ProgressReport)
    return AuditEntry.objects.filter(content_type=kind, action=RETURN_ACTION)


def times_returned(kind=None):
    """How many times the outer progress report was returned to its team, as an annotation
    (a count in the audit log, whose object ids are text; `kind`: see `_returns`)."""
    entries = (
        _returns(kind)
        .filter(object_id=Cast(OuterRef("pk"), CharField()))
        .order_by()
        .values("object_id")
        .annotate(times=Count("id"))
        .values("times")
    )
    return Coalesce(Subquery(entries), 0)


def returned_signals(projects, reports=None):
    """`reports`: every report of the one project in `projects`, already read (its page) with
    `times_returned`. Without them, the returns are counted among the reports of `projects`
    only, not over the whole audit log."""
    if reports is None:
        keys = (
            ProgressReport.objects.filter(proposal__in=projects)
            .annotate(key=Cast("pk", CharField()))
            .values("key")
        )
        counts = (
            _returns()
            .filter(object_id__in=keys)
            .values("object_id")
            .annotate(times=Count("id"))
            .filter(times__gte=RETURNS)
        )
        times = {int(row["object_id"]): row["times"] for row in counts}
        reports = ProgressReport.objects.filter(pk__in=list(times)).order_by("pk")
    else:
        times = {report.pk: report.times_returned for report in reports}
    for report in reports:
        if times[report.pk] < RETURNS:
            continue
        yield Signal(
            report.proposal_id,
            RETURNED,
            MEDIUM,
            _("The %(report)s was returned to the team %(times)s times.")
            % {"report": report.get_kind_display(), "times": times[report.pk]},
            report.get_absolute_url(),
        )


def unpaid_signals(projects, today, instalments=None):
    """`instalments`: every instalment of the one project in `projects`, already read."""
    since = today - timedelta(days=UNPAID_DAYS)
    if instalments is None:
        instalments = Instalment.objects.filter(
            proposal__in=projects, state=InstalmentState.DUE, due_since__lt=since
        )
    else:
        instalments = [
            instalment
            for instalment in instalments
            if instalment.state == InstalmentState.DUE
            and instalment.due_since is not None
            and instalment.due_since < since
        ]
    for instalment in instalments:
        days = (today - instalment.due_since).days
        yield Signal(
            instalment.proposal_id,
            UNPAID,
            HIGH if days > UNPAID_HIGH_DAYS else MEDIUM,
            _("Instalment %(number)s (%(amount)s baht) has been due since %(day)s: %(days)s days.")
            % {
                "number": instalment.number,
                "amount": format_money(instalment.amount),
                "day": format_date(instalment.due_since),
                "days": days,
            },
            reverse("projects:project", args=[instalment.proposal_id]),
        )


def _approved(changes, kind):
    """The approved change requests of `kind` among `changes`, already read."""
    return [
        change for change in changes if change.kind == kind and change.state == ChangeState.APPROVED
    ]


def extension_signals(projects, changes=None):
    """`changes`: every change request of the one project in `projects`, already read."""
    if changes is None:
        changes = ChangeRequest.objects.filter(
            proposal__in=projects, kind=ChangeKind.EXTENSION, state=ChangeState.APPROVED
        )
    else:
        changes = sorted(_approved(changes, ChangeKind.EXTENSION), key=lambda change: change.pk)
    for change in changes:
        yield Signal(
            change.proposal_id,
            EXTENSION,
            LOW,
            _("An extension to %(day)s was approved: one fewer way out if it slips again.")
            % {"day": format_date(change.new_ends_on)},
            reverse("projects:change_detail", args=[change.pk]),
        )


def _members(snapshot):
    return set((snapshot or {}).get("team", {}).get("team", {}))


def left_signals(projects, changes=None):
    """`changes`: every change request of the one project in `projects`, already read."""
    if changes is None:
        changes = ChangeRequest.objects.filter(
            proposal__in=projects, kind=ChangeKind.TEAM, state=ChangeState.APPROVED
        ).order_by("decided_at", "pk")
    else:
        changes = sorted(
            _approved(changes, ChangeKind.TEAM),
            key=lambda change: (change.decided_at is None, change.decided_at, change.pk),
        )  # as PostgreSQL orders: the undecided last
    for change in changes:
        gone = sorted(_members(change.before) - _members(change.after))
        if gone:
            yield Signal(
                change.proposal_id,
                LEFT,
                MEDIUM,
                _("%(names)s left the team by the change approved on %(day)s.")
                % {
                    "names": ", ".join(gone),
                    "day": format_date(timezone.localdate(change.decided_at))
                    if change.decided_at
                    else "",
                },
                reverse("projects:change_detail", args=[change.pk]),
            )


def elapsed(award, day):
    """The share of the project's time gone by `day`, between 0 and 1."""
    length = (award["ends_on"] - award["starts_on"]).days or 1
    gone = (day - award["starts_on"]).days
    return min(max(Decimal(gone) / Decimal(length), Decimal(0)), Decimal(1))


def percent(value):
    return f"{value * 100:.0f}"


def _spending_level(percent_of_plan, under, over):
    if percent_of_plan < under / 2 or percent_of_plan > over + (over - HUNDRED):
        return HIGH
    if percent_of_plan < under or percent_of_plan > over:
        return MEDIUM
    return None


def spending_signals(projects, awards, sent=None):
    """`sent`: the one project's spending in the reports sent and the last period end among
    them ({"report__proposal", "spent", "last"}), already read by its page's budget table."""
    if sent is None:
        sent = (
            Spending.objects.filter(report__proposal__in=projects, report__state__in=SENT)
            .values("report__proposal")
            .annotate(spent=Sum("amount"), last=Max("report__period_end"))
        )
    for row in sent:
        award = awards[row["report__proposal"]]
        planned = award["amount"] * elapsed(award, row["last"])
        if not planned:
            continue
        ratio = row["spent"] / planned
        level = _spending_level(ratio * HUNDRED, award["under"], award["over"])
        if level:
            yield Signal(
                row["report__proposal"],
                SPENDING,
                level,
                _(
                    "%(spent)s baht spent by %(day)s against %(planned)s baht planned "
                    "(%(percent)s%% of the plan)."
                )
                % {
                    "spent": format_money(row["spent"]),
                    "day": format_date(row["last"]),
                    "planned": format_money(planned),
                    "percent": percent(ratio),
                },
                reverse("projects:project", args=[row["report__proposal"]]),
            )
