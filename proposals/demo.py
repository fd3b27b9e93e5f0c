"""Demo calls of the first programme: one open now, one closed; safe to run again.

The demo's dates follow the day it is loaded and the Thai fiscal year (1 October – 30
September), worked out in one place, `DemoCalendar`: the open call is of the current fiscal
year and open now; the closed call is of an earlier year, and its projects ran twelve months
that ended a few months ago, so that each report was submitted after its period ended and each
payment made after its report was accepted, all before today."""

import calendar
import datetime
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from accounts.models import MunicipalityType, Region
from indicators.models import FiscalYear
from proposals.calls.services import add_default_parts
from proposals.models import (
    Call,
    EligibilityKind,
    EligibilityQuestion,
    ReportCadence,
    RequiredAttachment,
    ReviewCriterion,
)

CRITERIA = [
    # Thai name, English name, weight, Thai guidance, English guidance
    (
        "ความสอดคล้องกับเป้าหมายและตัวชี้วัดของแผนงาน",
        "Fit with the programme's goals and indicators",
        Decimal("25"),
        "โครงการตอบตัวชี้วัดใดของกรอบวิจัย และมีค่าเป้าหมายที่วัดได้ชัดเจนเพียงใด",
        "Which indicators of the framework the project serves, and how measurable its targets are.",
    ),
    (
        "คุณภาพและความเป็นไปได้ของแผนการดำเนินงาน",
        "Quality and feasibility of the work plan",
        Decimal("20"),
        "กิจกรรม ระยะเวลา และผลผลิตแต่ละช่วงสมเหตุสมผลและทำได้จริงภายในระยะเวลาโครงการ",
        "Activities, timing and deliverables are sound and achievable in the time given.",
    ),
    (
        "การมีส่วนร่วมของเทศบาลและภาคีในพื้นที่",
        "Commitment of the municipality and local partners",
        Decimal("20"),
        "เทศบาลและภาคีเอกชน วิชาการ และประชาสังคม ร่วมลงมือและร่วมลงทุนอย่างเป็นรูปธรรม",
        "The municipality and private, academic and civic partners take part and co-invest.",
    ),
    (
        "ผลลัพธ์และผลกระทบต่อเมือง",
        "Expected outcomes and impact on the city",
        Decimal("20"),
        "เทคโนโลยีที่นำไปใช้เปลี่ยนการทำงานของเมืองหรือคุณภาพชีวิตของคนในเมืองอย่างไร และยั่งยืนหลังจบโครงการหรือไม่",
        "How the technology changes the city's work or its people's lives, and whether it lasts.",
    ),
    (
        "ความเหมาะสมของงบประมาณ",
        "Value for money of the budget",
        Decimal("15"),
        "งบประมาณแต่ละหมวดสอดคล้องกับกิจกรรมและอยู่ในเกณฑ์ของประกาศทุน",
        "Each budget category matches the activities and keeps to the call's rules.",
    ),
]

# The open call's eligibility questions: kind, Thai, English, options (Thai, English), the
# eligible options' numbers, the system's check, and the reason (Thai, English).
ELIGIBILITY = [
    (
        EligibilityKind.CHOICE,
        "หน่วยงานของหัวหน้าโครงการเป็นหน่วยงานประเภทใด",
        "What kind of organisation does the lead researcher belong to?",
        ("มหาวิทยาลัย\nหน่วยงานของรัฐ\nบริษัทเอกชน", "University\nGovernment agency\nCompany"),
        "1, 2",
        "",
        (
            "ทุนนี้รับข้อเสนอจากมหาวิทยาลัยและหน่วยงานของรัฐเท่านั้น",
            "This call takes proposals from universities and government agencies only.",
        ),
    ),
    (
        EligibilityKind.YES_NO,
        "มีหนังสือแสดงเจตจำนงจากเทศบาลที่จะร่วมโครงการแล้วหรือไม่",
        "Do you have a letter of intent from a partner municipality?",
        ("", ""),
        "",
        "",
        (
            "ต้องมีหนังสือแสดงเจตจำนงจากเทศบาลอย่างน้อยหนึ่งแห่งก่อนเริ่มเขียนข้อเสนอ",
            "A letter of intent from at least one municipality is needed before you start.",
        ),
    ),
    (
        EligibilityKind.SYSTEM,
        "ไม่มีรายงานความก้าวหน้าค้างส่งในโครงการอื่น",
        "No overdue progress report on another project",
        ("", ""),
        "",
        "no_overdue_report",
        ("", ""),
    ),
]


def seed_eligibility(call):
    """The open call's eligibility questions (kept as they are when seeding again)."""
    for position, row in enumerate(ELIGIBILITY):
        kind, text_th, text_en, (options_th, options_en), eligible, check, reason = row
        EligibilityQuestion.objects.update_or_create(
            call=call,
            position=position,
            defaults={
                "kind": kind,
                "text_th": text_th,
                "text_en": text_en,
                "options_th": options_th,
                "options_en": options_en,
                "eligible_options": eligible,
                "system_check": check,
                "reason_th": reason[0],
                "reason_en": reason[1],
            },
        )


def eligible_answers(call):
    """Answers that meet `call`'s questions, for the demo's applicants: yes, or the first
    eligible option."""
    answers = {}
    for question in call.eligibility_questions.all():
        if question.kind == EligibilityKind.YES_NO:
            answers[f"q{question.pk}"] = "yes"
        elif question.kind == EligibilityKind.CHOICE:
            answers[f"q{question.pk}"] = str(question.eligible_numbers[0])
    return answers


ATTACHMENTS = [
    (
        "หนังสือแสดงเจตจำนงของเทศบาล",
        "Letter of intent from the municipality",
        "ลงนามโดยนายกเทศมนตรีหรือผู้ที่ได้รับมอบหมาย ระบุการมีส่วนร่วมและการสนับสนุนของเทศบาล",
        "Signed by the mayor or a delegate: how the municipality takes part and contributes.",
    ),
    (
        "ประวัติหัวหน้าโครงการ",
        "CV of the lead researcher",
        "ประวัติการศึกษา ผลงานวิจัย และประสบการณ์ทำงานกับท้องถิ่นในห้าปีที่ผ่านมา",
        "Education, research output and work with local government over the last five years.",
    ),
]


def months_later(day, months):
    """The same day `months` later (earlier when negative), or that month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _first_of_month(day):
    return day.replace(day=1)


@dataclass(frozen=True)
class DemoCalendar:
    """The demo's dates on `today`.

    - The open call: of the fiscal year of today, open from 30 days ago to 60 days ahead; its
      proposals would start on the first day of the month after 60 more days (time to review
      and decide), for twelve months.
    - The closed call's projects: twelve months from the first day of the month 14 months
      before today's, ending about three months ago (their last reports are in, accepted and
      paid before today). A project starting on 1 October would fill one fiscal year alone; it
      starts on 1 September instead, so that each project commits targets in two years.
    - The closed call: of the fiscal year its projects start in, open from six to three
      months before they start.
    - The programme's fiscal years: from the closed call's to the last the open call's
      projects would run in.
    """

    today: datetime.date

    @property
    def open_year(self):
        return FiscalYear.year_be_of(self.today)

    @property
    def open_code(self):
        return f"SLC-{self.open_year}"

    @property
    def open_from(self):
        return self.today - datetime.timedelta(days=30)

    @property
    def open_until(self):
        return self.today + datetime.timedelta(days=60)

    @property
    def open_project_start(self):
        return _first_of_month(months_later(self.open_until + datetime.timedelta(days=60), 1))

    @property
    def open_project_end(self):
        return months_later(self.open_project_start, 12) - datetime.timedelta(days=1)

    @property
    def project_start(self):
        start = months_later(_first_of_month(self.today), -14)
        return months_later(start, -1) if start.month == 10 else start

    @property
    def project_end(self):
        return months_later(self.project_start, 12) - datetime.timedelta(days=1)

    @property
    def closed_year(self):
        return FiscalYear.year_be_of(self.project_start)

    @property
    def closed_code(self):
        return f"SLC-{self.closed_year}"

    @property
    def closed_from(self):
        return months_later(self.project_start, -6)

    @property
    def closed_until(self):
        return months_later(self.project_start, -3)

    @property
    def years(self):
        """The programme's fiscal years (B.E.), in order."""
        return list(range(self.closed_year, FiscalYear.year_be_of(self.open_project_end) + 1))


def today_calendar():
    return DemoCalendar(timezone.localdate())


def _bangkok(day, hour, minute=0):
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=ZoneInfo(settings.TIME_ZONE)
    )


def _seed_call(programme, code, year_be, defaults):
    fiscal_year, _created = FiscalYear.objects.get_or_create(year_be=year_be)
    programme.fiscal_years.add(fiscal_year)
    call, _created = Call.objects.update_or_create(
        code=code,
        defaults={
            "programme": programme,
            "fiscal_year": fiscal_year,
            "min_duration_months": 6,
            "max_duration_months": 12,
            "eligible_municipality_types": [MunicipalityType.TOWN, MunicipalityType.CITY],
            "eligible_regions": list(Region.values),
            "reviewers_per_proposal": 3,
            "blind_review": False,
            "is_published": True,
            **defaults,
        },
    )
    add_default_parts(call)
    for position, (name_th, name_en, weight, guidance_th, guidance_en) in enumerate(CRITERIA):
        ReviewCriterion.objects.update_or_create(
            call=call,
            position=position,
            defaults={
                "name_th": name_th,
                "name_en": name_en,
                "weight": weight,
                "guidance_th": guidance_th,
                "guidance_en": guidance_en,
                "scale_min": 1,
                "scale_max": 5,
            },
        )
    for position, (name_th, name_en, about_th, about_en) in enumerate(ATTACHMENTS):
        RequiredAttachment.objects.update_or_create(
            call=call,
            position=position,
            defaults={
                "name_th": name_th,
                "name_en": name_en,
                "description_th": about_th,
                "description_en": about_en,
                "is_required": True,
            },
        )
    return call


def seed_calls(programme, calendar=None):
    """The open call of the current fiscal year and the closed one of an earlier year (see
    `DemoCalendar`), published, each with the default budget categories, a 40/40/20 instalment
    plan, five criteria and two attachments; the open call asks three eligibility questions and
    quarterly progress reports.
    Returns [open call, closed call]."""
    calendar = calendar or today_calendar()
    open_year, closed_year = calendar.open_year, calendar.closed_year
    open_call = _seed_call(
        programme,
        calendar.open_code,
        open_year,
        {
            "title_th": f"ทุนบ่มเพาะและเร่งรัดเมืองน่าอยู่ที่ชาญฉลาด ปีงบประมาณ {open_year}",
            "title_en": (
                f"Liveable Smart Cities incubation and acceleration grants, fiscal year {open_year}"
            ),
            "description_th": (
                "เปิดรับข้อเสนอโครงการที่นำเทคโนโลยีจากงานวิจัย เช่น ฐานข้อมูล GIS "
                "ระบบสำรวจข้อมูลเมือง กองทุนเมือง และพื้นที่เพื่อการเรียนรู้ของเมือง "
                "ไปใช้กับเทศบาลเมืองและเทศบาลนคร ร่วมกับภาคเอกชนและภาควิชาการ"
            ),
            "description_en": (
                "Proposals that bring research technologies (GIS databases, urban survey "
                "systems, city funds, city learning spaces…) to town and city municipalities, "
                "with the private sector and academia."
            ),
            "opens_at": _bangkok(calendar.open_from, 9),
            "closes_at": _bangkok(calendar.open_until, 16, 30),
            "total_budget": Decimal("15000000.00"),
            "ceiling_per_proposal": Decimal("1500000.00"),
            # The newer call asks for a report every quarter (its 6-month instalment stays).
            "report_cadence": ReportCadence.QUARTERLY,
        },
    )
    seed_eligibility(open_call)
    closed_call = _seed_call(
        programme,
        calendar.closed_code,
        closed_year,
        {
            "title_th": f"ทุนบ่มเพาะและเร่งรัดเมืองน่าอยู่ที่ชาญฉลาด ปีงบประมาณ {closed_year}",
            "title_en": (
                "Liveable Smart Cities incubation and acceleration grants, fiscal year "
                f"{closed_year}"
            ),
            "description_th": (
                "ทุนรอบแรกของแผนงาน สำหรับโครงการที่นำเทคโนโลยีจากงานวิจัยปี 2563–2566 ไปใช้กับเมือง"
            ),
            "description_en": (
                "The programme's first round, for projects that bring the technologies of the "
                "B.E. 2563–2566 research to cities."
            ),
            "opens_at": _bangkok(calendar.closed_from, 9),
            "closes_at": _bangkok(calendar.closed_until, 16, 30),
            "total_budget": Decimal("12000000.00"),
            "ceiling_per_proposal": Decimal("1200000.00"),
        },
    )
    return [open_call, closed_call]
