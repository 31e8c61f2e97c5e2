"""Renders an ExportDoc to one self-contained HTML page: inline CSS, charts as data: URIs, no scripts, no
external requests, readable on a phone."""

from __future__ import annotations

import base64

from zongjie.export.document import ExportDoc, Figure, MetricTable
from zongjie.export.markdown import Block

_TEMPLATE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="zongjie">
<title>{{ doc.title }}</title>
<style>
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: #f4f4f2; color: #1a1a1a;
  font-family: "FangSong", "STFangsong", "仿宋", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif;
  font-size: 18px; line-height: 1.8; }
main { max-width: 42em; margin: 0 auto; padding: 1.5em 1.2em 3em; background: #fff; }
h1 { font-family: "STZhongsong", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif;
  font-size: 1.45em; text-align: center; line-height: 1.5; margin: 0.8em 0 1.2em; }
h2 { font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif;
  font-size: 1.1em; font-weight: normal; margin: 1.4em 0 0.4em; }
h3 { font-family: "KaiTi", "STKaiti", "楷体", serif; font-size: 1.05em; font-weight: normal; margin: 1em 0 0.3em; }
h4 { font-size: 1em; font-weight: bold; margin: 0.8em 0 0.2em; }
p { margin: 0 0 0.6em; text-indent: 2em; text-align: justify; }
figure { margin: 1em 0; text-align: center; }
figure img { max-width: 100%; height: auto; }
figcaption, .caption { font-size: 0.85em; color: #444; text-align: center; text-indent: 0; margin: 0.3em 0; }
.table-wrap { overflow-x: auto; margin: 0.8em 0 1em; }
table { border-collapse: collapse; width: 100%; font-size: 0.8em; line-height: 1.5; }
th, td { border: 1px solid #999; padding: 0.3em 0.5em; text-align: center; }
th { background: #f0f0ee; font-weight: normal; font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; }
td.name, td.change { text-align: left; }
.signoff { text-align: right; text-indent: 0; margin: 0; padding-right: 2em; }
.signoff:first-of-type { margin-top: 2em; }
@media (max-width: 480px) { body { font-size: 17px; } main { padding: 1em 0.9em 2em; } }
@media print { body { background: #fff; } main { max-width: none; } }
</style>
</head>
<body>
<main>
<h1>{{ doc.title }}</h1>
{% for item in items -%}
{% if item.kind == "heading" -%}
<h{{ item.level }}>{{ item.html }}</h{{ item.level }}>
{% elif item.kind == "para" -%}
<p>{{ item.html }}</p>
{% elif item.kind == "table" -%}
<div class="table-wrap">
<p class="caption">{{ item.caption }}</p>
<table>
<thead><tr>{% for h in item.header %}<th scope="col">{{ h }}</th>{% endfor %}</tr></thead>
<tbody>
{% for row in item.rows -%}
<tr>{% for value in row %}<td{% if loop.index0 == 0 %} class="name"{% elif loop.index0 == 3 %} class="change"{% endif %}>{{ value }}</td>{% endfor %}</tr>
{% endfor -%}
</tbody>
</table>
</div>
{% elif item.kind == "figure" -%}
<figure>
{% for data in item.data %}<img src="data:image/png;base64,{{ data }}" alt="{{ item.caption }}">{% endfor %}
<figcaption>{{ item.caption }}</figcaption>
</figure>
{% endif -%}
{% endfor -%}
{% for line in doc.signoff -%}
<p class="signoff">{{ line }}</p>
{% endfor -%}
</main>
</body>
</html>
"""


def _runs_html(block: Block) -> str:
    from markupsafe import escape

    return "".join(
        f"<strong>{escape(r.text)}</strong>" if r.bold else str(escape(r.text)) for r in block.runs
    )


def _items(doc: ExportDoc) -> list[dict[str, object]]:
    from markupsafe import Markup

    out: list[dict[str, object]] = []
    for item in doc.items:
        if isinstance(item, Block):
            level = min(item.level, 4) if item.kind == "heading" else 0
            out.append({"kind": item.kind, "level": level, "html": Markup(_runs_html(item))})
        elif isinstance(item, MetricTable):
            out.append({"kind": "table", "caption": item.caption, "header": item.header, "rows": item.rows})
        elif isinstance(item, Figure):
            data = [base64.b64encode(png).decode("ascii") for png, _ in item.rows]
            out.append({"kind": "figure", "caption": item.caption, "data": data})
    return out


def render_html(doc: ExportDoc) -> str:
    from jinja2 import Environment, StrictUndefined

    env = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=False)
    return env.from_string(_TEMPLATE).render(doc=doc, items=_items(doc))
