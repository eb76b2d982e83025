"""What the URL permission matrix expects of a page, shared by every app's ``matrix_*.py`` rows."""

ANON = "anonymous"
NOT_STAFF = {"complainant", "student"}
# Everyone of the matrix's world on the staff side (tests/workflows/conftest.EveryoneOnACase), in the matrix's order.
STAFF_PEOPLE = (
    "coordinator",
    "coordinator_other_district",
    "recused_coordinator",
    "school_admin",
    "school_admin_other_school",
    "police_reviewer",
    "police_reviewer_other_agency",
    "named_officer",
    "sro",
    "advisory",
    "facilitator",
    "superintendent",
    "agency_head",
)
STAFF = frozenset(STAFF_PEOPLE)


def staff_area(allowed: set[str], ok: int, elsewhere: int = 404):
    """A staff page: anonymous readers are sent to sign in, the public is refused, staff outside ``allowed`` get
    ``elsewhere`` (404: out of scope), the others ``ok``."""

    def status(who):
        if who == ANON:
            return 302
        if who in NOT_STAFF:
            return 403
        return ok if who in allowed else elsewhere

    return status


def everyone(ok: int):
    """A page every person gets with the same status."""
    return lambda who: ok
