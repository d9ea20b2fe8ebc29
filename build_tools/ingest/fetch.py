"""A web page -> a seed file: ``python -m build_tools ingest URL`` fetches the page, keeps its HTML as
``seeds/<date>_<host>_<hash>.html``, then ingests it like any other seed.

Plain urllib, with the limits a contributor's command needs: http and https only, at most
``MAX_REDIRECTS`` redirects (each to http or https again), a deadline for the whole answer, not only for
each read (a server that sends a byte a second would otherwise never time out), a size cap, and HTML only.
Every failure is one line naming the address; nothing is written unless the whole page arrived.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from build_tools.errors import InputError, Problem
from build_tools.files import write_atomic

# A page is one article: the same cap as a seed file (pipeline.MAX_SEED_BYTES).
MAX_PAGE_BYTES = 2 * 1024 * 1024
TIMEOUT_SECONDS = 20.0
MAX_REDIRECTS = 5
CHUNK_BYTES = 64 * 1024
HTML_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = "ai-briefing-ingest (+https://github.com/ai-briefing)"
_SCHEMES = ("http", "https")
_HOST_CHARS = re.compile(r"[^a-z0-9.-]")


def is_url(text: str) -> bool:
    """Whether a command-line argument is a web address rather than a file."""
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]{1,15}://", text))


@dataclass(frozen=True)
class FetchedPage:
    """A page as the server sent it: the address asked for, the one answered after redirects, the bytes."""

    url: str
    final_url: str
    body: bytes


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most ``MAX_REDIRECTS`` redirects, and only to http or https."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: PLR0917 - urllib's signature
        scheme = urllib.parse.urlsplit(newurl).scheme.lower()
        if scheme not in _SCHEMES:
            raise urllib.error.URLError("redirected to an address that is not http or https, which is not "
                                        "fetched")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_page(url: str, *, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_PAGE_BYTES) -> FetchedPage:
    """Fetch one HTML page; InputError with one clear line when it cannot be had."""
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in _SCHEMES:
        raise InputError(Problem(url, 0, f"only http and https addresses can be fetched, not {scheme}:"))
    opener = urllib.request.build_opener(_Redirects())
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html"})
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as answer:
            kind = (answer.headers.get_content_type() or "").lower()
            if kind not in HTML_TYPES:
                raise InputError(Problem(url, 0, f"is {kind}, not an HTML page; save the article's text "
                                                 "as a .txt seed instead"))
            length = answer.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise _too_large(url, max_bytes)
            body = _read(answer, url, deadline, max_bytes, timeout)
            final_url = answer.geturl()
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400 and "not allowed" in str(exc.reason):  # urllib refuses file:, data:
            raise InputError(Problem(url, 0, "redirected to an address that is not http or https, which is "
                                             "not fetched")) from None
        if 300 <= exc.code < 400:
            raise InputError(Problem(url, 0, f"more than {MAX_REDIRECTS} redirects; open the page in a "
                                             "browser and give its final address")) from None
        raise InputError(Problem(url, 0, f"the server answered HTTP {exc.code} {exc.reason}; check the "
                                         "address")) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            raise _timed_out(url, timeout) from None
        if isinstance(reason, str) and reason.startswith("redirected"):
            raise InputError(Problem(url, 0, reason)) from None
        raise InputError(Problem(url, 0, f"cannot fetch: {reason}")) from None
    except TimeoutError:
        raise _timed_out(url, timeout) from None
    except OSError as exc:  # a connection reset half-way, a malformed answer
        raise InputError(Problem(url, 0, f"cannot fetch: {exc.strerror or exc}")) from None
    return FetchedPage(url=url, final_url=final_url, body=body)


def _read(answer, url: str, deadline: float, max_bytes: int, timeout: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise _timed_out(url, timeout)
        chunk = answer.read1(CHUNK_BYTES) if hasattr(answer, "read1") else answer.read(CHUNK_BYTES)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(url, max_bytes)
        chunks.append(chunk)


def _too_large(url: str, max_bytes: int) -> InputError:
    limit = f"{max_bytes // (1024 * 1024)} MB" if max_bytes >= 1024 * 1024 else f"{max_bytes} bytes"
    return InputError(Problem(url, 0, f"the page is larger than {limit}, too large for one article; save "
                                      "only the article from the browser"))


def _timed_out(url: str, timeout: float) -> InputError:
    return InputError(Problem(url, 0, f"no complete answer within {timeout:g} s; try again later, or save "
                                      "the page from the browser"))


def seed_name(page: FetchedPage, today: dt.date) -> str:
    """``<date>_<host>_<hash>.html``: when it was fetched, from where, and which content."""
    host = urllib.parse.urlsplit(page.final_url).hostname or "page"
    host = _HOST_CHARS.sub("-", host.lower().removeprefix("www."))[:60] or "page"
    digest = hashlib.sha256(page.body).hexdigest()[:8]
    return f"{today.isoformat()}_{host}_{digest}.html"


def save_seed(page: FetchedPage, folder: Path, today: dt.date | None = None) -> Path:
    """Write the page into ``folder`` (atomically) and return the seed's path."""
    path = folder / seed_name(page, today or dt.datetime.now(dt.UTC).date())
    try:
        write_atomic(path, page.body)
    except OSError as exc:
        raise InputError(Problem(str(path), 0, f"cannot write the seed: {exc.strerror or exc}")) from None
    return path
