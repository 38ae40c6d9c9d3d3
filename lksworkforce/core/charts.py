"""Charts: Vega-Lite specs as plain dicts, rendered to SVG on the server. The same SVG goes into
pages and PDFs, and every chart is shown with its data table beside it."""

import json
import re
from functools import lru_cache
from typing import Any

import vl_convert as vlc
from markupsafe import Markup

NHS_BLUE = "#005eb8"
# Vega labels marks and axes itself (role="graphics-symbol", aria-roledescription, aria-label);
# inside our single labelled image those parts would be announced without proper names.
_INNER_ARIA = re.compile(r'\s(?:role|aria-roledescription|aria-label)="[^"]*"')
NHS_FONT = "Arial"


def render_svg(spec: dict[str, Any]) -> Markup:
    """SVG markup for a Vega-Lite spec. Marked safe: vl-convert escapes the text it draws.
    Rendering takes tens of milliseconds and depends only on the spec, so it is memoised."""
    return _render_svg_cached(json.dumps(spec, sort_keys=True, default=str))


@lru_cache(maxsize=256)
def _render_svg_cached(spec_json: str) -> Markup:
    spec = json.loads(spec_json)
    full = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        # The chart is one image labelled as a whole, with its data table beside it: Vega's own
        # ARIA roles on marks and axes would make screen readers announce unlabelled parts.
        "config": {
            "aria": False,
            "font": NHS_FONT,
            "axis": {"labelFontSize": 12, "titleFontSize": 13},
            "view": {"stroke": None},
        },
        **spec,
    }
    svg: str = _INNER_ARIA.sub("", vlc.vegalite_to_svg(full))
    # The title is read by screen readers; the data table beside the chart carries the figures.
    title = spec.get("description", "Chart")
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{Markup.escape(title)}" ', 1)
    return Markup(svg)  # noqa: S704 - produced by vl-convert from our own spec


def bar_chart(
    *,
    values: list[dict[str, Any]],
    x: str,
    y: str,
    x_title: str,
    y_title: str,
    description: str,
    rule_at: float | None = None,
) -> Markup:
    layers: list[dict[str, Any]] = [
        {
            "mark": {"type": "bar", "color": NHS_BLUE},
            "encoding": {
                "y": {"field": y, "type": "nominal", "title": y_title, "sort": None},
                "x": {"field": x, "type": "quantitative", "title": x_title},
            },
        }
    ]
    if rule_at is not None:
        layers.append(
            {"mark": {"type": "rule", "color": "#d5281b", "strokeWidth": 2}, "encoding": {"x": {"datum": rule_at}}}
        )
    return render_svg({"description": description, "width": 560, "data": {"values": values}, "layer": layers})


def line_chart(
    *,
    values: list[dict[str, Any]],
    x: str,
    y: str,
    x_title: str,
    y_title: str,
    description: str,
    series: str | None = None,
) -> Markup:
    encoding: dict[str, Any] = {
        "x": {"field": x, "type": "ordinal", "title": x_title},
        "y": {"field": y, "type": "quantitative", "title": y_title, "scale": {"zero": False}},
    }
    if series:
        encoding["color"] = {"field": series, "type": "nominal", "title": None}
        encoding["strokeDash"] = {"field": series, "type": "nominal", "title": None}
    return render_svg(
        {
            "description": description,
            "width": 560,
            "height": 240,
            "data": {"values": values},
            "mark": {"type": "line", "point": True, "color": NHS_BLUE},
            "encoding": encoding,
        }
    )
