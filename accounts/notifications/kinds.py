"""The registry of what the system sends: every email and in-app notification is a kind of
message, with a key, a label for the managers' page and its default texts (the catalogue's
sentences the sending site itself uses, so the default is what was always sent).

A kind is declared as a constant next to the code that sends it (its app's notices) and
registered by that app's extensions.py; `notify` refuses a kind that is not registered. A
programme's managers may replace the title and body of an `editable` kind, in Thai and in
English (accounts.notifications.templates); a `per_call` kind may also have a text of its own
per call. A `site` kind belongs to no programme (an account's emails, the risk digest, a
document being ready): administrators write the site's text of it instead.
"""

# ruff: noqa: E501 (the glossary keeps one placeholder a line)

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.notifications import placeholders
from core.hooks import Hook

KINDS = Hook(
    "notifications.kinds",
    "Every kind of email and notification the system sends (accounts.notifications.kinds).",
    single=True,
)

# What each placeholder stands for (one vocabulary for every message), in the order the
# editor lists them, with the sample the preview shows in Thai and in English.
GLOSSARY = {
    "recipient": (_("the name of the person who receives the message"), "สมศรี ใจดี", "Somsri Jaidee"),
    "reference": (_("the proposal's reference"), "SLC-2568-0001", "SLC-2568-0001"),
    "proposal": (_("the proposal's reference"), "SLC-2568-0001", "SLC-2568-0001"),
    "title": (_("the title of what the message is about"), "ระบบฐานข้อมูลเมืองลำปาง", "Lampang city database"),
    "call": (_("the call's title"), "ทุนเมืองน่าอยู่อัจฉริยะ", "Liveable Smart Cities call"),
    "state": (_("the new state"), "อนุมัติ", "Approved"),
    "actor": (_("the name of the person who acted"), "สมชาย รักดี", "Somchai Rakdee"),
    "comment": (_("the comment written with the change (the paragraph is left out without one)"), "ขอบคุณครับ", "Thank you."),
    "reason": (_("the reason given"), "ผู้ทรงคุณวุฒิติดภารกิจ", "The reviewer is away."),
    "reviewer": (_("the reviewer's name"), "ศ.ดร.วิชัย ปัญญา", "Prof. Wichai Panya"),
    "round": (_("the review round"), "1", "1"),
    "score": (_("the review's score"), "82.50", "82.50"),
    "due": (_("the date by which it is due"), "31 มีนาคม 2569", "31 March 2026"),
    "kind": (_("the kind of change request"), "ขยายเวลา", "Extension"),
    "number": (_("the number of the request or instalment"), "2", "2"),
    "report": (_("the kind of report"), "รายงานความก้าวหน้า", "progress report"),
    "start": (_("the first day of the period"), "1 ตุลาคม 2568", "1 October 2025"),
    "end": (_("the last day of the period"), "31 มีนาคม 2569", "31 March 2026"),
    "amount": (_("an amount in baht"), "250,000.00", "250,000.00"),
    "outcome": (_("the decision"), "อนุมัติ", "Approve"),
    "letter": (_("the decision letter as written for the proposal"), "เรียน สมศรี ใจดี …", "Dear Somsri Jaidee, …"),
    "name": (_("the name of the person who wrote"), "สมชาย รักดี", "Somchai Rakdee"),
    "what": (_("what is mentored: a municipality or a proposal"), "เทศบาลนครลำปาง", "Lampang City"),
    "part": (_("the part of the draft"), "ปัญหาและโจทย์", "Problem"),
    "mentor": (_("the mentor's name"), "สมชาย รักดี", "Somchai Rakdee"),
    "date": (_("the date"), "15 มกราคม 2569", "15 January 2026"),
    "place": (_("the place"), "ศาลากลางจังหวัดลำปาง", "Lampang City Hall"),
    "days": (_("the number of days"), "3", "3"),
    "programme": (_("the programme's code"), "SLC", "SLC"),
    "years": (_("fiscal years"), "2570, 2571", "2570, 2571"),
    "lead": (_("the lead researcher's name"), "สมศรี ใจดี", "Somsri Jaidee"),
    "role": (_("the role in the team"), "ผู้ร่วมวิจัย", "co-researcher"),
    "email": (_("an email address"), "somsri@example.org", "somsri@example.org"),
    "document": (_("the name of the document"), "ทะเบียนข้อเสนอโครงการ", "Proposal register"),
    "note": (_("what the reviewer wrote of the conflict"), "เป็นที่ปรึกษาของโครงการ", "I advise this team."),
    "day": (_("the day of the digest"), "7 ธันวาคม 2569", "7 December 2026"),
    "count": (_("how many"), "3", "3"),
    "roles": (_("the roles given"), "ผู้ทรงคุณวุฒิ", "Reviewer"),
    "inviter": (_("the name of the person who invites"), "สมชาย รักดี", "Somchai Rakdee"),
    "privacy_url": (_("the link to the privacy notice"), "https://grants.example.org/privacy/", "https://grants.example.org/privacy/"),
    "url": (_("the link to the page the message is about"), "https://grants.example.org/…", "https://grants.example.org/…"),
    "link": (_("the link that confirms the address or sets the new password"), "https://grants.example.org/accounts/…", "https://grants.example.org/accounts/…"),
    "signals": (_("the projects at risk with their signals"), "SLC-2568-0001 ระบบฐานข้อมูลเมืองลำปาง (สูง)", "SLC-2568-0001 Lampang city database (High)"),
}  # fmt: skip
COMMON = ("recipient", "url")


@dataclass(frozen=True)
class MessageKind:
    """One kind of message: `title` and the paragraphs of `body` are catalogue sentences (the
    sending site builds its messages from them); `extra` names placeholders that the site
    gives beside those of the sentences (e.g. the comment of `with_comment`)."""

    key: str
    label: object
    title: object
    body: tuple = ()
    extra: tuple = ()
    per_call: bool = False
    editable: bool = True
    site: bool = False
    required: tuple = ()

    def placeholders(self):
        """The names a template of this kind may use, in the editor's order."""
        names = []
        for text in (self.title, *self.body):
            for name in placeholders.PLACEHOLDER.findall(placeholders.from_catalogue(_text(text))):
                if name not in names:
                    names.append(name)
        names += [name for name in (*self.extra, *COMMON) if name not in names]
        return names

    def default_texts(self, language):
        """{"title": …, "body": …} of the default message in `language`, with placeholders."""
        with translation.override(language):
            title = placeholders.from_catalogue(_text(self.title))
            body = "\n\n".join(placeholders.from_catalogue(_text(text)) for text in self.body)
        return {"title": title, "body": body}

    def __str__(self):
        return self.key


def _text(text):
    """A sentence of a kind: a lazy translation, or a function composing one."""
    return text() if callable(text) else text


def register_kind(kind):
    KINDS.register(kind, key=kind.key)


def registered(key):
    """The registered kind of `key`, or None."""
    return KINDS.one(key, None)


def resolve(kind):
    """The registered kind `kind` (a MessageKind or its key): sending an unregistered kind is
    a mistake of the code, found by the first test that sends it."""
    found = registered(getattr(kind, "key", kind))
    if found is None:
        raise ValueError(f"the message kind {kind!r} is not registered")
    return found


def all_kinds():
    """Every registered kind, by key."""
    return sorted((entries[0] for _key, entries in KINDS.items()), key=lambda kind: kind.key)


def describe(name):
    return GLOSSARY.get(name, (name, "", ""))[0]


def sample(name, language):
    _description, thai, english = GLOSSARY.get(name, ("", name, name))
    return thai if language == "th" else english


def _with_link(sentence, name):
    """A sentence followed by its link on the next line, as the emails write it."""
    return lambda: f"{sentence}\n%({name})s"


# The accounts' own emails are the site's, not a programme's: an administrator's invitation
# to the system (accounts/email/invitation_*.txt) and allauth's emails of an account. Until an
# administrator saves a text they are rendered from their templates, as always; the link is
# required in a saved text (the message is useless without it).
ACCOUNT_INVITATION = MessageKind(
    "account.invitation",
    _("An invitation to the system"),
    _("You are invited to SLC Grants as %(roles)s"),
    body=(
        _with_link(
            _(
                "Hello,\n\n%(inviter)s invites you to the research grant system of the Liveable Smart Cities programme as %(roles)s.\n\nOpen this link to choose your password and finish your account:"
            ),
            "url",
        ),
        _("The link works once and expires on %(date)s."),
        _with_link(
            _(
                "How the system uses your personal data, and your rights, are in its privacy notice:"
            ),
            "privacy_url",
        ),
    ),
    extra=("email",),
    editable=False,
    site=True,
    required=("url",),
)
ACCOUNT_CONFIRM_EMAIL = MessageKind(
    "account.confirm_email",
    _("An account's address check"),
    _("Please confirm your email address"),
    body=(
        _("Hello,"),
        _with_link(
            _("To confirm that %(email)s is your address on SLC Grants, open this link:"), "link"
        ),
        _("If you did not ask for an account, you may ignore this email."),
    ),
    editable=False,
    site=True,
    required=("link",),
)
ACCOUNT_PASSWORD_RESET = MessageKind(
    "account.password_reset",
    _("A password reset"),
    _("Choose a new password"),
    body=(
        _("Hello,"),
        _with_link(
            _(
                "Someone asked to reset the password of %(email)s on SLC Grants. Open this link to choose a new one:"
            ),
            "link",
        ),
        _("If it was not you, you may ignore this email: your password stays as it is."),
    ),
    editable=False,
    site=True,
    required=("link",),
)
# With the settings of this system (no sign-in codes, no notices of a change:
# ACCOUNT_EMAIL_NOTIFICATIONS off), the two mails below are allauth's last: a password reset
# asked for an address without an account, and a sign-up with an address that has one (the
# screens say the same to both, so that nobody learns who has an account).
ACCOUNT_UNKNOWN = MessageKind(
    "account.unknown_account",
    _("A password reset for an address without an account"),
    _("No account for this address"),
    body=(
        _("Hello,"),
        _(
            "Someone asked to reset the password of %(email)s on SLC Grants, but no account uses this address."
        ),
        _with_link(_("If it was you, you can sign up with this link:"), "link"),
        _("If it was not you, you may ignore this email."),
    ),
    editable=False,
    site=True,
    required=("link",),
)
ACCOUNT_EXISTS = MessageKind(
    "account.already_exists",
    _("A sign-up with an address that already has an account"),
    _("You already have an account"),
    body=(
        _("Hello,"),
        _(
            "Someone tried to sign up on SLC Grants with %(email)s, but an account already uses this address."
        ),
        _with_link(_("If you forgot your password, choose a new one with this link:"), "link"),
        _("If it was not you, you may ignore this email."),
    ),
    editable=False,
    site=True,
    required=("link",),
)
ACCOUNT_SECURITY = MessageKind(
    "account.security",
    _("The other emails of an account: sign-in codes, notices of a change"),
    _("The other emails of an account: sign-in codes, notices of a change"),
    editable=False,
)
ACCOUNTS_MESSAGES = [
    ACCOUNT_INVITATION,
    ACCOUNT_CONFIRM_EMAIL,
    ACCOUNT_PASSWORD_RESET,
    ACCOUNT_UNKNOWN,
    ACCOUNT_EXISTS,
    ACCOUNT_SECURITY,
]

# allauth's templates whose emails are a site kind; its other emails are ACCOUNT_SECURITY.
ALLAUTH_KINDS = {
    "account/email/email_confirmation_signup": ACCOUNT_CONFIRM_EMAIL,
    "account/email/email_confirmation": ACCOUNT_CONFIRM_EMAIL,
    "account/email/password_reset_key": ACCOUNT_PASSWORD_RESET,
    "account/email/unknown_account": ACCOUNT_UNKNOWN,
    "account/email/account_already_exists": ACCOUNT_EXISTS,
}


def site_kinds():
    """The kinds whose site text administrators write, by key."""
    return [kind for kind in all_kinds() if kind.site]
