"""What each language's site publishes besides its pages: feeds, sitemap, head meta, the 404 page."""
