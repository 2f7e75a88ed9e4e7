"""What a visitor reads about a service day: its place, services and languages in the visitor's
language. A listing sets them for all its days at once (``querysets.attach_labels``); a day read
alone looks them up here."""

from django.utils import translation
from django.utils.functional import cached_property

from voca.i18n import text_language
from voca.locales import active_locale

from .places import Language, Location, Service


class ServiceDayLabels:
    """Mixed into ``ServiceDayPage`` (plain Python: no fields, so no migration sees it)."""

    # (name, the language it is written in) of each service; (code, name, its language) of each
    # language: set for a whole listing at once (querysets.attach_labels), else read here.
    _services: list[tuple[str, str]] | None = None
    _languages: list[tuple[str, str, str]] | None = None

    @property
    def place(self) -> Location:
        """The place in the visitor's language (its directions translated), else as entered."""
        location = self.location
        active = active_locale()
        if location.locale_id == active.pk:
            return location
        translated = location.get_translation_or_none(active)
        if translated is None:
            return location
        translated._text_source = location  # a direction left in English is marked so
        return translated

    @cached_property
    def localized_services(self) -> list[Service]:
        """The day's services in the visitor's language (one query)."""
        keys = Service.objects.filter(service_days=self).values("translation_key")
        return list(Service.objects.filter(translation_key__in=keys).localized())

    def service_names_in(self, language: str) -> list[str]:
        """The day's services named in ``language`` (an untranslated page's data, in English)."""
        with translation.override(language):
            keys = Service.objects.filter(service_days=self).values("translation_key")
            return [s.name for s in Service.objects.filter(translation_key__in=keys).localized()]

    _label_batch = None

    def _load_labels(self) -> None:
        if self._label_batch is not None:
            self._label_batch.load()  # a listing's days read their names together

    @property
    def service_labels(self) -> list[tuple[str, str]]:
        """(name, language of the name) of each service, in the visitor's language where
        translated."""
        if self._services is None:
            self._load_labels()
        if self._services is None:
            self._services = [
                (service.name, text_language(service, "name"))
                for service in self.localized_services
            ]
        return self._services

    @property
    def service_names(self) -> list[str]:
        return [name for name, _ in self.service_labels]

    @property
    def language_labels(self) -> list[tuple[str, str, str]]:
        """(code, name, language of the name) of each language, by name."""
        if self._languages is None:
            self._load_labels()
        if self._languages is None:
            self._languages = [
                (lang.code, lang.name, text_language(lang, "name"))
                for lang in self.localized_languages
            ]
        return self._languages

    @property
    def language_pairs(self) -> list[tuple[str, str]]:
        """(code, name) of each language, by name."""
        return [(code, name) for code, name, _ in self.language_labels]

    @cached_property
    def localized_languages(self) -> list[Language]:
        keys = Language.objects.filter(service_days=self).values("translation_key")
        return list(Language.objects.filter(translation_key__in=keys).localized())

    @property
    def services_text(self) -> str:
        return ", ".join(self.service_names)

    @property
    def languages_text(self) -> str:
        return ", ".join(name for _, name in self.language_pairs)
