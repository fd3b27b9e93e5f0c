"""What funded projects add to the lower apps, in the order it runs.

- the proposal lifecycle: `fund` is taken on the fund page; `complete` needs the final report
  accepted, `close` every instalment settled; `terminate` stops counting the project's
  commitments and cancels its unpaid instalments;
- progress reports: their submission needs what `progress/checks.py` asks;
- indicators: what the KPI ledger's project and report keys stand for, and the money figures of
  every programme dashboard;
- the audit log: the readable names of the projects' actions.
"""

from accounts.audit import register_action
from indicators.dashboard.headlines import register_headline
from indicators.sources import register_resolver
from projects import dashboard, services
from projects.progress import checks
from projects.progress import services as progress_services
from proposals.lifecycle.services import register_condition, register_effect, register_step_page


def connect():
    register_step_page("fund", dashboard.fund_page)
    register_condition("complete", services.final_report_accepted)
    register_condition("close", services.instalments_settled)
    register_effect("terminate", services.stop_counting_commitments)
    services.SUBMIT_CHECKS.register(checks.submit_check)
    register_resolver(dashboard.PROJECT_PREFIX, dashboard.resolve_projects)
    register_resolver(dashboard.REPORT_PREFIX, dashboard.resolve_reports)
    register_headline(dashboard.money_headlines)
    for code, label, describe in [*services.AUDIT_ACTIONS, *progress_services.AUDIT_ACTIONS]:
        register_action(code, label, describe)
