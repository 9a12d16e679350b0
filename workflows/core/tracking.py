"""Private tracking links for people who filed something on the public site (P9.3, P9.5, P9.7).

A complaint or suggestion filed publicly gets an unguessable token; its link
shows the current stage and the updates staff chose to publish, and nothing
else: no staff names, no internal notes. The reference number alone finds
nothing, and a wrong token looks exactly like any other wrong token.
"""

import secrets

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_tracking_token():
    return secrets.token_urlsafe(32)


class PubliclyTracked(models.Model):
    """Mixin for a record its submitter can follow by a private link."""

    tracking_token = models.CharField(
        max_length=64, unique=True, default=new_tracking_token, editable=False
    )

    class Meta:
        abstract = True

    def get_tracking_url(self):
        return reverse("track", args=[self.tracking_token])

    def public_stage(self):
        """The stage as the submitter should read it; override to hide internal states."""
        return self.get_state_display()

    def public_updates(self):
        return PublicUpdate.objects.filter(
            content_type=ContentType.objects.get_for_model(self), object_id=str(self.pk)
        ).order_by("created_at", "pk")

    def public_extra(self, request):
        """Extra context for the tracking page (e.g. a rating link); none by default."""
        return {}


class PublicUpdate(models.Model):
    """A sentence staff published to the submitter: what is happening, in plain words."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    record = GenericForeignKey("content_type", "object_id")
    stage = models.CharField(_("stage"), max_length=100, blank=True)
    text = models.TextField(_("text"), max_length=2000)
    created_at = models.DateTimeField(_("published at"), default=timezone.now)

    class Meta:
        verbose_name = _("public update")
        verbose_name_plural = _("public updates")
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]

    def __str__(self):
        return self.text[:60]


def tracked_models():
    return [m for m in apps.get_models() if issubclass(m, PubliclyTracked)]


def find_by_token(token):
    """The record this token belongs to, or None; one indexed query per tracked model."""
    if not token or len(token) < 32:
        return None
    for model in tracked_models():
        record = model._default_manager.filter(tracking_token=token).first()
        if record is not None:
            return record
    return None


def publish_update(record, text, *, user=None):
    """Tell the submitter something, in the record's History as well."""
    from .services import log_event

    update = PublicUpdate.objects.create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=str(record.pk),
        stage=str(record.public_stage()),
        text=text,
    )
    log_event(record, "core.publish_update", user=user, note=text)
    return update
