from modeltranslation.translator import TranslationOptions, register

from reseau.plans.models import Activity, Axis, Plan


@register(Plan)
class PlanTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Axis)
class AxisTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Activity)
class ActivityTranslationOptions(TranslationOptions):
    fields = ("title", "description")
