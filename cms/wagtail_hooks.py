from wagtail import hooks

from voca.page_cache import mark_cacheable


@hooks.register("on_serve_page")
def cache_public_pages(next_serve_page):
    """Every page served to the public may be cached whole (see voca/page_cache.py)."""

    def serve(page, request, args, kwargs):
        return mark_cacheable(next_serve_page(page, request, args, kwargs))

    return serve
