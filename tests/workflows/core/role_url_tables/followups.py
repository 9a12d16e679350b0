"""Who gets 200 for the followups app's admin URLs: part of test_role_url_matrix.py's table."""

EXPECTED = {
    "bulk/followups/followup/delete/": "CS SU MG",
    "snippets/followups/followup/": "CS SU MG AD",
    "snippets/followups/followup/results/": "CS SU MG AD",
    "snippets/followups/followup/add/": "CS AD",
    "snippets/followups/followup/edit/<int:pk>/": "CS AD",
    "snippets/followups/followup/delete/<int:pk>/": "",
    "snippets/followups/followup/usage/<int:pk>/": "CS AD",
    "snippets/followups/followup/history/<int:pk>/": "CS AD",
    "snippets/followups/followup/history-results/<int:pk>/": "CS AD",
    "snippets/followups/followup/inspect/<int:pk>/": "CS SU MG AD",
    "snippets/followups/followup/transition/<str:pk>/<slug:name>/": "CS AD",
    "snippets/followups/followup/open/<int:pk>/<slug:kind>/": "CS AD",
    "snippets/choose/followups/followup/": "CS SU MG AD",
    "snippets/choose/followups/followup/results/": "CS SU MG AD",
    "snippets/choose/followups/followup/chosen/<str:pk>/": "CS SU MG AD",
    "snippets/choose/followups/followup/chosen-multiple/": "CS SU MG AD",
    "snippets/choose/followups/followup/create/": "",
}
