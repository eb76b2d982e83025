"""The demo district that `manage.py seed_demo` creates (DEMO_MODE only), and
what finds and removes it again (`accounts.checks`, `manage.py purge_demo`)."""

import datetime
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.base.internal.flows import delete_dangling_recovery_codes
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.utils import decrypt
from django.db import transaction
from django.db.models import QuerySet

from accounts.models import (
    STAFF_ROLES,
    Agency,
    District,
    Membership,
    Officer,
    Role,
    RosterAssignment,
    School,
    SchoolLevel,
    User,
)

DEMO_PASSWORD = "common-ground-demo"
# Base32 secret shared by every demo staff account; add it to any
# authenticator app, or run `manage.py demo_mfa_code`.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
# Every demo account has an address in this (reserved, undeliverable) domain.
DEMO_EMAIL_DOMAIN = "demo.commonground.test"
DEMO_DISTRICT_SLUG = "riverside"

SCHOOLS = [
    ("Lincoln High School", "lincoln-high", SchoolLevel.HIGH),
    ("Roosevelt Middle School", "roosevelt-middle", SchoolLevel.MIDDLE),
    ("Garfield High School", "garfield-high", SchoolLevel.HIGH),
    ("Jefferson Elementary School", "jefferson-elementary", SchoolLevel.ELEMENTARY),
]


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    role: str
    school_slug: str = ""
    agency: bool = False


DEMO_USERS = [
    DemoUser("student@demo.commonground.test", "Sam Student", Role.STUDENT),
    DemoUser("guardian@demo.commonground.test", "Gabriela Guardian", Role.GUARDIAN),
    DemoUser("staff@demo.commonground.test", "Terry Teacher", Role.STAFF),
    DemoUser("community@demo.commonground.test", "Casey Community", Role.COMMUNITY),
    DemoUser("principal@demo.commonground.test", "Pat Principal", Role.SCHOOL_ADMIN, school_slug="lincoln-high"),
    DemoUser("reviewer@demo.commonground.test", "Riley Reviewer", Role.POLICE_REVIEWER, agency=True),
    DemoUser("sro@demo.commonground.test", "Officer Morgan Reyes", Role.SRO, agency=True),
    DemoUser("coordinator@demo.commonground.test", "Cory Coordinator", Role.COORDINATOR),
    DemoUser("advisory@demo.commonground.test", "Avery Advisor", Role.ADVISORY),
    DemoUser("facilitator@demo.commonground.test", "Frankie Facilitator", Role.FACILITATOR),
    DemoUser("superintendent@demo.commonground.test", "Sydney Superintendent", Role.SUPERINTENDENT),
    DemoUser("chief@demo.commonground.test", "Chief Dana Ortiz", Role.AGENCY_HEAD, agency=True),
]


@transaction.atomic
def demo_district_create(*, today: datetime.date) -> list[DemoUser]:
    """Creates (or tops up) the demo district and returns its demo users."""
    district, _ = District.objects.get_or_create(
        slug=DEMO_DISTRICT_SLUG, defaults={"name": "Riverside Unified School District"}
    )
    schools = {
        slug: School.objects.update_or_create(district=district, slug=slug, defaults={"name": name, "level": level})[0]
        for name, slug, level in SCHOOLS
    }
    agency, _ = Agency.objects.get_or_create(
        district=district, slug="riverside-pd", defaults={"name": "Riverside Police Department"}
    )
    for demo in DEMO_USERS:
        user = _demo_user(demo)
        Membership.objects.get_or_create(
            user=user,
            role=demo.role,
            district=district,
            school=schools.get(demo.school_slug),
            agency=agency if demo.agency else None,
        )
        if (
            demo.role in STAFF_ROLES
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            TOTP.activate(user, DEMO_TOTP_SECRET)
    _demo_roster(agency, schools, today)
    return DEMO_USERS


def _demo_user(demo: DemoUser) -> User:
    user, created = User.objects.get_or_create(email=demo.email, defaults={"full_name": demo.full_name})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(user=user, email=demo.email, defaults={"verified": True, "primary": True})
    return user


def _demo_roster(agency: Agency, schools: dict[str, School], today: datetime.date) -> None:
    sro_user = User.objects.get(email="sro@demo.commonground.test")
    officers = [
        Officer.objects.get_or_create(
            agency=agency, badge_number="1041", defaults={"full_name": "Morgan Reyes", "user": sro_user}
        )[0],
        Officer.objects.get_or_create(agency=agency, badge_number="1187", defaults={"full_name": "Jordan Blake"})[0],
    ]
    start = datetime.date(today.year if today.month >= 8 else today.year - 1, 8, 1)
    plan = [
        (officers[0], "lincoln-high"),
        (officers[0], "roosevelt-middle"),
        (officers[1], "garfield-high"),
        (officers[1], "jefferson-elementary"),
    ]
    for officer, slug in plan:
        RosterAssignment.objects.get_or_create(officer=officer, school=schools[slug], defaults={"starts_on": start})


def demo_users(*, using: str = "default") -> QuerySet[User]:
    """The accounts seed_demo made: every address in the demo domain."""
    return User.objects.using(using).filter(email__iendswith="@" + DEMO_EMAIL_DOMAIN)


def demo_secret_authenticators(*, using: str = "default") -> list[Authenticator]:
    """Authenticator apps, of any account, set up with the public demo secret."""
    # The secret may be stored encrypted (allauth's MFA adapter), so compare
    # after decrypting; there is one TOTP row per staff member, not per visit.
    totps = Authenticator.objects.using(using).filter(type=Authenticator.Type.TOTP)
    return [a for a in totps.iterator() if decrypt(a.data.get("secret", "")) == DEMO_TOTP_SECRET]


@dataclass(frozen=True)
class DemoPurge:
    accounts: int
    authenticators: int


@transaction.atomic
def demo_accounts_purge() -> DemoPurge:
    """Deletes the demo accounts (with their memberships, addresses and
    authenticators) and every authenticator set up with the demo secret.

    Returns what was removed. Safe to run again: a second run removes nothing.
    viewflow deletes the tasks a deleted account owns, so `manage.py purge_demo`
    first hands them back to the queue (`purge_demo_cases`).
    """
    secret_authenticators = demo_secret_authenticators()
    for authenticator in secret_authenticators:
        authenticator.delete()
        # As when someone removes their app themselves: recovery codes left on
        # their own would make the next sign-in ask for one; without any
        # authenticator, staff are sent to set up a new app instead.
        delete_dangling_recovery_codes(authenticator.user)
    users = demo_users()
    accounts = users.count()
    # Memberships, email addresses and the remaining authenticators go with
    # each account (CASCADE); officers and audit events keep no link (SET_NULL).
    users.delete()
    return DemoPurge(accounts=accounts, authenticators=len(secret_authenticators))


@transaction.atomic
def demo_district_purge() -> bool:
    """Deletes the demo district's schools, agency, officers, roster, memberships
    and the district itself. Its complaints must be gone first (they protect
    their school); `manage.py purge_demo` removes them through the workflows app.

    Returns whether there was a demo district.
    """
    district = District.objects.filter(slug=DEMO_DISTRICT_SLUG).first()
    if district is None:
        return False
    RosterAssignment.objects.filter(school__district=district).delete()
    Officer.objects.filter(agency__district=district).delete()
    Membership.objects.filter(district=district).delete()
    district.agencies.all().delete()
    district.schools.all().delete()
    district.delete()
    return True
