from modeltranslation.translator import TranslationOptions, register

from reseau.decisions.models import Decision


@register(Decision)
class DecisionTranslationOptions(TranslationOptions):
    fields = ("title",)
