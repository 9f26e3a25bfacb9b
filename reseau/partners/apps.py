from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "reseau.partners"
    label = "partners"
    verbose_name = _("Partners and donors")

    def ready(self) -> None:
        from reseau.core.sections import section_register
        from reseau.partners.access import partner_networks
        from reseau.partners.sections import member_contacts
        from reseau.registry.access import partner_networks_rule_register

        partner_networks_rule_register(partner_networks)
        section_register(place="registry.member", template="partners/_member_contacts.html", context=member_contacts)
