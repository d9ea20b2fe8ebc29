"""Broken internal links and anchors in a built site, and links that leave a page's language.

Every ``href``/``src`` of every HTML page is resolved like a browser would from the page's URL; the
target must be a file of the site and its fragment an ``id`` (or ``name``) on the target page. A link
from one language's site into another's is reported too, unless it declares ``hreflang`` (the language
switcher and ``<link rel="alternate">``). ``python -m build_tools.site.linkcheck site/`` prints one
``path:line: message`` per problem.
"""

from __future__ import annotations

import posixpath
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from build_tools.errors import Problem
from build_tools.site.language import language_of_path

_LINK_ATTRIBUTES = {
    "a": "href",
    "link": "href",
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "use": "href",  # an icon drawn in assets/images/icons.svg (build_tools/site/icons.py)
}
# Pages whose links are relative to wherever the server shows them, not to their own path.
_SKIP_PAGES = ("404.html",)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str, bool]] = []  # line, url, declares hreflang

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for key in ("id", "name"):
            if a.get(key) and (key == "id" or tag == "a"):
                self.ids.add(a[key] or "")
        attr = _LINK_ATTRIBUTES.get(tag)
        if attr and a.get(attr) is not None:
            self.links.append((self.getpos()[0], a[attr] or "", "hreflang" in a))


def _language(path: str) -> str:
    return language_of_path(path)[0].code


def _target(site: Path, path: str) -> str | None:
    """The site file a URL path (relative to the site root) is served from, or None."""
    if path in ("", ".") or path.endswith("/"):
        candidate = posixpath.join(path, "index.html") if path not in ("", ".") else "index.html"
    else:
        candidate = path
    if (site / candidate).is_file():
        return candidate
    if (site / candidate / "index.html").is_file():
        return posixpath.join(candidate, "index.html")
    return None


def check_site(site_dir: str | Path) -> list[Problem]:
    """Every broken internal link or anchor, and every link into another language, in ``site_dir``."""
    site = Path(site_dir)
    pages: dict[str, _Page] = {}
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        parser = _Page()
        parser.feed(file.read_text(encoding="utf-8"))
        parser.close()
        pages[rel] = parser
    problems: list[Problem] = []
    for rel, page in pages.items():
        if rel in _SKIP_PAGES or rel.endswith(tuple(f"/{p}" for p in _SKIP_PAGES)):
            continue
        shown = (site / rel).as_posix()
        for line, url, has_hreflang in page.links:
            message = _check_link(site, pages, rel, url, has_hreflang)
            if message:
                problems.append(Problem(shown, line, message))
    return problems


def _check_link(site: Path, pages: dict[str, _Page], rel: str, url: str, has_hreflang: bool) -> str | None:
    """What is wrong with link ``url`` on page ``rel``, or None."""
    parts = urlsplit(url)
    if parts.scheme or url.startswith("//") or not url:
        return None  # external, or Material's empty placeholders
    target = rel
    if parts.path:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(parts.path)))
        if joined.startswith("../") or joined == "..":
            return f"link {url!r} leads outside the site"
        joined = "" if joined == "." else joined
        if parts.path.endswith("/") and joined:
            joined += "/"
        found = _target(site, joined)
        if found is None:
            return f"broken link {url!r}: no page at /{joined}"
        target = found
    if not has_hreflang and _language(target) != _language(rel):
        return f"link {url!r} leaves the page's language (to /{target})"
    fragment = unquote(parts.fragment)
    if (
        fragment
        and target.endswith(".html")
        and fragment not in (pages[target].ids if target in pages else ())
    ):
        return f"broken anchor {url!r}: no id {fragment!r} on /{target}"
    return None


def main(argv: list[str] | None = None) -> int:
    """Check the site folders given (default: site/); print problems; exit 1 if any."""
    args = (argv if argv is not None else sys.argv[1:]) or ["site"]
    problems = [p for folder in args for p in check_site(folder)]
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
