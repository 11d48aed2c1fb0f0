"""wirecheck: what news outlets agree on, where they contradict each other, and who copied whom.

Python API::

    import wirecheck
    report = wirecheck.analyze(["articles/"])
    wirecheck.write_json(report, "report.json")
"""

from wirecheck.model import Report
from wirecheck.pipeline import analyze, analyze_documents
from wirecheck.report.json import report_to_dict, write_json

__all__ = ["Report", "analyze", "analyze_documents", "report_to_dict", "write_json"]
__version__ = "0.1.0"
