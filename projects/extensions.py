"""What funded projects add to the lower apps, in the order it runs.

- the proposal lifecycle: `fund` is taken on the fund page; `complete` needs the final report
  accepted, `close` every instalment settled and the
  unspent balance refunded; `terminate` stops counting the project's
  commitments and cancels its unpaid instalments;
- calls' eligibility: the system checks that an applicant has no overdue progress report;
- progress reports: their submission needs what `progress/checks.py` asks;
- indicators: what the KPI ledger's project and report keys stand for, the money figures of
  every programme dashboard, the cities using each technology of the catalogue, and which
  indicators progress reports give values for (their definition is then locked);
- progress reports wait for the counter-signed contract where the call requires it;
- the audit log: the readable names of the projects' actions (change requests' and
  contracts' too).
"""

from accounts.audit import register_action
from accounts.notifications.kinds import register_kind
from accounts.privacy.exports import register_personal_data
from indicators.catalogue import register_technology_uses
from indicators.dashboard.headlines import register_headline, register_municipality_panel
from indicators.locks import DEFINITION_USES
from indicators.sources import register_resolver
from projects import checks, dashboard
from projects.adoption import panels as adoption_panels
from projects.adoption import selectors as adoption_selectors
from projects.adoption import services as adoption
from projects.changes import notices as change_notices
from projects.changes import services as changes
from projects.contracts import notices as contract_notices
from projects.contracts import services as contracts
from projects.financial import services as financial
from projects.funding import notices as funding_notices
from projects.funding import services as funding
from projects.instalments import services as instalments
from projects.privacy import selectors as privacy
from projects.progress import checks as progress_checks
from projects.progress import notices as progress_notices
from projects.progress import reminders as progress_reminders
from projects.progress import selectors as progress_selectors
from projects.progress.services import editing, results, states
from projects.risk import notices as risk_notices
from proposals.eligibility.checks import SYSTEM_CHECKS, SystemCheck
from proposals.lifecycle.services import register_condition, register_effect, register_step_page


def connect():
    SYSTEM_CHECKS.register(
        SystemCheck(checks.NO_OVERDUE_REPORT_LABEL, checks.no_overdue_report),
        key=checks.NO_OVERDUE_REPORT,
    )
    register_personal_data("progress_reports", privacy.progress_section)
    register_step_page("fund", dashboard.fund_page)
    register_condition("complete", checks.final_report_accepted)
    register_condition("close", checks.instalments_settled)
    register_condition("close", checks.refund_settled)
    register_effect("terminate", instalments.stop_counting_commitments)
    states.SUBMIT_CHECKS.register(progress_checks.submit_check)
    states.SUBMIT_CHECKS.register(contracts.submit_check)
    register_resolver(dashboard.PROJECT_PREFIX, dashboard.resolve_projects)
    register_resolver(dashboard.REPORT_PREFIX, dashboard.resolve_reports)
    register_headline(dashboard.money_headlines)
    register_municipality_panel(adoption_panels.municipality_panel)
    register_technology_uses(adoption_selectors.cities_using)
    DEFINITION_USES.register(progress_selectors.indicators_with_results)
    for module in (
        funding,
        states,
        editing,
        results,
        instalments,
        changes,
        contracts,
        adoption,
        financial,
    ):
        for code, label, describe in module.AUDIT_ACTIONS:
            register_action(code, label, describe)
    for notices in (
        change_notices,
        contract_notices,
        funding_notices,
        progress_notices,
        progress_reminders,
        risk_notices,
    ):
        for kind in notices.MESSAGES:
            register_kind(kind)
