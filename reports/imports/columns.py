"""The sheets and columns of the indicator results workbook, shared by the template that is
downloaded and the reader of the file that comes back.

Each column's header cell holds its Thai and its English name on two lines; the reader finds
a column by either name (or its key), wherever it stands, so that a sheet whose columns were
moved or whose header lost one language still reads. Columns the reader does not need (the
grey helper columns, or any a person adds) are ignored.
"""

from dataclasses import dataclass

from django.utils.translation import pgettext_lazy

from proposals.models import ProgressReportKind

RESULTS, CODES, INSTRUCTIONS = "results", "codes", "instructions"

# The reports whose results can be imported: every kind of the schedule except the contract.
KINDS = (ProgressReportKind.MONTH_6, ProgressReportKind.MONTH_12, ProgressReportKind.FINAL)


@dataclass(frozen=True)
class Column:
    key: str
    thai: str
    english: str
    # The short name a problem quotes, in the reader's language: "column E (value)".
    label: object
    width: float
    helper: bool = False  # read-only information, shaded grey, ignored by the import

    @property
    def header(self):
        return f"{self.thai}\n{self.english}"

    def names(self):
        """What a header cell may say for this column, compared in lower case."""
        return {self.key, self.thai.lower(), self.english.lower()}


PROJECT, REPORT, INDICATOR, MUNICIPALITY, VALUE, NOTE, EVIDENCE = (
    "project",
    "report",
    "indicator",
    "municipality",
    "value",
    "note",
    "evidence_url",
)

COLUMNS = [
    Column(
        PROJECT, "รหัสโครงการ", "Project reference", pgettext_lazy("import column", "project"), 16
    ),
    Column(REPORT, "รายงาน", "Report", pgettext_lazy("import column", "report"), 11),
    Column(
        INDICATOR,
        "รหัสตัวชี้วัด",
        "Indicator code",
        pgettext_lazy("import column", "indicator"),
        11,
    ),
    Column(
        MUNICIPALITY,
        "เทศบาล",
        "Municipality",
        pgettext_lazy("import column", "municipality"),
        26,
    ),
    Column(VALUE, "ค่าผลลัพธ์", "Value", pgettext_lazy("import column", "value"), 12),
    Column(NOTE, "หมายเหตุ", "Note", pgettext_lazy("import column", "note"), 36),
    Column(
        EVIDENCE,
        "ลิงก์หลักฐาน",
        "Evidence link",
        pgettext_lazy("import column", "evidence link"),
        36,
    ),
    Column(
        "project_title",
        "ชื่อโครงการ (อ่านอย่างเดียว)",
        "Project title (read only)",
        pgettext_lazy("import column", "project title"),
        36,
        helper=True,
    ),
    Column(
        "indicator_name",
        "ชื่อตัวชี้วัด (อ่านอย่างเดียว)",
        "Indicator (read only)",
        pgettext_lazy("import column", "indicator name"),
        40,
        helper=True,
    ),
    Column(
        "unit",
        "หน่วย (อ่านอย่างเดียว)",
        "Unit (read only)",
        pgettext_lazy("import column", "unit"),
        12,
        helper=True,
    ),
    Column(
        "value_type",
        "ชนิดของค่า (อ่านอย่างเดียว)",
        "Value type (read only)",
        pgettext_lazy("import column", "value type"),
        22,
        helper=True,
    ),
    Column(
        "target",
        "เป้าหมายของโครงการ (อ่านอย่างเดียว)",
        "Project's target (read only)",
        pgettext_lazy("import column", "target"),
        16,
        helper=True,
    ),
]
BY_KEY = {column.key: column for column in COLUMNS}
# The columns an uploaded sheet must have; the helper columns may be missing.
REQUIRED = [column.key for column in COLUMNS if not column.helper]


def column_for(header):
    """The column a header cell names (by its Thai or English name, either line of the
    template's two, or its key), None when it names none."""
    if header is None:
        return None
    text = str(header).strip().lower()
    candidates = {text, *(line.strip() for line in text.splitlines() if line.strip())}
    for column in COLUMNS:
        if candidates & column.names():
            return column
    return None


# The rules of the import, for the instructions sheet: (Thai, English).
RULES = [
    (
        "แต่ละแถวในชีต results คือผลของตัวชี้วัดหนึ่งตัวที่โครงการให้คำมั่นไว้ "
        "(แยกตามเทศบาลสำหรับตัวชี้วัดที่รายงานรายเทศบาล) "
        "อย่าแก้คอลัมน์ A–D ของแถวที่ระบบเตรียมไว้ให้ เพราะใช้ระบุแถว",
        "Each row of the results sheet is one result the project committed to (one per "
        "municipality for indicators reported per municipality). Keep columns A–D of the "
        "prepared rows as they are: they identify the row.",
    ),
    (
        "กรอกค่าในคอลัมน์ E: ตัวเลขไม่ติดลบ ทศนิยมไม่เกินสองตำแหน่ง "
        "ร้อยละอยู่ระหว่าง 0 ถึง 100 (เขียน 45 สำหรับ 45%) "
        "ตัวชี้วัดแบบใช่/ไม่ใช่ให้เขียน 1 (ใช่) หรือ 0 (ไม่ใช่)",
        "Write the value in column E: a number, not negative, with at most two decimals; a "
        "percentage lies between 0 and 100 (write 45 for 45%); a yes/no indicator takes 1 (yes) "
        "or 0 (no).",
    ),
    (
        "ช่องค่าที่เว้นว่างหมายถึง “คงไว้ตามเดิม” ระบบจะไม่ลบหรือเปลี่ยนผลที่บันทึกไว้ของแถวนั้น "
        "หากต้องการลบผล ให้ทำในหน้ารายงาน",
        "An empty value cell means “leave as it is”: the result stored for that row is neither "
        "changed nor removed. Remove a result on the report's page.",
    ),
    (
        "เมื่อกรอกค่าแล้ว หมายเหตุและลิงก์หลักฐานในไฟล์จะแทนที่ของเดิม (ช่องว่างจะล้างของเดิม) "
        "ลิงก์หลักฐานต้องเป็นที่อยู่เว็บเต็ม ขึ้นต้นด้วย https:// ไฟล์หลักฐานให้แนบในหน้ารายงาน",
        "Where a value is given, the note and the evidence link of the file replace the stored "
        "ones (an empty cell clears them). An evidence link is a full web address starting with "
        "https://. Attach evidence files on the report's page.",
    ),
    (
        "เทศบาล: เขียนชื่อภาษาไทยตามชีต codes (รับชื่อภาษาอังกฤษได้ด้วย) "
        "เว้นว่างไว้สำหรับตัวชี้วัดที่ไม่ได้รายงานรายเทศบาล",
        "Municipality: write its Thai name as in the codes sheet (the English name is accepted "
        "too). Leave it empty for indicators that are not reported per municipality.",
    ),
    (
        "รายงาน: รหัสของรอบรายงาน (month_6, month_12 หรือ final) "
        "ทุกแถวต้องเป็นรอบเดียวกับที่เลือกในหน้าอัปโหลด",
        "Report: the code of the reporting period (month_6, month_12 or final). Every row must "
        "be of the period chosen on the upload page.",
    ),
    (
        "คอลัมน์สีเทามีไว้อ่านประกอบเท่านั้น ระบบไม่นำเข้า ชีต codes แสดงรหัสตัวชี้วัดและชื่อเทศบาลที่ใช้ได้",
        "The grey columns are there to read and are not imported. The codes sheet lists the "
        "indicator codes and municipality names you may use.",
    ),
    (
        "นำเข้าได้เฉพาะรายงานที่ยังแก้ไขได้ (ร่าง หรือถูกส่งกลับให้แก้ไข) ของโครงการที่ดำเนินการอยู่ "
        "หากมีช่องใดผิด ระบบจะไม่บันทึกสิ่งใดเลย และจะบอกชีต แถว และคอลัมน์ที่ต้องแก้ "
        "ระบบจะแสดงการเปลี่ยนแปลงทั้งหมดให้ตรวจก่อนบันทึก",
        "Only reports still open (a draft, or returned for changes) of active projects can be "
        "imported. If any cell has a problem, nothing is saved and you are told the sheet, row "
        "and column to correct. You see every change before it is saved.",
    ),
]
