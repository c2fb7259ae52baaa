"""The dashboard's number and time formats as template filters (``{% load metrics %}``), so its tables print
exactly what its charts print (``monitoring.formatting``)."""

from django import template

from monitoring import formatting

register = template.Library()

register.filter("count", formatting.count)
register.filter("percent", formatting.percent)
register.filter("seconds", formatting.seconds)
register.filter("milliseconds", formatting.milliseconds)
register.filter("month_label", formatting.month_label)
register.filter("step_label", formatting.step_label)


@register.filter
def usd(amount, places: int = 2) -> str:
    return formatting.usd(amount, int(places))
