import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

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
