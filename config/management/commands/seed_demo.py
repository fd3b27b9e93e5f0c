from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.demo import (
    DEMO_PASSWORD,
    seed_extra_mentors,
    seed_extra_reviewers,
    seed_privacy_notice,
    seed_users,
)
from accounts.roles import Role
from accounts.services import load_municipalities
from indicators.demo import seed_framework, seed_programme
from projects.demo.adoption import seed_adoption
from projects.demo.changes import seed_changes
from projects.demo.contracts import seed_contracts
from projects.demo.seed import seed_projects
from proposals.demo import seed_calls, today_calendar
from proposals.demo_mentoring import seed_mentoring
from proposals.demo_proposals import seed_proposals
from proposals.demo_stages import seed_two_stage_call
from proposals.demo_workshops import seed_workshops
from reviews.demo import seed_concepts, seed_reviews, seed_revision


class Command(BaseCommand):
    help = (
        "Load the demo programme, municipalities and one user per role, dated from today and "
        "the Thai fiscal year. Safe to run again."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        calendar = today_calendar()
        people = seed_users()
        municipalities = load_municipalities()
        programme = seed_programme(managers=[people[Role.PROGRAMME_MANAGER]], years=calendar.years)
        seed_framework(programme)
        calls = seed_calls(programme, calendar)
        proposals = seed_proposals(calls[0], people[Role.RESEARCHER], calendar)
        seed_workshops(
            programme=programme,
            call=calls[0],
            officer=people[Role.FUNDING_OFFICER],
            researcher=people[Role.RESEARCHER],
            proposals=proposals,
            calendar=calendar,
        )
        seed_mentoring(
            programme=programme,
            manager=people[Role.PROGRAMME_MANAGER],
            draft=proposals[1],
            mentors=[people[Role.MENTOR], *seed_extra_mentors()],
        )
        pool = seed_extra_reviewers()
        seed_reviews(
            call=calls[0],
            proposal=proposals[0],
            reviewer=people[Role.REVIEWER],
            officer=people[Role.FUNDING_OFFICER],
            pool=pool,
        )
        seed_revision(
            call=calls[0],
            researcher=people[Role.RESEARCHER],
            reviewers=[people[Role.REVIEWER], *pool],
            officer=people[Role.FUNDING_OFFICER],
            manager=people[Role.PROGRAMME_MANAGER],
            starts_on=calendar.open_project_start,
        )
        two_stage = seed_two_stage_call(programme, calendar)
        seed_concepts(
            call=two_stage,
            researcher=people[Role.RESEARCHER],
            reviewer=people[Role.REVIEWER],
            officer=people[Role.FUNDING_OFFICER],
            manager=people[Role.PROGRAMME_MANAGER],
        )
        calls.append(two_stage)
        projects = seed_projects(
            call=calls[1],
            officer=people[Role.FUNDING_OFFICER],
            manager=people[Role.PROGRAMME_MANAGER],
            researcher=people[Role.RESEARCHER],
            finance=people[Role.FINANCE],
            calendar=calendar,
        )
        seed_adoption(officer=people[Role.FUNDING_OFFICER])
        seed_contracts(
            projects=projects,
            officer=people[Role.FUNDING_OFFICER],
            manager=people[Role.PROGRAMME_MANAGER],
        )
        seed_changes(
            projects=projects,
            officer=people[Role.FUNDING_OFFICER],
            manager=people[Role.PROGRAMME_MANAGER],
        )
        notice = seed_privacy_notice(people[Role.ADMINISTRATOR])
        # The site's cache outlives a database deleted and made again (`make run` after
        # `rm db.sqlite3`): figures kept for the old rows would be read for the new ones of
        # the same ids. The demo's loader writes some rows without signals, too.
        transaction.on_commit(cache.clear)
        self.stdout.write(f"Privacy notice version {notice.version}, agreed by every demo person.")
        self.stdout.write(
            f"Programme {programme.code}: {programme.fiscal_years.count()} fiscal years, "
            f"{programme.objectives.count()} objectives, "
            f"{programme.indicators.count()} indicators, "
            f"{municipalities} municipalities."
        )
        for call in calls:
            self.stdout.write(f"Call {call.code}: {call.state.label}")
        for proposal in proposals:
            self.stdout.write(f"Proposal {proposal.reference or proposal.pk}: {proposal.state}")
        for project in projects:
            self.stdout.write(f"Project {project.reference}: {project.state}")
        for role, user in people.items():
            self.stdout.write(f"  {role.value:<18} {user.email}  password: {DEMO_PASSWORD}")
