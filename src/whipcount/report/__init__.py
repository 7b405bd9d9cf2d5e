"""whipcount.report: one self-contained HTML report of a scenario."""

from whipcount.report.html import build_report

__all__ = ["build_report"]
