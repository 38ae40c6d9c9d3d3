"""The survey's charts: Vega-Lite specs rendered to SVG on the server (core.charts), each shown with
the table of the same figures beside it."""

from typing import Any

from markupsafe import Markup

from lksworkforce.core.charts import NHS_BLUE, render_svg

NHS_TEXT = "#212b32"


def needs_chart(values: list[dict[str, Any]], *, description: str) -> Markup:
    """Horizontal bars of the percentage choosing each need, best first, with the 95% interval as a
    line through each bar. `values`: option, percent, ci_low, ci_high (numbers, in percent)."""
    y = {"field": "option", "type": "nominal", "sort": None, "title": None, "axis": {"labelLimit": 320}}
    return render_svg(
        {
            "description": description,
            "width": 380,
            "data": {"values": values},
            "layer": [
                {
                    "mark": {"type": "bar", "color": NHS_BLUE},
                    "encoding": {
                        "y": y,
                        "x": {
                            "field": "percent",
                            "type": "quantitative",
                            "title": "% of those who answered (line: 95% interval)",
                            "scale": {"domain": [0, 100]},
                        },
                    },
                },
                {
                    "mark": {"type": "rule", "color": NHS_TEXT, "strokeWidth": 1.5},
                    "encoding": {"y": y, "x": {"field": "ci_low", "type": "quantitative"}, "x2": {"field": "ci_high"}},
                },
            ],
        }
    )
