"""Whether someone may start a proposal for a call: the call's eligibility questions, answered
by the applicant or checked by the system, each failure with its reason in the reader's words.

The system's checks come from the apps that know the facts (projects: no overdue progress
report), registered in their extensions.py under a code a call's question names.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.hooks import Hook
from core.thai import in_both_languages
from proposals.models import EligibilityKind

YES, NO = "yes", "no"
YES_WORD, NO_WORD = gettext_lazy("Yes"), gettext_lazy("No")


@dataclass(frozen=True)
class SystemCheck:
    """A condition the system checks itself: `problem(user)` says what fails, or ""."""

    label: str
    problem: object


SYSTEM_CHECKS = Hook(
    "proposals.eligibility.system_checks",
    "Conditions the system checks before a proposal is started, per code a call's eligibility "
    "question names: SystemCheck(label, problem(user) -> str).",
    single=True,
)


def system_check_choices():
    """[(code, label)] of the checks the apps above provide, for the call's edit page."""
    return sorted((code, str(entries[0].label)) for code, entries in SYSTEM_CHECKS.items())


def _system_problem(question, user):
    check = SYSTEM_CHECKS.one(question.system_check)
    if check is None:
        return _("This check is not available; ask the funding officers.")
    return check.problem(user)


@dataclass
class Outcome:
    """One question's result: the answer as the applicant gave it, and why it fails ("")."""

    question: object
    answer_th: str = ""
    answer_en: str = ""
    problem: str = ""


def _answered(question, answer):
    if question.kind == EligibilityKind.YES_NO:
        if answer not in (YES, NO):
            return Outcome(question, problem=_("Answer this question."))
        words = in_both_languages(YES_WORD if answer == YES else NO_WORD)
        return Outcome(question, *words, problem="" if answer == YES else question_reason(question))
    options = {str(number): (th, en, number) for number, th, en in question.options}
    if answer not in options:
        return Outcome(question, problem=_("Choose one of the options."))
    thai, english, number = options[answer]
    eligible = number in question.eligible_numbers
    return Outcome(question, thai, english, "" if eligible else question_reason(question))


def question_reason(question):
    return question.reason or _("Your answer does not meet this condition of the call.")


def outcomes(user, questions, answers):
    """One Outcome per question, in order. `answers` maps "q<id>" to the answer given ("yes",
    "no", an option's number); system checks ignore it."""
    results = []
    for question in questions:
        if question.kind == EligibilityKind.SYSTEM:
            problem = _system_problem(question, user)
            results.append(Outcome(question, problem=problem))
        else:
            results.append(_answered(question, answers.get(f"q{question.pk}", "")))
    return results


def record(results):
    """What the proposal keeps of the answers: each question and answer as read now."""
    checked = in_both_languages(gettext_lazy("Checked by the system: met"))
    return [
        {
            "question_th": result.question.text_th,
            "question_en": result.question.text_en,
            "answer_th": result.answer_th or checked[0],
            "answer_en": result.answer_en or checked[1],
        }
        for result in results
    ]
