"""The decision letter is an official letter (หนังสือภายนอก): a number from the programme's own
register, taken once per letter inside the decision's transaction (a failed decision uses
none); ที่, the issuing office, the date, เรื่อง, เรียน with the lead's title, อ้างถึง,
สิ่งที่ส่งมาด้วย, the body, the signatory's name and position and the contact line, in Thai and
in English; and the letter keeps the letterhead it was sent with."""

import datetime
import io
import itertools

import pytest
from django.utils import translation
from pypdf import PdfReader

from accounts import audit
from indicators.letters import issue_letter, letter_sent
from indicators.models import Letterhead, OutgoingLetter, Programme
from reports import documents
from reviews.decisions import services
from reviews.decisions.letters import letter_source, split_letter
from reviews.models import Decision

from .conftest import assign, in_review

pytestmark = pytest.mark.django_db

LETTERHEAD = {
    "code_th": "บพท.",
    "code_en": "PMU-A/SLC",
    "office_th": "หน่วยบริหารและจัดการทุนทดสอบ\nถนนทดสอบ กรุงเทพมหานคร 10400",
    "office_en": "Test Funding Unit\nTest Road, Bangkok 10400",
    "signatory_name_th": "นางสาวลงนาม ทดสอบ",
    "signatory_name_en": "Ms Longnam Tadsob",
    "signatory_position_th": "ผู้อำนวยการหน่วยทดสอบ",
    "signatory_position_en": "Director of the Test Unit",
    "contact_unit_th": "ฝ่ายแผนงานเมืองทดสอบ",
    "contact_unit_en": "Test Cities Programme",
    "contact_phone": "0 2111 2222",
    "contact_email": "letters@example.org",
}


@pytest.fixture
def letterhead(call):
    return Letterhead.objects.create(programme=call.programme, **LETTERHEAD)


def decided(proposal, manager, outcome="approve"):
    assign(proposal)
    return services.decide(
        proposal=proposal, outcome=outcome, actor=manager, comment="อนุมัติตามที่เสนอ",
        approved_amount="800000" if outcome == "approve" else None,
    )  # fmt: skip


def number_of(decision):
    return letter_sent(letter_source(decision)).number


def letter_text(proposal, language):
    with translation.override(language):
        output = documents.get("decision-letter", documents.PDF).build(
            proposal, user=None, options={}, progress=documents.no_progress
        )
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(output.content)).pages)


def test_each_decision_letter_takes_the_next_number_of_its_programme(call, programme_manager):
    first, second = in_review(call), in_review(call)
    numbers = [number_of(decided(p, programme_manager)) for p in (first, second)]
    assert numbers == [1, 2]
    letter = letter_sent(letter_source(Decision.objects.get(proposal=first)))
    assert letter.programme == call.programme
    assert letter.year_be == datetime.date.today().year + 543
    assert letter.subject == f"แจ้งผลการพิจารณาข้อเสนอโครงการ ({first.reference})"


SOURCES = itertools.count(1)


def issue(programme, on):
    return issue_letter(
        programme=programme, sent_on=on, subject="ก", recipient="ข", source=f"test:{next(SOURCES)}"
    ).number


def test_numbers_run_per_programme_and_start_again_each_year(call):
    other = Programme.objects.create(
        code="OTHER", name_th="แผนงานอื่น", name_en="Other", funder=call.programme.funder
    )
    on = datetime.date(2026, 12, 30)
    numbers = [
        issue(call.programme, on),
        issue(call.programme, on),
        issue(other, on),
        issue(call.programme, datetime.date(2027, 1, 2)),
    ]
    assert numbers == [1, 2, 1, 1]


def test_a_decision_that_fails_uses_no_number(call, programme_manager, monkeypatch):
    proposal = in_review(call)
    assign(proposal)

    def broken(**kwargs):
        raise RuntimeError("the audit log is down")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError):
        services.decide(
            proposal=proposal, outcome="reject", actor=programme_manager, comment="ไม่ผ่าน"
        )
    assert not OutgoingLetter.objects.exists()
    monkeypatch.undo()
    decision = services.decide(
        proposal=proposal, outcome="reject", actor=programme_manager, comment="ไม่ผ่าน"
    )
    assert number_of(decision) == 1


def test_the_thai_letter_has_every_part_of_an_official_letter(call, programme_manager,
                                                              letterhead):  # fmt: skip
    proposal = in_review(call)
    proposal.lead.honorific_th = "ผู้ช่วยศาสตราจารย์ ดร."
    proposal.lead.save()
    decision = decided(proposal, programme_manager)
    text = letter_text(proposal, "th")
    parts = [
        "ที่ บพท./1",
        "หน่วยบริหารและจัดการทุนทดสอบ",
        "เรื่อง แจ้งผลการพิจารณาข้อเสนอโครงการ",
        f"เรียน ผู้ช่วยศาสตราจารย์ ดร.{proposal.lead.full_name_th}",
        f"อ้างถึง ข้อเสนอโครงการ เลขที่ {proposal.reference}",
        "สิ่งที่ส่งมาด้วย",
        "ตามที่ท่านได้เสนอข้อเสนอโครงการเรื่อง",  # the body
        "จึงเรียนมาเพื่อโปรดทราบ",
        "ขอแสดงความนับถือ",
        "(นางสาวลงนาม ทดสอบ)",
        "ผู้อำนวยการหน่วยทดสอบ",
        "ฝ่ายแผนงานเมืองทดสอบ",
        "โทร. 0 2111 2222",
        "letters@example.org",
    ]
    positions = [text.find(part) for part in parts]
    assert -1 not in positions, [part for part in parts if part not in text]
    assert positions == sorted(positions)  # in the regulation's order
    assert text.count("เรียน ") == 1  # the letter's own เรียน line left the body
    assert decision.letter_th.startswith("วันที่")  # the letter as sent is unchanged


def test_the_english_letter_has_the_same_parts(call, programme_manager, letterhead):
    proposal = in_review(call)
    proposal.lead.honorific_en = "Dr"
    proposal.lead.save()
    decided(proposal, programme_manager, outcome="reject")
    text = letter_text(proposal, "en")
    parts = [
        "No. PMU-A/SLC/1",
        "Test Funding Unit",
        "Subject Decision on your research proposal",
        f"To Dr {proposal.lead.full_name_en}",
        f"Reference Research proposal {proposal.reference}",
        "Enclosure",
        f"Dear Dr {proposal.lead.full_name_en},",
        "Yours sincerely,",
        "(Ms Longnam Tadsob)",
        "Director of the Test Unit",
        "Tel. 0 2111 2222",
    ]
    positions = [text.find(part) for part in parts]
    assert -1 not in positions, [part for part in parts if part not in text]
    assert positions == sorted(positions)
    assert text.count("Yours sincerely,") == 1


def test_a_letter_keeps_the_letterhead_it_was_sent_with(call, programme_manager, letterhead):
    proposal = in_review(call)
    decided(proposal, programme_manager)
    Letterhead.objects.filter(pk=letterhead.pk).update(
        signatory_name_th="นายคนใหม่ ลงนาม", code_th="ใหม่"
    )
    text = letter_text(proposal, "th")
    assert "(นางสาวลงนาม ทดสอบ)" in text
    assert "ที่ บพท./1" in text
    assert "นายคนใหม่" not in text


def test_a_letter_sent_before_the_register_leaves_its_number_blank(call, programme_manager):
    proposal = in_review(call)
    decision = decided(proposal, programme_manager)
    OutgoingLetter.objects.filter(source=letter_source(decision)).delete()
    text = letter_text(proposal, "th")
    assert "ที่ ......" in text
    assert "ขอแสดงความนับถือ" in text


def test_the_head_of_a_letter_written_from_a_template_leaves_its_body():
    thai = "วันที่ 5 มีนาคม 2569\n\nเรื่อง  แจ้งผล\nเรียน  คุณ ก\n\nตามที่ท่าน…\n\nจึงเรียนมา"
    assert split_letter(thai, date="5 มีนาคม 2569") == ("แจ้งผล", "ตามที่ท่าน…\n\nจึงเรียนมา")
    english = "5 March 2026\n\nSubject: Result\nDear A,\n\nThank you.\n\nYours sincerely,\n"
    assert split_letter(english, date="5 March 2026") == ("Result", "Thank you.")
    custom = "ตามที่ท่านเสนอ\nเรียน ไว้กลางจดหมาย"
    assert split_letter(custom, date="5 มีนาคม 2569") == ("", custom)
