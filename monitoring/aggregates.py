"""SQL aggregates Django does not ship: PostgreSQL's ``percentile_cont``, an ordered-set aggregate."""

from django.db.models import Aggregate, FloatField


class Percentile(Aggregate):
    """``percentile_cont(fraction) WITHIN GROUP (ORDER BY expression)``: the value below which ``fraction`` of
    the rows fall, interpolated linearly between the two nearest rows (as ``numpy.percentile`` does by default).
    NULLs are skipped; no rows give NULL. ``filter=`` works as for any aggregate."""

    function = "percentile_cont"
    name = "Percentile"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)%(filter)s"
    output_field = FloatField()

    def __init__(self, expression, fraction: float, **extra) -> None:
        fraction = float(fraction)
        if not 0.0 <= fraction <= 1.0:
            raise ValueError(f"A percentile's fraction must be between 0 and 1, not {fraction}.")
        # A float we validated, written into the SQL as a literal: the template cannot take a parameter there.
        super().__init__(expression, fraction=repr(fraction), **extra)
