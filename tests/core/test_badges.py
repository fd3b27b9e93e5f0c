"""State badges: each state's colour comes from the mapping declared beside its enum."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.template import Context, Template
from django.utils import translation

from core.badges import badge_colours
from indicators.models import AchievementStatus
from projects.models import Instalment, InstalmentState
from proposals.models import CallState, Proposal, ProposalState
from reports.models import JobState
from reviews.models import AssignmentState, ReviewState


def render(source, **context):
    with translation.override("en"):
        return Template(source).render(Context(context))


def test_a_state_field_shows_its_label_in_its_colour():
    html = render('{% state_badge proposal "state" %}', proposal=Proposal(state="in_review"))
    assert html == '<span class="badge text-bg-primary">In review</span>'


def test_a_member_shows_the_same_way_and_a_light_badge_gets_a_border():
    assert render("{% state_badge state %}", state=CallState.OPEN) == (
        '<span class="badge text-bg-success">Open</span>'
    )
    html = render('{% state_badge instalment "state" %}', instalment=Instalment(state="cancelled"))
    assert html == '<span class="badge text-bg-light border">Cancelled</span>'


@pytest.mark.parametrize(
    "states",
    [CallState, ProposalState, InstalmentState, AssignmentState, ReviewState, JobState,
     AchievementStatus],
)  # fmt: skip
def test_every_state_shown_as_a_badge_has_a_colour(states):
    assert set(states.badge_colours) == set(states)


def test_a_colour_for_a_member_that_does_not_exist_is_refused_at_once():
    with pytest.raises(ValueError, match="DONE"):

        @badge_colours("secondary", DONE="success")
        class Step(models.TextChoices):
            OPEN = "open", "Open"


def test_a_field_whose_enum_has_no_colours_says_so():
    with pytest.raises(ImproperlyConfigured, match="badge_colours"):
        render('{% state_badge proposal "kind" %}', proposal=Proposal())


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("state", list(ProposalState))
def test_a_choice_label_is_what_get_display_shows(language, state):
    proposal = Proposal(state=state, stage="concept")
    with translation.override(language):
        shown = Template('{{ p|choice_label:"state" }}·{{ p|choice_label:"stage" }}').render(
            Context({"p": proposal})
        )
        assert shown == f"{proposal.get_state_display()}·{proposal.get_stage_display()}"


def test_a_value_outside_the_choices_shows_as_it_is():
    assert render('{{ p|choice_label:"state" }}', p=Proposal(state="gone")) == "gone"
