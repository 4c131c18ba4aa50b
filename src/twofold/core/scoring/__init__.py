"""Scoring: responses in, scale scores, composites and profiles out."""

from twofold.core.scoring.impute import IMPUTATIONS, impute
from twofold.core.scoring.key import ScoringKey
from twofold.core.scoring.profile import REGIONS, Placements
from twofold.core.scoring.scores import DEFAULT_MIN_ANSWERED, Scores, check_range, score

__all__ = [
    "DEFAULT_MIN_ANSWERED",
    "IMPUTATIONS",
    "REGIONS",
    "Placements",
    "Scores",
    "ScoringKey",
    "check_range",
    "impute",
    "score",
]
