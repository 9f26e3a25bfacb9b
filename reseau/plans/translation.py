from modeltranslation.translator import TranslationOptions, register

from reseau.plans.models import Activity, Axis, Decision, Indicator, Plan, Result


@register(Plan)
class PlanTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Axis)
class AxisTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Activity)
class ActivityTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Result)
class ResultTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Indicator)
class IndicatorTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Decision)
class DecisionTranslationOptions(TranslationOptions):
    fields = ("title",)
