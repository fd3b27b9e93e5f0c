"""What an indicator may be (issue #13, items 4 and 5): combinations of value type, aggregation
and kind of target that make no sense are refused by the model, the form and the framework
import; once data is recorded against an indicator, its unit, value type, aggregation and
direction are locked everywhere, and the page says what to do instead."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from indicators import ledger, services
from indicators.demo import seed_framework, seed_programme
from indicators.models import Indicator
from proposals.models import IndicatorContribution
from tests.factories import ProposalFactory
from tests.indicators.excel_files import good_rows, snapshot, upload, with_cell, workbook_of

pytestmark = pytest.mark.django_db

FORM = {
    "code": "KR9.1",
    "position": 1,
    "name_th": "ร้อยละของครัวเรือนที่พอใจ",
    "name_en": "Households satisfied",
    "definition_th": "",
    "definition_en": "",
    "value_type": "percent",
    "unit_th": "",
    "unit_en": "",
    "aggregation": "average",
    "direction": "higher",
    "baseline_value": "",
    "baseline_year": "",
    "dimensions": ["people"],
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def framework(manager):
    return seed_framework(seed_programme(managers=[manager]))


def kr(code):
    return Indicator.objects.get(programme__code="SLC", code=code)


def create(client, manager, framework, **change):
    client.force_login(manager)
    return client.post(
        reverse("indicators:indicator_create", args=["SLC"]),
        {**FORM, "objective": framework.objectives.first().pk, **change},
    )


# Item 4: combinations that make no sense.


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"value_type": "percent", "aggregation": "sum"}, "aggregation"),
        ({"value_type": "number", "aggregation": "count_yes"}, "aggregation"),
        ({"value_type": "yes_no", "aggregation": "max"}, "aggregation"),
        ({"value_type": "number", "aggregation": "average", "targets_cumulative": True}, None),
        ({"value_type": "percent", "aggregation": "latest", "targets_cumulative": True}, None),
    ],
)
def test_the_model_refuses_what_makes_no_sense(framework, fields, field):
    indicator = kr("KR1.3")
    for name, value in fields.items():
        setattr(indicator, name, value)
    with pytest.raises(ValidationError) as refused:
        indicator.full_clean()
    assert (field or "targets_cumulative") in refused.value.message_dict


def test_a_cumulative_sum_and_a_cumulative_count_of_yes_are_fine(framework):
    for code in ("KR1.1", "KR1.4"):
        indicator = kr(code)
        indicator.targets_cumulative = True
        indicator.full_clean()


def test_the_form_refuses_a_summed_percentage_with_a_clear_message(client, manager, framework):
    response = create(client, manager, framework, aggregation="sum")

    assert response.status_code == 200
    assert response.context["form"].errors["aggregation"] == [
        "ร้อยละนำมาบวกกันไม่ได้ เลือกค่าเฉลี่ย ค่าสูงสุด หรือค่าล่าสุด"
    ]
    assert not Indicator.objects.filter(code="KR9.1").exists()


def test_the_form_refuses_cumulative_targets_of_an_average(client, manager, framework):
    manager.preferred_language = "en"
    manager.save(update_fields=["preferred_language"])
    response = create(client, manager, framework, targets_cumulative="on")

    assert (
        "Only an indicator that adds up (sum or count of yes) can have cumulative targets"
        in (response.context["form"].errors["targets_cumulative"][0])
    )
    assert not Indicator.objects.filter(code="KR9.1").exists()


def test_the_form_saves_cumulative_targets_of_a_count(client, manager, framework):
    response = create(
        client,
        manager,
        framework,
        value_type="number",
        aggregation="sum",
        targets_cumulative="on",
    )

    assert response.status_code == 302
    assert kr("KR9.1").targets_cumulative is True


@pytest.mark.parametrize(
    ("code", "column", "value", "kind"),
    [
        ("KR1.3", "aggregation", "sum", "percent_sum"),  # a percentage
        ("KR1.3", "targets_cumulative", "yes", "cumulative_level"),  # an average
        ("KR4.2", "targets_cumulative", "yes", "cumulative_level"),  # a latest value
    ],
)
def test_the_import_refuses_what_makes_no_sense(
    client, manager, framework, code, column, value, kind
):
    rows = good_rows(framework)
    row = next(number for number, cells in enumerate(rows, start=1) if cells[0] == code)
    before = snapshot(framework)
    client.force_login(manager)

    response = upload(client, framework, workbook_of(with_cell(rows, code, column, value)))

    problems = [(p.kind, p.row, p.column) for p in response.context["plan"].errors]
    assert (kind, row, column) in problems
    assert snapshot(framework) == before


def test_the_import_carries_cumulative_targets(client, manager, framework):
    rows = with_cell(good_rows(framework), "KR1.2", "targets_cumulative", "yes")
    client.force_login(manager)

    response = upload(client, framework, workbook_of(rows), follow=True)
    plan = response.context["plan"]
    assert [(row.code, [c.column for c in row.changes]) for row in plan.changed] == [
        ("KR1.2", ["targets_cumulative"])
    ]
    client.post(response.redirect_chain[-1][0])

    assert kr("KR1.2").targets_cumulative is True


# Item 5: what the numbers mean is locked once data exists.


def _commit(indicator, value=3):
    ledger.record_commitments(
        programme=indicator.programme,
        source="proposals.proposal:1",
        source_label="SLC-2567-0001",
        rows=[
            {
                "indicator": indicator,
                "fiscal_year": indicator.programme.fiscal_years.first(),
                "value": Decimal(value),
            }
        ],
    )


def _edit_url(indicator):
    return reverse("indicators:indicator_edit", args=["SLC", indicator.pk])


def _posted(indicator, **change):
    data = {
        name: getattr(indicator, name) if getattr(indicator, name) is not None else ""
        for name in FORM
        if name != "dimensions"
    }
    data.update(objective=indicator.objective_id, dimensions=["people"], **change)
    return data


def test_the_edit_form_locks_what_the_numbers_mean_once_committed(client, manager, framework):
    indicator = kr("KR1.1")
    _commit(indicator)
    client.force_login(manager)

    response = client.get(_edit_url(indicator))

    form = response.context["form"]
    locked = {name for name, field in form.fields.items() if field.disabled}
    assert locked == {"unit_th", "unit_en", "value_type", "aggregation", "direction"}
    page = response.content.decode()
    assert "ให้เพิ่มตัวชี้วัดใหม่ที่มีรหัสของตัวเอง" in page  # what to do instead

    response = client.post(
        _edit_url(indicator),
        _posted(indicator, unit_th="พันเมือง", aggregation="max", name_th="ชื่อใหม่"),
    )

    assert response.status_code == 302
    indicator.refresh_from_db()
    assert (indicator.unit_th, indicator.aggregation, indicator.name_th) == (
        "เมือง",
        "sum",
        "ชื่อใหม่",
    )


def test_a_proposals_target_locks_the_indicator_too(client, manager, framework):
    indicator = kr("KR1.2")
    IndicatorContribution.objects.create(
        proposal=ProposalFactory(),
        indicator=indicator,
        fiscal_year=framework.fiscal_years.first(),
        target=Decimal(4),
    )
    client.force_login(manager)

    form = client.get(_edit_url(indicator)).context["form"]

    assert form.fields["direction"].disabled


def test_an_indicator_without_data_can_still_change(client, manager, framework):
    indicator = kr("KR1.2")
    client.force_login(manager)

    response = client.post(_edit_url(indicator), _posted(indicator, unit_th="ชุดข้อมูลเปิด"))

    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.unit_th == "ชุดข้อมูลเปิด"


def test_the_service_refuses_a_change_of_an_indicator_in_use(framework, manager):
    indicator = kr("KR1.1")
    _commit(indicator)
    indicator.direction = "lower"

    with pytest.raises(ValidationError, match=r"KR1\.1"):
        services.save_indicator(actor=manager, instance=indicator, fields=["direction"])

    assert kr("KR1.1").direction == "higher"


def test_the_import_refuses_a_change_of_an_indicator_in_use(client, manager, framework):
    indicator = kr("KR1.1")
    _commit(indicator)
    rows = good_rows(framework)
    rows = with_cell(rows, "KR1.1", "unit_en", "thousand cities")
    rows = with_cell(rows, "KR1.1", "name_en", "Cities with a data platform")
    before = snapshot(framework)
    client.force_login(manager)

    response = upload(client, framework, workbook_of(rows))

    problems = [(p.kind, p.row, p.column) for p in response.context["plan"].errors]
    assert problems == [("locked_definition", 2, "unit_en")]
    assert snapshot(framework) == before
