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


# --- Complaints ---------------------------------------------------------------
from django.utils import timezone  # noqa: E402

from complaints.models import Allegation, Attachment, Complaint, Draft, Message  # noqa: E402
from complaints.services.codes import pin_hash_make  # noqa: E402

TEST_PIN = "246810"


class ComplaintFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Complaint

    tracking_code = factory.Sequence(lambda n: f"CG-{n:04d}-TEST".replace("0", "A").replace("1", "B"))
    pin_hash = factory.LazyFunction(lambda: pin_hash_make(TEST_PIN))
    school = factory.SubFactory(SchoolFactory)
    occurred_on = datetime.date(2026, 10, 1)
    filer_role = "student"
    description = "The officer searched my bag."
    preferred_language = "en"


class AllegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Allegation

    complaint = factory.SubFactory(ComplaintFactory)
    category = "search"


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    complaint = factory.SubFactory(ComplaintFactory)
    body = "We are looking into this."


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    complaint = factory.SubFactory(ComplaintFactory)
    file = factory.django.FileField(filename="upload", data=b"%PDF-1.4 test")
    original_name = "letter.pdf"
    content_type = "application/pdf"
    size = 13
    sha256 = "0" * 64


class DraftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Draft

    token = factory.Sequence(lambda n: f"draft-token-{n:040d}")
    data = factory.LazyFunction(lambda: {"submission_token": "5f0e2c1a-1111-4222-8333-944445555666"})
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))


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


def final_findings(complaint, value: str = "not_sustained") -> dict[int, str]:
    """The coordinator's final finding for every concern of ``complaint``."""
    return {allegation.pk: value for allegation in complaint.allegations.all()}
