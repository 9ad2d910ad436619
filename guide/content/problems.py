"""Content problems: what is wrong, where, and how to fix it."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, located at a 1-based line and column of a file."""

    path: str
    line: int
    col: int
    message: str

    def format(self, with_col: bool = False) -> str:
        where = f"{self.path}:{self.line}:{self.col}" if with_col else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class ContentProblems(Exception):
    """Raised when content cannot be used; carries every problem found, sorted by file and line."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self, with_col: bool = False) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"The content has {count} {noun}; nothing was built:"]
        lines += [problem.format(with_col) for problem in self.problems]
        return "\n".join(lines)
