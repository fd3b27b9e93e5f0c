"""Who hears what funding a project changed beyond the project itself."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from accounts.notifications.kinds import MessageKind
from accounts.notifications.services import notify
from core.thai import format_date

FISCAL_YEARS_ADDED = MessageKind(
    "programme.fiscal_years_added",
    gettext_lazy("Fiscal years are added to the programme"),
    gettext_lazy("Fiscal years added to %(programme)s: %(years)s"),
    body=(
        gettext_lazy(
            "Project %(reference)s runs from %(start)s to %(end)s, beyond the programme's "
            "fiscal years: fiscal years %(years)s were added so that its results can be seen. "
            "Set their targets on the framework's targets page."
        ),
    ),
)
MESSAGES = [FISCAL_YEARS_ADDED]


def fiscal_years_added(programme, proposal, years):
    """The programme's managers hear that funding `proposal` added fiscal `years` to the
    programme, whose targets they are to set."""
    award = proposal.award
    names = ", ".join(str(year.year_be) for year in years)

    def title():
        return str(FISCAL_YEARS_ADDED.title) % {
            "programme": programme.code,
            "years": names,
        }

    def body():
        return str(FISCAL_YEARS_ADDED.body[0]) % {
            "reference": proposal.reference,
            "start": format_date(award.starts_on),
            "end": format_date(award.ends_on),
            "years": names,
        }

    return notify(
        kind=FISCAL_YEARS_ADDED,
        programme=programme,
        values={
            "programme": programme.code,
            "years": names,
            "reference": proposal.reference,
            "start": award.starts_on,
            "end": award.ends_on,
        },
        recipients=programme.managers.all(),
        title=title,
        body=body,
        url=reverse("indicators:targets", args=[programme.code]),
    )
