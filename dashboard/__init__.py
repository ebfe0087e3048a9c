"""Streamlit-aware helpers: caching, session state, i18n, formatting and layout pieces."""
