import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from projects.progress.reminders import reminder_days, send_progress_reminders


class Command(BaseCommand):
    help = (
        "Remind project teams of progress reports due within PROJECT_REPORT_REMINDER_DAYS "
        "(once) and of overdue reports (once a week). Safe to run more than once a day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            help="Send the reminders of this day (YYYY-MM-DD) instead of today's.",
        )

    def handle(self, *args, date=None, **options):
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError(f"--date: {date!r} is not a date (YYYY-MM-DD)") from error
        counts = send_progress_reminders(today)
        self.stdout.write(
            _(
                "Progress report reminders sent: %(before)d due within %(days)d days, "
                "%(overdue)d overdue."
            )
            % {**counts, "days": reminder_days()}
        )
