"""The columns of the Indicators sheet: their keys, what they hold and how they read."""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from indicators.models import Aggregation, Dimension, Direction, Indicator, ValueType

INDICATORS, OBJECTIVES, GUIDE = "Indicators", "Objectives", "Guide"

# What a column holds, which decides how its cells are written, read and shown.
TEXT, CODE, OBJECTIVE, CHOICE, NUMBER, YEAR, YES_NO, DIMENSIONS, TARGET = (
    "text",
    "code",
    "objective",
    "choice",
    "number",
    "year",
    "yes_no",
    "dimensions",
    "target",
)

YES, NO = "yes", "no"


@dataclass(frozen=True)
class Column:
    key: str
    kind: str
    # The Guide sheet is one bilingual document whatever the reader's language, so its
    # explanations are kept here in both languages, as the models keep names in _th and _en.
    help_th: str
    help_en: str
    width: int
    required: bool = False
    choices: type | None = None

    @property
    def max_length(self):
        if self.kind in (TEXT, CODE):
            return Indicator._meta.get_field(self.key).max_length
        return None


COLUMNS = [
    Column(
        "code",
        CODE,
        "รหัสตัวชี้วัด ไม่ซ้ำกันในแผนงาน (เช่น KR1.2) ใช้ระบุแถว: รหัสที่แผนงานยังไม่มีจะเพิ่มตัวชี้วัดใหม่ (ต้องกรอก)",
        "Indicator code, unique in the programme (e.g. KR1.2). It identifies the row: "
        "a code the programme does not have yet adds an indicator (required).",
        12,
        required=True,
    ),
    Column(
        "objective_code",
        OBJECTIVE,
        "รหัสวัตถุประสงค์ที่ตัวชี้วัดนี้สังกัด ดูได้ในชีต Objectives (ต้องกรอก)",
        "Code of the objective the indicator belongs to, see the Objectives sheet (required).",
        14,
        required=True,
    ),
    Column("name_th", TEXT, "ชื่อภาษาไทย (ต้องกรอก)", "Name in Thai (required).", 45, True),
    Column("name_en", TEXT, "ชื่อภาษาอังกฤษ (ต้องกรอก)", "Name in English (required).", 45, True),
    Column(
        "definition_th",
        TEXT,
        "นิยามและวิธีนับ ภาษาไทย",
        "Definition and how to count, in Thai.",
        50,
    ),
    Column(
        "definition_en",
        TEXT,
        "นิยามและวิธีนับ ภาษาอังกฤษ",
        "Definition and how to count, in English.",
        50,
    ),
    Column("unit_th", TEXT, "หน่วยนับภาษาไทย เช่น แห่ง", "Unit in Thai, e.g. แห่ง.", 14),
    Column("unit_en", TEXT, "หน่วยนับภาษาอังกฤษ เช่น places", "Unit in English, e.g. places.", 14),
    Column(
        "value_type",
        CHOICE,
        "ชนิดของค่า (ต้องกรอก)",
        "Kind of value (required).",
        13,
        required=True,
        choices=ValueType,
    ),
    Column(
        "aggregation",
        CHOICE,
        "วิธีรวมผลของโครงการเป็นผลของแผนงาน (ต้องกรอก) ตัวชี้วัดแบบใช่/ไม่ใช่ใช้ count_yes "
        "และมีเพียงตัวชี้วัดแบบนี้ที่ใช้ count_yes ตัวชี้วัดแบบร้อยละรวมด้วย sum ไม่ได้",
        "How project results roll up into the programme's figure (required). "
        "Yes/no indicators use count_yes, and only they do; percentages cannot use sum.",
        13,
        required=True,
        choices=Aggregation,
    ),
    Column(
        "direction",
        CHOICE,
        "ค่าสูงดีกว่าหรือค่าต่ำดีกว่า (ต้องกรอก)",
        "Whether a higher or a lower value is better (required).",
        11,
        required=True,
        choices=Direction,
    ),
    Column(
        "baseline_value",
        NUMBER,
        "ค่าฐาน เป็นตัวเลข กรอกพร้อมกับ baseline_year หรือเว้นว่างทั้งคู่",
        "Baseline value, a number. Give it with baseline_year, or leave both empty.",
        15,
    ),
    Column(
        "baseline_year",
        YEAR,
        "ปีงบประมาณ (พ.ศ.) ของค่าฐาน เช่น 2566",
        "Fiscal year (B.E.) of the baseline, e.g. 2566.",
        14,
    ),
    Column(
        "per_municipality",
        YES_NO,
        "yes ถ้าโครงการรายงานค่าแยกตามเทศบาลภาคี ไม่เช่นนั้น no",
        "yes if projects report a value for each partner municipality, else no.",
        17,
    ),
    Column(
        "targets_cumulative",
        YES_NO,
        "yes ถ้าค่าเป้าหมายแต่ละปีเป็นยอดสะสมถึงสิ้นปีนั้น (รวมปีก่อนหน้า) ไม่เช่นนั้น no "
        "ใช้ได้เฉพาะวิธีรวม sum และ count_yes",
        "yes if each year's target is the total to reach by the end of that year, earlier "
        "years included; else no. Only for the aggregations sum and count_yes.",
        17,
    ),
    Column(
        "dimensions",
        DIMENSIONS,
        "มิติเมืองอัจฉริยะ เป็นรหัสคั่นด้วยจุลภาค (,)",
        "Smart-city dimensions, as codes separated by commas.",
        30,
    ),
]
BY_KEY = {column.key: column for column in COLUMNS}
KEYS = [column.key for column in COLUMNS]

TARGET_HELP_TH = "ค่าเป้าหมายของปีงบประมาณ {year} เป็นตัวเลข ช่องว่างจะลบค่าเป้าหมายของปีนั้น"
TARGET_HELP_EN = (
    "Target for fiscal year {year}, a number. An empty cell removes that year's target."
)
TARGET_WIDTH = 14
_TARGET_KEY = re.compile(r"^target_(\d{4})$")

# The rules of the round trip, for the Guide sheet: (Thai, English).
RULES = [
    (
        "แต่ละแถวในชีต Indicators คือตัวชี้วัดหนึ่งตัว อย่าแก้แถวหัวตาราง เพราะระบบหาคอลัมน์จากรหัสในแถวนี้",
        "Each row of the Indicators sheet is one indicator. Keep the header row as it is: "
        "the import finds the columns by these keys.",
    ),
    (
        "รหัสที่แผนงานมีอยู่แล้วจะปรับปรุงตัวชี้วัดนั้น รหัสใหม่จะเพิ่มตัวชี้วัด ตัวชี้วัดที่ไม่อยู่ในไฟล์จะคงไว้ตามเดิม ไม่ถูกลบ",
        "A code the programme already has updates that indicator; a new code adds one. "
        "Indicators left out of the file are kept, never deleted.",
    ),
    (
        "ชีต Objectives มีไว้อ้างอิงและไม่ถูกนำเข้า ให้เพิ่มหรือแก้ไขวัตถุประสงค์ในหน้ากรอบผลลัพธ์ก่อน",
        "The Objectives sheet is for reference and is not imported: add or rename objectives "
        "on the framework page first.",
    ),
    (
        "เมื่อมีข้อเสนอโครงการหรือโครงการบันทึกข้อมูลของตัวชี้วัดแล้ว หน่วยนับ ชนิดของค่า วิธีรวมผล "
        "และทิศทางของตัวชี้วัดนั้นจะแก้ไขไม่ได้ หากต้องการวัดแบบอื่นให้เพิ่มตัวชี้วัดใหม่ด้วยรหัสใหม่",
        "Once proposals or projects have recorded data against an indicator, its unit, value "
        "type, aggregation and direction cannot change: to measure it another way, add a new "
        "indicator with a new code.",
    ),
    (
        "อัปโหลดไฟล์ในหน้านำเข้าของแผนงาน ระบบจะแสดงทุกการเปลี่ยนแปลงให้ตรวจก่อนบันทึก "
        "และจะไม่บันทึกสิ่งใดเลยหากไฟล์มีปัญหา",
        "Upload the file on the programme's import page. You see every change before anything "
        "is saved, and nothing is saved if the file has a problem.",
    ),
]


def help_texts(key):
    """A column's explanation in Thai and in English."""
    year = target_year(key)
    if year:
        return TARGET_HELP_TH.format(year=year), TARGET_HELP_EN.format(year=year)
    return BY_KEY[key].help_th, BY_KEY[key].help_en


def target_key(year):
    return f"target_{year}"


def target_year(key):
    """The fiscal year of a target column's key, None for any other key."""
    match = _TARGET_KEY.match(key)
    return int(match[1]) if match else None


def kind_of(key):
    return TARGET if target_year(key) else BY_KEY[key].kind


def width(key):
    return TARGET_WIDTH if target_year(key) else BY_KEY[key].width


def label(key):
    """A column's name for people, in the active language."""
    year = target_year(key)
    if year:
        return _("Target %(year)s") % {"year": year}
    if key == "objective_code":
        return Indicator._meta.get_field("objective").verbose_name
    return Indicator._meta.get_field(key).verbose_name


def dimension_order(codes):
    """Dimension codes in the catalogue's order, so that two sets compare and show alike."""
    order = {code: position for position, code in enumerate(Dimension.Code.values)}
    return tuple(sorted(set(codes), key=lambda code: order.get(code, len(order))))


def format_number(value):
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def display(key, value):
    """A cell's value as the preview shows it, in the active language."""
    if value is None or value in ("", ()):
        return "—"
    kind = kind_of(key)
    if kind in (NUMBER, TARGET):
        return format_number(value)
    if kind == CHOICE:
        return str(BY_KEY[key].choices(value).label)
    if kind == YES_NO:
        return _("Yes") if value else _("No")
    if kind == DIMENSIONS:
        return ", ".join(str(Dimension.Code(code).label) for code in value)
    return str(value)


def current_values(indicator, years):
    """An indicator as the columns hold it; `years` are the target columns wanted.

    Expects the objective, the dimensions and the targets with their fiscal years fetched.
    """
    values = {key: getattr(indicator, key) for key in KEYS if BY_KEY[key].kind in (TEXT, CHOICE)}
    targets = {target.fiscal_year.year_be: target.value for target in indicator.targets.all()}
    values.update(
        code=indicator.code,
        objective_code=indicator.objective.code,
        baseline_value=indicator.baseline_value,
        baseline_year=indicator.baseline_year,
        per_municipality=indicator.per_municipality,
        targets_cumulative=indicator.targets_cumulative,
        dimensions=dimension_order(dimension.code for dimension in indicator.dimensions.all()),
    )
    values.update({target_key(year): targets.get(year) for year in years})
    return {key: values[key] for key in [*KEYS, *(target_key(year) for year in years)]}
