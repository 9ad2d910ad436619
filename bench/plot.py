"""A small SVG line plot (no plotting library needed): y against x on a log x axis."""
from __future__ import annotations

import math
from html import escape


def svg_plot(series: dict[str, list[tuple[float, float]]], title: str, x_label: str, y_label: str,
             width: int = 640, height: int = 360) -> str:
    colours = ["#3949ab", "#d81b60", "#00897b", "#f57c00"]
    left, right, top, bottom = 70, 20, 40, 50
    points = [p for values in series.values() for p in values]
    xs = [math.log10(x) for x, _ in points]
    x_min, x_max = math.floor(min(xs)), math.ceil(max(xs))
    if x_max == x_min:
        x_max += 1
    y_max = max(y for _, y in points) * 1.1 or 1

    def px(x: float) -> float:
        return left + (math.log10(x) - x_min) / (x_max - x_min) * (width - left - right)

    def py(y: float) -> float:
        return height - bottom - y / y_max * (height - top - bottom)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           'font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{width / 2}" y="20" text-anchor="middle" font-size="14">{escape(title)}</text>',
           f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" stroke="black"/>',
           f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="black"/>',
           f'<text x="{(left + width - right) / 2}" y="{height - 12}" text-anchor="middle">{escape(x_label)}</text>',
           f'<text x="16" y="{(top + height - bottom) / 2}" text-anchor="middle" '
           f'transform="rotate(-90 16 {(top + height - bottom) / 2})">{escape(y_label)}</text>']
    for decade in range(x_min, x_max + 1):
        x = px(10 ** decade)
        out.append(f'<line x1="{x}" y1="{height - bottom}" x2="{x}" y2="{height - bottom + 5}" stroke="black"/>')
        out.append(f'<text x="{x}" y="{height - bottom + 18}" text-anchor="middle">{10 ** decade:,}</text>')
    for i in range(6):
        y = y_max * i / 5
        out.append(f'<line x1="{left - 5}" y1="{py(y)}" x2="{width - right}" y2="{py(y)}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 8}" y="{py(y) + 4}" text-anchor="end">{y:.3g}</text>')
    for index, (name, values) in enumerate(series.items()):
        colour = colours[index % len(colours)]
        values = sorted(values)
        path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in values)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for x, y in values:
            out.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="4" fill="{colour}"><title>{escape(name)}: '
                       f'{x:,} -> {y:.4g}</title></circle>')
        out.append(f'<rect x="{left + 15}" y="{top + 5 + 18 * index}" width="12" height="12" fill="{colour}"/>')
        out.append(f'<text x="{left + 32}" y="{top + 15 + 18 * index}">{escape(name)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
