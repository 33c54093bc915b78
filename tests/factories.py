"""factory_boy factories for the foundation models.

Users come with a verified primary ``EmailAddress``: allauth's mandatory verification would
otherwise stop them at the login form. Roles are given through ``accounts.services``, the
same path the admin and the set-up command use.
"""

from __future__ import annotations

from typing import Any, cast

import factory
from allauth.account.models import EmailAddress
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from accounts.models import Department, User
from accounts.services import assign_role
from groups.models import (
    ActivityField,
    CitizenGroup,
    Contact,
    District,
    GroupMembership,
    OrganizationType,
)
from kamakura_portal.models import Notification

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.jp")
    display_name = factory.Sequence(lambda n: f"鎌倉 太郎{n}")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(self, create: bool, extracted: bool | None, **kwargs: Any) -> None:
        """``UserFactory.create(verified=False)`` leaves the address unverified."""
        if create:
            EmailAddress.objects.create(
                user=self,
                email=self.email,
                primary=True,
                verified=True if extracted is None else extracted,
            )

    @factory.post_generation
    def roles(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        """``UserFactory.create(roles=[Role.CENTRE_STAFF, (Role.CITY_STAFF, department)])``."""
        user = cast(User, self)  # post_generation hooks receive the built model
        for role in extracted or ():
            if isinstance(role, tuple):
                assign_role(user, role[0], role[1])
            else:
                assign_role(user, role)


class DivisionFactory(factory.django.DjangoModelFactory[Department]):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"division-{n}")
    name = factory.Sequence(lambda n: f"テスト部{n}")
    kind = Department.Kind.DIVISION
    parent = None


class DepartmentFactory(factory.django.DjangoModelFactory[Department]):
    """A section (課) under its own division (部)."""

    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"section-{n}")
    name = factory.Sequence(lambda n: f"テスト課{n}")
    kind = Department.Kind.SECTION
    parent = factory.SubFactory(DivisionFactory)


class CitizenGroupFactory(factory.django.DjangoModelFactory[CitizenGroup]):
    class Meta:
        model = CitizenGroup

    name = factory.Sequence(lambda n: f"鎌倉市民の会{n}")
    name_kana = factory.Sequence(lambda n: f"カマクラシミンノカイ{n}")
    status = CitizenGroup.Status.REGISTERED


class GroupMembershipFactory(factory.django.DjangoModelFactory[GroupMembership]):
    class Meta:
        model = GroupMembership

    user = factory.SubFactory(UserFactory)
    group = factory.SubFactory(CitizenGroupFactory)
    role = GroupMembership.Role.REPRESENTATIVE


class ContactFactory(factory.django.DjangoModelFactory[Contact]):
    """A representative with every item filled in and private (the default)."""

    class Meta:
        model = Contact

    group = factory.SubFactory(CitizenGroupFactory)
    kind = Contact.Kind.REPRESENTATIVE
    name = "鎌倉 花子"
    name_kana = "カマクラ　ハナコ"
    postal_code = "248-0005"
    address = "神奈川県鎌倉市雪ノ下1-1"
    phone = "0467-00-0000"
    email = factory.Sequence(lambda n: f"contact{n}@example.jp")


class OrganizationTypeFactory(factory.django.DjangoModelFactory[OrganizationType]):
    class Meta:
        model = OrganizationType
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"type-{n}")
    name = factory.Sequence(lambda n: f"組織形態{n}")


class ActivityFieldFactory(factory.django.DjangoModelFactory[ActivityField]):
    class Meta:
        model = ActivityField
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"field-{n}")
    name = factory.Sequence(lambda n: f"活動分野{n}")
    taxonomy = ActivityField.Taxonomy.CENTRE


class DistrictFactory(factory.django.DjangoModelFactory[District]):
    class Meta:
        model = District
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"district-{n}")
    name = factory.Sequence(lambda n: f"地域{n}")


def make_notice(
    recipient: User, about: Model, message: str = "お知らせ", *, url: str = "/", **fields: Any
) -> Notification:
    """An inbox entry of ``recipient`` about ``about`` (any object)."""
    return Notification.objects.create(
        recipient=recipient,
        content_type=ContentType.objects.get_for_model(about),
        object_id=about.pk,
        message=message,
        url=url,
        **fields,
    )
