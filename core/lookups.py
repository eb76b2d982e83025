"""An ``in`` look-up on integer columns that leaves out the numbers the database cannot hold.

Django (5.0+) already does this for ``exact``, ``gt``, ``gte``, ``lt`` and ``lte`` on integer columns
(``IntegerFieldOverflow``), but not for ``in``: on SQLite a number beyond 64 bits in ``pk__in`` raises
OverflowError while the query is sent. Every ``ModelMultipleChoiceField`` checks the posted ids with such a query,
so a form given such a number answered with a server error instead of "Select a valid choice". No row can have such
a number, so leaving it out changes no result; a list left empty matches nothing, as an empty ``in`` does.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int) or (low is None or value >= low) and (high is None or value <= high)
            ]
        return super().process_rhs(compiler, connection)
