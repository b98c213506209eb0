"""Every page at phone width (390 px): the page itself never scrolls sideways, and axe
finds no serious or critical WCAG 2.1 AA problem. Wide tables scroll inside their own
`.table-wrap` region, which is allowed.

Run: uv run pytest -m e2e tests/e2e/test_phone_width.py
"""

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.browser import check_accessibility, session_cookie
from tests.site_walk import build_site, pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}

# The page's own width against the viewport, and the elements that stick out (for the
# failure message): an element counts when it ends right of the viewport and is not
# inside a region that scrolls on its own.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const page = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
  const culprits = [];
  if (page > width) {
    for (const el of document.querySelectorAll('body *')) {
      if (el.closest('.table-wrap')) continue;
      const box = el.getBoundingClientRect();
      if (box.right > width + 1 && box.width > 0) {
        culprits.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}`
          + `${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : ''}`
          + ` (${Math.round(box.right)} px)`);
      }
    }
  }
  return {width, page, culprits: culprits.slice(-5)};
}"""


def test_every_page_fits_a_phone(new_context, live_server):
    people = build_site()
    walk = pages(people)
    contexts = {}
    failures, checked = [], set()
    for role, path in walk:
        if role not in contexts:
            context = new_context(viewport=PHONE, is_mobile=True, has_touch=True)
            user = people.by_role()[role]
            if user is not None:
                context.add_cookies([session_cookie(user, live_server)])
            contexts[role] = context.new_page()
        page = contexts[role]
        try:
            response = page.goto(path)
        except PlaywrightError as error:  # an error status without a body
            failures.append(f"{role} {path}: {error.message.splitlines()[0]}")
            continue
        if response is None or response.status >= 400:
            failures.append(f"{role} {path}: HTTP {response and response.status}")
            continue
        result = page.evaluate(OVERFLOW)
        if result["page"] > result["width"]:
            failures.append(
                f"{role} {path}: page is {result['page']} px wide at {result['width']} px; "
                f"sticking out: {', '.join(result['culprits'])}"
            )
        if path not in checked:  # axe once per page; the roles see the same layout
            checked.add(path)
            try:
                check_accessibility(page)
            except pytest.fail.Exception as error:
                failures.append(f"{role} {path}: {error}")
    assert not failures, f"{len(failures)} of {len(walk)} pages fail at 390 px:\n" + "\n".join(
        failures
    )
