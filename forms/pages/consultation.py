"""Public form pages: Marketing edits their texts; the forms hand what they get to services."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from workflows.consultations.services import receive_consultation, submitted_consultation

from ..consultation import ConsultationForm
from .flow import IntakeFlowMixin


class ConsultationFormPage(IntakeFlowMixin, RoutablePageMixin, Page):
    """ "Leave a message": a website consultation, acknowledged with a reference (P1.1-P1.3)."""

    intro = RichTextField(_("introduction"), blank=True)
    thank_you_text = RichTextField(
        _("thank-you text"),
        blank=True,
        help_text=_("Shown after sending, above the reference number."),
    )
    channel = models.ForeignKey(
        "contact.ConsultationChannel",
        verbose_name=_("channel"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The channel messages from this page are filed under."),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("thank_you_text")]
    # The introduction is what the site search finds the form by (home/page_text.py).
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    settings_panels = [*Page.settings_panels, FieldPanel("channel")]

    class Meta:
        verbose_name = _("consultation form page")
        verbose_name_plural = _("consultation form pages")

    def get_channel(self):
        from contact.models import ChannelKind, ConsultationChannel

        if self.channel_id:
            return self.channel
        return ConsultationChannel.objects.published().filter(kind=ChannelKind.WEBSITE).first()

    form_class = ConsultationForm
    session_key = "intake_consultation"
    thanks_template = "intake/consultation_form_page_thanks.html"

    def find_submitted(self, submission_token):
        return submitted_consultation(submission_token)

    def create_record(self, request, data):
        channel = self.get_channel()
        if channel is None:
            raise ValidationError(_("Messages cannot be received at the moment. Please call us."))
        return receive_consultation(channel=channel, **data)
