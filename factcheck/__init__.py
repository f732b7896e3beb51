"""factcheck: news articles to a curated dataset of dated events, quotes and claims."""

__version__ = "0.1.0"
