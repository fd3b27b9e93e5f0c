"""The demo's incubation events, made through the real services: the workshop of 19 April
2567 (2024) in Lamphun with its field visit to the city, as the programme's news of that day
tells it, and a proposal clinic for the open call a month from today. Idempotent."""

import datetime

from accounts.models import Municipality
from proposals.models import Workshop, WorkshopKind
from proposals.workshops import services

LAMPHUN_DAY = datetime.date(2024, 4, 19)
LAMPHUN_TITLE = "ประชุมเชิงปฏิบัติการพัฒนาข้อเสนอโครงการวิจัยให้ตรงเป้าหมายตามตัวชี้วัดกรอบวิจัย"
FIELD_VISIT_TITLE = "ลงพื้นที่ดูงานเพื่อศึกษาต้นแบบการพัฒนาเมืองโดยใช้ฐานงานวิจัย ณ เมืองลำพูน"
CLINIC_TITLE = "คลินิกพัฒนาข้อเสนอโครงการสำหรับทุนที่เปิดรับ (ตัวอย่าง)"

LAMPHUN = {
    "kind": WorkshopKind.WORKSHOP,
    "title_th": LAMPHUN_TITLE,
    "title_en": (
        "Workshop to develop research proposals that meet the indicators of the research framework"
    ),
    "starts_on": LAMPHUN_DAY,
    "ends_on": LAMPHUN_DAY,
    "place_th": "GRAND PA Hotel & Resort Lamphun จังหวัดลำพูน",
    "place_en": "GRAND PA Hotel & Resort Lamphun, Lamphun",
    "agenda_th": (
        "นักวิจัยจากพื้นที่ 16 เมือง ร่วมกับเทศบาล พัฒนาข้อเสนอโครงการวิจัยให้ตรงเป้าหมายตามตัวชี้วัด"
        "กรอบวิจัย และนำเทคโนโลยีฮาร์ดและซอฟต์จากงานวิจัยของแผนงานไปใช้ในเมือง"
    ),
    "agenda_en": (
        "Researchers of the 16 cities with their municipalities develop proposals that hit the "
        "framework's indicators, and bring the programme's hard and soft technologies to the "
        "cities."
    ),
    "capacity": None,
    "registration_open": False,
    "outcome_th": "ทีมของแต่ละเมืองได้ร่างข้อเสนอที่เชื่อมกับตัวชี้วัดของกรอบวิจัย (ข้อมูลตัวอย่าง)",
    "outcome_en": (
        "Each city's team drafted a proposal tied to the framework's indicators (example)."
    ),
}

FIELD_VISIT = {
    "kind": WorkshopKind.FIELD_VISIT,
    "title_th": FIELD_VISIT_TITLE,
    "title_en": "Field visit to study Lamphun as a model of research-based city development",
    "starts_on": LAMPHUN_DAY,
    "ends_on": LAMPHUN_DAY,
    "place_th": "เทศบาลเมืองลำพูน",
    "place_en": "Lamphun Town Municipality",
    "agenda_th": "ต้อนรับโดย นายประภัสร์ ภู่เจริญ นายกเทศมนตรีเทศบาลเมืองลำพูน",
    "agenda_en": "Hosted by Mr Praphat Phucharoen, Mayor of Lamphun Town Municipality",
    "capacity": None,
    "registration_open": False,
}


def seed_workshops(*, programme, call, officer, researcher, proposals, calendar):
    """The Lamphun workshop and field visit, with the demo researcher present at both and
    the submitted proposal recording them, and a clinic for `call` a month from today."""
    cities = list(Municipality.objects.order_by("name_th"))
    lamphun = Municipality.objects.filter(name_en="Lamphun").first()
    events = []
    for data, invited in ((LAMPHUN, cities), (FIELD_VISIT, cities)):
        workshop = Workshop.objects.filter(programme=programme, title_th=data["title_th"]).first()
        if workshop is None:
            workshop = services.create_workshop(
                actor=officer,
                data={**data, "programme": programme},
                municipalities=invited,
            )
            services.add_participant(
                actor=officer,
                workshop=workshop,
                person=researcher,
                municipality=lamphun,
                proposal=proposals[0],
            )
            services.record_attendance(
                actor=officer,
                workshop=workshop,
                came=workshop.registrations.values_list("pk", flat=True),
            )
        events.append(workshop)
    services.record_attended_workshops(actor=researcher, proposal=proposals[0], workshops=events)
    clinic = Workshop.objects.filter(programme=programme, title_th=CLINIC_TITLE).first()
    if clinic is None:
        day = calendar.today + datetime.timedelta(days=30)
        clinic = services.create_workshop(
            actor=officer,
            data={
                "programme": programme,
                "call": call,
                "kind": WorkshopKind.WORKSHOP,
                "title_th": CLINIC_TITLE,
                "title_en": "Proposal clinic for the open call (example)",
                "starts_on": day,
                "ends_on": day,
                "place_th": "ออนไลน์และ ณ สำนักงานแผนงาน (ตัวอย่าง)",
                "place_en": "Online and at the programme's office (example)",
                "agenda_th": "ทีมนำร่างข้อเสนอมาปรึกษาพี่เลี้ยงทีละส่วน",
                "agenda_en": "Teams bring their drafts to the mentors, part by part.",
                "capacity": 40,
                "registration_open": True,
            },
            teams=[proposals[1]],
        )
    events.append(clinic)
    return events
