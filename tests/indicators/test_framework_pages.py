from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import AuditEntry
from accounts.roles import Role
from indicators.demo import seed_framework, seed_programme
from indicators.models import Indicator, IndicatorTarget, Objective, OutputType, Technology
from tests.helpers import assert_access, assert_flat_queries, count_queries

pytestmark = pytest.mark.django_db

EVERY_ROLE = [role.value for role in Role]


@pytest.fixture
def programme(manager):
    return seed_programme(managers=[manager])


@pytest.fixture
def framework(programme):
    return seed_framework(programme)


def table(allowed, *, yes=200, no=403, outsider=403):
    expected = {role: (yes if role in allowed else no) for role in EVERY_ROLE}
    return {**expected, "outsider": outsider, "anonymous": 302}


INDICATOR_DATA = {
    "code": "KR9.1",
    "position": 1,
    "name_th": "ตัวชี้วัดใหม่",
    "name_en": "A new indicator",
    "definition_th": "",
    "definition_en": "",
    "value_type": "number",
    "unit_th": "แห่ง",
    "unit_en": "places",
    "aggregation": "sum",
    "direction": "higher",
    "baseline_value": "",
    "baseline_year": "",
    "dimensions": ["people"],
}


def test_reading_the_framework_needs_a_role(client, personas, framework):
    for url in (
        reverse("indicators:programme_list"),
        reverse("indicators:programme_detail", args=["SLC"]),
    ):
        assert_access(client, personas, url, table(EVERY_ROLE))


def test_only_the_programmes_managers_edit_it(client, personas, framework):
    objective = framework.objectives.first()
    indicator = framework.indicators.first()
    for url in (
        reverse("indicators:objective_create", args=["SLC"]),
        reverse("indicators:objective_edit", args=["SLC", objective.pk]),
        reverse("indicators:indicator_create", args=["SLC"]),
        reverse("indicators:indicator_edit", args=["SLC", indicator.pk]),
        reverse("indicators:targets", args=["SLC"]),
    ):
        assert_access(client, personas, url, table(["programme_manager"]))


def test_the_edit_actions_answer_only_the_programmes_managers(client, personas, framework):
    objective = Objective.objects.create(programme=framework, code="O9", name_th="ว", name_en="E")
    indicator = framework.indicators.get(code="KR4.3")
    # Everyone but the manager is refused before anything is touched.
    refusals = {**table([], no=403), "programme_manager": 302}
    assert_access(
        client, personas, reverse("indicators:objective_delete", args=["SLC", objective.pk]),
        refusals, method="post",
    )  # fmt: skip
    assert not Objective.objects.filter(pk=objective.pk).exists()
    assert_access(
        client, personas, reverse("indicators:indicator_delete", args=["SLC", indicator.pk]),
        refusals, method="post",
    )  # fmt: skip
    assert not Indicator.objects.filter(pk=indicator.pk).exists()


def test_a_manager_of_another_programme_cannot_edit(client, framework, trio):
    other_manager = trio("programme_manager")[0]
    client.force_login(other_manager)
    assert client.get(reverse("indicators:targets", args=["SLC"])).status_code == 403
    assert client.get(reverse("indicators:programme_detail", args=["SLC"])).status_code == 200


def test_an_unknown_programme_is_not_found(client, manager):
    client.force_login(manager)
    assert client.get(reverse("indicators:programme_detail", args=["NOPE"])).status_code == 404
    assert client.get(reverse("indicators:targets", args=["NOPE"])).status_code == 404


def test_the_catalogue_is_public_and_edited_by_programme_managers(client, personas, programme):
    technology = Technology.objects.first()
    assert_access(
        client, personas, reverse("indicators:technology_list"),
        {name: 200 for name in personas},
    )  # fmt: skip
    for url in (
        reverse("indicators:technology_create"),
        reverse("indicators:technology_edit", args=[technology.pk]),
        reverse("indicators:output_types"),
    ):
        assert_access(client, personas, url, table(["programme_manager"]))


def test_a_manager_adds_an_indicator_and_it_is_audited(client, manager, framework):
    client.force_login(manager)
    objective = framework.objectives.get(code="O3")
    response = client.post(
        reverse("indicators:indicator_create", args=["SLC"]),
        {**INDICATOR_DATA, "objective": objective.pk},
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get(programme=framework, code="KR9.1")
    assert indicator.objective == objective
    assert list(indicator.dimensions.values_list("code", flat=True)) == ["people"]
    assert AuditEntry.objects.filter(
        action="indicator.created", object_id=str(indicator.pk)
    ).exists()


def test_a_change_of_dimensions_is_saved_and_audited_with_the_indicator(client, manager, framework):
    client.force_login(manager)
    objective = framework.objectives.get(code="O3")
    url = reverse("indicators:indicator_create", args=["SLC"])
    client.post(url, {**INDICATOR_DATA, "objective": objective.pk})
    indicator = Indicator.objects.get(programme=framework, code="KR9.1")

    response = client.post(
        reverse("indicators:indicator_edit", args=["SLC", indicator.pk]),
        {**INDICATOR_DATA, "objective": objective.pk, "dimensions": ["people", "living"]},
    )

    assert response.status_code == 302
    assert sorted(indicator.dimensions.values_list("code", flat=True)) == ["living", "people"]
    entry = AuditEntry.objects.get(action="indicator.changed", object_id=str(indicator.pk))
    assert entry.data == {"dimensions": ["people", "living, people"]}


def test_indicator_codes_are_unique_in_a_programme(client, manager, framework):
    client.force_login(manager)
    objective = framework.objectives.first()
    response = client.post(
        reverse("indicators:indicator_create", args=["SLC"]),
        {**INDICATOR_DATA, "code": "kr1.1", "objective": objective.pk},
    )
    assert response.status_code == 200
    assert "รหัสนี้" in response.content.decode() or response.context["form"].errors["code"]
    assert framework.indicators.filter(code__iexact="KR1.1").count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"value_type": "yes_no", "aggregation": "sum"}, "aggregation"),
        ({"value_type": "number", "aggregation": "count_yes"}, "aggregation"),
        ({"baseline_value": "5", "baseline_year": ""}, "baseline_year"),
        ({"baseline_year": "1999"}, "baseline_year"),
        ({"code": ""}, "code"),
    ],
)
def test_an_inconsistent_indicator_is_refused(client, manager, framework, change, field):
    client.force_login(manager)
    objective = framework.objectives.first()
    response = client.post(
        reverse("indicators:indicator_create", args=["SLC"]),
        {**INDICATOR_DATA, "objective": objective.pk, **change},
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not framework.indicators.filter(code="KR9.1").exists()


def test_the_targets_grid_saves_numbers_and_removes_blanks(client, manager, framework):
    client.force_login(manager)
    url = reverse("indicators:targets", args=["SLC"])
    form = client.get(url).context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    kr11 = framework.indicators.get(code="KR1.1")
    years = {y.year_be: y for y in framework.fiscal_years.all()}
    data[f"t-{kr11.pk}-{years[2567].pk}"] = "7.5"
    data[f"t-{kr11.pk}-{years[2568].pk}"] = ""
    assert client.post(url, data).status_code == 302
    targets = {t.fiscal_year.year_be: t.value for t in kr11.targets.select_related("fiscal_year")}
    assert targets == {2567: Decimal("7.50")}
    assert AuditEntry.objects.filter(action="framework.targets_changed").count() == 1


def test_text_in_a_target_cell_saves_nothing(client, manager, framework):
    client.force_login(manager)
    url = reverse("indicators:targets", args=["SLC"])
    form = client.get(url).context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    names = list(data)
    data[names[0]] = "999"
    data[names[1]] = "สิบ"
    before = list(IndicatorTarget.objects.order_by("pk").values_list("value", flat=True))
    response = client.post(url, data)
    assert response.status_code == 200
    assert "ไม่ใช่ตัวเลข" in response.content.decode()
    assert list(IndicatorTarget.objects.order_by("pk").values_list("value", flat=True)) == before


def test_an_objective_with_indicators_cannot_be_deleted(client, manager, framework):
    client.force_login(manager)
    objective = framework.objectives.get(code="O1")
    response = client.post(
        reverse("indicators:objective_delete", args=["SLC", objective.pk]), follow=True
    )
    assert Objective.objects.filter(pk=objective.pk).exists()
    assert "KR" not in response.redirect_chain[-1][0]
    assert "O1" in response.content.decode()


def test_objective_codes_are_unique_in_a_programme(client, manager, framework):
    client.force_login(manager)
    response = client.post(
        reverse("indicators:objective_create", args=["SLC"]),
        {"code": "O1", "position": 5, "name_th": "ซ้ำ", "name_en": "Twice"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["code"]


def test_output_types_are_an_editable_list(client, manager, programme):
    client.force_login(manager)
    url = reverse("indicators:output_types")
    formset = client.get(url).context["formset"]
    assert formset.total_form_count() == OutputType.objects.count() + 1
    data = {
        "form-TOTAL_FORMS": str(formset.total_form_count()),
        "form-INITIAL_FORMS": str(OutputType.objects.count()),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for i, output_type in enumerate(OutputType.objects.all()):
        data.update(
            {
                f"form-{i}-id": output_type.pk,
                f"form-{i}-code": output_type.code,
                f"form-{i}-name_th": output_type.name_th,
                f"form-{i}-name_en": output_type.name_en,
                f"form-{i}-position": output_type.position,
                f"form-{i}-is_active": "on" if output_type.code != "other" else "",
            }
        )
    new = OutputType.objects.count()
    data.update(
        {
            f"form-{new}-code": "open_data",
            f"form-{new}-name_th": "ชุดข้อมูลเปิด",
            f"form-{new}-name_en": "Open dataset",
            f"form-{new}-position": 9,
            f"form-{new}-is_active": "on",
        }
    )
    assert client.post(url, data).status_code == 302
    assert OutputType.objects.get(code="open_data").name_en == "Open dataset"
    assert not OutputType.objects.get(code="other").is_active


def test_the_eight_output_types_of_thai_research_exist():
    assert OutputType.objects.count() == 8
    assert OutputType.objects.filter(code="policy_recommendation", is_active=True).exists()


def test_the_demo_framework_is_marked_as_example_data(framework):
    assert framework.objectives.count() == 4
    assert 10 <= framework.indicators.count() <= 14
    for indicator in framework.indicators.all():
        assert "ข้อมูลตัวอย่าง" in indicator.definition_th
        assert indicator.targets.count() == 2
        assert indicator.technologies.exists()


def test_the_framework_page_shows_every_indicator_with_its_targets(client, manager, framework):
    client.force_login(manager)
    body = client.get(reverse("indicators:programme_detail", args=["SLC"])).content.decode()
    for code in framework.indicators.values_list("code", flat=True):
        assert code in body
    assert "5,000,000" in body  # KR2.2's 2568 target in baht


def test_framework_page_queries_are_flat(client, manager, programme):
    objective = Objective.objects.create(programme=programme, code="O1", name_th="ก", name_en="A")
    years = list(programme.fiscal_years.all())
    counter = iter(range(1000))

    def add(n):
        for _ in range(n):
            indicator = Indicator.objects.create(
                programme=programme, objective=objective, code=f"K{next(counter)}",
                name_th="ตัวชี้วัด", name_en="Indicator",
            )  # fmt: skip
            for year in years:
                IndicatorTarget.objects.create(indicator=indicator, fiscal_year=year, value=1)

    url = reverse("indicators:programme_detail", args=[programme.code])
    assert assert_flat_queries(client, manager, url, add, few=1, many=30) == 8


def test_the_framework_is_kept_and_every_change_to_it_shows_at_once(client, manager, framework):
    url = reverse("indicators:programme_detail", args=["SLC"])
    client.force_login(manager)
    client.get(url)
    assert count_queries(lambda: client.get(url)) == 3  # the person, their access, the programme
    target = IndicatorTarget.objects.filter(indicator__programme=framework).first()
    target.value = Decimal("987654321")
    target.save()
    assert "987,654,321" in client.get(url).content.decode()
    indicator = target.indicator
    indicator.code = "KR-RENAMED"
    indicator.save()
    assert "KR-RENAMED" in client.get(url).content.decode()


def test_programme_list_and_catalogue_queries_are_flat(client, manager, programme):
    from indicators.models import Programme

    counter = iter(range(1000))

    def add_programmes(n):
        for _ in range(n):
            other = Programme.objects.create(
                code=f"P{next(counter)}", name_th="แผน", name_en="P", funder=programme.funder
            )
            other.fiscal_years.set(programme.fiscal_years.all())

    assert_flat_queries(
        client, manager, reverse("indicators:programme_list"), add_programmes, few=1, many=20
    )

    def add_technologies(n):
        for _ in range(n):
            Technology.objects.create(
                name_th=f"เทคโนโลยี {next(counter)}", name_en="T", kind="hard"
            ).dimensions.set(["people", "living"])

    assert_flat_queries(
        client, manager, reverse("indicators:technology_list"), add_technologies, few=1, many=20
    )


@pytest.mark.parametrize(
    ("code", "typed", "message"),
    [
        ("KR1.3", "120", "ร้อยละต้องไม่เกิน 100"),  # KR1.3 is a percent indicator
        ("KR1.1", "-3", "ต่ำกว่าศูนย์"),
    ],
)
def test_impossible_targets_are_refused(client, manager, framework, code, typed, message):
    client.force_login(manager)
    url = reverse("indicators:targets", args=["SLC"])
    form = client.get(url).context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    indicator = framework.indicators.get(code=code)
    year = framework.fiscal_years.get(year_be=2568)
    data[f"t-{indicator.pk}-{year.pk}"] = typed
    before = list(IndicatorTarget.objects.order_by("pk").values_list("value", flat=True))
    response = client.post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(IndicatorTarget.objects.order_by("pk").values_list("value", flat=True)) == before
