"""The network's documents: each a record with its metadata and one file per version.

A document belongs to one network and is read at one access level; it may belong to an event,
a project, a plan activity, a decision or an organisation, and name members and themes. A new
file is a new version: the older ones stay. Archiving hides a document from the library without
deleting it; only the secretariat deletes, and the history keeps what was deleted.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.manager import MultilingualManager

from reseau.core.choices import Tone, TonedChoices
from reseau.core.uploads import (
    CSV,
    DOCX,
    IMAGES,
    MARKDOWN,
    MB,
    ODP,
    ODS,
    ODT,
    PDF,
    PPTX,
    TXT,
    XLSX,
    CheckedFileField,
    UploadRule,
)
from reseau.decisions.models import Decision
from reseau.events.models import Event
from reseau.partners.models import Organisation
from reseau.plans.models import Activity
from reseau.projects.models import Project
from reseau.registry.models import Member, Network, Theme


def max_upload_bytes() -> int:
    """The largest file the library takes (``LIBRARY_MAX_UPLOAD_MB``), refused before it is stored."""
    return int(settings.LIBRARY_MAX_UPLOAD_MB) * MB


def max_expanded_bytes() -> int:
    # An office file of a few hundred slides holds many parts; its expansion stays bounded.
    return 2 * max_upload_bytes()


LIBRARY_UPLOAD = UploadRule(
    formats=(DOCX, PDF, XLSX, PPTX, ODT, ODS, ODP, TXT, MARKDOWN, CSV, *IMAGES),
    size_limit=max_upload_bytes,
    wrong_type=_(
        "The library takes PDF, Word, Excel, PowerPoint, OpenDocument, text, Markdown and CSV files, "
        "and JPEG, PNG or WebP photos."
    ),
    unreadable=_("This file's content is not what its name says, or the file is damaged."),
    max_entries=5000,
    expanded_limit=max_expanded_bytes,
)

# Shown inline in the browser; every other kind downloads as an attachment.
INLINE_CONTENT_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png", "image/webp"})
PHOTO_CONTENT_TYPES = frozenset({"image/jpeg", "image/png", "image/webp"})
# A photo's thumbnail: its longest side at most this many pixels, in WebP, without metadata.
THUMBNAIL_BOUND = 320
THUMBNAIL_CONTENT_TYPE = "image/webp"


class Document(models.Model):
    class Kind(models.TextChoices):
        PRESENTATION = "presentation", _("Presentation")
        MINUTES = "minutes", _("Minutes")
        REPORT = "report", _("Report")
        ACTION_PLAN = "action_plan", _("Action plan")
        STUDY = "study", _("Study")
        CASE_STUDY = "case_study", _("Case study")
        ADVOCACY_NOTE = "advocacy_note", _("Advocacy note")
        CONCEPT_NOTE = "concept_note", _("Concept note")
        COMMUNICATION = "communication", _("Communication")
        TEMPLATE = "template", _("Template")
        PHOTO = "photo", _("Photo")
        REFERENCE = "reference", _("Reference document")
        OTHER = "other", _("Other")

    class Access(TonedChoices):
        PUBLIC = "public", _("Public")
        PARTNERS = "partners", _("Partners")
        NETWORK = "network", _("Network")
        SECRETARIAT = "secretariat", _("Secretariat only")

        @classmethod
        def tones(cls) -> Mapping[str, Tone]:
            return {
                cls.PUBLIC: Tone.OK,
                cls.PARTNERS: Tone.NEUTRAL,
                cls.NETWORK: Tone.NEUTRAL,
                cls.SECRETARIAT: Tone.WARN,
            }

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        FRENCH = "fr", _("French")
        KHMER = "km", _("Khmer")
        LAO = "lo", _("Lao")
        VIETNAMESE = "vi", _("Vietnamese")

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    access = models.CharField(_("who may read it"), max_length=12, choices=Access.choices, default=Access.NETWORK)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="+")
    members = models.ManyToManyField(Member, verbose_name=_("members"), blank=True, related_name="documents")
    event = models.ForeignKey(
        Event, verbose_name=_("event"), null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    project = models.ForeignKey(
        Project, verbose_name=_("project"), null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("plan activity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    archived_at = models.DateTimeField(_("archived on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("added on"), default=timezone.now)

    objects = MultilingualManager()

    class Meta:
        ordering = ["-document_date", "-created_at", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["network", "access"], name="library_doc_network_access")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:document_detail", kwargs={"pk": self.pk})

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def language_labels(self) -> list[str]:
        names = dict(self.Language.choices)
        return [str(names.get(code, code)) for code in self.languages]


def version_path(version: DocumentVersion, name: str) -> str:
    """Where a version's file is kept: by document and version, never by the name alone (two
    files of the same name never meet); the safe name is kept for the download."""
    return f"library/{version.document_id}/{version.number}/{name}"


def thumbnail_path(version: DocumentVersion) -> str:
    """Where a photo's thumbnail is kept: beside its file, in a folder no file name can reach
    (a kept name holds no "/")."""
    stem = version.name.rsplit(".", 1)[0] if "." in version.name else version.name
    return f"library/{version.document_id}/{version.number}/thumbnail/{stem or 'photo'}.webp"


class TextState(TonedChoices):
    """Where the reading of a file's text stands (a background job reads it)."""

    WAITING = "waiting", _("Text being read")
    DONE = "done", _("Text read")
    NO_TEXT = "no_text", _("No text found")
    FAILED = "failed", _("Text could not be read")

    @classmethod
    def tones(cls) -> Mapping[str, Tone]:
        return {cls.WAITING: Tone.NEUTRAL, cls.DONE: Tone.OK, cls.NO_TEXT: Tone.WARN, cls.FAILED: Tone.BAD}


class DocumentVersion(models.Model):
    TextState = TextState

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    file = CheckedFileField(_("file"), upload_to=version_path, max_length=300, rule=LIBRARY_UPLOAD)
    name = models.CharField(_("file name"), max_length=120)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    content_type = models.CharField(_("content type"), max_length=120)
    sha256 = models.CharField(_("checksum"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded on"), default=timezone.now)
    text_state = models.CharField(
        _("text"), max_length=10, choices=TextState.choices, default=TextState.WAITING, editable=False
    )
    text_problem = models.CharField(_("why the text could not be read"), max_length=300, blank=True, editable=False)
    text = models.TextField(_("text of the file"), blank=True, editable=False)
    # A photo's thumbnail (``thumbnail_path``), in the storage of the file, by its name there:
    # not a file field, so no form ever takes one; empty when none could be made.
    thumbnail = models.CharField(_("thumbnail"), max_length=300, blank=True, editable=False)
    thumbnail_width = models.PositiveSmallIntegerField(default=0, editable=False)
    thumbnail_height = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["document", "-number"]
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="one_version_number_per_document")]

    def __str__(self) -> str:
        return f"{self.document} — v{self.number}"

    @property
    def shows_inline(self) -> bool:
        return self.content_type in INLINE_CONTENT_TYPES

    @property
    def is_photo(self) -> bool:
        return self.content_type in PHOTO_CONTENT_TYPES

    def get_download_url(self) -> str:
        return reverse("library:version_download", kwargs={"pk": self.document_id, "number": self.number})

    def get_thumbnail_url(self) -> str:
        """The thumbnail's address (through the access check), or "" when it has none."""
        if not self.thumbnail:
            return ""
        return reverse("library:version_thumbnail", kwargs={"pk": self.document_id, "number": self.number})


class DocumentIndex(models.Model):
    """A document's row in the full-text index, written and read by ``library.fulltext`` only.

    Not a table Django creates: on SQLite an FTS5 table (``rowid`` is the document's key), on
    PostgreSQL a table with a stored ``tsvector`` (migration 0003 creates each). Declared here
    so that a search joins it to the documents in one query.
    """

    document = models.OneToOneField(
        Document, primary_key=True, db_column="rowid", on_delete=models.DO_NOTHING, related_name="search_index"
    )
    title = models.TextField()
    meta = models.TextField()
    body = models.TextField()
    # The runs of Khmer, Lao, Thai or Burmese text (no spaces between words), found by substring.
    scripts = models.TextField()

    class Meta:
        managed = False
        db_table = "library_search"

    def __str__(self) -> str:
        return self.title


class ScriptIndex(models.Model):
    """A document's runs of Khmer, Lao, Thai or Burmese text in SQLite's trigram index (the
    FTS5 table ``library_search_scripts``), joined to a search so that its matches come in the
    index's order. SQLite only: PostgreSQL reads ``DocumentIndex.scripts`` through a trigram
    index."""

    document = models.OneToOneField(
        Document, primary_key=True, db_column="rowid", on_delete=models.DO_NOTHING, related_name="script_index"
    )
    scripts = models.TextField()

    class Meta:
        managed = False
        db_table = "library_search_scripts"

    def __str__(self) -> str:
        return self.scripts[:50]


class IndexProgress(models.Model):
    """Where the last ``manage.py library_reindex`` stands: the last document indexed, kept in
    the database so that ``--resume`` continues after an interrupted run."""

    last_pk = models.PositiveBigIntegerField(default=0)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"reindex after {self.last_pk}"
