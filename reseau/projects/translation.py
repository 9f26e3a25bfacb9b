from modeltranslation.translator import TranslationOptions, register

from reseau.projects.models import Milestone, Project


@register(Project)
class ProjectTranslationOptions(TranslationOptions):
    fields = ("title", "summary")


@register(Milestone)
class MilestoneTranslationOptions(TranslationOptions):
    fields = ("title",)
