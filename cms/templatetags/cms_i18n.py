"""The public page in every language: the switcher's links, hreflang alternates, the notice for
a page not yet translated. One query for all of a page's translations."""

from dataclasses import dataclass, field

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Page, Site

from cms.cache import content_version
from voca.i18n import filters_query, with_query
from voca.locales import all_locales
from voca.site import absolute_url

register = template.Library()


@dataclass
class LanguageLink:
    code: str
    name: str
    url: str  # for the switcher: the visitor's filters kept
    href: str  # absolute, without a query string: the hreflang alternate
    current: bool
    # A translation of its own (not an alias showing another language): an hreflang alternate.
    translated: bool


@dataclass
class PageLanguages:
    links: list[LanguageLink] = field(default_factory=list)
    # Shown in the default language because nobody has translated it yet (an alias).
    untranslated: bool = False
    content_language: str = ""
    default_href: str = ""

    @property
    def alternates(self) -> list[LanguageLink]:
        translated = [link for link in self.links if link.translated]
        return translated if len(translated) > 1 else []


def _homes(request) -> dict[int, Page]:
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {}
    return {
        home.locale_id: home
        for home in Page.objects.filter(translation_key=site.root_page.translation_key).live()
    }


def translations_of(page, request=None) -> dict[int, Page]:
    """The live translations (aliases included) of ``page`` by locale id, itself included; kept
    in the cache for the site's content version (any publish changes it), so a page rendered
    afresh asks the database only once per version."""
    key = None
    if request is not None:
        key = f"voca:translations:{content_version(request)}:{page.translation_key}"
        cached = cache.get(key)
        if cached is not None:
            return cached
    translations = {
        other.locale_id: other
        for other in Page.objects.filter(translation_key=page.translation_key).live()
    }
    if key is not None:
        cache.set(key, translations, timeout=24 * 3600)
    return translations


@register.simple_tag(takes_context=True)
def page_languages(context) -> PageLanguages:
    request = context.get("request")
    page = context.get("page")
    if request is None:
        return PageLanguages()
    active = translation.get_language()
    locales = all_locales()
    translations = translations_of(page, request) if isinstance(page, Page) else {}
    homes = None
    suffix = ""
    if isinstance(page, Page):
        page_url = page.get_url(request) or ""
        if page_url and request.path.startswith(page_url):
            suffix = request.path[len(page_url) :]  # a routable page's sub-page (archive/)
    query = filters_query(request)
    result = PageLanguages()
    for code, name in settings.VOCA_LANGUAGES:
        locale = locales.get(code)
        target = translations.get(locale.pk) if locale else None
        path = None
        translated = target is not None and target.alias_of_id is None
        if target is not None:
            url = target.get_url(request)
            path = f"{url}{suffix}" if url else None
        if path is None:
            # Not in that language at all (not even as an alias): its home page.
            homes = _homes(request) if homes is None else homes
            home = homes.get(locale.pk) if locale else None
            path = (home.get_url(request) if home else None) or "/"
        result.links.append(
            LanguageLink(
                code=code,
                name=name,
                url=with_query(path, query),
                href=absolute_url(request, path),
                current=code == active,
                translated=translated,
            )
        )
    result.default_href = result.links[0].href if result.links else ""
    if isinstance(page, Page) and page.alias_of_id:
        source = next((p for p in translations.values() if p.pk == page.alias_of_id), None)
        if source is not None and source.locale_id != page.locale_id:
            result.untranslated = True
            result.content_language = next(
                (c for c, loc in locales.items() if loc.pk == source.locale_id), ""
            )
    return result
