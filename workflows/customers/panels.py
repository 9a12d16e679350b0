"""Admin panels of the customer form."""

from wagtail.admin.panels import FieldPanel


class DuplicateWarningPanel(FieldPanel):
    """The customers this one may duplicate, with links, and the "save anyway" box.

    Shown only when the form found possible duplicates (see CustomerAdminForm).
    """

    def __init__(self, field_name="create_anyway", **kwargs):
        super().__init__(field_name, **kwargs)

    class BoundPanel(FieldPanel.BoundPanel):
        template_name = "customers/panels/duplicate_warning.html"

        def is_shown(self):
            return bool(self.form is not None and getattr(self.form, "possible_duplicates", None))

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["matches"] = [
                {"match": match, "url": match.customer.get_admin_url()}
                for match in self.form.possible_duplicates
            ]
            context["checkbox_label"] = type(self.form).base_fields[self.field_name].label
            context["tax_number_taken"] = any(
                m.same_tax_number for m in self.form.possible_duplicates
            )
            return context
