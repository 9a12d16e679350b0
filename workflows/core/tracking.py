"""Private tracking links for people who filed something on the public site (P9.3, P9.5, P9.7).

A complaint or suggestion filed publicly gets an unguessable token; its link
shows the current stage and the updates staff chose to publish, and nothing
else: no staff names, no internal notes. The reference number alone finds
nothing, and a wrong token looks exactly like any other wrong token.

An update is stored as the state the record was in, a message code with its
parameters (customer_messages.py) and the words staff typed for the customer;
the stage and the standard sentence are written when the page is read, in the
reader's language, never in the language of the staff member who acted.
"""

import secrets

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import customer_messages


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
        """The stage as the submitter should read it, in the active language."""
        return self.public_stage_label(self.state)

    @classmethod
    def public_stage_label(cls, state):
        """The stage a record in `state` shows its submitter; override to hide internal
        states. None for a state the model does not know."""
        label = dict(cls._meta.get_field("state").flatchoices).get(state)
        return str(label) if label is not None else None

    def public_updates(self):
        return PublicUpdate.objects.filter(
            content_type=ContentType.objects.get_for_model(self), object_id=str(self.pk)
        ).order_by("created_at", "pk")

    def public_extra(self, request):
        """Extra context for the tracking page (e.g. a rating link); none by default."""
        return {}


class PublicUpdate(models.Model):
    """What is happening, told to the submitter in plain words.

    `state`, `code` and `parameters` are rendered when read, in the reader's language;
    `text` is what staff typed for the customer, shown as typed. Updates published
    before codes existed keep their stage and sentence as text, shown as stored.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    record = GenericForeignKey("content_type", "object_id")
    state = models.CharField(_("state"), max_length=50, blank=True)
    stage_text = models.CharField(
        _("stage as written"),
        max_length=100,
        blank=True,
        help_text=_("The stage of an update published before stages were stored as states."),
    )
    code = models.CharField(_("message"), max_length=100, blank=True)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    text = models.TextField(_("text"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("published at"), default=timezone.now)

    class Meta:
        verbose_name = _("public update")
        verbose_name_plural = _("public updates")
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]

    def __str__(self):
        return self.message()[:60]

    def stage(self):
        """The record's stage when this was published, in the active language."""
        if self.state:
            model = ContentType.objects.get_for_id(self.content_type_id).model_class()
            label = model.public_stage_label(self.state) if model is not None else None
            if label is not None:
                return label
        return self.stage_text

    def message(self):
        """Staff's words as typed, then the standard sentence in the active language."""
        standard = customer_messages.render(self.code, self.parameters) if self.code else ""
        return "\n\n".join(part for part in (self.text, standard) if part)


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


def publish_update(record, text="", *, code="", parameters=None, user=None):
    """Tell the submitter something, in the record's History as well.

    `text` is staff's words for the customer, kept as typed; `code` a standard sentence
    declared in customer_messages.py with its `parameters` (codes, not labels), written
    in the reader's language whenever the tracking page is read.
    """
    from .services import log_event

    if code and customer_messages.get_message(code) is None:
        raise ValueError(f"No customer message {code!r} is declared.")
    update = PublicUpdate.objects.create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=str(record.pk),
        state=record.state,
        code=code,
        parameters=parameters or {},
        text=text,
    )
    data = {"code": code, "parameters": parameters} if code else {}
    log_event(record, "core.publish_update", user=user, note=update.message(), **data)
    return update
