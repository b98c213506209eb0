from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def dashboard(request):
    """Logged-in users: their organisations and next steps."""
    return render(request, "accounts/dashboard.html", {})
