from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from reviews.reviewing.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Remind reviewers of reviews due in three days, due today or overdue."

    def handle(self, *args, **options):
        count = send_due_reminders()
        self.stdout.write(
            ngettext("%(count)d reminder sent.", "%(count)d reminders sent.", count)
            % {"count": count}
        )
