"""The two documents the platform was built from, as library entries of the RVASE network.

The 2023 annual meeting deck (its text, in English) belongs to the meeting of 18 May 2023; the
coordinator's terms of reference (in French) are the network's reference document. Their files
are kept beside this module (``seed_files/``), so a fresh clone seeds them. Running the seed
again changes nothing: each document is found by its network and English title.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile

from reseau.events.models import Event
from reseau.library.models import Document, DocumentVersion
from reseau.library.services import version_read_text
from reseau.registry.models import Member, Network

NETWORK_CODE = "rvase"
FILES = Path(__file__).resolve().parent / "seed_files"


@dataclass(frozen=True)
class SeedDocument:
    file: str
    title_en: str
    title_fr: str
    kind: str
    access: str
    languages: tuple[str, ...]
    document_date: datetime.date | None = None
    event: str = ""  # an event slug (events seed)
    members: tuple[str, ...] = ()  # member slugs (registry seed)


DOCUMENTS = [
    SeedDocument(
        file="rvase-annual-meeting-2023-deck.txt",
        title_en="Annual meeting 2023: the presentation (deck)",
        title_fr="Réunion annuelle 2023 : la présentation",
        kind=Document.Kind.PRESENTATION,
        # Shown to the members and the EU delegation at the meeting.
        access=Document.Access.PARTNERS,
        languages=("en",),
        document_date=datetime.date(2023, 5, 18),
        event="rvase-annual-meeting-2023",
        members=("phnom-penh",),
    ),
    SeedDocument(
        file="rvase-coordinator-terms-of-reference.txt",
        title_en="Terms of reference of the network coordinator",
        title_fr="Termes de référence du chargé ou de la chargée d'animation du réseau",
        kind=Document.Kind.REFERENCE,
        access=Document.Access.NETWORK,
        languages=("fr",),
        members=("phnom-penh",),
    ),
]


def load_library() -> dict[str, int]:
    created = {"documents": 0}
    network = Network.objects.get(code=NETWORK_CODE)
    for seed in DOCUMENTS:
        document, new = Document.objects.get_or_create(
            network=network,
            title_en=seed.title_en,
            defaults={
                "title_fr": seed.title_fr,
                "kind": seed.kind,
                "access": seed.access,
                "languages": list(seed.languages),
                "document_date": seed.document_date,
                "event": Event.objects.filter(slug=seed.event).first() if seed.event else None,
            },
        )
        created["documents"] += new
        if new:
            document.members.add(*Member.objects.filter(slug__in=seed.members))
        if not document.versions.exists():
            content = (FILES / seed.file).read_bytes()
            version = DocumentVersion(
                document=document,
                number=1,
                name=seed.file,
                size=len(content),
                content_type="text/plain",
                sha256=hashlib.sha256(content).hexdigest(),
            )
            version.file.save(seed.file, ContentFile(content), save=True)
            # Read at once, not by the job queue: the seeded documents are searchable from the start.
            version_read_text(version_id=version.pk)
    return created
