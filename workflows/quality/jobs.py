"""Periodic jobs of quality: surveys to send and remind, and the monthly KPI figures."""

from workflows.core.periodic import periodic_job

from .services import (
    refresh_kpi_months,
    remind_unanswered,
    survey_active_customers,
    survey_closed_complaints,
)


@periodic_job("send_satisfaction_surveys")
def send_satisfaction_surveys(now=None):
    return {
        "complaints": survey_closed_complaints(now=now),
        "periodic": survey_active_customers(now=now),
    }


@periodic_job("remind_satisfaction_surveys")
def remind_satisfaction_surveys(now=None):
    return {"reminded": remind_unanswered(now=now)}


@periodic_job("refresh_kpi_months")
def refresh_kpis(now=None):
    return {"rows": refresh_kpi_months(now=now)}


@periodic_job("open_periodic_assessments")
def open_assessments(now=None):
    from .services import open_periodic_assessments

    return {"opened": open_periodic_assessments(now=now)}


@periodic_job("generate_planned_inspections")
def plan_inspections(now=None):
    from .services.planning import generate_planned_inspections

    return {"planned": generate_planned_inspections(now=now)}
