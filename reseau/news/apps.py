from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "reseau.news"
    label = "news"
    verbose_name = _("Focal points' news")

    def ready(self) -> None:
        # The member page shows the member's latest posts: a section the registry lets us add.
        from reseau.core.sections import section_register
        from reseau.news.sections import member_news

        section_register(place="registry.member", template="news/_member_news.html", context=member_news)
