"""Print where the site runs and the demo logins per role, with the password.

`make run` ends with this, so a newcomer sees how to log in without scrolling.
Only accounts that exist and have a usable password are listed.

`--totp EMAIL` prints the current authenticator code of a demo staff account (they
decide only after a second factor); development (DEBUG) only, demo accounts only.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from kennisbrug.core import demo


class Command(BaseCommand):
    help = "List the demo logins per role and the password (development)."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/")
        parser.add_argument(
            "--totp",
            metavar="EMAIL",
            help="Print the current authenticator code of a demo staff account (DEBUG only).",
        )

    def handle(self, *args, url: str, totp: str | None = None, **options):
        if totp:
            self._totp(totp)
            return
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
        staff = [
            f.email for f in found if f.email in usable and demo.demo_totp_code(f.email) is not None
        ]
        if staff and settings.DEBUG:
            out.write(
                "Staff log in with a second factor too. The authenticator code of a demo "
                "staff account:"
            )
            out.write(f"  make totp EMAIL={staff[0]}")
            out.write(f"  (or add the key {demo.DEMO_TOTP_SECRET} to an authenticator app)")
        out.write("")

    def _totp(self, email: str) -> None:
        if not settings.DEBUG:
            raise CommandError("--totp works only in development (DJANGO_DEBUG=1).")
        code = demo.demo_totp_code(email)
        if code is None:
            raise CommandError(
                f"{email} is not a demo staff account with the demo authenticator key."
            )
        self.stdout.write(code)
