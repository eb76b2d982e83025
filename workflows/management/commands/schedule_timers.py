from django.core.management.base import BaseCommand

from workflows.tasks import timers_tick_ensure


class Command(BaseCommand):
    help = "Make sure the background worker fires workflow timers (idempotent; run after each deploy)."

    def handle(self, *args, **options):
        queued = timers_tick_ensure()
        self.stdout.write("timer tick queued" if queued else "timer tick already waiting")
