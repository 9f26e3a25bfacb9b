import re
from io import StringIO

import pytest
from django.core.management import call_command

from reseau.registry.models import FocalPointAppointment, Mandate, Member, MembershipDues, Network, Person
from reseau.registry.synthetic import generate_network
from reseau.registry.text import fold_for_search

KHMER = re.compile(r"[\u1780-\u17FF]")
LAO = re.compile(r"[\u0E80-\u0EFF]")
# Letters only Vietnamese uses among the Latin scripts: ă â đ ê ô ơ ư and the
# stacked tone marks of Latin Extended Additional (ế, ộ, ữ…).
VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u1EA0-\u1EF9]")


def _names(network: Network) -> list[tuple[str, str, str, str, str, str]]:
    return [
        (m.name_en, m.name_fr, m.name_local, m.name_alternative, m.kind, m.country.code)
        for m in Member.objects.filter(network=network).select_related("country").order_by("slug")
    ]


@pytest.mark.django_db
def test_generates_a_multilingual_network_with_consistent_rows():
    network = generate_network(members=30, network_code="synthetic-test", seed=3)

    members = list(Member.objects.filter(network=network))
    assert len(members) == 30
    assert network.focal_point_deadline is not None
    assert network.time_zone == "Asia/Phnom_Penh"
    assert {m.country.code for m in members} == {"KH", "LA", "VN"}

    local_names = [m.name_local for m in members]
    assert any(KHMER.search(n) for n in local_names)
    assert any(LAO.search(n) for n in local_names)
    assert any(VIETNAMESE.search(n) for n in local_names)
    for member in members:
        assert member.name_en and member.name_fr and member.name_alternative
        assert member.name_alternative.isascii()

    # search_text is what Member.save would have stored...
    for member in members:
        stored = member.search_text
        expected = fold_for_search(
            " ".join([member.name_en, member.name_fr, member.name_local, member.name_alternative, member.slug])
        )
        assert stored == expected
        member.save()
        member.refresh_from_db()
        assert member.search_text == stored
    # ... so the directory search finds an unaccented Vietnamese name.
    vietnamese = next(m for m in members if m.country.code == "VN")
    word = vietnamese.name_alternative.split()[0].lower()
    assert Member.objects.filter(network=network, search_text__contains=word).exists()

    people = list(Person.objects.filter(member__network=network))
    assert all(2 <= Person.objects.filter(member=m).count() <= 4 for m in members)
    emails = [p.email for p in people]
    assert all(emails) and len(set(emails)) == len(emails)
    assert all(p.name and p.name_local and p.title_en and p.title_fr and p.languages for p in people)

    assert Mandate.objects.filter(member__network=network).count() == 30
    officials = FocalPointAppointment.objects.filter(member__network=network, kind=FocalPointAppointment.Kind.OFFICIAL)
    assert 0 < officials.count() < 30
    assert officials.filter(nominated_on__gt=network.focal_point_deadline).exists()

    dues = list(MembershipDues.objects.filter(member__network=network))
    assert len(dues) == 30 * 3
    for row in dues:
        assert (row.paid_on is not None) == (row.status == MembershipDues.Status.PAID)
        row.full_clean()  # the model's own rule agrees
    assert {row.status for row in dues} >= {MembershipDues.Status.PAID, MembershipDues.Status.DUE}


@pytest.mark.django_db
def test_same_seed_gives_the_same_network_and_reruns_append():
    first = generate_network(members=12, network_code="det-a", seed=42)
    second = generate_network(members=12, network_code="det-b", seed=42)
    assert _names(first) == _names(second)
    assert [p.name for p in Person.objects.filter(member__network=first).order_by("email")] == [
        p.name for p in Person.objects.filter(member__network=second).order_by("email")
    ]
    other = generate_network(members=12, network_code="det-c", seed=43)
    assert _names(other) != _names(first)

    generate_network(members=5, network_code="det-a", seed=42)
    slugs = list(Member.objects.filter(network=first).values_list("slug", flat=True))
    assert len(slugs) == 17 == len(set(slugs))
    assert any(s.startswith("det-a-00016-") for s in slugs)


@pytest.mark.django_db
def test_management_command():
    out = StringIO()
    call_command("generate_network", "--members", "4", "--network", "cmd-net", "--seed", "1", stdout=out)
    assert Member.objects.filter(network__code="cmd-net").count() == 4
    assert "cmd-net" in out.getvalue()
