"""The site: URLs, which page exists in which locale (the plan), page parts, head, sitemap,
reader feeds, share cards, and merging sharded builds."""
