from modeltranslation.translator import TranslationOptions, register

from reseau.registry.models import Country, Mandate, Member, Network, Person, Theme


@register(Network)
class NetworkTranslationOptions(TranslationOptions):
    fields = ("name", "region", "office")


@register(Country)
class CountryTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Theme)
class ThemeTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Member)
class MemberTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = ("title", "organisation")


@register(Mandate)
class MandateTranslationOptions(TranslationOptions):
    fields = ("title",)
