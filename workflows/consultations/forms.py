"""What Customer Service and Sales fill in to move a consultation."""

from datetime import timedelta

from django import forms as dj_forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateTimeInput

from workflows.core.forms import PersonChoiceField, TransitionForm
from workflows.core.roles import SALES

from .services import reply_route


class AnswerForm(TransitionForm):
    reply = dj_forms.CharField(
        label=_("Reply"),
        max_length=4000,
        widget=dj_forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Said before the reply is written: by email, by SMS, or only recorded.
        self.fields["reply"].help_text = reply_route(self.record).announcement()


class PromiseReplyForm(TransitionForm):
    reply_due_at = dj_forms.DateTimeField(
        label=_("Reply promised by"),
        widget=AdminDateTimeInput,
        help_text=_("Defaults to the channel's reply promise."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hours = self.record.channel.reply_within_hours
        self.fields["reply_due_at"].initial = timezone.localtime() + timedelta(hours=hours)

    def clean_reply_due_at(self):
        value = self.cleaned_data["reply_due_at"]
        if value <= timezone.now():
            raise dj_forms.ValidationError(_("The promised reply time must lie in the future."))
        return value


class HandToSalesForm(TransitionForm):
    salesperson = PersonChoiceField(label=_("Salesperson"), roles=[SALES])
    sales_need = dj_forms.CharField(
        label=_("What the customer needs"),
        max_length=4000,
        widget=dj_forms.Textarea(attrs={"rows": 4}),
        help_text=_("Equipment type, lease term, place of use, usage requirements, as known."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sales_need"].initial = self.record.question
