from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reseau.partners.models import Relationship
from reseau.projects.models import Project
from reseau.registry.models import Member
from reseau.seeds.synthetic import EVENTS_PER_MEMBER, generate_network


class Command(BaseCommand):
    help = (
        "Add N invented members (people, leaders, focal points, dues), partner organisations "
        "(relationships, contacts, interactions, funding calls) and projects (stage histories, funding, "
        "milestones, progress notes), an action plan (activities, quarterly progress, logframe, decisions) "
        "and events (series, programmes, registrations) "
        "to a network for tests and benchmarks; creates the network when missing. Running it again appends more."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--members", type=int, required=True, help="How many members to add.")
        parser.add_argument("--network", default="synthetic", help="Network code (default: synthetic).")
        parser.add_argument("--seed", type=int, default=0, help="Random seed (default: 0).")
        parser.add_argument(
            "--organisations",
            type=int,
            default=None,
            help="How many partner organisations to add (default: half the members, at least 1).",
        )
        parser.add_argument(
            "--projects",
            type=int,
            default=None,
            help="How many projects to add (default: as many as members, at least 1).",
        )
        parser.add_argument(
            "--activities",
            type=int,
            default=None,
            help="How many activities the added action plan has (default: half the members, at least 15; 0: no plan).",
        )
        parser.add_argument(
            "--events",
            type=int,
            default=None,
            help="How many events to add, with their registrations (default: twice the members).",
        )
        parser.add_argument(
            "--documents",
            type=int,
            default=0,
            help="How many library documents to add, each with a stored text file, indexed (default: none).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        try:
            network = generate_network(
                members=options["members"],
                network_code=options["network"],
                seed=options["seed"],
                organisations=options["organisations"],
                projects=options["projects"],
                plans_activities=options["activities"],
                events=options["events"],
                documents=options["documents"],
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        total = Member.objects.filter(network=network).count()
        partners = Relationship.objects.filter(network=network).count()
        projects = Project.objects.filter(network=network).count()
        added = options["organisations"] if options["organisations"] is not None else max(options["members"] // 2, 1)
        added_projects = options["projects"] if options["projects"] is not None else max(options["members"], 1)
        activities = options["activities"] if options["activities"] is not None else max(options["members"] // 2, 15)
        what = [f"{options['members']} members", f"{added} organisations", f"{added_projects} projects"]
        events = options["events"] if options["events"] is not None else options["members"] * EVENTS_PER_MEMBER
        if events:
            what.append(f"{events} events")
        if options["documents"]:
            what.append(f"{options['documents']} documents")
        if activities:
            what.append(f"an action plan of {activities} activities")
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {', '.join(what[:-1])} and {what[-1]} to “{network.code}” in {elapsed:.1f} s ({total} members, "
                f"{partners} partner organisations and {projects} projects in that network now)."
            )
        )
