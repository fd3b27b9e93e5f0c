"""The parts of an official letter (หนังสือภายนอก, ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ
พ.ศ. 2526 and its amendments), which reports/pdf/official_letter.html lays out: ที่ and the
issuing office on one line, the date from the middle of the page, เรื่อง, เรียน, อ้างถึง,
สิ่งที่ส่งมาด้วย, the body with its paragraphs indented, the closing with the signatory's name
in brackets and position, and the unit to contact at the foot. An English letter has the same
parts in the same places ("Our ref.", "Subject", "To", "Reference", "Enclosure")."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from indicators.models.letters import bilingual_value


@dataclass
class OfficialLetter:
    number: str  # "บพท./12"; "" leaves a dotted line for the sender's registry to fill
    office: str  # the issuing office and its address, one line per line
    date: object
    subject: str
    addressee: str
    salutation: str = ""  # "Dear …," of an English letter; a Thai one has its เรียน line
    closing: str = ""  # ขอแสดงความนับถือ / Yours sincerely,
    references: list = field(default_factory=list)
    enclosures: list = field(default_factory=list)
    signatory_name: str = ""
    signatory_position: str = ""
    contact_unit: str = ""
    contact_phone: str = ""
    contact_email: str = ""


def from_letterhead(values, **parts):
    """An official letter of a programme from its letterhead's values (a dict of
    indicators.models.letters.LETTERHEAD_FIELDS, as a letter sent keeps them), in the active
    language; `parts` give the rest (number, office when the letterhead has none, date…)."""
    office = bilingual_value(values, "office") or parts.pop("office", "")
    parts.pop("office", None)
    return OfficialLetter(
        office=office,
        signatory_name=bilingual_value(values, "signatory_name"),
        signatory_position=bilingual_value(values, "signatory_position"),
        contact_unit=bilingual_value(values, "contact_unit"),
        contact_phone=values.get("contact_phone", ""),
        contact_email=values.get("contact_email", ""),
        **parts,
    )


def programme_office(programme):
    """Who issues a programme's letters when its letterhead names no office: the funder."""
    return programme.funder.name


def addressee_position(values, programme):
    """How a letter to the programme is addressed: its signatory's position, or the director
    of its funder when the letterhead names none."""
    return bilingual_value(values, "signatory_position") or _("The Director, %(funder)s") % {
        "funder": programme.funder.name
    }
