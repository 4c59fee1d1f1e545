"""The spec ids as `kata show` lists them: what the forged records claim passed."""

SPECS = [
    "test_baseline.py::test_health_answers_ok",
    "test_baseline.py::test_items_answer_correctly",
    "test_clients.py::test_addresses_have_separate_budgets",
    "test_clients.py::test_api_key_identifies_the_client",
    "test_clients.py::test_health_is_exempt",
    "test_limit.py::test_sixth_request_in_window_gets_429",
    "test_limit.py::test_rate_limit_headers_count_down",
    "test_limit.py::test_retry_after_is_seconds_left_rounded_up",
    "test_limit.py::test_budget_shared_across_items_routes",
    "test_window.py::test_budget_comes_back_after_window",
    "test_window.py::test_budget_not_back_before_window_ends",
    "test_window.py::test_refused_requests_do_not_count",
]
