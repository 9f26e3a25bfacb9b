from modeltranslation.translator import TranslationOptions, register

from reseau.library.models import Document


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = ("title", "description")
