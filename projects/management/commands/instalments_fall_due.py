import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from projects.instalments.services import fall_due


class Command(BaseCommand):
    help = (
        "Make due the instalments whose report is accepted and whose period has ended (run "
        "daily, as the Celery beat does). Safe to run more than once a day."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Take this day (YYYY-MM-DD) as today.")

    def handle(self, *args, date=None, **options):
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError(f"--date: {date!r} is not a date (YYYY-MM-DD)") from error
        made_due = fall_due(today)
        self.stdout.write(_("Instalments that fell due: %(count)d.") % {"count": len(made_due)})
