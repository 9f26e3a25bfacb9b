from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from reseau.core.admin import AuditedModelAdmin
from reseau.funding.models import FundingOpportunity


@admin.register(FundingOpportunity)
class FundingOpportunityAdmin(AuditedModelAdmin, TranslationAdmin[FundingOpportunity]):
    list_display = ["title", "donor", "status", "closes_on", "is_example"]
    list_filter = ["status", "network", "is_example"]
    list_select_related = ["donor"]
    search_fields = ["title_en", "title_fr"]
    autocomplete_fields = ["donor", "members"]
    filter_horizontal = ["themes", "eligible_countries"]
