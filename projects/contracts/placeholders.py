"""The placeholders of a contract template ({amount_words}, {lead}…), what each stands for,
and the text of a template with them filled in for one project, in one language."""

import datetime
import re
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.bahttext import baht_text
from core.thai import format_date, format_money

PLACEHOLDERS = (
    ("funder", _("the funder of the programme")),
    ("programme", _("the programme")),
    ("contract_number", _("the contract number")),
    ("contract_date", _("the contract date")),
    ("reference", _("the project's reference")),
    ("project", _("the project's title")),
    ("lead", _("the lead researcher's name")),
    ("organisation", _("the lead researcher's organisation")),
    ("amount", _("the approved amount in figures")),
    ("amount_words", _("the approved amount in Thai words")),
    ("starts_on", _("the project's start")),
    ("ends_on", _("the project's end")),
)
SAMPLE_AMOUNT = Decimal("1250000.00")
NAMES = frozenset(name for name, _label in PLACEHOLDERS)
_FIELD = re.compile(r"\{([^{}]*)\}")

DEFAULT_TH = (
    "สัญญาฉบับนี้ทำขึ้นระหว่าง {funder} ซึ่งต่อไปในสัญญานี้เรียกว่า “ผู้ให้ทุน” ฝ่ายหนึ่ง "
    "กับ {lead} สังกัด {organisation} ซึ่งต่อไปในสัญญานี้เรียกว่า “ผู้รับทุน” อีกฝ่ายหนึ่ง\n\n"
    "ข้อ 1 ผู้ให้ทุนตกลงให้ทุนแก่ผู้รับทุนเพื่อดำเนินโครงการ “{project}” ({reference}) "
    "ภายใต้ {programme} เป็นจำนวนเงิน {amount} บาท ({amount_words})\n\n"
    "ข้อ 2 ผู้รับทุนจะดำเนินโครงการตั้งแต่วันที่ {starts_on} ถึงวันที่ {ends_on} "
    "และส่งรายงานตามกำหนดในสัญญานี้\n\n"
    "ข้อ 3 ผู้ให้ทุนจะจ่ายเงินทุนเป็นงวดตามที่กำหนดในสัญญานี้"
)
DEFAULT_EN = (
    "This contract is made between {funder} (“the Funder”) and {lead} of {organisation} "
    "(“the Grantee”).\n\n"
    "1. The Funder grants the Grantee {amount} baht to carry out the project “{project}” "
    "({reference}) under {programme}.\n\n"
    "2. The Grantee carries out the project from {starts_on} to {ends_on} and submits the "
    "reports set out in this contract.\n\n"
    "3. The Funder pays the grant in the instalments set out in this contract."
)


def unknown_placeholders(text):
    """The names in braces that are not placeholders (a typing mistake), in order."""
    found = [name.strip() for name in _FIELD.findall(text or "")]
    return [name for name in dict.fromkeys(found) if name not in NAMES]


def values_for(proposal, award, language):
    """What each placeholder reads for `proposal` in `language`."""
    lead = proposal.lead
    with translation.override(language):
        return {
            "funder": str(proposal.call.programme.funder.name),
            "programme": str(proposal.call.programme.name),
            "contract_number": award.contract_number,
            "contract_date": format_date(award.contract_date, "long"),
            "reference": proposal.reference,
            "project": proposal.title,
            "lead": lead.formal_name,
            "organisation": lead.organisation or "—",
            "amount": format_money(award.amount),
            "amount_words": baht_text(award.amount),
            "starts_on": format_date(award.starts_on, "long"),
            "ends_on": format_date(award.ends_on, "long"),
        }


def fill(text, values):
    """`text` with each {placeholder} replaced by its value (unknown names stay as written)."""
    return _FIELD.sub(lambda m: values.get(m.group(1).strip(), m.group(0)), text or "")


def sample_values():
    """What the template page's preview fills in, in the active language."""
    return {
        "funder": "หน่วยบริหารและจัดการทุนด้านการพัฒนาระดับพื้นที่ (บพท.)",
        "programme": "SLC",
        "contract_number": "RDG69-001",
        "contract_date": format_date(datetime.date(2026, 1, 15), "long"),
        "reference": "SLC-2569-0001",
        "project": "—",
        "lead": "—",
        "organisation": "—",
        "amount": format_money(SAMPLE_AMOUNT),
        "amount_words": baht_text(SAMPLE_AMOUNT),
        "starts_on": format_date(datetime.date(2026, 2, 1), "long"),
        "ends_on": format_date(datetime.date(2027, 1, 31), "long"),
    }
