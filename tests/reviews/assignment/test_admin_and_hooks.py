"""Every model of the review work is in the Django admin, and the app registers its
lifecycle hooks at start-up, skipping only the modules that do not exist yet."""

import importlib

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from proposals.lifecycle import services as lifecycle
from reviews import apps as reviews_apps
from reviews.screening.conditions import screen_pass_problems
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


def test_the_screening_condition_is_registered_at_start_up():
    assert screen_pass_problems in lifecycle._CONDITIONS["screen_pass"]


def test_register_all_skips_missing_modules_but_not_broken_ones(monkeypatch):
    monkeypatch.setattr(reviews_apps, "OPTIONAL_HOOKS", ("reviews.no_such_module",))
    reviews_apps.register_all()  # nothing raised

    real = importlib.import_module

    def broken(name, *args, **kwargs):
        if name == "reviews.broken_hook":
            raise ModuleNotFoundError("No module named 'nowhere'", name="nowhere")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(reviews_apps, "OPTIONAL_HOOKS", ("reviews.broken_hook",))
    monkeypatch.setattr(reviews_apps.importlib, "import_module", broken)
    with pytest.raises(ModuleNotFoundError):
        reviews_apps.register_all()


def test_the_generic_step_page_sends_officers_to_the_screening(client, officer):
    from tests.reviews.screening.builders import a_call, submitted

    proposal = submitted(a_call())
    client.force_login(officer)
    response = client.get(
        reverse("proposals:proposal_transition", args=[proposal.pk, "screen_pass"])
    )
    assert response.status_code == 302
    assert response.url == reverse("reviews:screen", args=[proposal.pk])
