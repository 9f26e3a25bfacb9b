import datetime

import pytest
from django.utils import timezone

from reseau.funding.models import FundingOpportunity
from reseau.funding.seed import load_example_funding
from reseau.partners.models import (
    Interaction,
    MemberNeed,
    NeedKind,
    NeedStatus,
    Organisation,
    OrganisationContact,
    Relationship,
    Stage,
    StageChange,
    organisation_match_names,
)
from reseau.partners.seed import ANNUAL_MEETING, ORGANISATIONS, load_partners
from reseau.registry.models import Member, Network
from reseau.registry.seed_rvase import load_rvase

Kind = Organisation.Kind

# English name, kind, stage: every organisation the 2023 deck names.
EXPECTED = [
    ("United Cities and Local Governments Asia-Pacific", Kind.LOCAL_GOVERNMENT_NETWORK, Stage.IN_DIALOGUE),
    ("ASEAN Mayors Forum (AMF) secretariat", Kind.LOCAL_GOVERNMENT_NETWORK, Stage.IN_DIALOGUE),
    ("Agence universitaire de la Francophonie — Cambodia", Kind.UNIVERSITY, Stage.IN_DIALOGUE),
    ("Agence universitaire de la Francophonie — Asia-Pacific regional office", Kind.UNIVERSITY, Stage.IN_DIALOGUE),
    ("Agence universitaire de la Francophonie — Laos", Kind.UNIVERSITY, Stage.IDENTIFIED),
    ("French Embassy in Cambodia", Kind.EMBASSY, Stage.IN_DIALOGUE),
    ("French Embassy in Laos", Kind.EMBASSY, Stage.IDENTIFIED),
    ("French Embassy in Vietnam", Kind.EMBASSY, Stage.IDENTIFIED),
    ("Agence française de développement — Cambodia", Kind.DONOR, Stage.IDENTIFIED),
    ("Paris Île-de-France", Kind.DECENTRALISED_COOPERATION, Stage.IN_DIALOGUE),
    ("Val-de-Marne", Kind.DECENTRALISED_COOPERATION, Stage.IN_DIALOGUE),
    ("Greater Paris Sanitation Authority", Kind.DECENTRALISED_COOPERATION, Stage.IN_DIALOGUE),
    ("Royal University of Fine Arts", Kind.UNIVERSITY, Stage.IN_DIALOGUE),
    ("Royal University of Phnom Penh", Kind.UNIVERSITY, Stage.IN_DIALOGUE),
    ("Vietnamese Association of Cities", Kind.LG_ASSOCIATION, Stage.IN_DIALOGUE),
    ("Asian Development Bank", Kind.DONOR, Stage.IDENTIFIED),
    ("ASEAN Smart Cities Network", Kind.LOCAL_GOVERNMENT_NETWORK, Stage.IDENTIFIED),
    ("Delegation of the European Union to Cambodia", Kind.EU, Stage.IDENTIFIED),
    ("Delegation of the European Union to Laos", Kind.EU, Stage.IDENTIFIED),
    ("Delegation of the European Union to Vietnam", Kind.EU, Stage.IDENTIFIED),
    ("European Union office in Bangkok", Kind.EU, Stage.IDENTIFIED),
    ("United Nations Economic and Social Commission for Asia and the Pacific", Kind.UN_AGENCY, Stage.IDENTIFIED),
    ("National Committee for Disaster Management", Kind.NATIONAL_AUTHORITY, Stage.IN_DIALOGUE),
    ("Association of Sub-National Administration Councils", Kind.LG_ASSOCIATION, Stage.IN_DIALOGUE),
]

FRENCH_NAMES = {
    "Agence universitaire de la Francophonie — Cambodia": "Agence universitaire de la Francophonie — Cambodge",
    "French Embassy in Cambodia": "Ambassade de France au Cambodge",
    "Agence française de développement — Cambodia": "Agence française de développement — Cambodge",
    "Asian Development Bank": "Banque asiatique de développement (BAD)",
    "Delegation of the European Union to Cambodia": "Délégation de l'Union européenne au Cambodge",
    "United Nations Economic and Social Commission for Asia and the Pacific": (
        "Commission économique et sociale des Nations unies pour l'Asie et le Pacifique (CESAP)"
    ),
}

ACRONYMS = {
    "United Cities and Local Governments Asia-Pacific": "UCLG-ASPAC",
    "ASEAN Mayors Forum (AMF) secretariat": "AMF",
    "Agence universitaire de la Francophonie — Laos": "AUF",
    "Agence française de développement — Cambodia": "AFD",
    "Greater Paris Sanitation Authority": "SIAAP",
    "Royal University of Fine Arts": "URBA",
    "Royal University of Phnom Penh": "URPP",
    "Asian Development Bank": "ADB",
    "ASEAN Smart Cities Network": "ASCN",
    "United Nations Economic and Social Commission for Asia and the Pacific": "UN-ESCAP",
    "National Committee for Disaster Management": "NCDM",
    "Association of Sub-National Administration Councils": "ASAC",
}


def _load_all() -> None:
    load_rvase()
    load_partners()
    load_example_funding()


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Organisation,
            Organisation.countries.through,
            Organisation.themes.through,
            OrganisationContact,
            Relationship,
            StageChange,
            Interaction,
            FundingOpportunity,
            FundingOpportunity.themes.through,
            FundingOpportunity.eligible_countries.through,
            FundingOpportunity.members.through,
        )
    }


@pytest.mark.django_db
def test_every_organisation_of_the_deck_with_its_kind_and_stage():
    _load_all()
    rvase = Network.objects.get(code="rvase")
    assert Organisation.objects.count() == len(EXPECTED) == len(ORGANISATIONS)
    for name_en, kind, stage in EXPECTED:
        organisation = Organisation.objects.get(name_en=name_en)
        assert organisation.kind == kind, name_en
        relationship = Relationship.objects.get(organisation=organisation, network=rvase)
        assert relationship.stage == stage, name_en
        assert relationship.since == ANNUAL_MEETING
        # The relationship was created through one first stage change that quotes the deck.
        (change,) = relationship.changes.all()
        assert (change.from_stage, change.to_stage, change.on) == ("", stage, ANNUAL_MEETING)
        assert "“" in change.reason
        assert "action plan" in change.reason or "road map" in change.reason or "annual meeting" in change.reason
    for name_en, acronym in ACRONYMS.items():
        assert Organisation.objects.get(name_en=name_en).acronym == acronym


@pytest.mark.django_db
def test_stage_reasons_quote_the_right_part_of_the_deck():
    _load_all()
    reasons = {
        c.relationship.organisation.name_en: c.reason
        for c in StageChange.objects.select_related("relationship__organisation")
    }
    assert reasons["United Cities and Local Governments Asia-Pacific"].startswith(
        "2023 action plan, activity 2 (achieved)"
    )
    assert reasons["French Embassy in Laos"].startswith("2023 action plan, activity 2 (planned)")
    assert "CWIS" in reasons["Asian Development Bank"]
    assert "PPCA" in reasons["ASEAN Smart Cities Network"]
    assert "selected by NCDM" in reasons["National Committee for Disaster Management"]


@pytest.mark.django_db
def test_names_are_bilingual_and_match_names_is_filled():
    _load_all()
    for organisation in Organisation.objects.all():
        assert organisation.name_en, organisation.pk
        assert organisation.name_fr, organisation.pk
        assert organisation.match_names == organisation_match_names(
            [organisation.name_en, organisation.name_fr, organisation.acronym]
        )
    for name_en, name_fr in FRENCH_NAMES.items():
        assert Organisation.objects.get(name_en=name_en).name_fr == name_fr
    amf = Organisation.objects.get(name_en="ASEAN Mayors Forum (AMF) secretariat")
    assert "Association des maires de France" in amf.notes


@pytest.mark.django_db
def test_countries_themes_and_asac_is_noted_as_a_member():
    _load_all()
    asac = Organisation.objects.get(acronym="ASAC")
    assert Member.objects.filter(slug="asac").exists()
    assert "RVASE member" in asac.notes
    assert set(asac.countries.values_list("code", flat=True)) == {"KH"}
    adb = Organisation.objects.get(name_en="Asian Development Bank")
    assert set(adb.themes.values_list("code", flat=True)) == {"urban-sanitation"}
    assert "gestion des boues de vidange" in adb.notes
    ncdm = Organisation.objects.get(acronym="NCDM")
    assert set(ncdm.themes.values_list("code", flat=True)) == {"climate-change-resilience"}
    urpp = Organisation.objects.get(acronym="URPP")
    assert urpp.name_fr == "Université royale de Phnom Penh"


@pytest.mark.django_db
def test_the_adb_cwis_presentation_is_logged_on_1_december_2022():
    _load_all()
    (interaction,) = Interaction.objects.filter(organisation__isnull=False)
    assert interaction.organisation.name_en == "Asian Development Bank"
    assert interaction.network.code == "rvase"
    assert interaction.kind == Interaction.Kind.EVENT
    assert interaction.date == datetime.date(2022, 12, 1)
    assert "presentation of the CWIS in Phnom Penh, funded by ADB" in interaction.summary
    assert not interaction.next_step


@pytest.mark.django_db
def test_running_the_seeds_twice_changes_nothing():
    _load_all()
    before = _counts()
    stages = dict(Relationship.objects.values_list("organisation__name_en", "stage"))
    assert load_partners() == {
        "organisations": 0,
        "relationships": 0,
        "interactions": 0,
        "member_needs": 0,
        "member_interactions": 0,
    }
    assert load_example_funding() == 0
    load_rvase()
    assert _counts() == before
    assert dict(Relationship.objects.values_list("organisation__name_en", "stage")) == stages


@pytest.mark.django_db
def test_the_seed_does_not_move_a_relationship_the_network_has_moved_on():
    _load_all()
    rvase = Network.objects.get(code="rvase")
    relationship = Relationship.objects.get(organisation__acronym="ADB", network=rvase)
    relationship.stage = Stage.IN_DIALOGUE
    relationship.save()
    load_partners()
    relationship.refresh_from_db()
    assert relationship.stage == Stage.IN_DIALOGUE
    assert relationship.changes.count() == 1


@pytest.mark.django_db
def test_example_calls_are_flagged_and_close_within_14_30_and_later():
    _load_all()
    today = timezone.localdate()
    calls = list(FundingOpportunity.objects.order_by("closes_on"))
    assert len(calls) == 3
    for call in calls:
        assert call.is_example
        assert call.title_en.startswith("Example — ")
        assert call.title_fr.startswith("Exemple — ")
        assert "Invented" in call.notes
        assert "inventé" in call.notes
        assert call.network.code == "rvase"
        assert call.status in FundingOpportunity.OPEN_STATUSES
        assert call.currency in {"EUR", "USD"}
        assert call.amount_min is not None
        assert call.amount_max is not None
        assert call.amount_min <= call.amount_max
        assert call.themes.exists()
        assert call.members.exists()
        assert set(call.eligible_countries.values_list("code", flat=True)) <= {"KH", "LA", "VN"}
        call.full_clean()
    days = [call.days_left(today) for call in calls]
    assert days[0] is not None
    assert 0 <= days[0] <= 14
    assert days[1] is not None
    assert 14 < days[1] <= 30
    assert days[2] is not None
    assert days[2] > 30
    donors = {call.donor.name_en for call in calls}
    assert donors == {
        "Delegation of the European Union to Cambodia",
        "Asian Development Bank",
        "Agence française de développement — Cambodia",
    }
    members = {slug for call in calls for slug in call.members.values_list("slug", flat=True)}
    assert {"phnom-penh", "hue", "luang-prabang"} <= members


@pytest.mark.django_db
def test_example_dates_move_with_the_day_the_seed_runs(monkeypatch):
    _load_all()
    first = dict(FundingOpportunity.objects.values_list("title_en", "closes_on"))
    later = timezone.localdate() + datetime.timedelta(days=40)
    monkeypatch.setattr("reseau.funding.seed.timezone.localdate", lambda: later)
    assert load_example_funding() == 0
    moved = dict(FundingOpportunity.objects.values_list("title_en", "closes_on"))
    assert moved.keys() == first.keys()
    assert all(moved[title] == first[title] + datetime.timedelta(days=40) for title in first)


@pytest.mark.django_db
def test_the_deck_s_needs_are_recorded_for_can_tho_asac_and_vientiane():
    _load_all()
    needs = {need.member.slug: need for need in MemberNeed.objects.select_related("member")}
    assert {slug: (n.kind, n.status) for slug, n in needs.items()} == {
        "can-tho": (NeedKind.TRAINING, NeedStatus.IN_PROGRESS),
        "asac": (NeedKind.TECHNICAL_ASSISTANCE, NeedStatus.IN_PROGRESS),
        "vientiane": (NeedKind.OTHER, NeedStatus.OPEN),
    }


@pytest.mark.django_db
def test_undated_needs_are_dated_on_the_annual_meeting_and_say_so():
    _load_all()
    need = MemberNeed.objects.get(member__slug="can-tho")
    assert need.expressed_on == ANNUAL_MEETING
    assert "The deck does not date the proposal" in need.description


@pytest.mark.django_db
def test_vientiane_s_wish_and_the_meeting_are_dated_16_may_2023():
    _load_all()
    meeting = Interaction.objects.get(member__slug="vientiane")
    need = MemberNeed.objects.get(member__slug="vientiane")
    assert (meeting.date, need.expressed_on) == (datetime.date(2023, 5, 16), datetime.date(2023, 5, 16))


@pytest.mark.django_db
def test_the_seed_leaves_a_need_the_network_has_answered_alone():
    _load_all()
    MemberNeed.objects.filter(member__slug="vientiane").update(
        status=NeedStatus.ANSWERED, answer="Supported.", answered_on=datetime.date(2024, 1, 1)
    )
    load_partners()
    assert MemberNeed.objects.get(member__slug="vientiane").status == NeedStatus.ANSWERED
