"""Who gets 200 for the suggestions app's admin URLs: part of test_role_url_matrix.py's table."""

EXPECTED = {
    "bulk/suggestions/suggestion/delete/": "CS SA SU MG",
    "bulk/suggestions/suggestion/transition-mark_reward_due/": "CS SA SU MG AD",
    "bulk/suggestions/suggestion/transition-start_evaluation/": "CS SA SU MG AD",
    "snippets/suggestions/suggestion/": "*",
    "snippets/suggestions/suggestion/results/": "*",
    "snippets/suggestions/suggestion/add/": "*",
    "snippets/suggestions/suggestion/edit/<int:pk>/": "CS AD",
    "snippets/suggestions/suggestion/delete/<int:pk>/": "",
    "snippets/suggestions/suggestion/usage/<int:pk>/": "CS AD",
    "snippets/suggestions/suggestion/history/<int:pk>/": "CS SA SU MG AD",
    "snippets/suggestions/suggestion/history-results/<int:pk>/": "CS SA SU MG AD",
    "snippets/suggestions/suggestion/inspect/<int:pk>/": "CS SA SU MG AD",
    "snippets/suggestions/suggestion/transition/<str:pk>/<slug:name>/": "",
    "snippets/suggestions/suggestion/reward/<int:pk>/": "",
    "snippets/choose/suggestions/suggestion/": "*",
    "snippets/choose/suggestions/suggestion/results/": "*",
    "snippets/choose/suggestions/suggestion/chosen/<str:pk>/": "CS SA SU MG AD",
    "snippets/choose/suggestions/suggestion/chosen-multiple/": "*",
    "snippets/choose/suggestions/suggestion/create/": "",
}
