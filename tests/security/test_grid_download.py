"""Streamlit's own table download (no formula guard) is switched off by the app's configuration."""

from __future__ import annotations

import tomllib

from streamlit import config as st_config

from tests.conftest import ROOT


def test_built_in_table_download_is_disabled():
    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings["client"]["disableDataExport"] is True
    # the option exists in the installed Streamlit (a renamed option would be silently ignored)
    assert "client.disableDataExport" in st_config._config_options_template
