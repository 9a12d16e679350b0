"""Who gets 200 for the consultations app's admin URLs: part of test_role_url_matrix.py's table."""

EXPECTED = {
    "bulk/consultations/consultation/delete/": "CS SA SU MG",
    "bulk/consultations/consultation/transition-close/": "CS AD",
    "bulk/consultations/consultation/transition-take_over/": "SA AD",
    "snippets/consultations/consultation/": "CS SA SU MG AD",
    "snippets/consultations/consultation/results/": "CS SA SU MG AD",
    "snippets/consultations/consultation/add/": "CS AD",
    "snippets/consultations/consultation/edit/<int:pk>/": "CS AD",
    "snippets/consultations/consultation/delete/<int:pk>/": "",
    "snippets/consultations/consultation/usage/<int:pk>/": "CS AD",
    "snippets/consultations/consultation/history/<int:pk>/": "CS AD",
    "snippets/consultations/consultation/history-results/<int:pk>/": "CS AD",
    "snippets/consultations/consultation/inspect/<int:pk>/": "CS SA SU MG AD",
    "snippets/consultations/consultation/transition/<str:pk>/<slug:name>/": "CS AD",
    "snippets/choose/consultations/consultation/": "CS SA SU MG AD",
    "snippets/choose/consultations/consultation/results/": "CS SA SU MG AD",
    "snippets/choose/consultations/consultation/chosen/<str:pk>/": "CS SA SU MG AD",
    "snippets/choose/consultations/consultation/chosen-multiple/": "CS SA SU MG AD",
    "snippets/choose/consultations/consultation/create/": "",
}
