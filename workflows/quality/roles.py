"""Quality (P7): Management sets KPI targets and survey settings and reads every figure;
Supervision reads every figure and survey; HR reads them for assessments; Customer
Service reads the surveys customers answered."""

from workflows.core.roles import CUSTOMER_SERVICE, HR, MANAGEMENT, SUPERVISION

READ = ["quality.view_survey", "quality.view_kpitarget"]

PERMISSIONS = {
    MANAGEMENT: [
        *READ,
        "quality.add_kpitarget",
        "quality.change_kpitarget",
        "quality.change_qualitysettings",
    ],
    SUPERVISION: READ,
    HR: READ,
    CUSTOMER_SERVICE: ["quality.view_survey"],
}
