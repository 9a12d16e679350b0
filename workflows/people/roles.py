"""Training and development (P8): HR keeps the records; every employee takes courses;
Management decides on promotions and rotations."""

from workflows.core.roles import HR, MANAGEMENT

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
        "people.change_enrolment",
        "people.view_enrolment",
        "people.add_developmentplan",
        "people.change_developmentplan",
        "people.view_developmentplan",
        "people.review_developmentplan",
        "people.add_careermove",
        "people.change_careermove",
        "people.view_careermove",
        "people.run_careermove",
        "people.add_mentorpair",
        "people.change_mentorpair",
        "people.view_mentorpair",
    ],
    MANAGEMENT: [
        "people.view_careermove",
        "people.approve_careermove",
    ],
}
