"""The privacy pages that list rows run as many queries with many rows as with one."""

import pytest
from django.urls import reverse

from accounts.privacy.models import DataExport, ErasureRequest, PrivacyNotice
from tests.factories import UserFactory
from tests.helpers import assert_flat_queries

pytestmark = pytest.mark.django_db


def test_the_requests_for_data_list(client, administrator):
    def make(count):
        for _ in range(count):
            person = UserFactory()
            DataExport.objects.create(subject=person, requested_by=administrator, reason="x")

    assert_flat_queries(client, administrator, reverse("privacy:exports"), make)


def test_the_erasure_requests_list(client, administrator):
    def make(count):
        for _ in range(count):
            person = UserFactory()
            ErasureRequest.objects.create(subject=person, requested_by=person)

    assert_flat_queries(client, administrator, reverse("privacy:erasures"), make)


def test_the_notice_versions_list(client, administrator):
    def make(count):
        start = PrivacyNotice.objects.count()
        for number in range(count):
            PrivacyNotice.objects.create(
                version=start + number + 1, text_th="ก", text_en="a", published_by=administrator
            )

    assert_flat_queries(client, administrator, reverse("privacy:manage"), make, many=10)


def test_my_copies_list(client, researcher):
    def make(count):
        for _ in range(count):
            DataExport.objects.create(subject=researcher, requested_by=researcher)

    assert_flat_queries(client, researcher, reverse("privacy:my_data"), make, many=15)
