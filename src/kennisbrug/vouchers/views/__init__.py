"""Pages of the vouchers app: applications and their workflow; reports and exports."""

from .applications import (
    application_create,
    application_detail,
    application_edit,
    application_list,
    application_transition,
    attachment_download,
    attachment_upload,
    scheme_detail,
    scheme_form,
    scheme_list,
)
from .reports import (
    aid_register,
    scheme_dashboard,
    scheme_export,
)

__all__ = [
    "aid_register",
    "application_create",
    "application_detail",
    "application_edit",
    "application_list",
    "application_transition",
    "attachment_download",
    "attachment_upload",
    "scheme_dashboard",
    "scheme_detail",
    "scheme_export",
    "scheme_form",
    "scheme_list",
]
