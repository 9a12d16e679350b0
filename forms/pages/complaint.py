"""The public complaint form page (P9.1, P9.2)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from workflows.complaints.services import receive_complaint, submitted_complaint

from ..complaint import ComplaintForm
from .flow import TrackedIntakeFlowMixin


class ComplaintFormPage(TrackedIntakeFlowMixin, RoutablePageMixin, Page):
    """File a complaint online; the page also shows the complaint hotline and mailbox."""

    intro = RichTextField(_("introduction"), blank=True)
    thank_you_text = RichTextField(
        _("thank-you text"),
        blank=True,
        help_text=_("Shown after sending, above the reference number and the tracking link."),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("thank_you_text")]
    # The introduction is what the site search finds the form by (home/page_text.py).
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("complaint form page")
        verbose_name_plural = _("complaint form pages")

    form_class = ComplaintForm
    session_key = "intake_complaint"
    thanks_template = "intake/complaint_form_page_thanks.html"
    rate_limited_message = _(
        "You have sent several messages in a short time. "
        "Please wait a few minutes, or call our complaint hotline."
    )

    def find_submitted(self, submission_token):
        return submitted_complaint(submission_token)

    def create_record(self, request, data):
        return receive_complaint(**data)
