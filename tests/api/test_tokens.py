"""Personal API tokens: made and revoked on their page (linked from the profile), the key
shown once and kept only as a hash, a revoked or unknown token refused, a read-only token
refused for writes, the request budget, every change audited."""

import pytest
from django.urls import reverse

from accounts.models import AuditEntry
from accounts.roles import Role
from api.models import ApiToken, TokenScope
from api.tokens import services
from tests.api.conftest import call_api
from tests.helpers import assert_access

pytestmark = pytest.mark.django_db
PAGE = reverse("api:tokens")
CALLS = reverse("api:v1:calls")
PROJECTS = reverse("api:v1:projects")


def test_everyone_with_a_role_has_a_token_page(client, personas):
    expected = {**dict.fromkeys(personas, 200), "outsider": 403, "anonymous": 302}
    assert_access(client, personas, PAGE, expected)


def test_the_profile_links_to_the_token_page_for_people_with_a_role(client, researcher, outsider):
    client.force_login(researcher)
    assert PAGE in client.get(reverse("accounts:profile")).content.decode()
    client.force_login(outsider)
    assert PAGE not in client.get(reverse("accounts:profile")).content.decode()


def test_a_token_is_made_on_its_page_and_its_key_shown_once(client, researcher):
    client.force_login(researcher)
    response = client.post(PAGE, {"name": "ระบบมหาวิทยาลัย", "scope": "read"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=researcher)
    page = response.content.decode()
    assert 'id="new-token"' in page
    key = page.split('id="new-token">')[1].split("<")[0]
    assert key.startswith("grt_") and token.key_hash == ApiToken.hash(key)
    assert key not in client.get(PAGE).content.decode()
    assert token.scope == TokenScope.READ
    assert AuditEntry.objects.filter(action=services.TOKEN_CREATED).count() == 1


def test_a_token_without_a_name_is_refused_in_thai(client, researcher):
    client.force_login(researcher)
    response = client.post(PAGE, {"name": "", "scope": "read"})
    assert "จำเป็น" in response.content.decode() or "ต้อง" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_token_reads_as_its_person(client, researcher):
    key = services.create_token(actor=researcher, name="t", scope=TokenScope.READ)[1]
    assert call_api(client, key, PROJECTS).status_code == 200
    assert ApiToken.objects.get().last_used_at is not None


def test_an_unknown_or_revoked_token_is_refused_as_a_problem(client, researcher):
    token, key = services.create_token(actor=researcher, name="t", scope=TokenScope.READ)
    response = call_api(client, key + "x", CALLS)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 401
    services.revoke_token(actor=researcher, token_id=token.pk)
    assert call_api(client, key, CALLS).status_code == 401
    assert AuditEntry.objects.filter(action=services.TOKEN_REVOKED).count() == 1


def test_the_token_of_someone_who_left_stops_working(client, researcher):
    key = services.create_token(actor=researcher, name="t", scope=TokenScope.READ)[1]
    researcher.is_active = False
    researcher.save()
    assert call_api(client, key, CALLS).status_code == 401


def test_a_token_is_revoked_only_by_its_person(client, researcher, trio):
    token, _key = services.create_token(actor=researcher, name="t", scope=TokenScope.READ)
    url = reverse("api:revoke_token", args=[token.pk])
    other = trio(Role.RESEARCHER)[0]
    client.force_login(other)
    assert client.post(url).status_code == 404
    assert ApiToken.objects.get().is_active
    client.force_login(researcher)
    assert client.post(url).status_code == 302
    assert not ApiToken.objects.get().is_active


def test_a_read_only_token_may_not_write(client, researcher):
    key = services.create_token(actor=researcher, name="t", scope=TokenScope.READ)[1]
    url = reverse("api:v1:progress_report_results", args=[1])
    response = call_api(client, key, url, "put", {"results": []})
    assert response.status_code == 403
    assert "อ่านได้อย่างเดียว" in response.json()["detail"]


def test_tokens_have_a_request_budget(client, researcher, settings):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "user": "3/minute"}
    original = SimpleRateThrottle.THROTTLE_RATES
    SimpleRateThrottle.THROTTLE_RATES = rates
    try:
        key = services.create_token(actor=researcher, name="t", scope=TokenScope.READ)[1]
        codes = [call_api(client, key, CALLS).status_code for _ in range(4)]
    finally:
        SimpleRateThrottle.THROTTLE_RATES = original
    assert codes == [200, 200, 200, 429]
