"""Pages for facilities and bookings. Thin: parse → one service/selector → render.

Who may use each page is in its docstring; logged-out visitors of a members-only page
are sent to the login page, logged-in people without the right get 403.
"""

from datetime import date, datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kennisbrug.accounts.models import User
from kennisbrug.core import exports as spreadsheet
from kennisbrug.core.forms import add_service_errors
from kennisbrug.core.fragments import cached_fragment
from kennisbrug.organisations.models import Organisation
from kennisbrug.organisations.permissions import user_organisations

from .. import booking_rules, permissions, selectors, services
from ..calendar import facility_calendar
from ..constants import LOCAL_TZ, BookingStatus
from ..forms import (
    BookingForm,
    CatalogueFilterForm,
    FacilityForm,
    ManagerForm,
    PeriodForm,
    ReasonForm,
)
from ..models import Facility
from ..receivers import CATALOGUE_FRAGMENT
from ..reports import facility_usage, organisation_usage, usage_table
from ..workflow import BOOKING, booking_next_states


def facility_list(request):
    """Public: the catalogue of published facilities with filters.

    The filter form and cards are rendered once per change, language and audience
    (core.fragments): everyone sees the published facilities, a manager also the unpublished
    ones they manage. An availability search depends on bookings and the clock, so it is
    always rendered.
    """

    def catalogue() -> str:
        form = CatalogueFilterForm(request.GET or None)
        filters = form.filters() if form.is_bound and form.is_valid() else {}
        facilities = selectors.facility_list(user=request.user, filters=filters)
        page = Paginator(facilities, 20).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return render_to_string(
            "facilities/_catalogue.html",
            {"form": form, "page": page, "query": query.urlencode()},
        )

    if request.GET.get("available_start") or request.GET.get("available_end"):
        html = catalogue()
    else:
        audience = selectors.facility_catalogue_audience(user=request.user)
        html = cached_fragment(CATALOGUE_FRAGMENT, request, catalogue, vary=audience)
    can_publish = permissions.may_publish(request.user)
    return render(request, "facilities/list.html", {"catalogue": html, "can_publish": can_publish})


def facility_detail(request, pk):
    """Public (published facilities); managers and the secretariat also see unpublished ones."""
    facility = selectors.facility_visible(user=request.user, pk=pk)
    return render(
        request,
        "facilities/detail.html",
        {
            "facility": facility,
            "is_manager": permissions.is_facility_manager(request.user, facility),
            "can_designate": permissions.can_designate_managers(request.user, facility),
            "opening_hours": facility.opening_hours.all(),
            "tariffs": facility.tariffs.all(),
        },
    )


@login_required
def facility_create(request):
    """Admins of an organisation: publish a facility owned by one of their organisations."""
    owners = permissions.admin_organisations(request.user)
    if not owners.exists():
        raise PermissionDenied
    form = FacilityForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        try:
            facility = services.facility_create(
                owner=form.cleaned_data["owner"], actor=request.user, **form.service_arguments()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The facility is published."))
            return redirect("facilities:detail", pk=facility.pk)
    return render(request, "facilities/form.html", {"form": form, "facility": None})


@login_required
def facility_edit(request, pk):
    """Facility managers: change the facility, its opening hours, tariffs and booking rules."""
    facility = get_object_or_404(Facility, pk=pk)
    if not permissions.is_facility_manager(request.user, facility):
        raise PermissionDenied
    form = FacilityForm(request.POST or None, instance=facility)
    if request.method == "POST" and form.is_valid():
        try:
            services.facility_update(
                facility=facility, actor=request.user, **form.service_arguments()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The facility is saved."))
            return redirect("facilities:detail", pk=facility.pk)
    return render(request, "facilities/form.html", {"form": form, "facility": facility})


@login_required
def facility_managers(request, pk):
    """Admins of the owner organisation: designate members as facility managers."""
    facility = get_object_or_404(Facility, pk=pk)
    if not permissions.can_designate_managers(request.user, facility):
        raise PermissionDenied
    form = ManagerForm(request.POST or None)
    if request.method == "POST":
        remove = request.POST.get("remove")
        if remove:
            user = get_object_or_404(User, pk=remove) if remove.isdigit() else None
            if user:
                services.facility_manager_remove(facility=facility, actor=request.user, user=user)
            return redirect("facilities:managers", pk=pk)
        if form.is_valid():
            user = User.objects.filter(email__iexact=form.cleaned_data["email"]).first()
            try:
                if user is None:
                    raise ValidationError(
                        {"email": _("Nobody with this email address is registered.")}
                    )
                services.facility_manager_add(facility=facility, actor=request.user, user=user)
            except ValidationError as exc:
                form.add_error("email", exc.messages)
            else:
                messages.success(request, _("The manager is added."))
                return redirect("facilities:managers", pk=pk)
    return render(
        request,
        "facilities/managers.html",
        {"facility": facility, "form": form, "managers": facility.managers.select_related("user")},
    )


def _week_start(request) -> date:
    try:
        day = date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        day = timezone.localdate()
    day = min(max(day, date(2000, 1, 3)), date(2100, 1, 1))
    return day - timedelta(days=day.weekday())


def facility_availability(request, pk):
    """Public: free/busy week view (no names, only busy blocks and opening hours)."""
    facility = selectors.facility_visible(user=request.user, pk=pk)
    monday = _week_start(request)
    slots = selectors.facility_slots(facility=facility)
    days = []
    for n in range(7):
        day = monday + timedelta(days=n)
        start = datetime.combine(day, time(0), tzinfo=LOCAL_TZ)
        end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=LOCAL_TZ)
        opened = booking_rules.open_intervals(slots, start, end)
        busy = selectors.busy_intervals(facility=facility, start=start, end=end)
        busy = [
            (
                max(booking_rules.to_utc(s), booking_rules.to_utc(start)),
                min(booking_rules.to_utc(e), booking_rules.to_utc(end)),
            )
            for s, e in busy
        ]
        days.append(
            {"day": day, "open": opened, "busy": busy, "free": booking_rules.subtract(opened, busy)}
        )
    context = {
        "facility": facility,
        "days": days,
        "monday": monday,
        "previous": monday - timedelta(days=7),
        "next": monday + timedelta(days=7),
    }
    template = "facilities/_week.html" if request.htmx else "facilities/availability.html"
    return render(request, template, context)


@login_required
def booking_create(request, pk):
    """Members of an organisation: request a booking; step 1 shows the quote, step 2 confirms."""
    facility = selectors.facility_visible(user=request.user, pk=pk)
    organisations = user_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    data = request.POST or None
    if data is not None and "slot" in data:
        # a free period offered after a conflict: quote it with the rest of the form kept
        data = data.copy()
        data["start"], _sep, data["end"] = data["slot"].partition("|")
    form = BookingForm(data, organisations=organisations)
    quote = None
    alternatives: list[dict] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if "confirm" in request.POST:
                booking = services.booking_request(
                    facility=facility,
                    requester=request.user,
                    organisation=data["organisation"],
                    start=data["start"],
                    end=data["end"],
                    purpose=data["purpose"],
                )
                messages.success(request, _("Your booking request is sent."))
                return redirect("facilities:booking_detail", pk=booking.pk)
            quote = services.booking_quote(
                facility=facility,
                requester=request.user,
                organisation=data["organisation"],
                start=data["start"],
                end=data["end"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            alternatives = [_free_period(a) for a in getattr(exc, "alternatives", [])]
    return render(
        request,
        "facilities/book.html",
        {"facility": facility, "form": form, "quote": quote, "alternatives": alternatives},
    )


def _free_period(period) -> dict:
    start, end = (timezone.localtime(moment, LOCAL_TZ) for moment in period)
    value = f"{start:%Y-%m-%dT%H:%M}|{end:%Y-%m-%dT%H:%M}"
    return {"start": start, "end": end, "value": value, "same_day": start.date() == end.date()}


@login_required
def booking_list(request):
    """Logged-in people: their own booking requests."""
    page = Paginator(selectors.booking_list_for_requester(user=request.user), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "facilities/bookings.html", {"page": page})


@login_required
def booking_inbox(request):
    """Facility managers: bookings of the facilities they manage, waiting ones first."""
    status = request.GET.get("status", BookingStatus.REQUESTED)
    if status not in BookingStatus.values:
        status = BookingStatus.REQUESTED
    bookings = selectors.booking_list_for_manager(user=request.user, status=status)
    page = Paginator(bookings, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "facilities/inbox.html",
        {"page": page, "status": status, "statuses": BookingStatus.choices},
    )


@login_required
def booking_detail(request, pk):
    """The requester, the facility's managers and the secretariat: a booking and its history."""
    from kennisbrug.core.audit import audit_trail

    booking = selectors.booking_visible(user=request.user, pk=pk)
    actions = set()
    if permissions.is_facility_manager(request.user, booking.facility):
        actions |= set(booking_next_states(booking.status, "manager"))
    if booking.requester_id == request.user.pk:
        actions |= set(booking_next_states(booking.status, "requester"))
    return render(
        request,
        "facilities/booking_detail.html",
        {
            "booking": booking,
            "actions": sorted(actions),
            "form": ReasonForm(),
            "trail": audit_trail(booking).select_related("actor"),
        },
    )


@login_required
@require_POST
def booking_action(request, pk, action):
    """The requester (cancel) or facility managers (approve, reject, cancel, complete)."""
    booking = selectors.booking_visible(user=request.user, pk=pk)
    if action not in {edge.target for edge in BOOKING.edges}:
        return HttpResponse(status=404)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Keep the reason under 2000 characters."))
        return redirect("facilities:booking_detail", pk=pk)
    reason = form.cleaned_data["reason"]
    try:
        services.booking_transition(
            obj=booking, action=BOOKING.action_to(action), actor=request.user, reason=reason
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The booking is updated."))
    return redirect("facilities:booking_detail", pk=pk)


def facility_ical(request, pk):
    """Public free/busy feed; with the facility's calendar token, or for its managers, details."""
    facility = selectors.facility_visible(user=request.user, pk=pk)
    token = request.GET.get("token", "")
    detailed = permissions.is_facility_manager(request.user, facility) or (
        bool(token) and token == facility.calendar_token
    )
    body = facility_calendar(facility=facility, detailed=detailed)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="facility-{facility.pk}.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


def _period(request):
    today = timezone.localdate()
    default = {
        "start": today.replace(day=1) - timedelta(days=365),
        "end": today + timedelta(days=1),
    }
    form = PeriodForm(request.GET or None, initial=default)
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    else:
        start, end = default["start"], default["end"]
    as_dt = lambda d: datetime.combine(d, time(0), tzinfo=LOCAL_TZ)  # noqa: E731
    return form, as_dt(start), as_dt(end)


def _csv(rows, name):
    header, table = usage_table(rows)
    return spreadsheet.csv_response(header, table, filename=name)


@login_required
def facility_report(request, pk):
    """Facility managers and the secretariat: usage of one facility in a period; CSV export."""
    facility = get_object_or_404(Facility, pk=pk)
    if not permissions.can_view_facility_report(request.user, facility):
        raise PermissionDenied
    form, start, end = _period(request)
    report = facility_usage(facility=facility, start=start, end=end)
    if request.GET.get("format") == "csv":
        return _csv([report], f"facility-{facility.pk}-usage")
    return render(
        request,
        "facilities/report.html",
        {"form": form, "report": report, "rows": [report], "facility": facility},
    )


@login_required
def organisation_report(request, org_pk):
    """Admins of the organisation and the secretariat: usage of all its facilities; CSV export."""
    organisation = get_object_or_404(Organisation, pk=org_pk)
    if not permissions.can_view_report(request.user, organisation):
        raise PermissionDenied
    form, start, end = _period(request)
    report = organisation_usage(organisation=organisation, start=start, end=end)
    if request.GET.get("format") == "csv":
        return _csv(report["facilities"], f"organisation-{organisation.pk}-usage")
    return render(
        request,
        "facilities/report.html",
        {
            "form": form,
            "report": report,
            "rows": report["facilities"],
            "organisation": organisation,
        },
    )
