"""Turning one respondent's scores into a :class:`Report` a person can read.

Everything a shell shows is decided here, once: which practices are strengths,
which are worth developing and with what, and the plain-language summary. The
web pages, the terminal and the charts only lay it out, so they cannot disagree.
Scores arrive at full precision; this is the presentation layer, so numbers are
rounded (to one decimal) only inside the sentences written here.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from twofold.content import activity_catalogue, narrative
from twofold.core.activities import Catalogue
from twofold.core.instrument import Instrument, ResponseScale
from twofold.core.scoring import Scores
from twofold.reports.model import (
    DevelopmentArea,
    DomainPair,
    Practice,
    Report,
    ScoreRange,
    Standing,
)
from twofold.reports.numbers import on_scale, rounded
from twofold.reports.raters import self_group

__all__ = ["BASES", "EVEN_RANGE", "build_report"]

#: Whose scores a report rests on: a person's own, or all raters' of a 360.
BASES = ("self", "all")

#: Practice scores spanning less than this many points are "very even": the
#: strengths and development areas picked from them are tentative.
EVEN_RANGE = 0.25
_ACTIVITIES = 3


def build_report(
    instrument: Instrument,
    scores: Scores,
    index: int = 0,
    *,
    catalogue: Catalogue | None = None,
    texts: dict[str, Any] | None = None,
    n_strengths: int = 3,
    n_development: int = 3,
    basis: str = "self",
) -> Report:
    """Build the report of one respondent.

    Parameters
    ----------
    instrument
        The instrument that was answered.
    scores
        Scores of that instrument, from :func:`twofold.core.scoring.score`.
    index
        Which respondent (row) of ``scores`` the report is about.
    catalogue
        Development activities; the built-in catalogue when omitted.
    texts
        Report wording (region meanings, lean sentences, capability notes); the
        built-in English narrative when omitted.
    n_strengths, n_development
        How many strengths and development areas to pick at most.
    basis
        Whose scores ``scores`` holds: ``"self"``, a person's own answers, or
        ``"all"``, the means of a 360's raters (one row of group means, as
        :mod:`twofold.reports.multirater` passes it), which the wording follows.

    Returns
    -------
    Report

    Raises
    ------
    IndexError
        If ``index`` is not a respondent of ``scores``.
    ValueError
        If ``scores`` were computed for a different instrument.

    Notes
    -----
    Strengths are the highest-scoring practices and development areas the
    lowest-scoring ones that are not also strengths; ties keep instrument order
    so the same answers always give the same picks. A practice without a score
    is never picked: nothing is known about it. Leadership practices grow through
    experience and management practices through structured learning applied at
    work, so each development area gets activities of the kind that suits it.

    Examples
    --------
    >>> import numpy as np
    >>> from twofold.content import builtin_instrument
    >>> from twofold.core.scoring import score
    >>> tlmi = builtin_instrument("tlmi")
    >>> report = build_report(tlmi, score(tlmi, np.full((1, len(tlmi.items)), 4.0)))
    >>> report.profile.region, report.profile.direction
    ('integrator', 'balanced')
    """
    if basis not in BASES:
        raise ValueError(f"basis: expected one of {', '.join(BASES)}, got {basis!r}")
    if not 0 <= index < scores.n:
        raise IndexError(f"index: expected a respondent from 0 to {scores.n - 1}, got {index}")
    if scores.key.scale_ids != tuple(scale.id for scale in instrument.scales):
        raise ValueError(f"scores: they were not computed for instrument {instrument.ref}")
    catalogue = activity_catalogue() if catalogue is None else catalogue
    texts = narrative("en") if texts is None else texts

    practices = _practices(instrument, scores, index)
    scored = [(p.score, p) for p in practices if p.score is not None]
    # sorted() is stable, so practices with equal scores keep instrument order.
    strengths = tuple(p for _, p in sorted(scored, key=lambda sp: -sp[0])[:n_strengths])
    # A practice shown with the same score as a strength is not also a weakness.
    floor = min((rounded(p.score) for p in strengths if p.score is not None), default=None)
    lowest = [
        sp
        for sp in sorted(scored, key=lambda sp: sp[0])
        if sp[1] not in strengths and (floor is None or rounded(sp[0]) < floor)
    ]
    values = [value for value, _ in scored]
    even = len(values) > 1 and max(values) - min(values) < EVEN_RANGE
    scale = instrument.response_scale
    development = tuple(
        _development_area(p, value, scale, catalogue, texts, even, basis)
        for value, p in lowest[:n_development]
    )
    leadership, management = _composites(instrument, scores, index)
    profile = _profile(scores, index, texts, scale)
    return Report(
        instrument_ref=instrument.ref,
        instrument_name=instrument.name,
        scale_min=scale.min,
        scale_max=scale.max,
        scale_labels=dict(scale.labels),
        practices=practices,
        domains=_domain_pairs(instrument, practices),
        leadership=leadership,
        management=management,
        profile=profile,
        summary=_summary(
            profile,
            scale,
            strengths,
            development,
            has_profile=instrument.profile is not None,
            basis=basis,
        ),
        strengths=strengths,
        development=development,
        notes=_notes(practices, even, bool(development), basis),
        rater_groups=(self_group(scores, index, texts),),
        basis=basis,
    )


def _practices(instrument: Instrument, scores: Scores, index: int) -> tuple[Practice, ...]:
    domains = {domain.id: domain.name for domain in instrument.domains}
    return tuple(
        Practice(
            id=scale.id,
            name=scale.name,
            description=scale.description,
            capability=scale.capability or "",
            domain_id=scale.domain,
            domain_name=domains.get(scale.domain) if scale.domain else None,
            score=_float_or_none(scores.scales[index, j]),
            answered=int(scores.answered[index, j]),
            n_items=len(scale.items),
        )
        for j, scale in enumerate(instrument.scales)
    )


def _float_or_none(value: float | np.floating[Any]) -> float | None:
    return None if np.isnan(value) else float(value)


def _domain_pairs(
    instrument: Instrument, practices: tuple[Practice, ...]
) -> tuple[DomainPair, ...]:
    """Each domain's leadership and management practice, or () if the domains are not pairs.

    Pairing only makes sense when every domain holds exactly one practice of each
    capability (as in the built-in inventory); a custom instrument grouped some
    other way is shown as a plain list of practices instead.
    """
    pairs: list[DomainPair] = []
    for domain in instrument.domains:
        members = [p for p in practices if p.domain_id == domain.id]
        lead = [p for p in members if p.capability == "leadership"]
        manage = [p for p in members if p.capability == "management"]
        if len(members) != 2 or len(lead) != 1 or len(manage) != 1:
            return ()
        pairs.append(DomainPair(domain.id, domain.name, lead[0], manage[0]))
    return tuple(pairs)


def _composites(
    instrument: Instrument, scores: Scores, index: int
) -> tuple[float | None, float | None]:
    """The leadership and management composite scores, where the instrument has them."""
    if instrument.profile is not None:
        ids = (instrument.profile.leadership, instrument.profile.management)
    else:
        ids = ("leadership", "management")
    known = scores.key.composite_ids
    return (
        _float_or_none(scores.composite(ids[0])[index]) if ids[0] in known else None,
        _float_or_none(scores.composite(ids[1])[index]) if ids[1] in known else None,
    )


def _profile(
    scores: Scores, index: int, texts: dict[str, Any], scale: ResponseScale
) -> Standing | None:
    if scores.profile is None:
        return None
    result = scores.profile.respondent(index)
    region = result["region"]
    if region is None:
        return None
    words = texts["regions"][region]
    lead, manage, lean = result["leadership"], result["management"], result["lean"]
    return Standing(
        region=region,
        region_name=words["name"],
        headline=words["headline"],
        meaning=words["meaning"],
        next_step=words["next"],
        leadership=_within(lead["score"], lead["lower"], lead["upper"], scale),
        management=_within(manage["score"], manage["lower"], manage["upper"], scale),
        cut_leadership=result["cuts"]["leadership"],
        cut_management=result["cuts"]["management"],
        lean=ScoreRange(lean["value"], lean["lower"], lean["upper"]),
        direction=result["direction"],
        lean_text=texts["lean"][result["direction"]],
        near_border=result["near_border"],
        near_border_text=texts["near_border"] if result["near_border"] else "",
        region_names={key: value["name"] for key, value in texts["regions"].items()},
    )


def _within(value: float, lower: float, upper: float, scale: ResponseScale) -> ScoreRange:
    """A score's interval, cut to the response range: no one can truly score beyond it."""
    return ScoreRange(value, max(lower, scale.min), min(upper, scale.max))


def _development_area(
    practice: Practice,
    value: float,
    scale: ResponseScale,
    catalogue: Catalogue,
    texts: dict[str, Any],
    even: bool,
    basis: str,
) -> DevelopmentArea:
    """A practice to develop, why, and activities of the kind that grows it."""
    whose = "your lowest practice scores"
    if basis == "all":
        whose = "your raters' lowest practice scores"
    if even:
        reason = texts["development"].format(practice=practice.name)
    else:
        reason = f"{practice.name} is among {whose}, at {_on_scale(value, scale)}."
    grows = texts.get("capabilities", {}).get(practice.capability)
    why = f"{reason} {grows}" if grows else reason
    activities = catalogue.for_practice(practice.id, practice.capability, limit=_ACTIVITIES)
    return DevelopmentArea(practice=practice, why=why, activities=tuple(activities))


def _on_scale(value: float, scale: ResponseScale) -> str:
    """A score in words a respondent knows, e.g. ``3.9 of 5, between 'Sometimes' and 'Often'``."""
    return on_scale(value, scale.min, scale.max, scale.labels)


def _names(practices: tuple[Practice, ...] | list[Practice]) -> str:
    """Names joined as in a sentence: ``A``, ``A and B``, ``A, B and C``."""
    names = [p.name for p in practices]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _summary(
    profile: Standing | None,
    scale: ResponseScale,
    strengths: tuple[Practice, ...],
    development: tuple[DevelopmentArea, ...],
    *,
    has_profile: bool,
    basis: str,
) -> tuple[str, ...]:
    """The opening paragraphs: where the person stands, how clearly, and what to do next.

    With ``basis`` "all" the numbers are the raters', and the sentences say so.
    """
    raters = basis == "all"
    first_focus = (
        f" The development areas below suggest where to begin, starting with "
        f"{development[0].practice.name}."
        if development
        else ""
    )
    if profile is None:
        too_few = "raters answered" if raters else "questions were answered"
        opening = (
            f"Too few {too_few} to place you on the leadership and management "
            "map, so this report shows practice scores only."
            if has_profile
            else "This report shows your practice scores."
        )
        if strengths:
            whose = "Your raters give your highest scores" if raters else "Your highest scores are"
            opening += f" {whose} in {_names(strengths)}."
        return (opening, f"Next step:{first_focus}") if development else (opening,)
    results = "Your raters' answers place" if raters else "Your results place"
    where = f"{results} you in the {profile.region_name} region. {profile.headline}"
    border = f" {profile.near_border_text}" if profile.near_border else ""
    whose = "From all your raters, your" if raters else "Your"
    scores = (
        f"{whose} leadership score is {_on_scale(profile.leadership.value, scale)}, and your "
        f"management score is {_on_scale(profile.management.value, scale)}. {profile.lean_text}"
    )
    return (
        f"{where} {profile.meaning}{border}",
        scores,
        f"Next step: {profile.next_step}{first_focus}",
    )


def _notes(
    practices: tuple[Practice, ...], even: bool, developing: bool, basis: str
) -> tuple[str, ...]:
    notes: list[str] = []
    if even:
        picks = (
            "the strengths and development areas are tentative picks rather than clear differences."
            if developing
            else "the strengths are tentative picks, and no practice stands out as one to "
            "develop: start with whichever matters most in your role."
        )
        notes.append(
            f"Your practice scores are very even (all within {EVEN_RANGE:g} points of each "
            f"other), so {picks}"
        )
    missing = [p for p in practices if p.score is None]
    if missing:
        one = len(missing) == 1
        why = (
            "too few raters could rate "
            + ("it" if one else "them")
            + " for a score to be shown without exposing them"
            if basis == "all"
            else f"too few of {'its' if one else 'their'} questions were answered"
        )
        notes.append(
            f"{_names(missing)} {'has' if one else 'have'} no score because {why}, so "
            f"{'it is' if one else 'they are'} left out of strengths and development areas."
        )
    return tuple(notes)
