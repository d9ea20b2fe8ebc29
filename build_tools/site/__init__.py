"""The published site: briefings and taxonomy in, one MkDocs Material project per language out.

Stages, in the order a build runs them:

    collect.py    read and validate briefings and taxonomy (cached across rebuilds)
    relations.py  the language-independent indexes: order in time, neighbours, related briefings, postings
    language.py   the three site languages: text in each script, interface strings
    render.py     one briefing -> the HTML of its page in one language
    indexes.py    home, topic, entity, archive and glossary pages from the full set
    editions.py   the weekly editions: briefings by ISO week, numbered from the ledger, in order
    edition_pages.py  edition pages, the editions index and the home page's link to the latest
    pages.py      every generated page of one language: MkDocs pages that skip Python-Markdown
    cache.py      rendered pages, signed, by content hash (~/.cache/ai-briefing/)
    search_index.py  one Pagefind full-text index per language from the corpus and the built pages
    search_words.py  the Traditional site's Chinese segmented into words for its index (jieba)
    projects.py   the other languages' MkDocs projects, built in worker processes
    serve.py      mkdocs serve: an edited briefing rebuilds only the pages that show it
    swap.py       mkdocs build writes beside site/ and swaps it in when every language succeeded
    publish/      feeds, sitemaps, head meta and the 404 page's strings; the editions feeds and email
    config.py     the plugin's options (mkdocs.yml: plugins: ai-briefing: language)
    plugin.py     the MkDocs plugin whose events tie the stages to a build, in the order they run
    linkcheck.py  broken internal links and anchors in a built site
"""
