"""The public complaint form page (P9.1, P9.2)."""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from workflows.complaints.exceptions import ComplaintInvalid
from workflows.complaints.services import receive_complaint, submitted_complaint

from ..complaint import ComplaintForm
from ..safety import count_submission, honeypot_filled, rate_limited

SESSION_KEY = "intake_complaint"


class ComplaintFormPage(RoutablePageMixin, Page):
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

    class Meta:
        verbose_name = _("complaint form page")

    def render_form(self, request, form, status=200):
        response = TemplateResponse(
            request,
            self.get_template(request),
            {**self.get_context(request), "form": form},
            status=status,
        )
        add_never_cache_headers(response)
        return response

    def thanks(self, request, complaint=None):
        if complaint is not None:
            request.session[SESSION_KEY] = {
                "reference": complaint.reference,
                "tracking_url": complaint.get_tracking_url(),
            }
        return redirect(self.url + self.reverse_subpage("thanks"))

    @path("")
    def form_view(self, request):
        if request.method != "POST":
            return self.render_form(request, ComplaintForm())
        form = ComplaintForm(request.POST, request.FILES)
        if honeypot_filled(request.POST):
            # A bot: look as if it worked, store nothing.
            count_submission(request)
            request.session.pop(SESSION_KEY, None)
            return self.thanks(request)
        if not form.is_valid():
            return self.render_form(request, form, status=400)
        data = form.service_kwargs()
        already = submitted_complaint(data["submission_token"])
        if already is not None:  # the same form sent again: one complaint, same answer
            return self.thanks(request, already)
        if rate_limited(request):
            form.add_error(
                None,
                _(
                    "You have sent several messages in a short time. "
                    "Please wait a few minutes, or call our complaint hotline."
                ),
            )
            return self.render_form(request, form, status=429)
        try:
            complaint = receive_complaint(language=translation.get_language(), **data)
        except ComplaintInvalid as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
            for field, messages in errors.items():
                form.add_error(field if field in form.fields else None, messages)
            return self.render_form(request, form, status=400)
        count_submission(request)
        return self.thanks(request, complaint)

    @path("thanks/", name="thanks")
    def thanks_view(self, request):
        sent = request.session.get(SESSION_KEY) or {}
        response = TemplateResponse(
            request,
            "intake/complaint_form_page_thanks.html",
            {
                **self.get_context(request),
                "reference": sent.get("reference", ""),
                "tracking_url": request.build_absolute_uri(sent["tracking_url"])
                if sent.get("tracking_url")
                else "",
            },
        )
        add_never_cache_headers(response)
        response["Referrer-Policy"] = "no-referrer"
        return response
