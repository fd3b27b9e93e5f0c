"""Every model of the review work is in the Django admin, and the app connects its lifecycle
hooks at start-up."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from proposals.lifecycle import services as lifecycle
from reviews.screening.checks import screen_pass_problems
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_reviews_model_is_registered_and_its_list_opens(client):
    models = list(apps.get_app_config("reviews").get_models())
    assert models
    assert all(admin.site.is_registered(model) for model in models)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for model in models:
        url = reverse(f"admin:reviews_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url


def test_the_screening_condition_is_connected_at_start_up():
    assert screen_pass_problems in lifecycle.CONDITIONS.get("screen_pass")


def test_the_generic_step_page_sends_officers_to_the_screening(client, officer):
    from tests.reviews.screening.builders import a_call, submitted

    proposal = submitted(a_call())
    client.force_login(officer)
    response = client.get(
        reverse("proposals:proposal_transition", args=[proposal.pk, "screen_pass"])
    )
    assert response.status_code == 302
    assert response.url == reverse("reviews:screen", args=[proposal.pk])
