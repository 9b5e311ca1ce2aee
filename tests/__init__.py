"""pingan's tests.

Byte-code, pytest's rewritten test modules included, goes to the temp folder and is kept between
runs (rewriting every module's asserts again took seconds a run), not into the checkout; this
file's own byte-code is the one exception. PYTHONDONTWRITEBYTECODE, when set, still wins.
"""

import os
import sys
import tempfile

if sys.pycache_prefix is None:
    sys.pycache_prefix = os.path.join(tempfile.gettempdir(), "pingan-pycache")
    os.environ.setdefault("PYTHONPYCACHEPREFIX", sys.pycache_prefix)
