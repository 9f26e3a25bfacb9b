from modeltranslation.translator import TranslationOptions, register

from reseau.logframe.models import Indicator, Result


@register(Result)
class ResultTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Indicator)
class IndicatorTranslationOptions(TranslationOptions):
    fields = ("title",)
