"""factory_boy factories for every model. Import from here in tests."""

import datetime

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP

from accounts.models import Agency, District, Membership, Officer, Role, RosterAssignment, School, User

TEST_PASSWORD = "a-long-test-password-1"
TEST_TOTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    name = factory.Sequence(lambda n: f"District {n}")
    slug = factory.Sequence(lambda n: f"district-{n}")


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"School {n}")
    slug = factory.Sequence(lambda n: f"school-{n}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"Police Department {n}")
    slug = factory.Sequence(lambda n: f"pd-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a verified primary email address and a known password."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, verified=extracted is not False, primary=True)

    @factory.post_generation
    def mfa(self, create, extracted, **kwargs):
        """``UserFactory(mfa=True)`` gives the user an authenticator app."""
        if create and extracted:
            TOTP.activate(self, TEST_TOTP_SECRET)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.STUDENT
    district = factory.SubFactory(DistrictFactory)
    school = None
    agency = None


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Officer

    agency = factory.SubFactory(AgencyFactory)
    full_name = factory.Faker("name")
    badge_number = factory.Sequence(lambda n: f"{1000 + n}")


class RosterAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RosterAssignment

    officer = factory.SubFactory(OfficerFactory)
    school = factory.SubFactory(SchoolFactory, district=factory.SelfAttribute("..officer.agency.district"))
    starts_on = datetime.date(2020, 8, 1)
    ends_on = None


def member(role: str, *, district=None, school=None, agency=None, mfa: bool = True, **user_kwargs) -> User:
    """A user holding ``role`` in the given organisation (district taken from
    the school or agency when not given)."""
    district = district or (school.district if school else agency.district if agency else DistrictFactory())
    user = UserFactory(mfa=mfa, **user_kwargs)
    MembershipFactory(user=user, role=role, district=district, school=school, agency=agency)
    return user


# --- Workflows (calendar and deadlines) ----------------------------------------
class SchoolCalendarClosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workflows.SchoolCalendarClosure"

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"Closure {n}")
    kind = "holiday"
    starts_on = datetime.date(2025, 11, 27)
    ends_on = factory.SelfAttribute("starts_on")


class DeadlinePolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workflows.DeadlinePolicy"

    district = factory.SubFactory(DistrictFactory)
