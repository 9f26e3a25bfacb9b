from typing import Any

from django.core.management.base import BaseCommand

from reseau.decisions.seed import load_decisions
from reseau.events.seed import load_events
from reseau.library.seed import load_library
from reseau.logframe.seed import load_logframe
from reseau.partners.seed import load_partners
from reseau.plans.seed import load_plans
from reseau.projects.seed import load_projects
from reseau.registry.seed_rvase import load_rvase


class Command(BaseCommand):
    help = "Load the RVASE network as the 2023 annual meeting deck describes it (safe to run again)."

    def handle(self, *args: Any, **options: Any) -> None:
        created = load_rvase()
        created.update(load_partners())
        created.update(load_projects())
        created.update(load_plans())
        created.update(load_events())
        created.update(load_logframe())
        created.update(load_decisions())
        created.update(load_library())
        summary = ", ".join(f"{name}: {count}" for name, count in created.items())
        self.stdout.write(self.style.SUCCESS(f"RVASE seed loaded (new rows — {summary})."))
