"""The admin page every report and command form of the project is built on."""

from django import forms
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class FormMediaMixin:
    """Puts the scripts and styles of every form on the page into `media`.

    Wagtail's date pickers (`AdminDateInput`, `AdminDateTimeInput`) need their
    date-time-chooser.js; templates extending core/admin_page.html load `media`.
    """

    def render_to_response(self, context, **response_kwargs):
        # At render time, so that forms a view adds after its super() call count too.
        media = context.get("media") or forms.Media()
        for value in list(context.values()):
            if isinstance(value, forms.BaseForm | forms.BaseFormSet):
                media += value.media
        context["media"] = media
        return super().render_to_response(context, **response_kwargs)


class TitledAdminPageMixin(FormMediaMixin, WagtailAdminTemplateMixin):
    """Wagtail's admin page whose header names the page, not just "Home".

    Wagtail's mixin shows only its base breadcrumbs (Home) for a view that is not about an
    object, so a report read as titled "首頁"; the page's own title ends the trail.
    """

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]
