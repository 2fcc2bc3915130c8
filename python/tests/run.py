# SPDX-License-Identifier: MIT
"""meson test entry of the Python bindings: run pytest on this folder with
the interpreter meson found, or SKIP (exit 77) when pytest is missing."""
import os
import sys

try:
    import pytest
except ImportError:
    print("1..0 # SKIP pytest is not installed (Debian: python3-pytest)")
    sys.exit(77)

here = os.path.dirname(os.path.abspath(__file__))
sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", here] + sys.argv[1:]))
