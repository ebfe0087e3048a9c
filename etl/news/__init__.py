"""News intake: cleaned article text -> draft records for staff review.

Stages, one module each: ``clean`` (page chrome and noise out), ``extract`` (fields with their
evidence), ``evaluate`` (the scorer behind ``python -m etl news-eval``).
"""

from etl.news.extract import (
    TEMPLATE_FIELDS,
    Draft,
    Extracted,
    NewsResult,
    drafts_to_csv,
    extract,
    find_event_date,
    find_figures,
    html_to_text,
)

__all__ = [
    "TEMPLATE_FIELDS",
    "Draft",
    "Extracted",
    "NewsResult",
    "drafts_to_csv",
    "extract",
    "find_event_date",
    "find_figures",
    "html_to_text",
]
