from modeltranslation.translator import TranslationOptions, register

from reseau.partners.models import Organisation


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("name", "region")
