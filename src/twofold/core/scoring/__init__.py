"""Scoring: responses in, scale scores, composites and profiles out."""

from twofold.core.scoring.key import ScoringKey
from twofold.core.scoring.profile import REGIONS, Profiles
from twofold.core.scoring.scores import DEFAULT_MIN_ANSWERED, Scores, check_range, score

__all__ = [
    "DEFAULT_MIN_ANSWERED",
    "REGIONS",
    "Profiles",
    "Scores",
    "ScoringKey",
    "check_range",
    "score",
]
