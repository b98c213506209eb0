"""Print where the site runs and the demo logins per role, with the password.

`make run` ends with this, so a newcomer sees how to log in without scrolling.
Only accounts that exist and have a usable password are listed.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from kennisbrug.core import demo


class Command(BaseCommand):
    help = "List the demo logins per role and the password (development)."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/")

    def handle(self, *args, url: str, **options):
        found = [login for entry in demo.logins for login in entry()]
        usable = {
            user.email
            for user in get_user_model().objects.filter(email__in=[f.email for f in found])
            if user.has_usable_password()
        }
        password = demo.demo_password()
        out = self.stdout
        out.write("")
        out.write(self.style.SUCCESS(f"Kennisbrug: {url}"))
        if not usable or not password:
            out.write(
                "No demo logins: generate the demo data with DJANGO_DEBUG=1 "
                "or KENNISBRUG_DEMO_PASSWORD set."
            )
            return
        out.write(f"Demo logins (password: {password}):")
        width = max(len(f.role) for f in found if f.email in usable)
        for login in found:
            if login.email in usable:
                note = f"  ({login.note})" if login.note else ""
                out.write(f"  {login.role:<{width}}  {login.email}{note}")
        out.write(f"Back office for staff: {url.rstrip('/')}/admin/")
        out.write("")
