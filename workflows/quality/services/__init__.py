from .kpis import refresh_kpi_months
from .surveys import (
    answer_survey,
    remind_unanswered,
    send_survey,
    survey_active_customers,
    survey_after_delivery,
    survey_closed_complaints,
)

__all__ = [
    "answer_survey",
    "refresh_kpi_months",
    "remind_unanswered",
    "send_survey",
    "survey_active_customers",
    "survey_after_delivery",
    "survey_closed_complaints",
]
