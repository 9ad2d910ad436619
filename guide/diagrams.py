"""Diagrams drawn at build time as inline SVG: a layered layout of a small directed graph.

Nodes sit in layers (by longest path from a starting node); edges run from one layer to the next.
Each diagram carries a title and description for assistive technology; the page lists the same
relations as text.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

NODE_WIDTH, NODE_HEIGHT, GAP_ALONG, GAP_ACROSS, CHARS_PER_LINE = 160, 62, 50, 14, 20


@dataclass(frozen=True)
class Node:
    key: str
    label: str
    href: str


@dataclass(frozen=True)
class Edge:
    start: str   # drawn first (left, or top)
    end: str


def _layers(nodes: list[Node], edges: list[Edge]) -> dict[str, int]:
    """Longest-path layering; edges that would close a cycle are ignored."""
    children: dict[str, list[str]] = {node.key: [] for node in nodes}
    for edge in edges:
        children[edge.start].append(edge.end)
    layer = {node.key: 0 for node in nodes}
    order: list[str] = []
    state: dict[str, int] = {}

    def visit(key: str) -> None:  # depth-first topological order, cycle-safe
        state[key] = 1
        for child in children[key]:
            if state.get(child) is None:
                visit(child)
        state[key] = 2
        order.append(key)

    for node in nodes:
        if node.key not in state:
            visit(node.key)
    position = {key: index for index, key in enumerate(reversed(order))}
    for key in reversed(order):
        for child in children[key]:
            if position[child] > position[key]:
                layer[child] = max(layer[child], layer[key] + 1)
    return layer


def _wrap(label: str) -> list[str]:
    lines, line = [], ""
    for word in label.split():
        if line and len(line) + 1 + len(word) > CHARS_PER_LINE:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    if len(lines) > 3:
        lines = [*lines[:2], (" ".join(lines[2:]))[: CHARS_PER_LINE - 1] + "…"]
    return lines


def svg(nodes: list[Node], edges: list[Edge], title: str, description: str, identifier: str,
        horizontal: bool) -> str:
    """An SVG diagram: horizontal puts layers left to right, otherwise top to bottom."""
    layer = _layers(nodes, edges)
    by_layer: dict[int, list[Node]] = {}
    for node in nodes:
        by_layer.setdefault(layer[node.key], []).append(node)
    place: dict[str, tuple[float, float]] = {}
    along_step = (NODE_WIDTH if horizontal else NODE_HEIGHT) + GAP_ALONG
    across_step = (NODE_HEIGHT if horizontal else NODE_WIDTH) + GAP_ACROSS
    widest = max(len(members) for members in by_layer.values())
    for index, members in sorted(by_layer.items()):
        offset = (widest - len(members)) * across_step / 2
        for rank, node in enumerate(members):
            along, across = index * along_step, offset + rank * across_step
            place[node.key] = (along, across) if horizontal else (across, along)
    width = max(x for x, _ in place.values()) + NODE_WIDTH + 2
    height = max(y for _, y in place.values()) + NODE_HEIGHT + 2
    esc = html.escape
    parts = [f'<svg class="guide-diagram" role="group" aria-labelledby="{identifier}-title {identifier}-desc" '
             f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
             f'xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{identifier}-title">{esc(title)}</title>',
             f'<desc id="{identifier}-desc">{esc(description)}</desc>',
             '<defs><marker id="' + identifier + '-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
             'markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z"/></marker></defs>']
    for edge in edges:
        (x1, y1), (x2, y2) = place[edge.start], place[edge.end]
        if horizontal:
            start, end = (x1 + NODE_WIDTH, y1 + NODE_HEIGHT / 2), (x2, y2 + NODE_HEIGHT / 2)
        else:
            start, end = (x1 + NODE_WIDTH / 2, y1 + NODE_HEIGHT), (x2 + NODE_WIDTH / 2, y2)
        parts.append(f'<line x1="{start[0]:.0f}" y1="{start[1]:.0f}" x2="{end[0]:.0f}" y2="{end[1]:.0f}" '
                     f'marker-end="url(#{identifier}-arrow)"/>')
    for node in nodes:
        x, y = place[node.key]
        lines = _wrap(node.label)
        first_y = y + NODE_HEIGHT / 2 - (len(lines) - 1) * 8 + 5
        text = "".join(f'<tspan x="{x + NODE_WIDTH / 2:.0f}" y="{first_y + i * 16:.0f}">{esc(line)}</tspan>'
                       for i, line in enumerate(lines))
        parts.append(f'<a href="{esc(node.href)}"><rect x="{x:.0f}" y="{y:.0f}" width="{NODE_WIDTH}" '
                     f'height="{NODE_HEIGHT}" rx="6"/><text text-anchor="middle">{text}</text></a>')
    parts.append("</svg>")
    return "".join(parts)
