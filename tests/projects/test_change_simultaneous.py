"""A manager pressing "Approve and apply" ten times at once (each press in its own thread and
database connection): the change applies once, every other press gets the page's ordinary
answer ("nothing was changed"), never a server error."""

import pytest
from django.urls import reverse

from accounts.models import AuditEntry
from projects.changes import services as changes
from projects.models import ChangeRequest, ChangeState
from tests.factories import UserFactory
from tests.projects.builders import funded_project
from tests.projects.changes_builders import grid_of, start_reallocation
from tests.projects.test_simultaneous_presses import press_together

pytestmark = pytest.mark.django_db(transaction=True)


def test_ten_approvals_at_once_apply_the_change_once():
    from accounts.roles import Role

    officer = UserFactory(roles=[Role.FUNDING_OFFICER])
    manager = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    project = funded_project(officer)
    project.call.programme.managers.add(manager)
    change = start_reallocation(project, project.lead, amount="100000.00")
    changes.submit_change(change=change, actor=project.lead)
    changes.recommend_change(change=change, actor=officer)
    url = reverse("projects:change_step", args=[change.pk, "approve"])
    answers = press_together(manager, url, {"comment": ""})
    assert [getattr(answer, "status_code", answer) for answer in answers] == [302] * 10
    assert ChangeRequest.objects.get(pk=change.pk).state == ChangeState.APPROVED
    assert AuditEntry.objects.filter(action="change_request.approve").count() == 1
    assert sum(grid_of(project).values()) == project.award.amount
