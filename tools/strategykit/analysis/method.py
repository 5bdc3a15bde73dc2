"""The numbers the follow-up method is defined by, in a module of their own.

The follow-up (``followup``), the method texts (``present``) and the rules that warn about a target the
method would judge oddly (``rules.values``) all read them here; a rule reads them without loading the
whole follow-up on the check path.
"""

ON_TRACK_RATIO = 0.95
"""R at or above this is on track (Statistics Canada / Open SDG)."""

ACCELERATION_RATIO = 0.60
"""R at or above this (and below ON_TRACK_RATIO) is progress that needs to accelerate."""

MAINTAIN_TOLERANCE = 0.02
"""A maintain target is kept while the value lies within this share of the target value."""
