"""Learning records for display and files: the CPD summary's CSV rows (the page and the PDF show
the same `CpdSummary`)."""

from lksworkforce.learning.cpd_hours import CpdSummary

CPD_CSV_COLUMNS = ("year", "section", "label", "hours", "minutes", "records", "expected_hours")


def cpd_csv_rows(summary: CpdSummary) -> list[dict[str, object]]:
    base = {"year": summary.year, "expected_hours": summary.expected_hours}
    rows: list[dict[str, object]] = [
        base | {"section": "total", "label": "All learning", "hours": summary.hours, "minutes": summary.minutes,
                "records": summary.records},
    ]  # fmt: skip
    for section, items in (("sub_area", summary.by_sub_area), ("month", summary.by_month)):
        rows.extend(
            base | {"section": section, "label": r.label, "hours": r.hours, "minutes": r.minutes, "records": r.records}
            for r in items
        )
    return rows
