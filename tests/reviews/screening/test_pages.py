"""The checklist page of a call and the screening page of a proposal: who may open and use
them, saving verdicts in one go, and the two ways out of screening."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import AuditEntry
from proposals.models import Proposal, ProposalState
from reviews.models import ScreeningCheck, ScreeningItem
from reviews.models import ScreeningVerdict as V
from reviews.screening.services import DEFAULT_ITEMS
from tests.helpers import assert_access
from tests.reviews.screening.builders import a_call, a_reviewer, checklist, cleared, submitted

pytestmark = pytest.mark.django_db

LOGIN = 302


def officers_only(ok=200):
    return {
        "researcher": 403,
        "funding_officer": ok,
        "reviewer": 403,
        "programme_manager": 403,
        "administrator": 403,
        "mentor": 403,
        "finance": 403,
        "outsider": 403,
        "anonymous": LOGIN,
    }


def stored(proposal):
    return Proposal.objects.get(pk=proposal.pk)


# The checklist of a call.


def test_the_checklist_page_is_for_officers(client, personas):
    call = a_call()
    url = reverse("reviews:screening_items", args=[call.code])
    assert_access(client, personas, url, officers_only())
    assert_access(
        client, personas, url, officers_only(302), method="post", data={"action": "defaults"}
    )
    assert ScreeningItem.objects.filter(call=call).count() == len(DEFAULT_ITEMS)


def test_an_unknown_call_is_not_found(client, officer):
    client.force_login(officer)
    assert client.get(reverse("reviews:screening_items", args=["NOPE"])).status_code == 404


def test_a_call_without_items_is_offered_the_usual_checklist(client, officer):
    call = a_call()
    client.force_login(officer)
    page = client.get(reverse("reviews:screening_items", args=[call.code]))
    assert page.context["empty"] is True
    assert 'value="defaults"' in page.content.decode()
    client.post(reverse("reviews:screening_items", args=[call.code]), {"action": "defaults"})
    items = list(ScreeningItem.objects.filter(call=call))
    assert [(i.position, i.text_th, i.text_en) for i in items] == [
        (n, th, en) for n, (th, en) in enumerate(DEFAULT_ITEMS, start=1)
    ]
    assert items[0].text_th == "ผู้ยื่นเป็นนักวิจัยของหน่วยงานที่มีสิทธิ์"
    assert AuditEntry.objects.filter(action="screening.checklist").count() == 1
    page = client.get(reverse("reviews:screening_items", args=[call.code]))
    assert 'value="defaults"' not in page.content.decode()


def test_the_usual_checklist_is_not_added_twice(officer):
    from django.core.exceptions import ValidationError

    from reviews.screening.services import add_default_items

    call = a_call()
    checklist(call, 1)
    with pytest.raises(ValidationError):
        add_default_items(actor=officer, call=call)
    assert ScreeningItem.objects.filter(call=call).count() == 1


def formset_data(items, new=(), delete=()):
    data = {
        "action": "save",
        "items-TOTAL_FORMS": str(len(items) + len(new)),
        "items-INITIAL_FORMS": str(len(items)),
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    }
    rows = [(item.pk, item.position, item.text_th, item.text_en) for item in items]
    rows += [("", position, th, en) for position, th, en in new]
    for n, (pk, position, th, en) in enumerate(rows):
        data.update(
            {
                f"items-{n}-id": pk,
                f"items-{n}-position": position,
                f"items-{n}-text_th": th,
                f"items-{n}-text_en": en,
            }
        )
        if pk and pk in delete:
            data[f"items-{n}-DELETE"] = "on"
    return data


def test_officers_add_reword_reorder_and_remove_items(client, officer):
    call = a_call()
    first, second, third = checklist(call, 3)
    first.position, second.position = 2, 1
    second.text_en = "Item two, reworded"
    data = formset_data([first, second, third], new=[(4, "ข้อใหม่", "New item")], delete=[third.pk])
    client.force_login(officer)
    response = client.post(reverse("reviews:screening_items", args=[call.code]), data)
    assert response.status_code == 302
    assert [i.text_en for i in ScreeningItem.objects.filter(call=call)] == [
        "Item two, reworded",
        "Item 1",
        "New item",
    ]
    entry = AuditEntry.objects.get(action="screening.checklist")
    assert entry.data == {"added": 1, "changed": 2, "removed": 1}


def test_an_item_proposals_were_screened_on_is_not_removed(client, officer):
    call = a_call()
    first, second = checklist(call, 2)
    ScreeningCheck.objects.create(proposal=submitted(call), item=first, verdict=V.MET)
    client.force_login(officer)
    data = formset_data([first, second], delete=[first.pk, second.pk])
    with translation.override("en"):
        response = client.post(
            reverse("reviews:screening_items", args=[call.code]), data, HTTP_ACCEPT_LANGUAGE="en"
        )
    assert response.status_code == 200
    assert "cannot be removed" in response.content.decode()
    assert ScreeningItem.objects.filter(call=call).count() == 2  # not even the unused one


def test_an_item_needs_both_languages(client, officer):
    call = a_call()
    client.force_login(officer)
    data = formset_data([], new=[(1, "ข้อ", "")])
    response = client.post(reverse("reviews:screening_items", args=[call.code]), data)
    assert response.status_code == 200
    assert not ScreeningItem.objects.exists()


# Screening a proposal.


@pytest.fixture
def screening():
    call = a_call(reviewers_per_proposal=1)
    return {"call": call, "proposal": submitted(call), "items": checklist(call, 2)}


def verdicts(items, *pairs):
    data = {"action": "save"}
    for item, (verdict, note) in zip(items, pairs, strict=True):
        data[f"item-{item.pk}-verdict"] = verdict
        data[f"item-{item.pk}-note"] = note
    return data


def test_the_screening_page_is_for_officers(client, personas, screening):
    url = reverse("reviews:screen", args=[screening["proposal"].pk])
    assert_access(client, personas, url, officers_only())
    data = verdicts(screening["items"], (V.MET, ""), (V.MET, ""))
    assert_access(client, personas, url, officers_only(302), method="post", data=data)


@pytest.mark.parametrize("action", ["screen_pass", "return"])
def test_the_screening_actions_are_for_officers(client, personas, screening, action):
    url = reverse("reviews:screen", args=[screening["proposal"].pk])
    data = {"action": action, f"{'pass' if action == 'screen_pass' else 'return'}-comment": "x"}
    expected = officers_only(200 if action == "screen_pass" else 302)  # pass lacks reviewers
    assert_access(client, personas, url, expected, method="post", data=data)


def test_an_unknown_proposal_is_not_found(client, officer):
    client.force_login(officer)
    assert client.get(reverse("reviews:screen", args=[999999])).status_code == 404


def test_the_verdicts_are_saved_together_with_one_audit_entry(client, officer, screening):
    proposal, items = screening["proposal"], screening["items"]
    client.force_login(officer)
    url = reverse("reviews:screen", args=[proposal.pk])
    client.post(url, verdicts(items, (V.MET, " ครบ "), (V.NOT_APPLICABLE, "")))
    checks = list(ScreeningCheck.objects.filter(proposal=proposal).order_by("item__position"))
    assert [(c.item, c.round, c.verdict, c.note, c.checked_by) for c in checks] == [
        (items[0], 1, V.MET, "ครบ", officer),
        (items[1], 1, V.NOT_APPLICABLE, "", officer),
    ]
    entry = AuditEntry.objects.get(action="screening.saved")
    assert entry.data == {"round": 1, "verdicts": {str(items[0].pk): "met", str(items[1].pk): "na"}}
    # Saving again updates the same rows; an empty verdict clears one.
    client.post(url, verdicts(items, (V.NOT_MET, "ขาดหนังสือ"), ("", "")))
    assert list(
        ScreeningCheck.objects.filter(proposal=proposal).values_list("verdict", "note")
    ) == [(V.NOT_MET, "ขาดหนังสือ")]


def test_not_met_needs_a_note_and_nothing_is_saved_without_it(client, officer, screening):
    proposal, items = screening["proposal"], screening["items"]
    client.force_login(officer)
    with translation.override("en"):
        response = client.post(
            reverse("reviews:screen", args=[proposal.pk]),
            verdicts(items, (V.MET, ""), (V.NOT_MET, "  ")),
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 200
    assert "Say what is missing" in response.content.decode()
    assert not ScreeningCheck.objects.exists()
    assert not AuditEntry.objects.filter(action="screening.saved").exists()


def test_the_screening_of_a_proposal_in_review_is_read_only(client, officer, screening):
    proposal = submitted(screening["call"], state=ProposalState.IN_REVIEW)
    client.force_login(officer)
    url = reverse("reviews:screen", args=[proposal.pk])
    page = client.get(url)
    assert page.context["editable"] is False
    client.post(url, verdicts(screening["items"], (V.MET, ""), (V.MET, "")))
    assert not ScreeningCheck.objects.exists()


def test_the_page_says_what_stands_in_the_way_and_lists_the_reviewers(client, officer, screening):
    proposal = screening["proposal"]
    reviewer = a_reviewer()
    cleared(proposal, reviewer)
    client.force_login(officer)
    with translation.override("en"):
        page = client.get(reverse("reviews:screen", args=[proposal.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert page.context["problems"] == [
        "Screening item “Item 1” has no verdict yet.",
        "Screening item “Item 2” has no verdict yet.",
    ]
    html = page.content.decode()
    assert reviewer.full_name_en in html
    assert reverse("reviews:assign", args=[proposal.pk]) in html


def test_pass_to_review_refuses_with_the_conditions_messages(client, officer, screening):
    proposal = screening["proposal"]
    client.force_login(officer)
    with translation.override("en"):
        response = client.post(
            reverse("reviews:screen", args=[proposal.pk]),
            {"action": "screen_pass"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    shown = [str(m) for m in response.context["messages"]]
    assert "Screening item “Item 1” has no verdict yet." in shown
    assert "Assign 1 more reviewer." in shown
    assert stored(proposal).state == ProposalState.SUBMITTED


def test_pass_to_review_moves_a_ready_proposal(client, officer, screening):
    proposal = screening["proposal"]
    for item in screening["items"]:
        ScreeningCheck.objects.create(proposal=proposal, item=item, round=1, verdict=V.MET)
    cleared(proposal, a_reviewer())
    client.force_login(officer)
    response = client.post(reverse("reviews:screen", args=[proposal.pk]), {"action": "screen_pass"})
    assert response.status_code == 302
    assert response.url == reverse("reviews:call_overview", args=[screening["call"].code])
    assert stored(proposal).state == ProposalState.IN_REVIEW
    assert AuditEntry.objects.filter(action="proposal.screen_pass").count() == 1


def test_returning_needs_a_comment(client, officer, screening):
    proposal = screening["proposal"]
    client.force_login(officer)
    url = reverse("reviews:screen", args=[proposal.pk])
    response = client.post(url, {"action": "return", "return-comment": "  "})
    assert response.status_code == 200
    assert response.context["return_form"].errors["comment"]
    assert stored(proposal).state == ProposalState.SUBMITTED
    response = client.post(url, {"action": "return", "return-comment": "ขาดหนังสือเทศบาล"})
    assert response.status_code == 302
    assert stored(proposal).state == ProposalState.DRAFT
    entry = AuditEntry.objects.get(action="proposal.return")
    assert entry.comment == "ขาดหนังสือเทศบาล"


def test_an_item_missing_from_the_post_keeps_its_verdict(client, officer, screening):
    proposal, (first, second) = screening["proposal"], screening["items"]
    ScreeningCheck.objects.create(proposal=proposal, item=second, verdict=V.MET, note="เดิม")
    client.force_login(officer)
    client.post(reverse("reviews:screen", args=[proposal.pk]), verdicts([first], (V.MET, "")))
    assert set(ScreeningCheck.objects.values_list("item", "verdict", "note")) == {
        (first.pk, V.MET, ""),
        (second.pk, V.MET, "เดิม"),
    }


def test_an_item_without_verdict_starts_on_not_checked_yet(client, officer, screening):
    client.force_login(officer)
    html = client.get(reverse("reviews:screen", args=[screening["proposal"].pk])).content.decode()
    for item in screening["items"]:
        assert (
            f'name="item-{item.pk}-verdict" value="" id="id_item-{item.pk}-verdict_0" checked>'
            in html
        )
