"""The five funded projects of the demo, as data: who leads them, where, what they reported and
how far each has come (`projects.demo.seed.seed_projects` makes them through the real services)."""

from dataclasses import dataclass, field
from decimal import Decimal

from proposals.models import (
    ProgressReportKind,
)

D = Decimal


# Shares of the budget by category code, adding up to 100% (institutional fee exactly 10%).
BUDGET_SHARES = [
    ("personnel", "ค่าจ้างผู้ช่วยวิจัย", D("25")),
    ("services", "ค่าจัดประชุมและอบรม", D("30")),
    ("materials", "ค่าวัสดุสำรวจและสื่อ", D("20")),
    ("equipment", "อุปกรณ์ภาคสนาม", D("15")),
    ("institutional_fee", "ค่าธรรมเนียมอุดหนุนสถาบัน", D("10")),
]


# How far each project got: the states its two reports reach and the payments recorded.
ACCEPTED = "accepted"


SUBMITTED = "submitted"


RETURNED = "returned"


DRAFT = "draft"


@dataclass
class DemoProject:
    number: int
    lead_email: str
    lead_name: str
    organisation: str
    title_th: str
    title_en: str
    municipalities: list  # English names; the first is the lead municipality
    technologies: list  # English names; the first is the main one
    amount: Decimal
    # (indicator code, municipality English name or None, target of the fiscal year the project
    # starts in, target of the fiscal year it ends in)
    commitments: list
    # per report kind: (indicator code, municipality or None, value)
    results: dict
    stages: dict  # report kind -> ACCEPTED / SUBMITTED / RETURNED / DRAFT
    outcome: str = "active"  # or "closed"
    # The share of the planned spending the final report spends: below 100 leaves a balance,
    # which a closed project refunds.
    final_spending_percent: int = 100
    outputs: list = field(default_factory=list)


PROJECTS = [
    DemoProject(
        1,
        "lead.chiangrai@example.org",
        "ผศ.ดร.อรุณี ศรีเชียงราย",
        "มหาวิทยาลัยแม่ฟ้าหลวง (ตัวอย่าง)",
        "แพลตฟอร์มข้อมูลเมืองเชียงรายเพื่อการตัดสินใจของเทศบาล (ตัวอย่าง)",
        "A city data platform for Chiang Rai's decisions (example)",
        ["Chiang Rai"],
        ["GIS database (geographic information system)", "Database system"],
        D("1150000.00"),
        [
            ("KR1.1", None, 1, 0),
            ("KR1.2", "Chiang Rai", 4, 4),
            ("KR1.3", "Chiang Rai", 70, 80),
            ("KR3.3", "Chiang Rai", 40, 20),
        ],
        {
            ProgressReportKind.MONTH_6: [
                ("KR1.1", None, 1),
                ("KR1.2", "Chiang Rai", 3),
                ("KR1.3", "Chiang Rai", 55),
                ("KR3.3", "Chiang Rai", 35),
            ],
            ProgressReportKind.FINAL: [
                ("KR1.1", None, 0),
                ("KR1.2", "Chiang Rai", 5),
                ("KR1.3", "Chiang Rai", 82),
                ("KR3.3", "Chiang Rai", 30),
            ],
        },
        {ProgressReportKind.MONTH_6: ACCEPTED, ProgressReportKind.FINAL: ACCEPTED},
        outcome="closed",
        final_spending_percent=92,
        outputs=[("product_prototype", "แพลตฟอร์มข้อมูลเมืองเชียงราย", 1)],
    ),
    DemoProject(
        2,
        "researcher@example.org",
        "",
        "",
        "กองทุนเมืองลำปางเพื่อพื้นที่สาธารณะ (ตัวอย่าง)",
        "A Lampang city fund for public spaces (example)",
        ["Lampang", "Phrae"],
        ["City fund (crowd sourcing and crowd funding mechanism)", "Investment policy"],
        D("980000.00"),
        [
            ("KR2.1", "Lampang", 1, 1),
            ("KR2.2", "Lampang", 400000, 600000),
            ("KR2.2", "Phrae", 200000, 300000),
            ("KR2.3", None, 3, 4),
        ],
        {
            ProgressReportKind.MONTH_6: [
                ("KR2.1", "Lampang", 1),
                ("KR2.2", "Lampang", 250000),
                ("KR2.2", "Phrae", 90000),
                ("KR2.3", None, 2),
            ],
            ProgressReportKind.FINAL: [
                ("KR2.1", "Lampang", 0),
                ("KR2.2", "Lampang", 410000),
                ("KR2.2", "Phrae", 160000),
                ("KR2.3", None, 3),
            ],
        },
        {ProgressReportKind.MONTH_6: ACCEPTED, ProgressReportKind.FINAL: SUBMITTED},
    ),
    DemoProject(
        3,
        "lead.kalasin@example.org",
        "ดร.สมชาย ภูผาทอง",
        "มหาวิทยาลัยกาฬสินธุ์ (ตัวอย่าง)",
        "พื้นที่เรียนรู้ของเมืองกาฬสินธุ์และร้อยเอ็ด (ตัวอย่าง)",
        "City learning spaces for Kalasin and Roi Et (example)",
        ["Kalasin", "Roi Et"],
        ["City learning space"],
        D("860000.00"),
        [
            ("KR3.1", "Kalasin", 1, 1),
            ("KR3.1", "Roi Et", 1, 0),
            ("KR3.2", "Kalasin", 800, 1500),
            ("KR3.2", "Roi Et", 500, 1000),
        ],
        {
            ProgressReportKind.MONTH_6: [
                ("KR3.1", "Kalasin", 1),
                ("KR3.1", "Roi Et", 0),
                ("KR3.2", "Kalasin", 640),
                ("KR3.2", "Roi Et", 210),
            ],
        },
        {ProgressReportKind.MONTH_6: ACCEPTED, ProgressReportKind.FINAL: DRAFT},
    ),
    DemoProject(
        4,
        "lead.pakkret@example.org",
        "รศ.ดร.วิไลวรรณ ปากเกร็ด",
        "มหาวิทยาลัยเทคโนโลยีราชมงคลสุวรรณภูมิ (ตัวอย่าง)",
        "ระบบรับเรื่องร้องเรียนและสำรวจความพึงพอใจของเมืองปากเกร็ด (ตัวอย่าง)",
        "Complaints and satisfaction surveys for Pak Kret (example)",
        ["Pak Kret", "Nonthaburi"],
        ["Urban survey system"],
        D("720000.00"),
        [
            ("KR4.1", "Pak Kret", 8, 6),
            ("KR4.2", "Pak Kret", 72, 80),
            ("KR4.2", "Nonthaburi", 70, 78),
            ("KR1.4", "Pak Kret", 1, 1),
        ],
        {
            ProgressReportKind.MONTH_6: [
                ("KR4.1", "Pak Kret", 9),
                ("KR4.2", "Pak Kret", 68),
                ("KR4.2", "Nonthaburi", 74),
                ("KR1.4", "Pak Kret", 1),
            ],
        },
        {ProgressReportKind.MONTH_6: SUBMITTED, ProgressReportKind.FINAL: DRAFT},
    ),
    DemoProject(
        5,
        "lead.thungsong@example.org",
        "นายธนกร ทุ่งสง",
        "มหาวิทยาลัยวลัยลักษณ์ (ตัวอย่าง)",
        "ลดขยะของเทศบาลเมืองทุ่งสงด้วยข้อมูลเมือง (ตัวอย่าง)",
        "Cutting Thung Song's waste with city data (example)",
        ["Thung Song", "Chumphon"],
        ["Database system", "Urban survey system"],
        D("640000.00"),
        [
            ("KR4.3", "Thung Song", 12, 18),
            ("KR4.3", "Chumphon", 6, 10),
            ("KR1.2", "Thung Song", 3, 3),
        ],
        {
            ProgressReportKind.MONTH_6: [
                ("KR4.3", "Thung Song", 7),
                ("KR4.3", "Chumphon", 2),
                ("KR1.2", "Thung Song", 1),
            ],
        },
        {ProgressReportKind.MONTH_6: RETURNED, ProgressReportKind.FINAL: DRAFT},
    ),
]
