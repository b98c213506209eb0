import factory

from kennisbrug.accounts.models import PlatformRole, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")
    is_active = True

    class Params:
        secretariat = factory.Trait(platform_role=PlatformRole.SECRETARIAT)
        intermediary = factory.Trait(platform_role=PlatformRole.INTERMEDIARY)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """Mark the email verified for allauth unless `verified=False` is passed."""
        if not create:
            return
        obj.save()
        if extracted is False:
            return
        from allauth.account.models import EmailAddress

        EmailAddress.objects.get_or_create(
            user=obj, email=obj.email, defaults={"verified": True, "primary": True}
        )
