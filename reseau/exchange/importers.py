"""Checking spreadsheet rows, then writing them through the domain services.

Each kind of spreadsheet (organisations, contacts, funding opportunities) has an
importer. ``check_row`` reads one row without writing anything: it returns the
cleaned values as JSON-ready data, what applying them would do (create, update
or leave unchanged) and the problems found. ``apply_row`` writes one checked row
through the partners and funding services, so that each leaves its history row.

Only the columns present in the file are read and written: a file without a
``notes`` column leaves the notes as they are. An empty cell clears the value,
except for currency and status, which keep their current or default value.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import IntegrityError, models
from django.utils.translation import gettext_lazy as _

from reseau.accounts.types import Actor
from reseau.core.choices import Tone, TonedChoices
from reseau.core.services import model_create, model_update
from reseau.core.spreadsheet_labels import choice_aliases, fold, language_names, named_aliases
from reseau.core.spreadsheets import FileProblem
from reseau.core.text import LONG_TEXT_LENGTH, translated
from reseau.exchange.columns import column_labels, header_aliases
from reseau.exchange.messages import ERROR, WARNING, Issue
from reseau.exchange.models import ImportKind
from reseau.funding import services as funding_services
from reseau.funding.models import FundingOpportunity
from reseau.partners import services as partner_services
from reseau.partners.models import (
    Organisation,
    OrganisationContact,
    organisation_match_key,
    organisation_match_keys,
)
from reseau.partners.selectors import organisation_duplicates
from reseau.registry.models import Country, Currency, Member, Network, Person, Theme


class RowAction(TonedChoices):
    """What applying a row will do; the review shows it as a badge."""

    CREATE = "create", _("New")
    UPDATE = "update", _("Update")
    UNCHANGED = "unchanged", _("Unchanged")

    @classmethod
    def tones(cls) -> Mapping[str, Tone]:
        return {cls.CREATE: Tone.OK, cls.UPDATE: Tone.WARN}


CREATE = RowAction.CREATE
UPDATE = RowAction.UPDATE
UNCHANGED = RowAction.UNCHANGED

UNKNOWN_COLUMNS = _("This file has columns that this import does not know: %(columns)s.")
MISSING_COLUMNS = _("This file lacks the required columns: %(columns)s.")
REPEATED_COLUMNS = _("These columns appear more than once: %(columns)s.")
EXPECTED_COLUMNS = _("The expected columns are: %(columns)s. Required: %(required)s.")
NO_HEADER = _("This file is empty: its first row should name the columns.")
NO_ROWS = _("This file has no rows to import below its header.")

_YES = {"yes", "y", "true", "1", "oui", "o", "vrai", "x"}
_NO = {"no", "n", "false", "0", "non", "faux"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_AMOUNT = re.compile(r"-?\d+(?:\.\d+|,\d{1,2})?")
_LIST_SEPARATOR = re.compile(r"[;,]")
_MAX_AMOUNT_DIGITS = 12  # max_digits 14, decimal_places 2


class StaleData(Exception):
    """What a checked row refers to is gone or changed since the check."""

    def __init__(self, row: int) -> None:
        super().__init__(f"row {row}")
        self.row = row


class RowNotSaved(Exception):
    """A row that passed the checks was refused when saved (``reasons`` are translated texts)."""

    def __init__(self, row: int, reasons: list[str]) -> None:
        super().__init__(f"row {row}: {reasons}")
        self.row = row
        self.reasons = reasons


@dataclass
class RowOutcome:
    row: int
    data: dict[str, Any] | None  # None when the row has errors
    action: str = CREATE
    label: str = ""
    identity: set[Any] = field(default_factory=set)  # rows sharing one of these repeat each other


class RowChecker:
    """Reads the cells of one row, noting each problem against its column."""

    def __init__(self, row: int, values: Mapping[str, str]) -> None:
        self.row = row
        self.values = values
        self.issues: list[Issue] = []

    @property
    def has_errors(self) -> bool:
        return any(issue.level == ERROR for issue in self.issues)

    def has(self, column: str) -> bool:
        return column in self.values

    def error(self, column: str, code: str, **params: Any) -> None:
        self.issues.append(Issue(row=self.row, column=column, code=code, params=params))

    def warn(self, column: str, code: str, **params: Any) -> None:
        self.issues.append(Issue(row=self.row, column=column, code=code, params=params, level=WARNING))

    def text(self, column: str, *, max_length: int | None = None, required: bool = False) -> str:
        value = self.values.get(column, "")
        if required and not value:
            self.error(column, "required")
        elif max_length is not None and len(value) > max_length:
            self.error(column, "too_long", max=max_length, length=len(value))
        return value

    def choice(self, column: str, choices: type[models.Choices], *, required: bool = False) -> str:
        """One of ``choices``, written as its code or its label in any language."""
        value = self.values.get(column, "")
        if not value:
            if required:
                self.error(column, "required")
            return ""
        found = choice_aliases(choices).get(fold(value))
        if found is None:
            allowed = ", ".join(str(label) for label in choices.labels)
            self.error(column, "unknown_choice", value=value, allowed=allowed)
            return ""
        return found

    def codes(self, column: str, known: Mapping[str, str], *, code: str, allowed: str = "") -> list[str]:
        """Values separated by ";" (or ","), each a key of ``known`` (folded code or name → code)."""
        found: list[str] = []
        for part in _LIST_SEPARATOR.split(self.values.get(column, "")):
            part = part.strip()
            if not part:
                continue
            match = known.get(fold(part))
            if match is None:
                params = {"value": part, "allowed": allowed} if allowed else {"value": part}
                self.error(column, code, **params)
            elif match not in found:
                found.append(match)
        return found

    def date(self, column: str) -> str | None:
        value = self.values.get(column, "")
        if not value:
            return None
        if _ISO_DATE.fullmatch(value):
            try:
                return datetime.date.fromisoformat(value).isoformat()
            except ValueError:
                pass
        self.error(column, "bad_date")
        return None

    def amount(self, column: str) -> str | None:
        value = self.values.get(column, "")
        for space in (" ", "\u00a0", "\u202f"):
            value = value.replace(space, "")
        if not value:
            return None
        if not _AMOUNT.fullmatch(value):
            self.error(column, "bad_amount")
            return None
        try:
            number = Decimal(value.replace(",", "."))
        except InvalidOperation:
            self.error(column, "bad_amount")
            return None
        exponent = number.as_tuple().exponent
        if number < 0:
            self.error(column, "negative_amount")
            return None
        if isinstance(exponent, int) and exponent < -2:
            self.error(column, "bad_amount")
            return None
        if len(str(int(number))) > _MAX_AMOUNT_DIGITS:
            self.error(column, "amount_too_large")
            return None
        return format(number.quantize(Decimal("0.01")), "f")

    def yes_no(self, column: str) -> bool:
        value = self.values.get(column, "").casefold()
        if not value or value in _NO:
            return False
        if value in _YES:
            return True
        self.error(column, "bad_yes_no")
        return False

    def url(self, column: str, *, max_length: int = 200) -> str:
        value = self.values.get(column, "")
        if not value:
            return ""
        if "://" not in value:
            value = f"https://{value}"
        if len(value) > max_length:
            self.error(column, "too_long", max=max_length, length=len(value))
            return ""
        try:
            URLValidator()(value)
        except ValidationError:
            self.error(column, "bad_url")
            return ""
        return value

    def email(self, column: str) -> str:
        value = self.values.get(column, "").lower()
        if not value:
            return ""
        try:
            EmailValidator()(value)
        except ValidationError:
            self.error(column, "bad_email")
            return ""
        if len(value) > 254:
            self.error(column, "too_long", max=254, length=len(value))
            return ""
        return value


def _max_length(model: type[models.Model], name: str) -> int:
    """The longest text the model's field takes; a TextField, unbounded in the database, as much as
    the longest text a form takes (the progress texts')."""
    max_length: int | None = model._meta.get_field(name).max_length  # type: ignore[union-attr]
    return max_length or LONG_TEXT_LENGTH


def _plain(value: Any) -> Any:
    """A value in the form it is compared in: no None for empty text, lists in order."""
    if value is None:
        return ""
    if isinstance(value, list):
        return sorted(value)
    return value


def differs(instance: models.Model, data: Mapping[str, Any]) -> bool:
    """Whether saving ``data`` (model values: objects, dates, decimals) would change ``instance``."""
    for name, value in data.items():
        model_field = instance._meta.get_field(name)
        if model_field.many_to_many:
            current = {related.pk for related in getattr(instance, name).all()}
            if current != {related.pk for related in value}:
                return True
        elif _plain(getattr(instance, name)) != _plain(value):
            return True
    return False


class Importer:
    kind: ClassVar[str]
    columns: ClassVar[tuple[str, ...]]
    required_columns: ClassVar[tuple[str, ...]]

    def __init__(self, *, actor: Actor, network: Network | None) -> None:
        self.actor = actor
        self.network = network
        self._countries: dict[str, Country] | None = None
        self._themes: dict[str, Theme] | None = None
        self._organisations: dict[tuple[str, str], list[Organisation]] = {}

    # The header --------------------------------------------------------------

    def read_header(self, header: list[str]) -> list[str]:
        """The column names, normalised; raises FileProblem when they do not fit this import."""
        aliases = header_aliases(self.columns)
        names = [aliases.get(fold(cell), fold(cell).replace(" ", "_")) for cell in header]
        while names and not names[-1]:
            names.pop()
        if not names:
            raise FileProblem(NO_HEADER)
        problems: list[tuple[Any, dict[str, Any]]] = []
        unknown = [name or '""' for name in names if name not in self.columns]
        if unknown:
            problems.append((UNKNOWN_COLUMNS, {"columns": ", ".join(unknown)}))
        missing = [name for name in self.required_columns if name not in names]
        if missing:
            problems.append((MISSING_COLUMNS, {"columns": ", ".join(column_labels(missing))}))
        repeated = sorted({name for name in names if name and names.count(name) > 1})
        if repeated:
            problems.append((REPEATED_COLUMNS, {"columns": ", ".join(column_labels(repeated))}))
        if problems:
            problems.append(
                (
                    EXPECTED_COLUMNS,
                    {
                        "columns": ", ".join(column_labels(self.columns)),
                        "required": ", ".join(column_labels(self.required_columns)),
                    },
                )
            )
            raise FileProblem(*problems)
        return names

    # Lookups, loaded once per file -------------------------------------------

    @property
    def countries(self) -> dict[str, Country]:
        if self._countries is None:
            self._countries = {c.code.upper(): c for c in Country.objects.all()}
        return self._countries

    @property
    def themes(self) -> dict[str, Theme]:
        if self._themes is None:
            self._themes = {t.code: t for t in Theme.objects.all()}
        return self._themes

    @cached_property
    def country_names(self) -> dict[str, str]:
        """A country written by its ISO code or its name in any language → its code."""
        return named_aliases(self.countries.values(), "code", language_names("name"))

    @cached_property
    def theme_names(self) -> dict[str, str]:
        return named_aliases(self.themes.values(), "code", language_names("name"))

    @cached_property
    def theme_list(self) -> str:
        """The themes' names in the reader's language, for a message."""
        return ", ".join(sorted(str(theme.name) for theme in self.themes.values()))

    def find_organisations(self, name: str, acronym: str = "") -> list[Organisation]:
        """The organisations a reference in a file may mean: the exact English name first,
        then any whose name or acronym matches (ignoring case and accents)."""
        key = (name.casefold(), acronym.casefold())
        if key not in self._organisations:
            candidates = list(organisation_duplicates(names=[name, acronym])[:10])
            exact = [o for o in candidates if translated(o, "name_en").casefold() == name.casefold()]
            if acronym and len(exact) > 1:
                exact = [o for o in exact if o.acronym.casefold() == acronym.casefold()] or exact
            self._organisations[key] = exact or candidates
        return self._organisations[key]

    def organisation_reference(
        self, checker: RowChecker, column: str, name: str, acronym: str = ""
    ) -> Organisation | None:
        if not name:
            return None
        found = self.find_organisations(name, acronym)
        if not found:
            checker.error(column, "unknown_organisation", value=name)
            return None
        if len(found) > 1:
            checker.error(column, "ambiguous_organisation", value=name, names=_names(found))
            return None
        return found[0]

    def lookup(self, table: Mapping[str, Any], codes: list[str], row: int) -> list[Any]:
        try:
            return [table[code] for code in codes]
        except KeyError:
            raise StaleData(row) from None

    # Per kind ----------------------------------------------------------------

    def check_row(self, checker: RowChecker) -> RowOutcome:
        raise NotImplementedError

    def apply_row(self, row: int, data: dict[str, Any]) -> str:
        raise NotImplementedError

    def apply(self, row: int, data: dict[str, Any]) -> str:
        """Write one checked row; any refusal becomes RowNotSaved or StaleData for that row."""
        try:
            return self.apply_row(row, data)
        except ValidationError as error:
            raise RowNotSaved(row, [str(message) for message in error.messages]) from error
        except IntegrityError as error:
            raise StaleData(row) from error


def display_name(organisation: Organisation) -> str:
    """The name the exports use: English, else French."""
    return translated(organisation, "name_en") or translated(organisation, "name_fr")


def _names(organisations: Iterable[Organisation]) -> str:
    return ", ".join(f"“{display_name(o)}”" for o in organisations)


class OrganisationImporter(Importer):
    kind = ImportKind.ORGANISATIONS
    columns = (
        "name_en",
        "name_fr",
        "acronym",
        "kind",
        "countries",
        "region_en",
        "region_fr",
        "website",
        "themes",
        "notes",
        "shared_with_partners",
    )
    required_columns = ("name_en", "kind")

    def check_row(self, checker: RowChecker) -> RowOutcome:
        data: dict[str, Any] = {}
        for name in ("name_en", "name_fr", "acronym", "region_en", "region_fr"):
            if checker.has(name):
                data[name] = checker.text(name, max_length=_max_length(Organisation, name), required=name == "name_en")
        data["kind"] = checker.choice("kind", Organisation.Kind, required=True)
        if checker.has("countries"):
            data["countries"] = checker.codes("countries", self.country_names, code="unknown_country")
        if checker.has("website"):
            data["website"] = checker.url("website", max_length=_max_length(Organisation, "website"))
        if checker.has("themes"):
            data["themes"] = checker.codes("themes", self.theme_names, code="unknown_theme", allowed=self.theme_list)
        if checker.has("notes"):
            data["notes"] = checker.text("notes", max_length=_max_length(Organisation, "notes"))
        if checker.has("shared_with_partners"):
            data["shared_with_partners"] = checker.yes_no("shared_with_partners")
        outcome = RowOutcome(row=checker.row, data=None, label=data.get("name_en", ""))
        names = self._names_of(data)
        outcome.identity = {("name", key) for key in organisation_match_keys(names)}
        if checker.has_errors:
            return outcome
        matches = list(organisation_duplicates(names=names)[:5])
        if len(matches) > 1:
            checker.error("name_en", "matches_several", names=_names(matches))
            return outcome
        if matches:
            existing = matches[0]
            outcome.identity.add(("pk", existing.pk))
            if differs(existing, self._update_data(existing, self._model_data(checker.row, data))):
                outcome.action = UPDATE
                checker.warn("name_en", "matches_existing", name=display_name(existing), pk=existing.pk)
            else:
                outcome.action = UNCHANGED
                checker.warn("name_en", "matches_existing_unchanged", name=display_name(existing), pk=existing.pk)
        outcome.data = data
        return outcome

    @staticmethod
    def _names_of(data: Mapping[str, Any]) -> list[str]:
        return [data.get("name_en", ""), data.get("name_fr", ""), data.get("acronym", "")]

    @staticmethod
    def _update_data(existing: Organisation, values: dict[str, Any]) -> dict[str, Any]:
        """The values to write on the organisation a row matched. A name that differs only
        by case or accents keeps its stored spelling: "Hue" in a file does not undo "Huế"."""
        kept = dict(values)
        for name in ("name_en", "name_fr"):
            stored = translated(existing, name)
            if name in kept and stored and organisation_match_key(kept[name]) == organisation_match_key(stored):
                del kept[name]
        return kept

    def _model_data(self, row: int, data: Mapping[str, Any]) -> dict[str, Any]:
        values = dict(data)
        if "countries" in values:
            values["countries"] = self.lookup(self.countries, values["countries"], row)
        if "themes" in values:
            values["themes"] = self.lookup(self.themes, values["themes"], row)
        return values

    def apply_row(self, row: int, data: dict[str, Any]) -> str:
        values = self._model_data(row, data)
        matches = list(organisation_duplicates(names=self._names_of(data))[:2])
        if len(matches) > 1:
            raise StaleData(row)
        if not matches:
            partner_services.organisation_create(actor=self.actor, data=values)
            return CREATE
        values = self._update_data(matches[0], values)
        if not differs(matches[0], values):
            return UNCHANGED
        partner_services.organisation_update(actor=self.actor, organisation=matches[0], data=values)
        return UPDATE


class ContactImporter(Importer):
    kind = ImportKind.CONTACTS
    columns = ("organisation", "acronym", "person_name", "person_email", "role")
    required_columns = ("organisation", "person_name")

    def check_row(self, checker: RowChecker) -> RowOutcome:
        data: dict[str, Any] = {
            "organisation": checker.text(
                "organisation", max_length=_max_length(Organisation, "name_en"), required=True
            ),
            "acronym": checker.text("acronym", max_length=_max_length(Organisation, "acronym")),
            "person_name": checker.text("person_name", max_length=_max_length(Person, "name"), required=True),
            "person_email": checker.email("person_email"),
        }
        if checker.has("role"):
            data["role"] = checker.text("role", max_length=_max_length(OrganisationContact, "role"))
        organisation = self.organisation_reference(checker, "organisation", data["organisation"], data["acronym"])
        person_key = data["person_email"] or data["person_name"].casefold()
        outcome = RowOutcome(
            row=checker.row,
            data=None,
            label=f"{data['person_name']} — {data['organisation']}",
            identity={(organisation.pk if organisation else data["organisation"].casefold(), person_key)},
        )
        if checker.has_errors or organisation is None:
            return outcome
        contact = self._existing_contact(organisation, data)
        if contact is None:
            outcome.action = CREATE
            person = Person.objects.filter(email=data["person_email"]).first() if data["person_email"] else None
            if person is not None and person.name != data["person_name"]:
                checker.warn("person_email", "email_of_other_name", email=data["person_email"], name=person.name)
        elif "role" in data and data["role"] != contact.role:
            outcome.action = UPDATE
        else:
            outcome.action = UNCHANGED
        outcome.data = data
        return outcome

    @staticmethod
    def _existing_contact(organisation: Organisation, data: Mapping[str, Any]) -> OrganisationContact | None:
        contacts = OrganisationContact.objects.filter(organisation=organisation).select_related("person")
        if data["person_email"]:
            return contacts.filter(person__email=data["person_email"]).first()
        return contacts.filter(person__name=data["person_name"]).order_by("pk").first()

    def apply_row(self, row: int, data: dict[str, Any]) -> str:
        found = self.find_organisations(data["organisation"], data["acronym"])
        if len(found) != 1:
            raise StaleData(row)
        organisation = found[0]
        contact = self._existing_contact(organisation, data)
        role = data.get("role", "")
        if contact is not None:
            if "role" not in data or contact.role == role:
                return UNCHANGED
            model_update(instance=contact, data={"role": role}, actor=self.actor, subject=organisation)
            return UPDATE
        person = Person.objects.filter(email=data["person_email"]).first() if data["person_email"] else None
        if person is None:
            person = model_create(
                instance=Person(member=None),
                data={
                    "name": data["person_name"],
                    "email": data["person_email"] or None,
                    "organisation_en": translated(organisation, "name_en"),
                    "organisation_fr": translated(organisation, "name_fr"),
                },
                actor=self.actor,
                subject=organisation,
            )
        partner_services.contact_add(actor=self.actor, organisation=organisation, person=person, role=role)
        return CREATE


class FundingImporter(Importer):
    kind = ImportKind.FUNDING
    columns = (
        "title_en",
        "title_fr",
        "donor",
        "url",
        "themes",
        "eligible_countries",
        "eligible_member_kinds",
        "amount_min",
        "amount_max",
        "currency",
        "opens_on",
        "closes_on",
        "status",
        "members",
        "notes",
        "shared_with_partners",
    )
    required_columns = ("title_en", "donor")

    def __init__(self, *, actor: Actor, network: Network | None) -> None:
        super().__init__(actor=actor, network=network)
        self._members: dict[str, Member] | None = None

    @property
    def members(self) -> dict[str, Member]:
        if self._members is None:
            self._members = {m.slug: m for m in Member.objects.filter(network=self.network)}
        return self._members

    @cached_property
    def member_names(self) -> dict[str, str]:
        """A member written by its name in any language (or its web address) → its web address."""
        return named_aliases(self.members.values(), "slug", language_names("name"))

    def check_row(self, checker: RowChecker) -> RowOutcome:
        # Columns are read in the file's documented order, so that the errors come in that order too.
        data: dict[str, Any] = {}
        donor = self._read_title_and_donor(checker, data)
        self._read_what_it_funds(checker, data)
        self._read_terms(checker, data)
        self._read_notes(checker, data)

        title = data.get("title_en", "")
        outcome = RowOutcome(
            row=checker.row,
            data=None,
            label=title,
            identity={(donor.pk if donor else data["donor"].casefold(), title.casefold())},
        )
        if donor is None or checker.has_errors:
            return outcome
        existing = self._existing(donor, title)
        self._check_ranges(checker, data, existing)
        if checker.has_errors:
            return outcome
        if existing is None:
            outcome.action = CREATE
        else:
            outcome.action = UPDATE if differs(existing, self._model_data(checker.row, data, donor)) else UNCHANGED
        outcome.data = data
        return outcome

    def _read_title_and_donor(self, checker: RowChecker, data: dict[str, Any]) -> Organisation | None:
        for name in ("title_en", "title_fr"):
            if checker.has(name):
                data[name] = checker.text(
                    name, max_length=_max_length(FundingOpportunity, name), required=name == "title_en"
                )
        data["donor"] = checker.text("donor", max_length=_max_length(Organisation, "name_en"), required=True)
        return self.organisation_reference(checker, "donor", data["donor"])

    def _read_what_it_funds(self, checker: RowChecker, data: dict[str, Any]) -> None:
        if checker.has("url"):
            data["url"] = checker.url("url", max_length=_max_length(FundingOpportunity, "url"))
        if checker.has("themes"):
            data["themes"] = checker.codes("themes", self.theme_names, code="unknown_theme", allowed=self.theme_list)
        if checker.has("eligible_countries"):
            data["eligible_countries"] = checker.codes("eligible_countries", self.country_names, code="unknown_country")
        if checker.has("eligible_member_kinds"):
            kinds = Member.Kind.values
            allowed = ", ".join(str(label) for label in Member.Kind.labels)
            chosen = checker.codes(
                "eligible_member_kinds", choice_aliases(Member.Kind), code="unknown_choice", allowed=allowed
            )
            data["eligible_member_kinds"] = [k for k in kinds if k in chosen]

    def _read_terms(self, checker: RowChecker, data: dict[str, Any]) -> None:
        for name in ("amount_min", "amount_max"):
            if checker.has(name):
                data[name] = checker.amount(name)
        choices: type[models.Choices]
        for name, choices in (("currency", Currency), ("status", FundingOpportunity.Status)):
            value = checker.choice(name, choices) if checker.has(name) else ""
            if value:  # empty: keep the current value, or the default for a new call
                data[name] = value
        for name in ("opens_on", "closes_on"):
            if checker.has(name):
                data[name] = checker.date(name)

    def _read_notes(self, checker: RowChecker, data: dict[str, Any]) -> None:
        if checker.has("members"):
            data["members"] = checker.codes("members", self.member_names, code="unknown_member")
        if checker.has("notes"):
            data["notes"] = checker.text("notes", max_length=_max_length(FundingOpportunity, "notes"))
        if checker.has("shared_with_partners"):
            data["shared_with_partners"] = checker.yes_no("shared_with_partners")

    @staticmethod
    def _check_ranges(checker: RowChecker, data: dict[str, Any], existing: FundingOpportunity | None) -> None:
        """The order of dates and amounts, with what is kept from the stored call for absent columns."""
        combined = {
            name: data[name] if name in data else getattr(existing, name, None)
            for name in ("opens_on", "closes_on", "amount_min", "amount_max")
        }
        opens_on, closes_on = (_as_date(combined["opens_on"]), _as_date(combined["closes_on"]))
        if opens_on and closes_on and closes_on < opens_on:
            checker.error("closes_on", "closes_before_opens", opens_on=opens_on.isoformat())
        amount_min, amount_max = (_as_decimal(combined["amount_min"]), _as_decimal(combined["amount_max"]))
        if amount_min is not None and amount_max is not None and amount_max < amount_min:
            checker.error("amount_max", "max_below_min", amount_min=format(amount_min, "f"))

    def _existing(self, donor: Organisation, title: str) -> FundingOpportunity | None:
        # Compared in Python: SQLite ignores the case of ASCII letters only ("HUẾ" / "Huế").
        wanted = title.casefold()
        calls = FundingOpportunity.objects.filter(network=self.network, donor=donor).order_by("pk")
        return next((call for call in calls if translated(call, "title_en").casefold() == wanted), None)

    def _model_data(self, row: int, data: Mapping[str, Any], donor: Organisation) -> dict[str, Any]:
        values = dict(data)
        values["donor"] = donor
        for name, table in (("themes", self.themes), ("eligible_countries", self.countries), ("members", self.members)):
            if name in values:
                values[name] = self.lookup(table, values[name], row)
        for name in ("opens_on", "closes_on"):
            if name in values:
                values[name] = _as_date(values[name])
        for name in ("amount_min", "amount_max"):
            if name in values:
                values[name] = _as_decimal(values[name])
        return values

    def apply_row(self, row: int, data: dict[str, Any]) -> str:
        if self.network is None:
            raise StaleData(row)
        found = self.find_organisations(data["donor"])
        if len(found) != 1:
            raise StaleData(row)
        donor = found[0]
        values = self._model_data(row, data, donor)
        existing = self._existing(donor, data["title_en"])
        if existing is None:
            funding_services.opportunity_create(actor=self.actor, network=self.network, data=values)
            return CREATE
        if not differs(existing, values):
            return UNCHANGED
        funding_services.opportunity_update(actor=self.actor, opportunity=existing, data=values)
        return UPDATE


def _as_date(value: Any) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)


def _as_decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    return Decimal(value)


IMPORTERS: dict[str, type[Importer]] = {
    ImportKind.ORGANISATIONS: OrganisationImporter,
    ImportKind.CONTACTS: ContactImporter,
    ImportKind.FUNDING: FundingImporter,
}
