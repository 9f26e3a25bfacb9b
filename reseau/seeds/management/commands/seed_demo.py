from typing import Any

from django.core.management.base import BaseCommand

from reseau.funding.seed import load_example_funding
from reseau.seeds.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Create the demo accounts and invented focal points and dues (demo mode only)."

    def handle(self, *args: Any, **options: Any) -> None:
        created = load_demo()
        self.stdout.write(f"Example funding calls: {load_example_funding()} new.")
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded ({created} new accounts)."))
        self.stdout.write(f"Demo sign-ins (password: {DEMO_PASSWORD}):")
        for email, _name, role, *_rest in DEMO_ACCOUNTS:
            self.stdout.write(f"  {email:32} {role.label}")
