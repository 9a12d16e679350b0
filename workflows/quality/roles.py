"""Quality (P7): Supervision inspects, orders and verifies rectifications and reviews problem
reports (whose reporters only it sees); every employee reports problems and works on the
rectifications they own; HR gives rewards for useful reports; Management sets KPI targets and
survey settings; Management, Supervision and HR read the figures; Customer Service the surveys."""

from workflows.core.roles import (
    CUSTOMER_SERVICE,
    HR,
    MANAGEMENT,
    ROLES,
    SUPERVISION,
)

READ = ["quality.view_survey", "quality.view_kpitarget"]
EVERY_EMPLOYEE = [
    "quality.add_problemreport",
    "quality.view_problemreport",
    "quality.view_rectificationorder",
    "quality.view_assessment",
]
BY_ROLE = {
    MANAGEMENT: [
        *READ,
        "quality.add_kpitarget",
        "quality.change_kpitarget",
        "quality.change_qualitysettings",
        "quality.review_assessment",
        "quality.add_assessmentband",
        "quality.change_assessmentband",
        "quality.view_assessmentband",
    ],
    SUPERVISION: [
        *READ,
        "quality.inspect",
        "quality.add_inspection",
        "quality.change_inspection",
        "quality.view_inspection",
        "quality.add_finding",
        "quality.view_finding",
        "quality.add_checklistitem",
        "quality.change_checklistitem",
        "quality.view_checklistitem",
        "quality.add_inspectionplan",
        "quality.change_inspectionplan",
        "quality.view_inspectionplan",
        "quality.verify_rectification",
        "quality.add_rectificationorder",
        "quality.review_problem_report",
    ],
    HR: [
        *READ,
        "quality.give_problem_report_reward",
        "quality.assess",
        "quality.add_assessment",
        "quality.add_assessmentband",
        "quality.change_assessmentband",
        "quality.view_assessmentband",
    ],
    CUSTOMER_SERVICE: ["quality.view_survey"],
}

PERMISSIONS = {role: [*EVERY_EMPLOYEE, *BY_ROLE.get(role, [])] for role in ROLES}
