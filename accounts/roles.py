"""Roles are Django groups; this module names them and the permissions each carries.

Every permission a role holds is checked where its action happens (tests/test_architecture.py
fails otherwise): an action's own permission by the app's predicate (`user.has_perm(…)` in a
`rules` module), so that taking it from a role takes the action away; a model's `view_`
permission by the Django admin. Models whose changes the app audits are read-only in the admin,
so roles hold only their `view_` permission: the app's pages are where they change.

Permissions of apps higher up (proposals, reviews…) are named here by their dotted string,
so this module imports nothing from them; a codename whose app is not migrated yet is
simply skipped and picked up on a later migrate.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RESEARCHER = "researcher", _("Researcher")
    FUNDING_OFFICER = "funding_officer", _("Funding officer")
    REVIEWER = "reviewer", _("Reviewer")
    PROGRAMME_MANAGER = "programme_manager", _("Programme manager")
    ADMINISTRATOR = "administrator", _("Administrator")
    MENTOR = "mentor", _("Mentor")


# Roles that see other people's data and so must protect their accounts with TOTP
# when settings.MFA_REQUIRED_FOR_STAFF is on. They also get Django admin access.
STAFF_ROLES = frozenset({Role.FUNDING_OFFICER, Role.PROGRAMME_MANAGER, Role.ADMINISTRATOR})

# Which role's dashboard a person with several roles lands on first.
LANDING_ORDER = (
    Role.ADMINISTRATOR,
    Role.PROGRAMME_MANAGER,
    Role.FUNDING_OFFICER,
    Role.REVIEWER,
    Role.MENTOR,
    Role.RESEARCHER,
)

# Roles each role may hand out through an invitation.
INVITABLE_ROLES = {
    Role.ADMINISTRATOR: frozenset(Role),
    Role.FUNDING_OFFICER: frozenset({Role.REVIEWER, Role.RESEARCHER}),
}

# Models of the apps above, by name: officers keep calls, managers keep the framework (on the
# app's pages, which audit every change; the admin shows them read-only).
CALL_MODELS = (
    "call",
    "budgetcategory",
    "instalmenttemplate",
    "reviewcriterion",
    "requiredattachment",
    "calldocument",
)
FRAMEWORK_MODELS = ("objective", "indicator", "indicatortarget", "technology", "outputtype")
PROPOSAL_MODELS = ("proposal", "proposalversion")
PROJECT_MODELS = (
    "award",
    "awardbudget",
    "instalment",
    "progressreport",
    "activityprogress",
    "spending",
    "indicatorresult",
    "resultevidence",
    "deliveredoutput",
    "changerequest",
    "changeattachment",
    "changepolicy",
)
REVIEW_MODELS = (
    "screeningitem",
    "screeningcheck",
    "reviewerprofile",
    "assignment",
    "review",
    "criterionscore",
    "decisionlettertemplate",
    "decision",
)

ROLE_PERMISSIONS = {
    Role.RESEARCHER: [],
    Role.FUNDING_OFFICER: [
        "accounts.invite_user",
        "accounts.view_user",
        "accounts.view_auditentry",
        "accounts.view_municipality",
        *(f"proposals.view_{model}" for model in CALL_MODELS),
        *(f"proposals.view_{model}" for model in PROPOSAL_MODELS),
        "proposals.screen_proposal",
        "proposals.manage_workshop",
        *(f"projects.view_{model}" for model in PROJECT_MODELS),
        "projects.release_instalment",
        "projects.accept_progressreport",
        "projects.record_adoption",
        "projects.recommend_changerequest",
        *(f"reviews.view_{model}" for model in REVIEW_MODELS),
    ],
    Role.REVIEWER: [],
    Role.PROGRAMME_MANAGER: [
        "accounts.view_user",
        "accounts.view_auditentry",
        "accounts.view_municipality",
        "accounts.view_organisation",
        "accounts.change_organisation",
        "indicators.change_funder",
        *(f"indicators.view_{model}" for model in FRAMEWORK_MODELS),
        *(f"proposals.view_{model}" for model in CALL_MODELS),
        *(f"proposals.view_{model}" for model in PROPOSAL_MODELS),
        "proposals.decide_proposal",
        "proposals.manage_workshop",
        "proposals.assign_mentor",
        "projects.decide_changerequest",
        *(f"projects.view_{model}" for model in PROJECT_MODELS),
        *(f"reviews.view_{model}" for model in REVIEW_MODELS),
    ],
    Role.MENTOR: ["proposals.comment_as_mentor"],
    Role.ADMINISTRATOR: [
        "accounts.invite_user",
        "accounts.view_user",
        "accounts.change_user",
        "accounts.assign_roles",
        "accounts.view_auditentry",
        "accounts.view_municipality",
        "accounts.add_municipality",
        "accounts.change_municipality",
        "accounts.view_organisation",
        "accounts.change_organisation",
        "indicators.change_funder",
        "accounts.view_invitation",
        "accounts.add_privacynotice",
        "accounts.view_privacynotice",
        "accounts.view_consent",
        "accounts.export_personal_data",
        "accounts.view_dataexport",
        "accounts.erase_personal_data",
        "accounts.view_erasurerequest",
        "accounts.set_retention",
        "accounts.view_retentionperiod",
    ],
}
