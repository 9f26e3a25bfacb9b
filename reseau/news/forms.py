"""The news forms: a post (phone-first: a title, a text, a photo or document of the library, and
whether it is a draft or published to the network), and the news page's filters."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from reseau.accounts.types import Viewer
from reseau.library.models import Document
from reseau.news import access
from reseau.news.models import NewsPost
from reseau.news.services import WRITABLE_STATUSES
from reseau.registry.models import Member


class _DocumentField(forms.ModelChoiceField[Document]):
    def label_from_instance(self, obj: Document) -> str:
        label = f"{obj.title} ({obj.get_kind_display()})"
        return f"{label}, {obj.document_date:%Y-%m-%d}" if obj.document_date else label


class _MemberField(forms.ModelChoiceField[Member]):
    def label_from_instance(self, obj: Member) -> str:
        return obj.name


class NewsPostForm(forms.ModelForm[NewsPost]):
    """A post of one member. Written for a member chosen on the page (``member``), the member is
    not a field; the coordinator or the secretariat writing from the news page chooses it among
    those it may write for. A post on the public site keeps its status: the staff take it off
    with its own button."""

    class Meta:
        model = NewsPost
        fields = ["member", "title", "body", "document", "status"]
        field_classes = {"member": _MemberField, "document": _DocumentField}
        widgets = {
            "title": forms.TextInput(attrs={"autocomplete": "off"}),
            "body": forms.Textarea(attrs={"rows": 8}),
            "status": forms.RadioSelect(),
        }
        labels = {"body": _("What is new"), "status": _("Who reads it")}
        help_texts = {
            "title": _("A short line, for example “Huế opens its second faecal sludge treatment plant”."),
            "body": _(
                "Plain text, up to 4,000 characters: what your city did, with whom, what comes next. "
                "Line breaks are kept; HTML is shown as typed."
            ),
            "document": _(
                "A photo or document already in the library, filed under the member or added by you. "
                "The library decides who may open it."
            ),
        }

    def __init__(
        self, *args: Any, user: Viewer, member: Member | None, members: QuerySet[Member], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fixed_member = member
        if member is not None:
            del self.fields["member"]
            offered_members: QuerySet[Member] = Member.objects.filter(pk=member.pk)
        else:
            field = cast(_MemberField, self.fields["member"])
            field.queryset = members.select_related("network").order_by("network__position", "search_text", "pk")
            field.empty_label = None
            offered_members = members
        self.fields["title"].help_text = self.Meta.help_texts["title"]
        document = cast(_DocumentField, self.fields["document"])
        document.queryset = access.documents_for_post(
            user, offered_members, current=self.instance.document_id if self.instance.pk else None
        ).order_by("-created_at", "pk")
        document.empty_label = _("No photo or document")
        if self.instance.pk and self.instance.is_promoted:
            del self.fields["status"]
        else:
            status = cast(forms.ChoiceField, self.fields["status"])
            status.choices = [(value, label) for value, label in NewsPost.Status.choices if value in WRITABLE_STATUSES]
            status.help_text = _(
                "A draft is read by your member's focal points and the network's coordinator only. "
                "Published, the network's members read it and the digest tells of it."
            )

    def chosen_member(self) -> Member:
        return self.fixed_member or self.cleaned_data["member"]

    def service_data(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name != "member"}


class NewsFilterForm(forms.Form):
    member = forms.ChoiceField(label=_("Member"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args: Any, members: Iterable[Member], statuses: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everyone = [("", _("All"))]
        cast(forms.ChoiceField, self.fields["member"]).choices = everyone + [(m.slug, m.name) for m in members]
        if statuses:
            cast(forms.ChoiceField, self.fields["status"]).choices = everyone + list(NewsPost.Status.choices)
        else:
            del self.fields["status"]

    def filter_values(self) -> dict[str, Any]:
        """The filters whose values are valid; one refused value does not cancel the others."""
        self.is_valid()
        return dict(getattr(self, "cleaned_data", {}))
