"""strategykit: a regional development strategy as validated YAML and Markdown.

Data flows one way: ``load`` (files with positions) → ``model`` (typed objects)
→ ``rules`` (diagnostics) → renderers (web, PDF, diff, follow-up report).
"""

__version__ = "0.1.0"
