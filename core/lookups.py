"""``exact`` and ``in`` look-ups that leave out values no column can hold, instead of sending them to the database.

Two such values reach queries from page addresses and forms: a number beyond 64 bits, which SQLite cannot be sent
(OverflowError), and a text with a NUL character, which PostgreSQL refuses (DataError). Either answered with a server
error: a token with ``%00`` in a page address, an id beyond 64 bits in the address of a monthly review or an annual
assessment (their keys are one-to-one keys to viewflow's process), a forged id in any ``ModelMultipleChoiceField``
(it checks the posted ids with ``pk__in``). Django (5.0+) already leaves out the numbers for ``exact``, ``gt``,
``gte``, ``lt`` and ``lte`` on integer columns (``IntegerFieldOverflow``); these do the same for ``in``, for foreign
and one-to-one keys, and for text. No row can hold such a value, so leaving it out changes no result: ``exact``
matches nothing, as Django's own does, and ``in`` matches the other values of its list.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import CharField, ForeignObject, IntegerField, TextField
from django.db.models.fields.related_lookups import RelatedExact, RelatedIn
from django.db.models.lookups import Exact, In


def _no_column_holds(lookup, connection, value) -> bool:
    """Whether ``value`` is a number the integer column ``lookup`` compares cannot hold, or a text with a NUL
    character."""
    field = getattr(lookup.lhs, "output_field", None)
    # A key compares the column it points to, which may be a key itself (to a viewflow process's subclass, whose
    # primary key is a one-to-one key); a key of several columns is left alone.
    while isinstance(field, ForeignObject):
        targets = field.foreign_related_fields
        field = targets[0] if len(targets) == 1 else None
    if isinstance(value, str):
        return "\x00" in value and isinstance(field, CharField | TextField)
    if not isinstance(value, int) or not isinstance(field, IntegerField):
        return False
    low, high = connection.ops.integer_field_range(field.get_internal_type())
    return (low is not None and value < low) or (high is not None and value > high)


class _InLeavesOut:
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            self.rhs = [value for value in self.rhs if not _no_column_holds(self, connection, value)]
        return super().process_rhs(compiler, connection)


class _ExactMatchesNothing:
    def process_rhs(self, compiler, connection):
        if _no_column_holds(self, connection, self.rhs):
            raise EmptyResultSet
        return super().process_rhs(compiler, connection)


@IntegerField.register_lookup
class IntegerFieldIn(_InLeavesOut, In):
    pass


@CharField.register_lookup
@TextField.register_lookup
class TextIn(_InLeavesOut, In):
    pass


@CharField.register_lookup
@TextField.register_lookup
class TextExact(_ExactMatchesNothing, Exact):
    pass


@ForeignObject.register_lookup
class KeyIn(_InLeavesOut, RelatedIn):
    pass


@ForeignObject.register_lookup
class KeyExact(_ExactMatchesNothing, RelatedExact):
    pass
