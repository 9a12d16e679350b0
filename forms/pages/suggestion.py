"""The public suggestion form page (P9.7)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from workflows.suggestions.services import receive_customer_suggestion, submitted_suggestion

from ..suggestion import SuggestionForm
from .flow import TrackedIntakeFlowMixin


class SuggestionFormPage(TrackedIntakeFlowMixin, RoutablePageMixin, Page):
    """Send the company a suggestion; the proposer can follow its evaluation."""

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
        verbose_name = _("suggestion form page")
        verbose_name_plural = _("suggestion form pages")

    form_class = SuggestionForm
    session_key = "intake_suggestion"
    thanks_template = "intake/suggestion_form_page_thanks.html"

    def find_submitted(self, submission_token):
        return submitted_suggestion(submission_token)

    def create_record(self, request, data):
        return receive_customer_suggestion(**data)
