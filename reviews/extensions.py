"""What the review work adds to the lower apps, in the order it runs.

- the proposal lifecycle: `screen_pass` needs the screening checklist met and enough cleared
  reviewers, and is taken on the screening page; `approve`, `reject` and `request_revision`
  need every review of the round in, and are taken on the decision page (which records the
  Decision and sends the letter);
- calls: a call with a submitted review keeps its scoring formula;
- the audit log: the readable names of the review work's actions.

The reviewers' reminders run from the Celery beat (`reviews.tasks.send_reminders`, see
`CELERY_BEAT_SCHEDULE` in the settings).
"""

from accounts.audit import register_action
from accounts.notifications.kinds import register_kind
from accounts.privacy.exports import register_personal_data
from proposals.calls.services import SCORES_GIVEN
from proposals.lifecycle.services import register_condition, register_step_page
from reviews.assignment import notices as assignment_notices
from reviews.assignment import services as assignment
from reviews.bidding import services as bidding
from reviews.decisions import checks as decision_checks
from reviews.decisions import notices as decision_notices
from reviews.decisions import services as decisions
from reviews.panels import notices as panel_notices
from reviews.panels import services as panels
from reviews.privacy import selectors as privacy
from reviews.rebuttal import services as rebuttal
from reviews.reviewing import notices as reviewing_notices
from reviews.reviewing import services as reviewing
from reviews.scoring import notices as scoring_notices
from reviews.scoring import services as scoring
from reviews.scoring import statistics as scoring_statistics
from reviews.screening import checks as screening_checks
from reviews.screening import services as screening


def connect():
    register_personal_data("reviews", privacy.reviews_section)
    register_condition("screen_pass", screening_checks.screen_pass_problems)
    register_step_page("screen_pass", screening_checks.screening_page)
    for name in decision_checks.DECISIONS:
        register_condition(name, decision_checks.reviews_in)
        register_step_page(name, decision_checks.decision_page)
    SCORES_GIVEN.register(scoring_statistics.call_has_submitted_reviews)
    for module in (
        screening,
        assignment,
        reviewing,
        scoring,
        decisions,
        panels,
        bidding,
        rebuttal,
    ):
        for code, label, describe in module.AUDIT_ACTIONS:
            register_action(code, label, describe)
    for notices in (
        assignment_notices,
        decision_notices,
        panel_notices,
        reviewing_notices,
        scoring_notices,
    ):
        for kind in notices.MESSAGES:
            register_kind(kind)
