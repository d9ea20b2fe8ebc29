"""The benchmark suite of the build: ``python -m bench`` (``make bench``); see bench/__main__.py."""
