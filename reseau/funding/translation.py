from modeltranslation.translator import TranslationOptions, register

from reseau.funding.models import FundingOpportunity


@register(FundingOpportunity)
class FundingOpportunityTranslationOptions(TranslationOptions):
    fields = ("title",)
