"""Where a respondent stands on the leadership × management plane, and how sure that is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from twofold.core.instrument import Instrument, ProfileAxes
from twofold.core.scoring.exact import on_grid

if TYPE_CHECKING:
    from twofold.core.scoring.key import BoolArray, FloatArray, ScoringKey

Z95 = 1.959963984540054
REGIONS = ("integrator", "visionary", "steward", "emerging")


@dataclass(frozen=True, eq=False)
class Placements:
    """Where ``n`` respondents stand on the leadership × management plane.

    Attributes
    ----------
    leadership, management
        ``(n,)`` the two composite scores.
    leadership_sem, management_sem
        Standard errors of measurement of the composites.
    cut_leadership, cut_management
        Scores that separate higher from lower on each axis.
    lean, lean_lower, lean_upper
        ``(n,)`` L − M and its 95% interval.
    region
        ``(n,)`` one of :data:`REGIONS`, or "" where a composite has no score.
    balanced
        ``(n,)`` True where the lean's interval includes 0.
    near_border
        ``(n,)`` True where either composite's 95% interval includes its cut.
    """

    leadership: FloatArray
    management: FloatArray
    leadership_sem: float
    management_sem: float
    cut_leadership: float
    cut_management: float
    lean: FloatArray
    lean_lower: FloatArray
    lean_upper: FloatArray
    region: npt.NDArray[np.str_]
    balanced: BoolArray
    near_border: BoolArray

    @property
    def lean_se(self) -> float:
        return float(np.hypot(self.leadership_sem, self.management_sem))

    def direction(self, index: int) -> str | None:
        """'leadership', 'management' or 'balanced'; None without a lean."""
        if np.isnan(self.lean[index]):
            return None
        if self.balanced[index]:
            return "balanced"
        return "leadership" if self.lean[index] > 0 else "management"

    def respondent(self, index: int) -> dict[str, Any]:
        if not self.region[index]:
            return {"region": None, "lean": None, "direction": None}
        half_l = Z95 * self.leadership_sem
        half_m = Z95 * self.management_sem
        lead, man = float(self.leadership[index]), float(self.management[index])
        return {
            "region": str(self.region[index]),
            "near_border": bool(self.near_border[index]),
            "leadership": {"score": lead, "lower": lead - half_l, "upper": lead + half_l},
            "management": {"score": man, "lower": man - half_m, "upper": man + half_m},
            "cuts": {"leadership": self.cut_leadership, "management": self.cut_management},
            "lean": {
                "value": float(self.lean[index]),
                "lower": float(self.lean_lower[index]),
                "upper": float(self.lean_upper[index]),
            },
            "direction": self.direction(index),
        }


def classify(
    instrument: Instrument,
    profile: ProfileAxes,
    key: ScoringKey,
    composites: FloatArray,
    grid: int | None = None,
) -> Placements:
    """Place each respondent on the plane.

    Notes
    -----
    The lean :math:`d = L - M` has standard error
    :math:`SE_d = \\sqrt{SEM_L^2 + SEM_M^2}` (measurement errors of the two
    composites taken as independent), and the 95% interval is
    :math:`d \\pm 1.96\\,SE_d`. The lean is *balanced* when that interval
    includes 0. A respondent is *near the border* when
    :math:`|L - c_L| \\le 1.96\\,SEM_L` or :math:`|M - c_M| \\le 1.96\\,SEM_M`.
    A score exactly at a cut counts as higher.

    ``grid``, when given, is a whole number *g* such that every composite is a
    multiple of :math:`1/g` (see :func:`twofold.core.scoring.scores.score`); the
    lean is then a multiple of :math:`1/g` too, and is computed exactly.
    """
    lead_c = instrument.composite(profile.leadership)
    man_c = instrument.composite(profile.management)
    sem_l, sem_m = float(lead_c.sem or 0.0), float(man_c.sem or 0.0)
    cut_l, cut_m = instrument.cut(lead_c), instrument.cut(man_c)
    lead = composites[:, key.composite_ids.index(lead_c.id)]
    man = composites[:, key.composite_ids.index(man_c.id)]
    lean = lead - man if grid is None else on_grid(lead - man, grid)
    half = Z95 * float(np.hypot(sem_l, sem_m))
    high_l, high_m = lead >= cut_l, man >= cut_m
    region = np.select(
        [high_l & high_m, high_l, high_m],
        ["integrator", "visionary", "steward"],
        default="emerging",
    )
    region[np.isnan(lead) | np.isnan(man)] = ""
    with np.errstate(invalid="ignore"):
        near = (np.abs(lead - cut_l) <= Z95 * sem_l) | (np.abs(man - cut_m) <= Z95 * sem_m)
    lower, upper = lean - half, lean + half
    return Placements(
        leadership=lead,
        management=man,
        leadership_sem=sem_l,
        management_sem=sem_m,
        cut_leadership=cut_l,
        cut_management=cut_m,
        lean=lean,
        lean_lower=lower,
        lean_upper=upper,
        region=region,
        balanced=(lower <= 0) & (upper >= 0),
        near_border=near,
    )
