"""Report stage: timeline, brief, JSON and HTML output."""
