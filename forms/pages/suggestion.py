"""The public suggestion form page (P9.7)."""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from workflows.suggestions.exceptions import SuggestionInvalid
from workflows.suggestions.services import receive_customer_suggestion, submitted_suggestion

from ..safety import count_submission, honeypot_filled, rate_limited
from ..suggestion import SuggestionForm

SESSION_KEY = "intake_suggestion"


class SuggestionFormPage(RoutablePageMixin, Page):
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

    class Meta:
        verbose_name = _("suggestion form page")

    def render_form(self, request, form, status=200):
        response = TemplateResponse(
            request,
            self.get_template(request),
            {**self.get_context(request), "form": form},
            status=status,
        )
        add_never_cache_headers(response)
        return response

    def thanks(self, request, suggestion=None):
        # The reference and the private link are kept in the visitor's session
        # only, so that the thank-you URL itself reveals nothing.
        if suggestion is not None:
            request.session[SESSION_KEY] = {
                "reference": suggestion.reference,
                "tracking_url": suggestion.get_tracking_url(),
            }
        return redirect(self.url + self.reverse_subpage("thanks"))

    @path("")
    def form_view(self, request):
        if request.method != "POST":
            return self.render_form(request, SuggestionForm())
        form = SuggestionForm(request.POST)
        if honeypot_filled(request.POST):
            # A bot: look as if it worked, store nothing.
            count_submission(request)
            request.session.pop(SESSION_KEY, None)
            return self.thanks(request)
        if not form.is_valid():
            return self.render_form(request, form, status=400)
        data = form.service_kwargs()
        already = submitted_suggestion(data["submission_token"])
        if already is not None:  # the same form sent again: one record, same answer
            return self.thanks(request, already)
        if rate_limited(request):
            form.add_error(
                None,
                _(
                    "You have sent several messages in a short time. "
                    "Please wait a few minutes, or call us."
                ),
            )
            return self.render_form(request, form, status=429)
        try:
            suggestion = receive_customer_suggestion(language=translation.get_language(), **data)
        except SuggestionInvalid as exc:
            form.add_error(None, exc)
            return self.render_form(request, form, status=400)
        count_submission(request)
        return self.thanks(request, suggestion)

    @path("thanks/", name="thanks")
    def thanks_view(self, request):
        sent = request.session.get(SESSION_KEY) or {}
        tracking_url = sent.get("tracking_url", "")
        response = TemplateResponse(
            request,
            "intake/suggestion_form_page_thanks.html",
            {
                **self.get_context(request),
                "reference": sent.get("reference", ""),
                "tracking_url": request.build_absolute_uri(tracking_url) if tracking_url else "",
            },
        )
        add_never_cache_headers(response)
        return response
