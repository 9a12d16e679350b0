"""Labels Wagtail leaves untranslatable: form fields it declares without a label.

Wagtail's link choosers (rich text and menus: external, anchor, email and phone links)
declare `link_text`, `email_address`, `subject`, `body` and `phone_number` without a label,
and wagtail-localize's translations report its two locale filters, so Django shows the
field name in English ("Link text", "Source locale") whatever the admin's language. Each
gets a translated label here, once, at start-up.
"""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "link_text": _("Link text"),
    "email_address": _("Email address"),
    "subject": _("Subject"),
    "body": _("Body"),
    "phone_number": _("Phone number"),
    "source_locale": _("Source locale"),
    "target_locale": _("Target locale"),
}


def label_wagtail_forms():
    from wagtail.admin.forms import choosers

    forms = [
        choosers.ExternalLinkChooserForm,
        choosers.AnchorLinkChooserForm,
        choosers.EmailLinkChooserForm,
        choosers.PhoneLinkChooserForm,
    ]
    for form in forms:
        for name, field in form.base_fields.items():
            if field.label is None and name in LABELS:
                field.label = LABELS[name]

    from wagtail_localize.views.report import TranslationsReportFilterSet

    for name in ("source_locale", "target_locale"):
        TranslationsReportFilterSet.base_filters[name].label = LABELS[name]
