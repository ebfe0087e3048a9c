"""Downloadable upload templates (CSV and XLSX, Indonesian or English headers) with a column guide."""

from __future__ import annotations

import io

import pandas as pd

from etl.schemas import COLUMNS, Kind

ACTIVITY_EXAMPLE = {"date": "21/6/2023", "regency": "Kab. Tanah Bumbu", "province": "Kalimantan Selatan"}


def template_frame(kind: Kind, lang: str = "id") -> pd.DataFrame:
    """Header (in ``lang``) and one example row."""
    specs = [s for s in COLUMNS[kind] if s.template]
    header = [s.name_id if lang == "id" else s.name for s in specs]
    return pd.DataFrame([[s.example for s in specs]], columns=header)


def guide_frame(kind: Kind, lang: str = "id") -> pd.DataFrame:
    """One row per column: both names, required or not, what to write, example."""
    rows = []
    for spec in (s for s in COLUMNS[kind] if s.template):
        rows.append(
            {
                ("kolom" if lang == "id" else "column"): spec.name_id if lang == "id" else spec.name,
                ("nama lain" if lang == "id" else "also accepted"): spec.name if lang == "id" else spec.name_id,
                ("wajib" if lang == "id" else "required"): ("ya" if lang == "id" else "yes") if spec.required else "",
                ("petunjuk" if lang == "id" else "guide"): spec.guide_id if lang == "id" else spec.guide_en,
                ("contoh" if lang == "id" else "example"): spec.example,
            }
        )
    return pd.DataFrame(rows)


def template_csv(kind: Kind, lang: str = "id") -> bytes:
    """CSV template; the Indonesian one uses ';' as Excel does in Indonesian locales."""
    return template_frame(kind, lang).to_csv(index=False, sep=";" if lang == "id" else ",").encode("utf-8-sig")


def template_xlsx(kind: Kind, lang: str = "id") -> bytes:
    """XLSX template: the data sheet first (the one uploads read), then the guide."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        template_frame(kind, lang).to_excel(writer, index=False, sheet_name="data")
        guide_frame(kind, lang).to_excel(writer, index=False, sheet_name="petunjuk" if lang == "id" else "guide")
    return buffer.getvalue()
