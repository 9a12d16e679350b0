"""The evidence field of the complaint forms: a few photos or PDF files, checked by content."""

from django import forms as dj_forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .exceptions import ComplaintInvalid
from .models.attachments import MAX_ATTACHMENTS
from .services.intake import check_evidence

ACCEPT = "image/jpeg,image/png,image/webp,application/pdf,.jpg,.jpeg,.png,.webp,.pdf"


def _help_text_now():
    # Lazy as a whole: the field is made once, when its form class is, and is read in
    # each visitor's language (`gettext_lazy(...) % {...}` would fix the first one).
    return gettext("Up to %(count)s photos (JPEG, PNG, WebP) or PDF files.") % {
        "count": MAX_ATTACHMENTS
    }


_help_text = lazy(_help_text_now, str)


class MultipleFileInput(dj_forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(dj_forms.FileField):
    """Several files in one input; each must be a JPEG, PNG, WebP or PDF by its content.

    Cleans to a list (empty when nothing was chosen). `already` files count
    towards the limit when evidence is added to an existing complaint.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Photos or documents"))
        kwargs.setdefault("help_text", _help_text())
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)
        self.already = 0

    def clean(self, data, initial=None):
        items = data if isinstance(data, list | tuple) else [data]
        files = [super(EvidenceField, self).clean(item, initial) for item in items if item]
        files = [f for f in files if f]
        if self.required and not files:
            raise dj_forms.ValidationError(self.error_messages["required"], code="required")
        try:
            check_evidence(files, already=self.already)
        except ComplaintInvalid as exc:
            raise dj_forms.ValidationError(exc.message_dict["evidence"]) from None
        return files
