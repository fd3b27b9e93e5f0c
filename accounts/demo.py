"""Demo people: one per role, with a known password and a verified email, no MFA."""

from pathlib import Path

from allauth.account.models import EmailAddress

from accounts.models import User
from accounts.organisations.services import link_organisation
from accounts.privacy.models import ConsentContext, PrivacyNotice
from accounts.privacy.services import publish_notice, record_consent
from accounts.roles import Role
from accounts.services import set_roles

DEMO_PASSWORD = "demo-pass-2567"

DEMO_USERS = [
    {
        "email": "researcher@example.org",
        "role": Role.RESEARCHER,
        "full_name_th": "สมชาย ใจดี",
        "full_name_en": "Somchai Jaidee",
        "organisation": "มหาวิทยาลัยเชียงใหม่",
        "expertise_keywords": "GIS, ผังเมือง, urban planning",
    },
    {
        "email": "officer@example.org",
        "role": Role.FUNDING_OFFICER,
        "full_name_th": "สุดา รักงาน",
        "full_name_en": "Suda Rakngan",
        "organisation": "บพท.",
    },
    {
        "email": "reviewer@example.org",
        "role": Role.REVIEWER,
        "full_name_th": "ศ.ดร. ประเสริฐ วิชาการ",
        "full_name_en": "Prof. Prasert Wichakan",
        "organisation": "จุฬาลงกรณ์มหาวิทยาลัย",
        "expertise_keywords": "smart city, เมืองอัจฉริยะ, city fund, กองทุนเมือง, database",
    },
    {
        "email": "manager@example.org",
        "role": Role.PROGRAMME_MANAGER,
        "full_name_th": "วิไล บริหาร",
        "full_name_en": "Wilai Borihan",
        "organisation": "บพท.",
    },
    {
        "email": "mentor@example.org",
        "role": Role.MENTOR,
        "full_name_th": "ดร. กมล พี่เลี้ยง",
        "full_name_en": "Dr. Kamol Philiang",
        "organisation": "มหาวิทยาลัยแม่โจ้",
        "expertise_keywords": "city database, ฐานข้อมูลเมือง, GIS",
    },
    {
        "email": "admin@example.org",
        "role": Role.ADMINISTRATOR,
        "full_name_th": "ผู้ดูแล ระบบ",
        "full_name_en": "System Administrator",
        "organisation": "บพท.",
    },
]


# More reviewers for the pool, so that a call's three reviewers per proposal can be met.
EXTRA_REVIEWERS = [
    {
        "email": "reviewer2@example.org",
        "full_name_th": "รศ.ดร. มาลี ผังเมือง",
        "full_name_en": "Assoc. Prof. Malee Phangmueang",
        "organisation": "มหาวิทยาลัยขอนแก่น",
        "expertise_keywords": "urban planning, ผังเมือง, GIS, city learning space",
    },
    {
        "email": "reviewer3@example.org",
        "full_name_th": "ดร. ธนา การคลัง",
        "full_name_en": "Dr. Thana Karnklang",
        "organisation": "สถาบันบัณฑิตพัฒนบริหารศาสตร์",
        "expertise_keywords": "investment policy, นโยบายการลงทุน, กองทุนเมือง, city fund",
    },
]


def ready_to_sign_in(user):
    """`user` signs in with the demo password: it is set (again, when someone changed it) and
    the email is verified, as allauth asks before a first sign-in."""
    if not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    # The organisation the demo gives them is a record, as one chosen on the profile is.
    link_organisation(user=user)
    return user


# A second mentor, for the demo draft's two mentors (issue #19).
EXTRA_MENTORS = [
    {
        "email": "mentor2@example.org",
        "full_name_th": "ผศ.ดร. รัตนา เมืองเรียนรู้",
        "full_name_en": "Asst. Prof. Rattana Mueangrianru",
        "organisation": "มหาวิทยาลัยนเรศวร",
        "expertise_keywords": "city learning space, พื้นที่เรียนรู้, indicators",
    },
]


def seed_extra_mentors():
    """A second mentor with the demo password; returns the mentors added."""
    people = []
    for row in EXTRA_MENTORS:
        user, _created = User.objects.get_or_create(email=row["email"], defaults=row)
        ready_to_sign_in(user)
        set_roles(actor=None, user=user, roles={Role.MENTOR})
        people.append(user)
    return people


def seed_extra_reviewers():
    """Two more reviewers with the demo password; returns them."""
    people = []
    for row in EXTRA_REVIEWERS:
        user, _created = User.objects.get_or_create(email=row["email"], defaults=row)
        ready_to_sign_in(user)
        set_roles(actor=None, user=user, roles={Role.REVIEWER})
        people.append(user)
    return people


def seed_users():
    """Create or reset the demo users, one per role; returns them by role."""
    people = {}
    for row in DEMO_USERS:
        row = dict(row)
        role = row.pop("role")
        user, _created = User.objects.get_or_create(email=row["email"], defaults=row)
        ready_to_sign_in(user)
        if role == Role.ADMINISTRATOR and not user.is_superuser:
            user.is_superuser = True
            user.save(update_fields=["is_superuser"])
        set_roles(actor=None, user=user, roles={role})
        people[role] = user
    return people


def seed_privacy_notice(administrator):
    """Publish the shipped privacy notice as version 1 (once) and record that every demo
    person agreed to the version in force, so that they sign in straight to their pages."""
    notice = PrivacyNotice.objects.order_by("-version").first()
    if notice is None:
        data = Path(__file__).resolve().parent / "data"
        notice = publish_notice(
            actor=administrator,
            text_th=(data / "privacy_notice_th.txt").read_text(encoding="utf-8"),
            text_en=(data / "privacy_notice_en.txt").read_text(encoding="utf-8"),
        )
    for user in User.objects.all():
        record_consent(user=user, notice=notice, context=ConsentContext.SIGN_UP)
    return notice
