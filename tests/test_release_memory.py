"""A build hands the free memory of its heap back to the system (projects.release_memory).

Measured in a process of its own, from /proc: what the C library keeps after blocks are freed, and
what it returns when asked. Run: ``.venv/bin/python -m pytest tests/test_release_memory.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024
# Freed blocks of a page's size, the last one still held: the heap cannot shrink from its end.
SCRIPT = """
import json, os
from build_tools.site import projects
page = os.sysconf("SC_PAGE_SIZE")
def rss():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * page
blocks = [bytes(4000) + bytes([i % 256]) for i in range(20000)]
held = bytes(4000) + b"last"
before = rss()
del blocks
freed = rss()
projects.release_memory()
print(json.dumps({"before": before, "freed": freed, "released": rss(), "held": len(held)}))
"""


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads the memory from /proc")
def test_freed_blocks_go_back_to_the_system():
    proc = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True,
                          check=True)
    sizes = json.loads(proc.stdout)
    # 80 MB of blocks freed stay with the process until released ...
    assert sizes["before"] - sizes["freed"] < 8 * MIB, sizes
    # ... and are given back when released.
    assert sizes["freed"] - sizes["released"] > 60 * MIB, sizes
