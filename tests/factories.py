from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from reseau.accounts.models import Role, User
from reseau.registry.models import (
    Country,
    FocalPointAppointment,
    Mandate,
    Member,
    MembershipDues,
    Network,
    Person,
)


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network
        django_get_or_create = ("code",)

    code = "rvase"
    acronym = "RVASE"
    name_en = "AIMF South-East Asian Cities Network"
    name_fr = "Réseau des villes d'Asie du Sud-Est de l'AIMF"
    time_zone = "Asia/Phnom_Penh"
    focal_point_deadline = datetime.date(2023, 6, 15)


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = "VN"
    name_en = "Vietnam"
    name_fr = "Viêt Nam"


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member
        django_get_or_create = ("slug",)

    network = factory.SubFactory(NetworkFactory)
    country = factory.SubFactory(CountryFactory)
    kind = Member.Kind.CITY
    slug = factory.Sequence(lambda n: f"member-{n}")
    name_en = factory.Sequence(lambda n: f"Member {n}")
    name_fr = factory.LazyAttribute(lambda m: m.name_en)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    member = factory.SubFactory(MemberFactory)
    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")


class MandateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mandate

    member = factory.SubFactory(MemberFactory)
    person = factory.SubFactory(PersonFactory, member=factory.SelfAttribute("..member"))
    office = Mandate.Office.GOVERNOR


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocalPointAppointment

    member = factory.SubFactory(MemberFactory)
    person = factory.SubFactory(PersonFactory, member=factory.SelfAttribute("..member"))
    kind = FocalPointAppointment.Kind.OFFICIAL
    nominated_on = datetime.date(2023, 6, 1)


class DuesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipDues

    member = factory.SubFactory(MemberFactory)
    year = 2025
    amount = Decimal("1000.00")
    currency = "EUR"
    status = MembershipDues.Status.DUE


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"user{n}@reseau.test")
    full_name = factory.Sequence(lambda n: f"User {n}")
    role = Role.PARTNER
    password = factory.django.Password("demo-password")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partners.Organisation"

    name_en = factory.Sequence(lambda n: f"Organisation {n}")
    name_fr = factory.LazyAttribute(lambda o: o.name_en)
    kind = "donor"


class InteractionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partners.Interaction"

    organisation = factory.SubFactory(OrganisationFactory)
    network = factory.SubFactory(NetworkFactory)
    kind = "meeting"
    date = datetime.date(2024, 3, 1)
    summary = "Introductory meeting"


class MemberNeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partners.MemberNeed"

    member = factory.SubFactory(MemberFactory)
    kind = "training"
    title = factory.Sequence(lambda n: f"Training need {n}")
    expressed_on = datetime.date(2024, 3, 1)


class FundingOpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "funding.FundingOpportunity"

    network = factory.SubFactory(NetworkFactory)
    donor = factory.SubFactory(OrganisationFactory)
    title_en = factory.Sequence(lambda n: f"Call for proposals {n}")
    currency = "EUR"


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "projects.Project"

    network = factory.SubFactory(NetworkFactory)
    code = factory.Sequence(lambda n: f"project-{n}")
    title_en = factory.Sequence(lambda n: f"Project {n}")
    lead_member = factory.SubFactory(MemberFactory, network=factory.SelfAttribute("..network"))
    stage = "proposed"


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "plans.Plan"

    network = factory.SubFactory(NetworkFactory)
    code = factory.Sequence(lambda n: f"plan-{n}")
    kind = "annual"
    title_en = factory.Sequence(lambda n: f"Action plan {n}")
    starts_on = datetime.date(2023, 1, 1)
    ends_on = datetime.date(2023, 12, 31)


class AxisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "plans.Axis"

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title_en = factory.Sequence(lambda n: f"Axis {n}")


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "plans.Activity"

    axis = factory.SubFactory(AxisFactory)
    plan = factory.SelfAttribute("axis.plan")
    number = factory.Sequence(lambda n: n + 1)
    title_en = factory.Sequence(lambda n: f"Activity {n}")


class ReportingPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "plans.ReportingPeriod"

    network = factory.SubFactory(NetworkFactory)
    kind = "year"
    starts_on = datetime.date(2023, 1, 1)
    ends_on = datetime.date(2023, 12, 31)
    label = "2023"


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "decisions.Decision"

    network = factory.SubFactory(NetworkFactory)
    title_en = factory.Sequence(lambda n: f"Decision {n}")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Event"

    network = factory.SubFactory(NetworkFactory)
    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = "annual_meeting"
    status = "confirmed"
    visibility = "network"
    title_en = factory.Sequence(lambda n: f"Meeting {n}")
    title_fr = factory.LazyAttribute(lambda e: e.title_en)
    time_zone = "Asia/Phnom_Penh"
    starts_at = factory.LazyFunction(
        lambda: datetime.datetime(2031, 5, 18, 1, 0, tzinfo=datetime.UTC)  # 8:00 in Phnom Penh
    )
    ends_at = factory.LazyAttribute(lambda e: e.starts_at + datetime.timedelta(hours=4) if e.starts_at else None)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Registration"

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)
    member = factory.LazyAttribute(lambda r: r.person.member)
    role = "delegate"
    gender = factory.LazyAttribute(lambda r: r.person.gender)


# A small, valid PDF: what the library's tests store and download.
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def photo_bytes(size: tuple[int, int] = (640, 480), image_format: str = "JPEG") -> bytes:
    """A photo of ``size`` pixels (JPEG unless told), with a camera maker and a GPS position
    in its EXIF."""
    import io

    from PIL import Image

    image = Image.new("RGB", size, "teal")
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif[0x8825] = {1: "N", 2: (11.0, 33.0, 0.0)}  # GPS: latitude of Phnom Penh
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, exif=exif.tobytes())
    return buffer.getvalue()


class DocumentFactory(factory.django.DjangoModelFactory):
    """A library document with one version (a small PDF) in the test's own media folder, in the
    search's index. ``version__text`` is the text read from its file; members and themes added
    afterwards reach the index through ``fulltext.document_index_update``. ``version__name``
    names the file (its extension gives its type): a photo's ``version=photo_bytes()`` with
    ``version__name="photo.jpg"`` gets its thumbnail, as the library's services make it."""

    class Meta:
        model = "library.Document"
        skip_postgeneration_save = True

    network = factory.SubFactory(NetworkFactory)
    title_en = factory.Sequence(lambda n: f"Document {n}")
    kind = "report"
    access = "network"

    @factory.post_generation  # type: ignore[untyped-decorator]  # factory-boy ships no types
    def version(self, create: bool, extracted: bytes | None, **kwargs: object) -> None:
        if not create:
            return
        from django.core.files.base import ContentFile

        from reseau.library.models import LIBRARY_UPLOAD, DocumentVersion
        from reseau.library.services import version_thumbnail_make

        content = extracted or TINY_PDF
        text = str(kwargs.get("text", ""))  # ``version__text=…``: the text read from the file
        name = str(kwargs.get("name", "report.pdf"))
        file_format = LIBRARY_UPLOAD.format_for(name)
        version = DocumentVersion(
            document=self,
            number=1,
            name=name,
            size=len(content),
            content_type=file_format.content_type if file_format else "application/pdf",
            sha256="",
            text=text,
            text_state=DocumentVersion.TextState.DONE if text else DocumentVersion.TextState.WAITING,
        )
        version.file.save(name, ContentFile(content), save=True)
        version_thumbnail_make(version=version)

    @factory.post_generation  # type: ignore[untyped-decorator]
    def indexed(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        """In the search's index, as the library's services keep it (``indexed=False``: not yet)."""
        if not create or extracted is False:
            return
        from reseau.library.fulltext import document_index_update

        document_index_update(document=self)


class NewsPostFactory(factory.django.DjangoModelFactory):
    """A focal point's news post, published to the network unless told (``status="draft"``…);
    a published or promoted one has its publication date."""

    class Meta:
        model = "news.NewsPost"

    member = factory.SubFactory(MemberFactory)
    title = factory.Sequence(lambda n: f"News {n}")
    body = "What the city did this month."
    status = "published"
    published_at = factory.LazyAttribute(
        lambda p: None if p.status == "draft" else datetime.datetime(2026, 11, 2, 3, 0, tzinfo=datetime.UTC)
    )
    promoted_at = factory.LazyAttribute(
        lambda p: datetime.datetime(2026, 11, 3, 3, 0, tzinfo=datetime.UTC) if p.status == "promoted" else None
    )
