"""Reads of workshops shaped for their pages: a fixed number of queries whatever the rows."""

from django.db.models import Count, Prefetch, Q

from proposals.models import Registration, Workshop, WorkshopMaterial


def with_counts(workshops):
    return workshops.annotate(
        registered_count=Count("registrations", distinct=True),
        attended_count=Count(
            "registrations", filter=Q(registrations__attended_at__isnull=False), distinct=True
        ),
    )


def workshop_list():
    """Every workshop, newest first, with its programme, call and counts."""
    return with_counts(Workshop.objects.select_related("programme", "call")).order_by(
        "-starts_on", "id"
    )


def workshop_for_page():
    """One workshop with what its public page shows."""
    return with_counts(
        Workshop.objects.select_related("programme", "call").prefetch_related(
            "municipalities",
            Prefetch("teams", to_attr="team_list"),
            Prefetch("materials", queryset=WorkshopMaterial.objects.order_by("added_at", "id")),
        )
    )


def registrations_of(workshop):
    """The participants' list, for staff."""
    return (
        Registration.objects.filter(workshop=workshop)
        .select_related("person", "municipality", "proposal")
        .order_by("registered_at", "id")
    )


def registration_of(workshop, user):
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(workshop=workshop, person=user).first()


def workshops_for_proposal(proposal):
    """The programme's workshops a team may say it attended, those it did marked."""
    return Workshop.objects.filter(programme_id=proposal.call.programme_id).order_by(
        "-starts_on", "id"
    )


def team_attendance(proposal):
    """Workshops of the programme where someone of the team was recorded as present: what
    the team may want to tick."""
    people = [proposal.lead_id]
    people += [m.user_id for m in proposal.team.all() if m.user_id and m.has_accepted]
    return (
        Workshop.objects.filter(
            programme_id=proposal.call.programme_id,
            registrations__person__in=people,
            registrations__attended_at__isnull=False,
        )
        .distinct()
        .order_by("-starts_on", "id")
    )
