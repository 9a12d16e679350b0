"""The admin page every report and command form of the project is built on."""

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class TitledAdminPageMixin(WagtailAdminTemplateMixin):
    """Wagtail's admin page whose header names the page, not just "Home".

    Wagtail's mixin shows only its base breadcrumbs (Home) for a view that is not about an
    object, so a report read as titled "首頁"; the page's own title ends the trail.
    """

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]
