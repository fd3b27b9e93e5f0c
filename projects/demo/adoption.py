"""The demo's technology adoption (issue #19). The funded projects' accepted reports already
moved their technologies forward in their cities (projects.adoption.services, called by the
report's acceptance); the officer adds what no report shows: after the workshop of 19 April
2567, Lamphun took an interest in the city database and GIS. Idempotent."""

import datetime

from accounts.models import Municipality
from indicators.models import Technology
from projects.adoption import services
from projects.models import Adoption

WORKSHOP_DAY = datetime.date(2024, 4, 19)
EVIDENCE = (
    "เทศบาลเมืองลำพูนแสดงความสนใจระหว่างการประชุมเชิงปฏิบัติการและการลงพื้นที่ดูงาน 19 เมษายน 2567 (ข้อมูลตัวอย่าง)"
)
INTERESTS = ("Database system", "GIS database (geographic information system)")


def seed_adoption(*, officer):
    lamphun = Municipality.objects.filter(name_en="Lamphun").first()
    if lamphun is None:
        return []
    recorded = []
    for technology in Technology.objects.filter(name_en__in=INTERESTS):
        if Adoption.objects.filter(municipality=lamphun, technology=technology).exists():
            continue
        recorded.append(
            services.record_stage(
                actor=officer,
                municipality=lamphun,
                technology=technology,
                stage="interested",
                since=WORKSHOP_DAY,
                evidence=EVIDENCE,
                provider="แผนงานเมืองน่าอยู่อัจฉริยะ",
            )
        )
    return recorded
