"""Public form pages: Marketing edits their texts; the forms hand what they get to services."""

from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from workflows.consultations.exceptions import ConsultationInvalid
from workflows.consultations.services import receive_consultation, submitted_consultation

from ..consultation import ConsultationForm
from ..safety import count_submission, honeypot_filled, rate_limited

SESSION_KEY = "intake_consultation_reference"


class ConsultationFormPage(RoutablePageMixin, Page):
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
    settings_panels = [*Page.settings_panels, FieldPanel("channel")]

    class Meta:
        verbose_name = _("consultation form page")

    def get_channel(self):
        from contact.models import ChannelKind, ConsultationChannel

        if self.channel_id:
            return self.channel
        return ConsultationChannel.objects.published().filter(kind=ChannelKind.WEBSITE).first()

    def render_form(self, request, form, status=200):
        response = TemplateResponse(
            request,
            self.get_template(request),
            {**self.get_context(request), "form": form},
            status=status,
        )
        add_never_cache_headers(response)
        return response

    @path("")
    def form_view(self, request):
        if request.method != "POST":
            return self.render_form(request, ConsultationForm())
        form = ConsultationForm(request.POST)
        if honeypot_filled(request.POST):
            # A bot: look as if it worked, store nothing.
            count_submission(request)
            return redirect(self.url + self.reverse_subpage("thanks"))
        if not form.is_valid():
            return self.render_form(request, form, status=400)
        data = form.service_kwargs()
        already = submitted_consultation(data["submission_token"])
        if already is not None:  # the same form sent again: one record, same answer
            request.session[SESSION_KEY] = already.reference
            return redirect(self.url + self.reverse_subpage("thanks"))
        if rate_limited(request):
            form.add_error(
                None,
                _(
                    "You have sent several messages in a short time. "
                    "Please wait a few minutes, or call us."
                ),
            )
            return self.render_form(request, form, status=429)
        channel = self.get_channel()
        if channel is None:
            form.add_error(None, _("Messages cannot be received at the moment. Please call us."))
            return self.render_form(request, form, status=503)
        try:
            consultation = receive_consultation(
                channel=channel, language=translation.get_language(), **data
            )
        except ConsultationInvalid as exc:
            form.add_error(None, exc)
            return self.render_form(request, form, status=400)
        count_submission(request)
        request.session[SESSION_KEY] = consultation.reference
        return redirect(self.url + self.reverse_subpage("thanks"))

    @path("thanks/", name="thanks")
    def thanks_view(self, request):
        reference = request.session.get(SESSION_KEY, "")
        response = TemplateResponse(
            request,
            "intake/consultation_form_page_thanks.html",
            {**self.get_context(request), "reference": reference},
        )
        add_never_cache_headers(response)
        return response
