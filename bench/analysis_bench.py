"""Time the reliability analysis of 100,000 respondents × 48 items beside pingouin's alpha.

The 48 items are the TLMI's, grouped into its 8 domains (Direction, Alignment,
…), so there are 8 scales of 6 items; answers come from a model with one
factor per domain (factors correlated .4, loadings .55 to .8) on a 1–5 scale,
and 2% of them are missing at random. The TLMI has no reverse-keyed item.

Twofold's full analysis (every scale: alpha, standardised alpha, lambda 6,
average r, omega total, Feldt interval, person scores, and per item n, mean,
SD, r.drop and alpha if deleted; pairwise deletion; answers checked) is timed
beside ``pingouin.cronbach_alpha`` on the same data, one call per scale with its
default ``nan_policy="pairwise"``, from a DataFrame built beforehand. Runs
alternate and the best of each is kept: 15 of each, as the machine is shared
and one run takes well under a second. The script prints both times, their
ratio, the largest difference between the two alphas, and the CPU features
numpy and OpenBLAS ran with: machines of this kind differ (AVX-512 or only
AVX2), and so do the speeds of both. To see the AVX2 kind on an AVX-512
machine, run it again with
``NPY_DISABLE_CPU_FEATURES="X86_V4" OPENBLAS_CORETYPE=Haswell``.
Run: ``.venv/bin/python bench/analysis_bench.py``.
"""

from __future__ import annotations

import importlib.util
import os
import time
from collections.abc import Callable

import numpy as np
import pandas as pd
import pingouin

from twofold.content import builtin_instrument
from twofold.core.instrument import Instrument, instrument_from_keys
from twofold.core.stats.reliability import analyze_reliability

RESPONDENTS = 100_000
MISSING = 0.02
RUNS = 15
SEED = 20260316


def domains_as_scales() -> Instrument:
    """The TLMI's 48 items, one scale per domain (two practices of three items each)."""
    tlmi = builtin_instrument("tlmi")
    groups: dict[str, list[str]] = {}
    for scale in tlmi.scales:
        groups.setdefault(scale.domain or scale.id, []).extend(item.id for item in scale.items)
    spec = ";".join(f"{domain}={','.join(items)}" for domain, items in groups.items())
    return instrument_from_keys(spec, tlmi.response_scale.min, tlmi.response_scale.max)


def simulate(instrument: Instrument, rng: np.random.Generator) -> np.ndarray:
    scales = len(instrument.scales)
    correlation = np.full((scales, scales), 0.4) + 0.6 * np.eye(scales)
    factors = rng.multivariate_normal(np.zeros(scales), correlation, size=RESPONDENTS)
    columns = []
    for j, scale in enumerate(instrument.scales):
        for _ in scale.items:
            loading = rng.uniform(0.55, 0.8)
            noise = rng.normal(size=RESPONDENTS) * np.sqrt(1 - loading**2)
            columns.append(3.2 + 1.1 * (loading * factors[:, j] + noise))
    answers = np.clip(np.rint(np.column_stack(columns)), 1, 5)
    answers[rng.random(answers.shape) < MISSING] = np.nan
    return answers


def cpu_features() -> str:
    """numpy's SIMD extensions in use (and any disabled), and the BLAS kernel chosen."""
    from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__

    simd = ", ".join(name for name in __cpu_dispatch__ if __cpu_features__.get(name)) or "baseline"
    disabled = os.environ.get("NPY_DISABLE_CPU_FEATURES")
    simd += f" (NPY_DISABLE_CPU_FEATURES={disabled})" if disabled else ""
    blas = "unknown"
    if importlib.util.find_spec("threadpoolctl"):  # installed with pingouin's scikit-learn
        import threadpoolctl

        found = threadpoolctl.threadpool_info()  # numpy's and scipy's, often the same
        kernels = {f"{i['internal_api']} {i.get('architecture', '?')}": None for i in found}
        blas = ", ".join(kernels)
    return f"numpy SIMD: {simd}; BLAS: {blas}"


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    inst = domains_as_scales()
    answers = simulate(inst, np.random.default_rng(SEED))
    frame = pd.DataFrame(answers, columns=list(inst.item_ids))
    blocks = [[item.id for item in scale.items] for scale in inst.scales]

    def twofold() -> dict[str, float]:
        result = analyze_reliability(inst, answers)
        return {sid: scale.alpha for sid, scale in result.scales.items()}

    def peer() -> dict[str, float]:
        alphas = (pingouin.cronbach_alpha(data=frame[items])[0] for items in blocks)
        return {scale.id: float(a) for scale, a in zip(inst.scales, alphas, strict=True)}

    ours, theirs = [], []
    for _ in range(RUNS):
        ours.append(timed(twofold))
        theirs.append(timed(peer))
    mine, pingouins = twofold(), peer()
    difference = max(abs(mine[sid] - pingouins[sid]) for sid in mine)

    print(
        f"reliability of {RESPONDENTS:,} respondents x {len(inst.items)} items, "
        f"{len(inst.scales)} scales of 6, {MISSING:.0%} missing, pairwise; "
        f"{os.cpu_count()} CPU(s), best of {RUNS}"
    )
    print(f"  {cpu_features()}")
    print(f"  twofold: full analysis (alpha, omega, items, CI)  {min(ours) * 1e3:8.1f} ms")
    print(f"  pingouin.cronbach_alpha, one call per scale       {min(theirs) * 1e3:8.1f} ms")
    print(f"  ratio pingouin / twofold                          {min(theirs) / min(ours):8.2f} x")
    print(f"  largest |alpha difference|                        {difference:8.1e}")


if __name__ == "__main__":
    main()
