"""Diagrams drawn at build time as inline SVG. grandalf (a Sugiyama layered layout) places the boxes in
layers and routes every edge through the layers it crosses, so no edge runs through a box. Each edge type
has its own style and a label; an edge its article criticises is dashed and labelled so. Each diagram
carries a title and description for assistive technology; the page lists the same relations as text."""
from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from grandalf.graphs import Edge as LayoutEdge
from grandalf.graphs import Graph as LayoutGraph
from grandalf.graphs import Vertex
from grandalf.layouts import SugiyamaLayout
from grandalf.routing import route_with_lines

NODE_WIDTH, NODE_HEIGHT, GAP_ALONG, GAP_ACROSS, CHARS_PER_LINE = 150, 54, 64, 24, 19
GAP_ALONG_HORIZONTAL = 96  # room for an edge's label between the columns
LANE_GAP, LANE_LABEL, AXIS = 28, 22, 34


@dataclass(frozen=True)
class Node:
    key: str
    label: str
    href: str


@dataclass(frozen=True)
class Edge:
    start: str        # the layer drawn first (top, or left)
    end: str
    kind: str = ""    # a CSS class and the edge's legend entry, e.g. "reports_to"
    label: str = ""   # shown on the edge
    pointing_back: bool = False  # the arrow points at `start` (e.g. "reports to" drawn from the superior down)
    criticised: bool = False


@dataclass(frozen=True)
class Lane:
    """A band of the diagram with its own boxes and edges (e.g. concepts above, roles below)."""

    label: str
    nodes: list[Node]
    edges: list[Edge]


class _Box:
    def __init__(self, width: float, height: float):
        self.w, self.h = width, height
        self.xy = (0.0, 0.0)


class _Path:
    def __init__(self) -> None:
        self.points: list[tuple[float, float]] = []

    def setpath(self, points: Iterable[Iterable[float]]) -> None:  # called by grandalf's edge router
        self.points = [(x, y) for x, y in points]


Points = list[tuple[float, float]]


def _layout(nodes: list[Node], edges: list[Edge], horizontal: bool) -> tuple[dict[str, tuple[float, float]],
                                                                              dict[int, Points]]:
    """Box centres and edge paths; layers run top to bottom, or left to right when horizontal."""
    vertices = {node.key: Vertex(node.key) for node in nodes}
    for vertex in vertices.values():
        vertex.view = _Box(NODE_HEIGHT if horizontal else NODE_WIDTH, NODE_WIDTH if horizontal else NODE_HEIGHT)
    layout_edges = []
    for edge in edges:
        layout_edge = LayoutEdge(vertices[edge.start], vertices[edge.end])
        layout_edge.view = _Path()
        layout_edges.append((edge, layout_edge))
    graph = LayoutGraph(list(vertices.values()), [e for _, e in layout_edges])
    offset = 0.0
    centres: dict[str, tuple[float, float]] = {}
    for component in graph.C:  # unconnected parts side by side
        sugiyama = SugiyamaLayout(component)
        sugiyama.xspace, sugiyama.yspace = GAP_ACROSS, GAP_ALONG_HORIZONTAL if horizontal else GAP_ALONG
        sugiyama.init_all()
        sugiyama.route_edge = route_with_lines
        sugiyama.draw(4)
        left = min(v.view.xy[0] - v.view.w / 2 for v in component.sV)
        shift = offset - left
        for vertex in component.sV:
            centres[vertex.data] = (vertex.view.xy[0] + shift, vertex.view.xy[1])
        for edge in component.sE:
            edge.view.points = [(x + shift, y) for x, y in edge.view.points]
        offset = max(centres[v.data][0] + v.view.w / 2 for v in component.sV) + GAP_ACROSS * 2
    paths: dict[int, Points] = {id(edge): layout_edge.view.points for edge, layout_edge in layout_edges}
    if horizontal:  # laid out top-down with the boxes turned: turn it all a quarter
        centres = {key: (y, x) for key, (x, y) in centres.items()}
        paths = {key: [(y, x) for x, y in points] for key, points in paths.items()}
    return centres, paths


def svg(lanes: list[Lane], title: str, description: str, identifier: str, horizontal: bool,
        axis: str = "") -> str:
    """An SVG diagram of one or more lanes stacked top to bottom; axis labels the layers' direction."""
    esc = html.escape
    parts: list[str] = []
    top = AXIS if axis else 0.0
    width = 0.0
    for lane in lanes:
        if not lane.nodes:
            continue
        centres, paths = _layout(lane.nodes, lane.edges, horizontal)
        min_y = min(y for _, y in centres.values()) - NODE_HEIGHT / 2
        min_x = min(x for x, _ in centres.values()) - NODE_WIDTH / 2
        label_height = LANE_LABEL if lane.label else 0.0
        dx, dy = 2 - min_x, top + label_height - min_y
        if lane.label:
            parts.append(f'<text class="lane" x="2" y="{top + 15:.0f}">{esc(lane.label)}</text>')
        for edge in lane.edges:
            points = [(x + dx, y + dy) for x, y in paths[id(edge)]]
            if edge.pointing_back:
                points.reverse()
            classes = " ".join(c for c in (edge.kind, "criticised" if edge.criticised else "") if c)
            path = " ".join(f"{x:.0f},{y:.0f}" for x, y in points)
            parts.append(f'<polyline class="{esc(classes)}" points="{path}" marker-end="url(#{identifier}-arrow)"/>')
            if edge.label:  # beside the middle segment: above it when it runs sideways, right of it otherwise
                (x1, y1), (x2, y2) = points[len(points) // 2 - 1], points[len(points) // 2]
                x, y = (x1 + x2) / 2, (y1 + y2) / 2
                position = (f'x="{x:.0f}" y="{y - 6:.0f}" text-anchor="middle"' if horizontal
                            else f'x="{x + 5:.0f}" y="{y + 4:.0f}"')
                parts.append(f'<text class="edge-label" {position}>{esc(edge.label)}</text>')
        for node in lane.nodes:
            x, y = centres[node.key]
            x, y = x + dx - NODE_WIDTH / 2, y + dy - NODE_HEIGHT / 2
            lines = _wrap(node.label)
            first_y = y + NODE_HEIGHT / 2 - (len(lines) - 1) * 8 + 5
            text = "".join(f'<tspan x="{x + NODE_WIDTH / 2:.0f}" y="{first_y + i * 16:.0f}">{esc(line)}</tspan>'
                           for i, line in enumerate(lines))
            parts.append(f'<a href="{esc(node.href)}"><rect x="{x:.0f}" y="{y:.0f}" width="{NODE_WIDTH}" '
                         f'height="{NODE_HEIGHT}" rx="6"/><text text-anchor="middle">{text}</text></a>')
        bottom = max(y for _, y in centres.values()) + dy + NODE_HEIGHT / 2
        width = max(width, max(x for x, _ in centres.values()) + dx + NODE_WIDTH / 2 + 2)
        top = bottom + LANE_GAP
    height = top - LANE_GAP + 2
    if axis:
        parts.insert(0, f'<line class="axis" x1="2" y1="6" x2="{width - 4:.0f}" y2="6" '
                        f'marker-end="url(#{identifier}-arrow)"/><text class="lane" x="2" y="22">{esc(axis)}</text>')
    head = (f'<svg class="guide-diagram" role="group" aria-labelledby="{identifier}-title {identifier}-desc" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
            f'xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{identifier}-title">{esc(title)}</title><desc id="{identifier}-desc">{esc(description)}</desc>'
            f'<defs><marker id="{identifier}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
            'markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z"/></marker></defs>')
    return head + "".join(parts) + "</svg>"


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
