"""The flow every public form page follows (see forms/README.md).

GET shows the form; POST validates, drops a bot's submission silently,
answers a resent form with the record it already made, takes a slot of the
client's rate limit, hands the data to the owning service, and redirects to
a thank-you page that reads the reference from the visitor's session (so the
thank-you URL itself reveals nothing). Nothing of it is ever cached.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import path

from ..safety import count_submission, honeypot_filled, rate_limited


class IntakeFlowMixin:
    """Mixed into a RoutablePageMixin page; subclasses say what they create and how."""

    form_class = None
    session_key = ""
    thanks_template = ""
    rate_limited_message = _(
        "You have sent several messages in a short time. Please wait a few minutes, or call us."
    )

    def find_submitted(self, submission_token):
        """The record an earlier sending of this form created, or None."""
        raise NotImplementedError

    def create_record(self, request, data):
        """Hand the validated data to the owning service; raise ValidationError to refuse."""
        raise NotImplementedError

    def remember(self, record):
        """What the thank-you page shows, kept in the session."""
        return {"reference": record.reference}

    def get_form(self, request):
        if request.method == "POST":
            return self.form_class(request.POST, request.FILES)
        return self.form_class()

    def render_form(self, request, form, status=200):
        response = TemplateResponse(
            request,
            self.get_template(request),
            {**self.get_context(request), "form": form},
            status=status,
        )
        add_never_cache_headers(response)
        return response

    def thanks(self, request, record=None):
        if record is None:
            request.session.pop(self.session_key, None)
        else:
            request.session[self.session_key] = self.remember(record)
        return redirect(self.url + self.reverse_subpage("thanks"))

    @path("")
    def form_view(self, request):
        form = self.get_form(request)
        if request.method != "POST":
            return self.render_form(request, form)
        if honeypot_filled(request.POST):
            count_submission(request)  # a bot: look as if it worked, store nothing
            return self.thanks(request)
        if not form.is_valid():
            return self.render_form(request, form, status=400)
        data = form.service_kwargs()
        already = self.find_submitted(data["submission_token"])
        if already is not None:  # the same form sent again: one record, the same answer
            return self.thanks(request, already)
        if rate_limited(request):
            form.add_error(None, self.rate_limited_message)
            return self.render_form(request, form, status=429)
        try:
            record = self.create_record(request, {**data, "language": translation.get_language()})
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
            for field, messages in errors.items():
                form.add_error(field if field in form.fields else None, messages)
            return self.render_form(request, form, status=400)
        return self.thanks(request, record)

    @path("thanks/", name="thanks")
    def thanks_view(self, request):
        response = TemplateResponse(
            request,
            self.thanks_template,
            {**self.get_context(request), **self.thanks_context(request)},
        )
        add_never_cache_headers(response)
        response["Referrer-Policy"] = "no-referrer"
        return response

    def thanks_context(self, request):
        sent = request.session.get(self.session_key) or {}
        tracking_url = sent.get("tracking_url", "")
        return {
            "reference": sent.get("reference", ""),
            "tracking_url": request.build_absolute_uri(tracking_url) if tracking_url else "",
        }


class TrackedIntakeFlowMixin(IntakeFlowMixin):
    """For records the submitter follows by a private tracking link."""

    def remember(self, record):
        return {"reference": record.reference, "tracking_url": record.get_tracking_url()}
