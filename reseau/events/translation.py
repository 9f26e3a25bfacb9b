from modeltranslation.translator import TranslationOptions, register

from reseau.events.models import Event, Session, SessionSpeaker


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "description", "minutes")


@register(Session)
class SessionTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(SessionSpeaker)
class SessionSpeakerTranslationOptions(TranslationOptions):
    fields = ("title_on_the_day",)
