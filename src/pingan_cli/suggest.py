"""Did you mean …? The nearest known names to a mistyped one, in every message that offers them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

CUTOFF = 0.6


def did_you_mean(
    name: str,
    choices: Iterable[str],
    *,
    limit: int = 3,
    by_other_name: Mapping[str, str] | None = None,
    offered: Mapping[str, str] | None = None,
) -> str:
    """'; did you mean X or Y?' for the choices nearest to name, or nothing.

    ``offered`` maps each close choice to what is offered instead (a region's name to its id).
    ``by_other_name`` maps other names of an entry (case-folded) to its id, so that a name
    written where an id belongs (region: 富平) is answered with the id.
    """
    import difflib

    if by_other_name:
        found = by_other_name.get(name.strip().casefold())
        if found is not None:
            return f"; refer to it by its id: did you mean {found}?"
    close = difflib.get_close_matches(name, list(choices), n=limit, cutoff=CUTOFF)
    if offered is not None:
        close = list(dict.fromkeys(offered[c] for c in close))
    return f"; did you mean {' or '.join(close)}?" if close else ""


def closest(name: str, forms: Iterable[tuple[str, str]], *, limit: int = 3) -> list[str]:
    """What is offered for the forms nearest to name: each (form, offered) pair is compared
    whole, or, for a form longer than name, by its stretch of name's length that is nearest
    (调节率 is near 矛盾纠纷调解率's 调解率), as people type part of a long name."""
    import difflib

    scored: dict[str, float] = {}
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(name)
    for form, offered in forms:
        if not form:
            continue
        size = len(name)
        windows = (
            [form]
            if len(form) <= size
            else [form[start : start + size] for start in range(len(form) - size + 1)]
        )
        best = 0.0
        for window in windows:
            matcher.set_seq1(window)
            if matcher.real_quick_ratio() >= CUTOFF and matcher.quick_ratio() >= CUTOFF:
                best = max(best, matcher.ratio())
        if best >= CUTOFF and best > scored.get(offered, 0.0):
            scored[offered] = best
    ranked = sorted(scored, key=lambda offered: -scored[offered])  # stable: catalogue order
    return ranked[:limit]
