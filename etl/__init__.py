"""Pantau TPPO data layer: no Streamlit here. Config, gazetteer, readers, validation, store, CLI."""
