"""The default decision letters of a call, in the style of a Thai หนังสือแจ้งผลการพิจารณา and
in English. They are content, not interface text: the Thai letter stays Thai whatever the
reader's language, so they are not run through gettext. Officers and managers change them per
call on the letters page.

Each paragraph is one line (a line break would show in the letter), hence the long lines.
"""

# ruff: noqa: E501

_THAI_OPENING = """วันที่ {date}

เรื่อง  แจ้งผลการพิจารณาข้อเสนอโครงการ
เรียน  {lead}

ตามที่ท่านได้เสนอข้อเสนอโครงการเรื่อง “{title}” เลขที่ {reference} เพื่อขอรับทุนภายใต้ {call} นั้น
"""

_ENGLISH_OPENING = """{date}

Subject: Decision on your research proposal
Dear {lead},

Thank you for submitting the proposal “{title}” (reference {reference}) to {call}.
"""

APPROVE_TH = (
    _THAI_OPENING
    + """
บัดนี้ การพิจารณาข้อเสนอโครงการได้เสร็จสิ้นแล้ว มีมติให้ข้อเสนอโครงการของท่านได้รับอนุมัติทุนวิจัยเป็นจำนวนเงิน {amount} บาท ({amount_words}) โดยมีข้อคิดเห็นประกอบการพิจารณาดังนี้

{comment}

เจ้าหน้าที่จะติดต่อท่านเพื่อดำเนินการจัดทำสัญญารับทุนต่อไป ท่านสามารถอ่านข้อคิดเห็นของผู้ทรงคุณวุฒิได้ในระบบ

จึงเรียนมาเพื่อโปรดทราบ
"""
)

REJECT_TH = (
    _THAI_OPENING
    + """
บัดนี้ การพิจารณาข้อเสนอโครงการได้เสร็จสิ้นแล้ว มีมติไม่อนุมัติทุนวิจัยแก่ข้อเสนอโครงการของท่าน ด้วยเหตุผลดังนี้

{comment}

ท่านสามารถอ่านข้อคิดเห็นของผู้ทรงคุณวุฒิได้ในระบบ ขอขอบคุณที่ท่านให้ความสนใจเสนอขอรับทุนในครั้งนี้

จึงเรียนมาเพื่อโปรดทราบ
"""
)

REVISION_TH = (
    _THAI_OPENING
    + """
บัดนี้ การพิจารณาข้อเสนอโครงการได้เสร็จสิ้นแล้ว มีมติให้ท่านปรับปรุงข้อเสนอโครงการตามข้อเสนอแนะดังนี้

{comment}

ขอให้ท่านพิจารณาข้อคิดเห็นของผู้ทรงคุณวุฒิในระบบ ปรับปรุงข้อเสนอโครงการ และส่งกลับเข้าสู่ระบบเพื่อพิจารณาอีกครั้ง

จึงเรียนมาเพื่อโปรดทราบและดำเนินการ
"""
)

APPROVE_EN = (
    _ENGLISH_OPENING
    + """
The review of your proposal is complete. We are pleased to inform you that it has been approved for funding of {amount} baht, with the following comments:

{comment}

An officer will contact you to prepare the grant agreement. The reviewers' comments are available in the system.

Yours sincerely,
"""
)

REJECT_EN = (
    _ENGLISH_OPENING
    + """
The review of your proposal is complete. We regret to inform you that it has not been approved for funding, for the following reasons:

{comment}

The reviewers' comments are available in the system. Thank you for your interest in this call.

Yours sincerely,
"""
)

REVISION_EN = (
    _ENGLISH_OPENING
    + """
The review of your proposal is complete. Before a decision can be taken, you are asked to revise it as follows:

{comment}

Please read the reviewers' comments in the system, revise the proposal and resubmit it for a further review.

Yours sincerely,
"""
)

INVITE_TH = (
    _THAI_OPENING
    + """
บัดนี้ การพิจารณาข้อเสนอโครงการเบื้องต้นได้เสร็จสิ้นแล้ว มีมติเชิญให้ท่านจัดทำข้อเสนอโครงการฉบับสมบูรณ์ โดยมีข้อคิดเห็นประกอบการพิจารณาดังนี้

{comment}

ข้อเสนอโครงการฉบับสมบูรณ์ได้เริ่มไว้ในระบบแล้วจากเนื้อหาของข้อเสนอโครงการเบื้องต้น ขอให้ท่านจัดทำให้ครบถ้วนและส่งภายในกำหนดของประกาศทุน

จึงเรียนมาเพื่อโปรดทราบและดำเนินการ
"""
)

INVITE_EN = (
    _ENGLISH_OPENING
    + """
The review of your concept proposal is complete. We are pleased to invite you to write a full proposal, with the following comments:

{comment}

Your full proposal is started in the system from the concept's content. Please complete it and submit it by the call's deadline.

Yours sincerely,
"""
)

# The invitation of a concept to the full stage (two-stage calls).
INVITE_TEXTS = {"th": INVITE_TH.strip(), "en": INVITE_EN.strip()}

# Stripped as a form field would strip them, so that saving the defaults changes nothing.
DEFAULT_TEXTS = {
    "approve_th": APPROVE_TH.strip(),
    "approve_en": APPROVE_EN.strip(),
    "reject_th": REJECT_TH.strip(),
    "reject_en": REJECT_EN.strip(),
    "revision_th": REVISION_TH.strip(),
    "revision_en": REVISION_EN.strip(),
    "invite_th": INVITE_TEXTS["th"],
    "invite_en": INVITE_TEXTS["en"],
}
