"""Query functions cannot be called with swapped arguments: every parameter is keyword-only,
and customer_id, where a statement takes it, comes first."""

import importlib
import inspect

import pytest

MODULES = [
    f"app.{name}.queries"
    for name in ("auth", "chat", "blood", "ufc", "habits", "clinical", "training", "garmin", "seed")
]
MODULES += ["app.garmin.fit_queries"]


@pytest.mark.parametrize("module_name", MODULES)
def test_query_functions_take_keywords_only_customer_id_first(module_name):
    module = importlib.import_module(module_name)
    checked = 0
    for name, func in vars(module).items():
        if not callable(func) or getattr(func, "__module__", None) != module_name:
            continue
        if not hasattr(func, "__wrapped__"):
            continue  # not a bound statement
        params = inspect.signature(func.__wrapped__).parameters
        if list(params) == ["rows"]:
            continue  # a COPY feed: its one argument cannot be swapped
        kinds = {p.kind for p in params.values()}
        assert kinds <= {inspect.Parameter.KEYWORD_ONLY}, f"{name} takes positional arguments"
        if "customer_id" in params:
            assert next(iter(params)) == "customer_id", f"{name}: customer_id is not first"
        checked += 1
    assert checked > 0, f"{module_name}: no bound statements found"


def test_a_positional_call_is_refused():
    from app.habits import queries

    with pytest.raises(TypeError):
        queries.select_habit(1, 2)
