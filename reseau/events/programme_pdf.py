"""The printable programme, printed once per version of it.

WeasyPrint takes from a few hundred milliseconds to seconds per document and holds a
worker meanwhile, so the public PDF is printed once and read back until what it shows
changes. The key is a digest of the HTML it is printed from: the event, its programme
items, the speakers' names, the language and the template all change that text, so no
change can be missed and nothing has to remember to clear anything.

The PDFs are kept in the default file storage (the media folder, or S3 when several app
servers share one), one folder per event and language, where each new version replaces
the previous one.
"""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

FOLDER = "generated/programmes"


def render_pdf(document: str, *, base_url: str) -> bytes:
    import weasyprint  # Loaded on demand: it is slow to import and only this document needs it.

    return bytes(weasyprint.HTML(string=document, base_url=base_url).write_pdf())


def programme_pdf(*, event_pk: int, language: str, document: str, base_url: str) -> bytes:
    """The PDF of ``document``: the stored one when the same text was printed before, else printed now."""
    digest = hashlib.sha256(f"{base_url}\n{document}".encode()).hexdigest()
    folder = f"{FOLDER}/{event_pk}/{language}"
    name = f"{folder}/{digest}.pdf"
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as stored:
            return bytes(stored.read())
    pdf = render_pdf(document, base_url=base_url)
    default_storage.save(name, ContentFile(pdf))
    _forget_other_versions(folder, keep=name)
    return pdf


def _forget_other_versions(folder: str, *, keep: str) -> None:
    """Older versions, and the copy a request printing the same version at the same time saved
    under another name (the storage does not overwrite)."""
    try:
        _folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for file_name in files:
        path = f"{folder}/{file_name}"
        if path != keep:
            default_storage.delete(path)
