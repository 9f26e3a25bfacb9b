"""The printable programme: an A4 PDF with the agenda, the speakers' names in their own script."""

from __future__ import annotations

import datetime
import logging

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse

from reseau.events.models import Session, SessionSpeaker
from reseau.events.views.programme import programme_document
from tests.factories import EventFactory, PersonFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


@pytest.fixture(autouse=True)
def _quiet_weasyprint():
    # WeasyPrint reports every glyph missing from the installed fonts; the tests do not need it.
    logger = logging.getLogger("weasyprint")
    previous = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(previous)


@pytest.fixture
def event(world):
    event = EventFactory(
        network=world.hue.network,
        slug="annual-meeting-2031",
        title_en="Annual meeting 2031",
        visibility="public",
        venue="Fairfield Hotel",
        city="Phnom Penh",
    )
    opening = Session.objects.create(
        event=event,
        kind="opening",
        starts_at=datetime.datetime(2031, 5, 18, 1, 0, tzinfo=UTC),
        ends_at=datetime.datetime(2031, 5, 18, 1, 30, tzinfo=UTC),
        title_en="Welcome words",
    )
    SessionSpeaker.objects.create(
        session=opening,
        person=PersonFactory(member=None, honorific="he", name="Khuong Sreng", name_local="ឃួង ស្រេង"),
        title_on_the_day_en="Governor of Phnom Penh",
    )
    table = Session.objects.create(
        event=event,
        kind="round_table",
        starts_at=datetime.datetime(2031, 5, 18, 3, 15, tzinfo=UTC),
        ends_at=datetime.datetime(2031, 5, 18, 4, 30, tzinfo=UTC),
        title_en="Suggestions and expectations of network members",
    )
    SessionSpeaker.objects.create(
        session=table,
        person=PersonFactory(member=world.hue, honorific="mr", name="Nguyễn Văn Phương"),
        role="panellist",
        title_on_the_day_en="Vice-president of the People's Committee of Huế",
    )
    return event


def _pdf_text(pdf: bytes, document: str) -> str:
    """The PDF's text: with pypdf when installed, else the text WeasyPrint laid out on the pages."""
    try:
        import pypdf  # type: ignore[import-not-found]
    except ImportError:
        import weasyprint
        from weasyprint.formatting_structure import boxes

        def texts(box):
            if isinstance(box, boxes.TextBox):
                yield box.text
            for child in getattr(box, "children", None) or []:
                yield from texts(child)

        pages = weasyprint.HTML(string=document).render().pages
        return " ".join(" ".join(texts(page._page_box)) for page in pages)
    import io

    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_the_programme_prints_as_an_a4_pdf(world, event):
    response = world.client_for("anonymous").get(reverse("events:programme_pdf", kwargs={"slug": event.slug}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="programme-annual-meeting-2031.pdf"'
    pdf = response.content
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")

    request = RequestFactory().get("/")
    request.user = world.users["secretariat"]
    document = programme_document(request, event)
    assert "size: A4" in document
    assert "Nguyễn Văn Phương" in document
    assert "ឃួង ស្រេង" in document
    assert "/edit/" not in document  # no staff links on paper
    import weasyprint

    # Khmer glyphs come from Debian's fonts-khmeros (installed by `make test`), embedded in the PDF.
    assert b"+Khmer-OS" in weasyprint.HTML(string=document).write_pdf(uncompressed_pdf=True)
    page = weasyprint.HTML(string=document).render().pages[0]
    assert (round(page.width), round(page.height)) == (794, 1123)  # A4 (210 × 297 mm) in CSS pixels

    text = " ".join(_pdf_text(pdf, document).split())
    assert "Annual meeting 2031" in text
    assert "Welcome words" in text
    assert "Suggestions and expectations of network members" in text
    assert "Nguyễn Văn Phương" in text
    assert "8:00–8:30" in text
    assert "10:15–11:30" in text
    assert "Governor of Phnom Penh" in text


def test_a_network_only_programme_is_not_printed_for_visitors(world, event):
    event.visibility = "network"
    event.save()
    url = reverse("events:programme_pdf", kwargs={"slug": event.slug})
    assert world.client_for("anonymous").get(url).status_code == 404
    assert world.client_for("focal_point").get(url).status_code == 200


def _printed(world, event) -> str:
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    return programme_document(request, event)


def test_an_estimated_time_is_marked_on_paper(world, event):
    Session.objects.filter(event=event, title_en="Welcome words").update(times_estimated=True)
    assert "estimated time" in _printed(world, event)


def test_a_time_the_source_gives_is_not_marked(world, event):
    assert "estimated time" not in _printed(world, event)


def test_an_estimated_time_is_marked_on_the_public_programme(world, event):
    Session.objects.filter(event=event, title_en="Welcome words").update(times_estimated=True)
    page = world.client_for("anonymous").get(reverse("events:programme", kwargs={"slug": event.slug})).content
    assert '<span class="badge neutral">estimated time</span>' in page.decode()


# --- Printed once per version (issue 12: every anonymous request printed it again) -----------


@pytest.fixture
def printing(monkeypatch):
    """The documents handed to WeasyPrint (which prints none here: the tests need the calls only)."""
    import weasyprint

    printed: list[str] = []

    class CountedHTML:
        def __init__(self, *, string: str, base_url: str | None = None) -> None:
            printed.append(string)

        def write_pdf(self) -> bytes:
            return b"%PDF-1.7 " + str(len(printed)).encode() + b"\n%%EOF"

    monkeypatch.setattr(weasyprint, "HTML", CountedHTML)
    return printed


def _pdf(world, event, role: str = "anonymous"):
    response = world.client_for(role).get(reverse("events:programme_pdf", kwargs={"slug": event.slug}))
    assert response.status_code == 200
    return response.content


def test_a_second_request_reads_the_printed_programme_back(world, event, printing):
    first = _pdf(world, event)
    second = _pdf(world, event)
    assert len(printing) == 1
    assert second == first


def test_changing_the_programme_prints_it_again(world, event, printing):
    first = _pdf(world, event)
    Session.objects.filter(event=event, title_en="Welcome words").update(title_en="Opening words")
    second = _pdf(world, event)
    assert len(printing) == 2
    assert "Opening words" in printing[1]
    assert second != first


def test_changing_the_event_prints_it_again(world, event, printing):
    _pdf(world, event)
    event.title_en = "Annual meeting 2031, Phnom Penh"
    event.save()
    _pdf(world, event)
    assert len(printing) == 2
    assert "Annual meeting 2031, Phnom Penh" in printing[1]


def test_a_speakers_new_name_prints_it_again(world, event, printing):
    _pdf(world, event)
    speaker = SessionSpeaker.objects.get(person__name="Khuong Sreng").person
    speaker.name = "Khuong Sreng (H.E.)"
    speaker.save()
    _pdf(world, event)
    assert len(printing) == 2


def test_each_language_has_its_own_printed_programme(world, event, printing):
    _pdf(world, event)
    client = world.client_for("anonymous")
    client.cookies["reseau_language"] = "fr"
    client.get(reverse("events:programme_pdf", kwargs={"slug": event.slug}))
    assert len(printing) == 2
    assert 'lang="fr"' in printing[1]


def test_only_the_latest_version_is_kept(world, event, printing, settings):
    _pdf(world, event)
    event.title_en = "Annual meeting 2031, Phnom Penh"
    event.save()
    _pdf(world, event)
    from pathlib import Path

    kept = list(Path(settings.MEDIA_ROOT).rglob("*.pdf"))
    assert len(kept) == 1


def test_the_printed_programme_is_kept_and_replaced_on_either_storage(world, event, printing, file_storage):
    first = _pdf(world, event)
    assert _pdf(world, event) == first  # read back from the storage, not printed again
    event.title_en = "Annual meeting 2031, Phnom Penh"
    event.save()
    _pdf(world, event)
    assert len(printing) == 2
    assert len(file_storage.names()) == 1  # the older version left the storage


def test_a_100k_character_description_is_refused_by_the_form(world, event):
    url = reverse("events:session_create", kwargs={"slug": event.slug})
    response = world.client_for("coordinator").post(
        url, {"kind": "session", "title_en": "Long item", "description_en": "x" * 100_000, "position": 0}
    )
    assert response.status_code == 200
    assert "Ensure this value has at most 4000 characters (it has 100000)." in response.content.decode()
    assert not Session.objects.filter(title_en="Long item").exists()


def test_a_long_description_stored_before_is_cut_with_a_mark_in_the_programme(world, event, printing):
    Session.objects.filter(event=event, title_en="Welcome words").update(description_en="word " * 20_000)
    _pdf(world, event)
    (document,) = printing
    assert "word " * 700 in document
    assert "word " * 1000 not in document
    assert "word word…" in document
