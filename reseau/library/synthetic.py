"""Invented library documents for tests and benchmarks: reports, minutes and notes in the
network's five languages, each with one text file really stored and read, and indexed.

The texts mix sentences of Vietnamese, Khmer, Lao, French and English (the scripts without
spaces between words included), so a search over them meets what the real library holds. Every
document's title says it is invented ("(example)"), and each has a reference like
``SYN-000123`` in its text: a word found in one document only, for a benchmark's rare word.
"""

from __future__ import annotations

import datetime
import hashlib
import random

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from reseau.library import fulltext
from reseau.library.models import Document, DocumentVersion, version_path
from reseau.registry.models import Member, Network

SENTENCES = {
    "vi": [
        "Thành phố Huế tăng cường hợp tác với các đối tác về quản lý chất thải rắn.",
        "Hội nghị thường niên của mạng lưới được tổ chức tại Cần Thơ.",
        "Kế hoạch hành động năm 2023 ưu tiên đào tạo cán bộ địa phương.",
        "Đà Nẵng chia sẻ kinh nghiệm về quy hoạch đô thị bền vững.",
    ],
    "km": [
        "សហប្រតិបត្តិការរវាងទីក្រុងភ្នំពេញនិងដៃគូអភិវឌ្ឍន៍កំពុងរីកចម្រើន។",
        "កិច្ចប្រជុំប្រចាំឆ្នាំបានពិភាក្សាអំពីការគ្រប់គ្រងសំណល់រឹង។",
        "ផែនការសកម្មភាពឆ្នាំ២០២៣ផ្តោតលើការបណ្តុះបណ្តាលមន្ត្រី។",
    ],
    "lo": [
        "ການຮ່ວມມືລະຫວ່າງນະຄອນຫຼວງວຽງຈັນແລະຄູ່ຮ່ວມງານກຳລັງເຕີບໃຫຍ່.",
        "ກອງປະຊຸມປະຈຳປີໄດ້ປຶກສາຫາລືກ່ຽວກັບການຄຸ້ມຄອງສິ່ງເສດເຫຼືອ.",
        "ແຜນການປະຕິບັດງານປີ2023ເນັ້ນໃສ່ການຝຶກອົບຮົມພະນັກງານ.",
    ],
    "fr": [
        "La réunion annuelle du réseau s'est tenue à Phnom Penh en présence des villes membres.",
        "Le plan d'action prévoit une formation des élus à la gestion des déchets.",
        "L'Association internationale des maires francophones soutient la coopération décentralisée.",
        "Les points focaux communiquent les besoins de leur ville au bureau régional.",
    ],
    "en": [
        "The network's annual meeting reviewed the action plan and the members' needs.",
        "Urban sanitation and solid waste management remain the first priorities of the cities.",
        "The European Union's call for proposals closes before the end of the year.",
        "Case studies of Vientiane and Huế were shared with the partners.",
    ],
}
TITLES = {
    "en": ["Report on {topic}", "Minutes: {topic}", "Study of {topic}", "Note on {topic}"],
    "fr": ["Rapport sur {topic}", "Compte rendu : {topic}", "Étude de {topic}", "Note sur {topic}"],
}
TOPICS = {
    "en": ["solid waste", "urban sanitation", "flood prevention", "heritage", "training needs", "public lighting"],
    "fr": [
        "les déchets solides",
        "l'assainissement urbain",
        "la prévention des inondations",
        "le patrimoine",
        "les besoins de formation",
        "l'éclairage public",
    ],
}
KINDS = [Document.Kind.REPORT, Document.Kind.MINUTES, Document.Kind.STUDY, Document.Kind.CONCEPT_NOTE]
ACCESS_LEVELS = [Document.Access.PUBLIC, Document.Access.PARTNERS, Document.Access.NETWORK, Document.Access.NETWORK]
BATCH = 500


def reference(number: int) -> str:
    """The word only the ``number``-th invented document holds."""
    return f"SYN-{number:06d}"


def _text(rng: random.Random, languages: list[str], number: int) -> str:
    sentences = [rng.choice(SENTENCES[language]) for _ in range(rng.randint(20, 60)) for language in languages]
    rng.shuffle(sentences)
    return f"{reference(number)}\n" + " ".join(sentences)


@transaction.atomic
def generate_documents(*, network: Network, documents: int, seed: int = 0) -> int:
    """Append ``documents`` invented documents to ``network``, each naming one of its members and
    holding one text version (a UTF-8 file in the default storage), all indexed. Deterministic
    for a seed and the number of documents already in the network; returns how many were added."""
    if documents < 0:
        raise ValueError("documents must not be negative.")
    start = Document.objects.filter(network=network).count()
    rng = random.Random(f"{seed}-{network.code}-{start}")  # noqa: S311 — test data, not secrets
    members = list(Member.objects.filter(network=network).values_list("pk", flat=True))
    for offset in range(0, documents, BATCH):
        numbers = range(start + offset + 1, start + min(offset + BATCH, documents) + 1)
        _batch(network=network, numbers=numbers, members=members, rng=rng)
    return documents


def _batch(*, network: Network, numbers: range, members: list[int], rng: random.Random) -> None:
    rows, texts = [], []
    for number in numbers:
        topic = rng.randrange(len(TOPICS["en"]))
        form = rng.randrange(len(TITLES["en"]))
        title_en = TITLES["en"][form].format(topic=TOPICS["en"][topic]) + f" {number} (example)"
        title_fr = TITLES["fr"][form].format(topic=TOPICS["fr"][topic]) + f" {number} (exemple)"
        languages = rng.sample(list(SENTENCES), rng.randint(1, 3))
        document = Document(
            network=network,
            title_en=title_en,
            title_fr=title_fr,
            kind=rng.choice(KINDS),
            access=rng.choice(ACCESS_LEVELS),
            languages=languages,
            document_date=datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randint(0, 2500)),
        )
        rows.append(document)
        texts.append(_text(rng, languages, number))
    created = Document.objects.bulk_create(rows)
    versions = []
    for document, text, number in zip(created, texts, numbers, strict=True):
        content = text.encode()
        version = DocumentVersion(
            document=document,
            number=1,
            name=f"{reference(number)}.txt",
            size=len(content),
            content_type="text/plain",
            sha256=hashlib.sha256(content).hexdigest(),
            text=text,
            text_state=DocumentVersion.TextState.DONE,
        )
        version.file.name = default_storage.save(version_path(version, version.name), ContentFile(content))
        versions.append(version)
    DocumentVersion.objects.bulk_create(versions)
    if members:
        links = Document.members.through
        links.objects.bulk_create(
            [links(document_id=document.pk, member_id=rng.choice(members)) for document in created]
        )
    fulltext.documents_index(documents=Document.objects.filter(pk__in=[document.pk for document in created]))
