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

from home.i18n import local_url

from ..safety import count_submission, honeypot_filled, rate_limited


class IntakeUnavailable(Exception):
    """The page cannot take submissions now (e.g. no channel to file them under).

    The visitor is answered 503 with the message, and nothing is stored.
    """

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class IntakeFlow:
    """The flow without its addresses, for a RoutablePageMixin page that chooses its own.

    A page names its form, how it finds an earlier sending and which service
    creates the record; it calls `process_form` from the route that shows the
    form and `render_thanks` from a route named "thanks".
    """

    form_class = None
    #: The template showing the form; by default the page's own.
    form_template = None
    session_key = ""
    thanks_template = ""
    rate_limited_message = _(
        "You have sent several messages in a short time. Please wait a few minutes, or call us."
    )

    def find_submitted(self, submission_token):
        """The record an earlier sending of this form created, or None."""
        raise NotImplementedError

    def create_record(self, request, data):
        """Hand the validated data to the owning service.

        Raise ValidationError to refuse the data, IntakeUnavailable when the
        page cannot take anything now.
        """
        raise NotImplementedError

    def remember(self, record):
        """What the thank-you page shows, kept in the session."""
        return {"reference": record.reference}

    def get_form(self, request, **form_kwargs):
        if request.method == "POST":
            return self.form_class(request.POST, request.FILES, **form_kwargs)
        return self.form_class(**form_kwargs)

    def render_form(self, request, form, status=200, context=None):
        response = TemplateResponse(
            request,
            self.form_template or self.get_template(request),
            {**self.get_context(request), **(context or {}), "form": form},
            status=status,
        )
        add_never_cache_headers(response)
        return response

    def thanks(self, request, record=None):
        if record is None:
            request.session.pop(self.session_key, None)
        else:
            request.session[self.session_key] = self.remember(record)
        return redirect(local_url(self, request) + self.reverse_subpage("thanks"))

    def process_form(self, request, *, form_kwargs=None, context=None):
        """Show the form, or take what was sent: the whole flow in one place.

        `form_kwargs` go to the form, `context` to the template showing it.
        """
        form = self.get_form(request, **(form_kwargs or {}))

        def render(status):
            return self.render_form(request, form, status=status, context=context)

        if request.method != "POST":
            return render(200)
        if honeypot_filled(request.POST):
            count_submission(request)  # a bot: look as if it worked, store nothing
            return self.thanks(request)
        if not form.is_valid():
            # Invalid submissions count toward the limit too (probing costs the same).
            if rate_limited(request):
                form.add_error(None, self.rate_limited_message)
                return render(429)
            return render(400)
        data = form.service_kwargs()
        already = self.find_submitted(data["submission_token"])
        if already is not None:  # the same form sent again: one record, the same answer
            return self.thanks(request, already)
        if rate_limited(request):
            form.add_error(None, self.rate_limited_message)
            return render(429)
        try:
            record = self.create_record(request, {"language": translation.get_language(), **data})
        except IntakeUnavailable as exc:
            form.add_error(None, exc.message)
            return render(503)
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
            for field, messages in errors.items():
                form.add_error(field if field in form.fields else None, messages)
            return render(400)
        return self.thanks(request, record)

    def render_thanks(self, request):
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


class IntakeFlowMixin(IntakeFlow):
    """A form page: the form at the page's address, the thank-you page under it."""

    @path("")
    def form_view(self, request):
        return self.process_form(request)

    @path("thanks/", name="thanks")
    def thanks_view(self, request):
        return self.render_thanks(request)


class TrackedIntakeFlowMixin(IntakeFlowMixin):
    """For records the submitter follows by a private tracking link."""

    def remember(self, record):
        return {"reference": record.reference, "tracking_url": record.get_tracking_url()}
