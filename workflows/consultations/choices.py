from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsultationState(models.TextChoices):
    RECEIVED = "received", _("Received")
    ANSWERED = "answered", _("Answered")
    REPLY_PROMISED = "reply_promised", _("Reply promised")
    HANDED_TO_SALES = "handed_to_sales", _("Handed to Sales")
    CLOSED = "closed", _("Closed")
