"""What was published elsewhere of a survey's results (the public dashboard's releases), so the results page never
shows a count beside a publication that gives one it hid away (``core.suppression.protect_after``).

The app that publishes registers a source from its own ``ready()``, since ``surveys`` may not import it
(docs/architecture.md): a source takes a survey and gives, by question code, what the latest publication of its
school-vs-district numbers showed and hid (the keys of ``surveys.services.results_tables``), or None."""

from collections.abc import Callable, Mapping

from core.suppression import Earlier

Source = Callable[[object], Mapping[str, Earlier] | None]
_SOURCES: list[Source] = []


def published_source(source: Source) -> Source:
    """Adds ``source`` (a survey -> what was published of it, or None), once however often it is called."""
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


def published_results(survey) -> Mapping[str, Earlier] | None:
    """What the first source that published ``survey``'s results says it showed and hid, or None."""
    return next((found for source in _SOURCES if (found := source(survey))), None)
