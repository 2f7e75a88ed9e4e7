"""What the subaward screens share: the admin page frame and the form page's back link."""

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class SubawardsViewMixin(WagtailAdminTemplateMixin):
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def back_url(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["back_url"] = self.back_url()
        return context
