from django import forms
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice


def _clean(token):
    return "".join((token or "").split()).lower()


def check_code(devices, token):
    """The first device that accepts `token`, else a ValidationError.

    Six digits are a code from the app; anything else a backup code. Each device
    throttles its own failures (django-otp): while it waits, it accepts nothing.
    """
    waiting_until = None
    with transaction.atomic():
        for device in devices:
            device = type(device).objects.select_for_update().get(pk=device.pk)
            allowed, details = device.verify_is_allowed()
            if not allowed:
                until = (details or {}).get("locked_until")
                waiting_until = max(filter(None, [waiting_until, until]), default=None)
                continue
            if device.verify_token(token):
                return device
    if waiting_until is not None:
        raise forms.ValidationError(
            _("Too many wrong codes. Try again after %(time)s.")
            % {"time": formats.time_format(timezone.localtime(waiting_until), "H:i:s")},
            code="throttled",
        )
    raise forms.ValidationError(_("That code is not valid."), code="invalid")


class CodeForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None

    def devices(self, token):
        if token.isdigit():
            return list(TOTPDevice.objects.filter(user=self.user, confirmed=True))
        return list(StaticDevice.objects.filter(user=self.user, confirmed=True))

    def clean_token(self):
        token = _clean(self.cleaned_data.get("token"))
        self.device = check_code(self.devices(token), token)
        return token


class VerifyForm(CodeForm):
    token = forms.CharField(
        label=_("Code from your authenticator app, or a backup code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class EnrolForm(CodeForm):
    """Confirms the device being set up with a code it shows."""

    def __init__(self, *args, pending, **kwargs):
        super().__init__(*args, **kwargs)
        self.pending = pending

    def devices(self, token):
        return [self.pending] if token.isdigit() else []
