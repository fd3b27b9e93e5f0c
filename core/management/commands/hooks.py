"""`python manage.py hooks`: every extension point and what the apps connected to it, in the
order it runs, so that a reader of a transition can list what happens."""

from django.core.management.base import BaseCommand

from core.hooks import all_hooks, describe


class Command(BaseCommand):
    help = "List every extension point (core.hooks.Hook) and what is connected to it."

    def add_arguments(self, parser):
        parser.add_argument("name", nargs="?", help="only the hooks whose name contains this")

    def handle(self, *args, name=None, **options):
        for hook_name, hook in all_hooks().items():
            if name and name not in hook_name:
                continue
            self.stdout.write(self.style.MIGRATE_HEADING(hook_name))
            self.stdout.write(f"  {hook.doc}")
            items = hook.items()
            if not items:
                self.stdout.write("  (nothing connected)")
            for key, entries in sorted(items, key=lambda item: str(item[0])):
                prefix = f"  [{key}] " if hook.keyed else "  "
                for entry in entries:
                    self.stdout.write(f"{prefix}{describe(entry)}")
