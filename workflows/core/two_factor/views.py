"""The pages of two-step verification: verify, enrol (and manage), reset by a superuser."""

import segno
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import LazyObject, empty
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import TemplateView
from django_otp import login as otp_login
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from ..refusal import RefusalMixin
from . import (
    backup_codes_left,
    has_device,
    is_verified,
    new_backup_codes,
    pending_totp_device,
    remove_devices,
    required_for,
)
from .forms import EnrolForm, VerifyForm

ENROLLED = "core.two_factor_enrolled"
BACKUP_CODES_RENEWED = "core.two_factor_backup_codes"
TURNED_OFF = "core.two_factor_off"
RESET = "core.two_factor_reset"


def safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def unwrapped(user):
    """The user object itself: request.user is a lazy object wrapped twice (authentication,
    then django-otp), which Wagtail's `log()` would not recognise as a user."""
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


def qr_svg(text):
    """The QR code of `text` as inline SVG (no script, no external request)."""
    return mark_safe(  # noqa: S308  (segno's own markup of a URL it encoded)
        segno.make(text, error="m").svg_inline(scale=5, dark="#000", light="#fff")
    )


@method_decorator([never_cache, sensitive_post_parameters("token")], name="dispatch")
class VerifyView(TemplateView):
    """The step after the password: a code from the app or a backup code."""

    template_name = "core/two_factor/verify.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect("wagtailadmin_login")
        if not has_device(request.user):
            return redirect(reverse("core_two_factor") + "?" + request.GET.urlencode())
        if is_verified(request.user):
            return redirect(safe_next(request))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", VerifyForm(user=self.request.user))
        context["next"] = safe_next(self.request)
        return context

    def post(self, request, *args, **kwargs):
        form = VerifyForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        otp_login(request, form.device)
        if form.device.__class__.__name__ == "StaticDevice":
            messages.warning(
                request,
                _("You used a backup code; %(count)s remain.")
                % {"count": backup_codes_left(request.user)},
            )
        return redirect(safe_next(request))


@method_decorator([never_cache, sensitive_post_parameters("token")], name="dispatch")
class EnrolView(WagtailAdminTemplateMixin, TemplateView):
    """Set up an authenticator app, renew backup codes, or turn the second step off."""

    template_name = "core/two_factor/enrol.html"
    page_title = gettext_lazy("Two-step verification")
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        if has_device(request.user) and not is_verified(request.user):
            return redirect("core_two_factor_verify")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            enrolled=has_device(user),
            required=required_for(user),
            codes_left=backup_codes_left(user),
            next=safe_next(self.request),
        )
        if not context["enrolled"]:
            device = pending_totp_device(user)
            context.update(
                form=kwargs.get("form") or EnrolForm(user=user, pending=device),
                qr_code=qr_svg(device.config_url),
                secret=_grouped_secret(device),
            )
        return context

    def post(self, request, *args, **kwargs):
        user = unwrapped(request.user)
        action = request.POST.get("action")
        if has_device(user):
            if action == "backup-codes":
                codes = new_backup_codes(user)
                log(instance=user, action=BACKUP_CODES_RENEWED, user=user)
                return self.show_codes(codes)
            if action == "off" and not required_for(user):
                remove_devices(user)
                log(instance=user, action=TURNED_OFF, user=user)
                messages.success(request, _("Two-step verification is off."))
                return redirect("core_two_factor")
            return redirect("core_two_factor")
        device = pending_totp_device(user)
        form = EnrolForm(request.POST, user=user, pending=device)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        device.refresh_from_db()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = new_backup_codes(user)
        otp_login(request, device)
        log(instance=user, action=ENROLLED, user=user)
        return self.show_codes(codes)

    def show_codes(self, codes):
        context = self.get_context_data()
        context["new_codes"] = codes
        return self.render_to_response(context)


def _grouped_secret(device):
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@method_decorator(never_cache, name="dispatch")
class ResetView(RefusalMixin, WagtailAdminTemplateMixin, TemplateView):
    """A superuser removes a user's devices (lost phone); logged in History."""

    template_name = "core/two_factor/reset.html"
    page_title = gettext_lazy("Reset two-step verification")
    header_icon = "key"

    def has_refusal_permission(self):
        return self.request.user.is_superuser

    def target(self):
        return get_object_or_404(get_user_model(), pk=self.kwargs["user_id"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        target = self.target()
        context.update(target=target, enrolled=has_device(target), required=required_for(target))
        return context

    def post(self, request, *args, **kwargs):
        target = self.target()
        if remove_devices(target):
            log(instance=target, action=RESET, user=unwrapped(request.user))
            messages.success(
                request,
                _("Two-step verification of “%(user)s” was reset.") % {"user": target},
            )
        return redirect("wagtailusers_users:index")
