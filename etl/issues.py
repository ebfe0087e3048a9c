"""One problem found in an upload: where it is, what was there, why it is refused (id and en)."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass
class Issue:
    """One problem: where it is, what was there, and why it is refused."""

    row: int | None
    column: str | None
    value: str
    message_id: str
    message_en: str

    def message(self, lang: str = "id") -> str:
        return self.message_id if lang == "id" else self.message_en

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["message"] = self.message_id
        return data
