"""Training and development (P8): HR keeps the records; every employee takes courses."""

from workflows.core.roles import HR

PERMISSIONS = {
    HR: [
        "people.add_trainingsession",
        "people.change_trainingsession",
        "people.view_trainingsession",
        "people.run_trainingsession",
        "people.view_quizattempt",
        "people.add_staffprofile",
        "people.change_staffprofile",
        "people.view_staffprofile",
    ],
}
