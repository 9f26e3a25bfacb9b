"""Focal points' news: a short update of a member city's work, for the network and, once
promoted by the coordinator or the secretariat, for the public site.

A post belongs to one member (and through it to the member's network). Its text is plain text,
shown with its line breaks and never as HTML. It may show one document of the library (a photo,
a report): the post links it, the library keeps it and decides who may read it.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reseau.core.choices import Tone, TonedChoices
from reseau.library.models import Document
from reseau.registry.models import Member

TITLE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 4000


class NewsPost(models.Model):
    class Status(TonedChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published to the network")
        PROMOTED = "promoted", _("On the public site")

        @classmethod
        def tones(cls) -> Mapping[str, Tone]:
            return {cls.DRAFT: Tone.WARN, cls.PUBLISHED: Tone.NEUTRAL, cls.PROMOTED: Tone.OK}

    # The statuses in which the network reads a post (and the digest tells of it).
    READ_BY_NETWORK = (Status.PUBLISHED, Status.PROMOTED)

    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="news_posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    body = models.TextField(_("text"), max_length=BODY_MAX_LENGTH, blank=True)
    document = models.ForeignKey(
        Document,
        verbose_name=_("photo or document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_posts",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published on"), null=True, blank=True, editable=False)
    promoted_at = models.DateTimeField(_("put on the public site on"), null=True, blank=True, editable=False)
    promoted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("put on the public site by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("written on"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("changed on"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")
        indexes = [
            models.Index(fields=["status", "published_at"], name="news_post_status_published"),
            models.Index(fields=["member", "-created_at"], name="news_post_member_created"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("news:post_detail", kwargs={"pk": self.pk})

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_promoted(self) -> bool:
        return self.status == self.Status.PROMOTED

    @property
    def shown_date(self) -> datetime.datetime:
        """The date a reader sees: when it was published, or written for a draft."""
        return self.published_at or self.created_at

    def clean(self) -> None:
        """A post shows a document of its member's network only: another network's file is
        not this city's news, and its readers are not this post's."""
        super().clean()
        if self.document_id is not None and self.member_id is not None:
            document_network = Document.objects.filter(pk=self.document_id).values_list("network_id", flat=True).first()
            if document_network is not None and document_network != self.member.network_id:
                raise ValidationError(
                    {"document": _("Choose a document of the member's network.")}, code="other_network"
                )
