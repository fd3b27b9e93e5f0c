import datetime
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import Municipality, User
from accounts.roles import STAFF_ROLES, Role

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a verified email; `roles=[Role.X, …]` puts them in those groups."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name_th = factory.Sequence(lambda n: f"ผู้ใช้ ทดสอบ{n}")
    full_name_en = factory.Sequence(lambda n: f"Test Person {n}")
    organisation = "มหาวิทยาลัยทดสอบ"
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if not create:
            return
        roles = list(extracted or [])
        if roles:
            self.groups.set(Group.objects.filter(name__in=[Role(r).value for r in roles]))
            if set(roles) & STAFF_ROLES:
                self.is_staff = True
                self.save(update_fields=["is_staff"])
        EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    name_th = factory.Sequence(lambda n: f"เทศบาลเมืองทดสอบ{n}")
    name_en = factory.Sequence(lambda n: f"Test Town {n}")
    type = "town"
    province_th = "ลำพูน"
    province_en = "Lamphun"
    region = "north"


def call_programme():
    """The programme test calls belong to, with fiscal years B.E. 2568 and 2569."""
    from indicators.models import FiscalYear, Funder, Programme

    funder, _created = Funder.objects.get_or_create(
        name_th="หน่วยงานให้ทุนทดสอบ", defaults={"name_en": "Test funder"}
    )
    programme, _created = Programme.objects.get_or_create(
        code="TEST-CALLS",
        defaults={"name_th": "แผนงานทดสอบ", "name_en": "Test programme", "funder": funder},
    )
    for year in (2568, 2569):
        programme.fiscal_years.add(FiscalYear.objects.get_or_create(year_be=year)[0])
    return programme


class CallFactory(factory.django.DjangoModelFactory):
    """A published call, open now; `parts=True` adds what publishing needs (default budget
    categories, a 40/40/20 instalment plan and two criteria of weight 60 and 40). Its
    institutional fee is exactly 10% of the total, the rule the tests of fixed shares were
    written for (a new call's default is at most 10%)."""

    class Meta:
        model = "proposals.Call"
        skip_postgeneration_save = True

    programme = factory.LazyFunction(call_programme)
    fiscal_year = factory.LazyAttribute(lambda call: call.programme.fiscal_years.last())
    code = factory.Sequence(lambda n: f"CALL-{n}")
    title_th = factory.Sequence(lambda n: f"ประกาศทุนทดสอบ {n}")
    title_en = factory.Sequence(lambda n: f"Test call {n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=20))
    total_budget = Decimal("10000000.00")
    ceiling_per_proposal = Decimal("1000000.00")
    # The formula the review tests' hand computations use; new calls default to full marks.
    scoring_formula = "rescaled"
    is_published = True

    @factory.post_generation
    def parts(self, create, extracted, **kwargs):
        if not create or not extracted:
            return
        from proposals.calls.services import add_default_parts
        from proposals.models import BudgetCategory, ReviewCriterion

        add_default_parts(self)
        BudgetCategory.objects.filter(call=self, code="institutional_fee").update(
            cap_percent=None, fixed_percent=Decimal("10")
        )
        ReviewCriterion.objects.create(
            call=self, position=0, name_th="ความเหมาะสม", name_en="Fit", weight=Decimal("60")
        )
        ReviewCriterion.objects.create(
            call=self, position=1, name_th="ความคุ้มค่า", name_en="Value", weight=Decimal("40")
        )


class ProposalFactory(factory.django.DjangoModelFactory):
    """A draft proposal for an open call (with its parts), led by a researcher who is also
    the team's first member. Pass `call=` or `lead=` to choose them."""

    class Meta:
        model = "proposals.Proposal"
        skip_postgeneration_save = True

    call = factory.SubFactory(CallFactory, parts=True)
    lead = factory.SubFactory(UserFactory, roles=[Role.RESEARCHER])
    title_th = factory.Sequence(lambda n: f"โครงการทดสอบ {n}")
    title_en = factory.Sequence(lambda n: f"Test project {n}")
    duration_months = 12

    @factory.post_generation
    def with_lead_member(self, create, extracted, **kwargs):
        if not create:
            return
        from proposals.models import TeamMember, TeamRole

        TeamMember.objects.create(
            proposal=self,
            user=self.lead,
            email=self.lead.email,
            name=self.lead.display_name,
            organisation=self.lead.organisation,
            role=TeamRole.LEAD,
            effort_percent=Decimal("50"),
            accepted_at=timezone.now(),
        )
