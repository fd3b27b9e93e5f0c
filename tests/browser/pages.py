"""What the browser tests do on a page: sign in, switch language, walk a person's pages, and
check each one with axe-core (WCAG 2.0/2.1 A and AA), for sideways overflow at a phone's and a
laptop's width, for chart text too small to read on a phone, and for anything the
Content-Security-Policy blocked."""

from collections import Counter, deque
from dataclasses import dataclass
from urllib.parse import urldefrag, urlsplit

from django.urls import Resolver404, resolve

DEMO_PASSWORD = "demo-pass-2567"
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")
MIN_CHART_TEXT_PX = 11

# Pages the walk never opens: files and documents (their links start work or a download),
# the language switch, signing out and Django's admin.
NOT_PAGES = {
    "set_language",
    "account_logout",
    "reports:document",
    "reports:job_download",
    "proposals:attachment_download",
    "proposals:call_document",
    "projects:progress_evidence_download",
    "projects:change_file",
    "projects:payment_document",
    "projects:contract_copy",
    "projects:amendment_copy",
    "reviews:review_attachment",
    "indicators:export_framework",
    "reports:results_template",
    # The API's docs (Swagger UI, drawn by its own script) and its JSON schema; the API's
    # HTML of our own is the token page, walked from the profile.
    "api:docs",
    "api:schema",
}


@dataclass(frozen=True)
class Finding:
    """One problem on one page: what (rule), where (page) and which element."""

    rule: str
    impact: str
    page: str
    target: str
    detail: str

    def __str__(self):
        where = f"{self.page}\n    at {self.target}\n    {self.detail}"
        return f"[{self.impact}] {self.rule} on {where}"


# Every Content-Security-Policy violation of a page (an inline script or style the policy
# blocked), kept for check_page.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", event => {
  window.__cspViolations.push([event.violatedDirective, event.blockedURI,
                               (event.sample || "").slice(0, 60)]);
});
"""


def csp_findings(page, where):
    violations = page.evaluate("() => window.__cspViolations || []")
    return [
        Finding(
            rule="csp-violation",
            impact="serious",
            page=where,
            target=f"{directive} {blocked}",
            detail=f"blocked by the Content-Security-Policy: {sample!r}",
        )
        for directive, blocked, sample in violations
    ]


def axe_script_path():
    from axe_playwright_python.base import AXE_FILE_PATH

    return AXE_FILE_PATH


def new_context(browser, base_url):
    context = browser.new_context(
        base_url=base_url, viewport=LAPTOP, locale="th-TH", reduced_motion="reduce"
    )
    context.add_init_script(path=str(axe_script_path()))
    context.add_init_script(CSP_LISTENER)
    context.set_default_timeout(20_000)
    return context


def sign_in(page, email):
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    assert "/dashboard/" in page.url, f"{email} could not sign in: {page.url}"


def switch_language(page, code):
    """Press the language button of the menu (on a phone the menu opens first)."""
    page.goto("/calls/")
    toggler = page.locator("button.navbar-toggler")
    if toggler.is_visible():
        toggler.click()
    with page.expect_navigation():
        page.click(f"button[name=language][value={code}]")
    assert page.locator("html").get_attribute("lang") == code


# Pages that look different for each object they show (a draft and a submitted proposal, a
# report being written and one accepted): the walk opens up to PER_OBJECT of each.
STATEFUL = {
    "proposals:proposal_detail",
    "projects:project",
    "projects:progress_detail",
    "reviews:answer_assignment",
}
PER_OBJECT = 2


def page_key(url):
    """The kind of page an address shows: its view, with the words of its address (a role, a
    call's code, a transition) but not the ids of the objects, except for STATEFUL views."""
    path = urlsplit(url).path
    try:
        match = resolve(path)
    except Resolver404:
        return None
    words = tuple(
        sorted(
            (k, str(v))
            for k, v in match.kwargs.items()
            if (isinstance(v, str) and k != "pk") or match.view_name in STATEFUL
        )
    )
    return (match.view_name, words)


# Pages that read the same whoever reads them (but for the menu, checked on every page):
# the first person to reach one checks it, once per language.
SAME_FOR_EVERYONE = {
    "home",
    "proposals:call_list",
    "indicators:technology_list",
    "indicators:programme_list",
    "indicators:dashboard_list",
    "indicators:municipality_list",
    "projects:portfolio_index",
    "projects:portfolio",
    "notifications",
    "reports:jobs",
}


def is_shared(key):
    return key[0] in SAME_FOR_EVERYONE or key[0].startswith(("account_", "mfa_"))


def walk(page, base_url, starts, shared_seen=None, limit=120):
    """Open each kind of page reachable by links from `starts` once; yield its address and
    status after it loaded. Links to other sites, files and the admin are not followed; pages
    in `shared_seen` (kept across people) are skipped."""
    queue = deque(starts)
    seen = set()
    per_view = Counter()
    shared_seen = set() if shared_seen is None else shared_seen
    opened = 0
    while queue and opened < limit:
        url = urldefrag(queue.popleft()).url
        if url.startswith("/"):
            url = base_url + url
        if not url.startswith(base_url + "/"):
            continue
        path = url[len(base_url) :]
        if path.startswith(("/static/", "/media/", "/admin/")):
            continue
        key = page_key(url)
        if key is None or key in seen or key in shared_seen or key[0] in NOT_PAGES:
            continue
        seen.add(key)
        if is_shared(key):
            shared_seen.add(key)
        per_view[key[0]] += 1
        if per_view[key[0]] > PER_OBJECT:
            continue
        response = page.goto(url)
        opened += 1
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        landed = page_key(page.url)  # after redirects (/dashboard/ → the role's dashboard)
        if landed != key:
            if landed is None or landed in seen or landed in shared_seen:
                continue
            seen.add(landed)
            if is_shared(landed):
                shared_seen.add(landed)
        yield page.url[len(base_url) :], response.status
        links = page.eval_on_selector_all(
            "a[href]:not([download])",
            "links => links.map(link => new URL(link.getAttribute('href'), document.baseURI).href)",
        )
        queue.extend(links)


def axe_findings(page, where, contrast=True):
    """axe-core's violations of WCAG 2.0/2.1 A and AA on the open page. `contrast=False` leaves
    out colour contrast, most of axe's time, where the same page was checked in another
    language: its colours do not change with the words."""
    results = page.evaluate(
        """([tags, contrast]) => axe.run(document, {
             runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
             rules: {"color-contrast": {enabled: contrast}}})""",
        [AXE_TAGS, contrast],
    )
    findings = []
    for violation in results["violations"]:
        for node in violation["nodes"]:
            impact = node.get("impact") or violation["impact"]
            findings.append(
                Finding(
                    rule=violation["id"],
                    impact=impact,
                    page=where,
                    target=" ".join(map(str, node["target"])),
                    detail=(node.get("failureSummary") or violation["help"]).replace("\n", " "),
                )
            )
    return findings


OVERFLOW_SCRIPT = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width + 1) return null;
  const clips = style => /(auto|scroll|hidden|clip)/.test(style.overflowX);
  // Is the element cut by a scrolling or clipping box? An absolutely positioned one only by a
  // box that is, or holds, its containing block (a positioned ancestor).
  const clipped = element => {
    let position = getComputedStyle(element).position;
    if (position === "fixed") return false;
    let free = position === "absolute";
    for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (free && style.position !== "static") free = false;
      if (!free && clips(style)) return true;
    }
    return false;
  };
  const culprits = [];
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (box.right <= width + 1 || box.width === 0) continue;
    if (culprits.some(culprit => culprit.contains(element)) || clipped(element)) continue;
    culprits.push(element);
  }
  const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
    (typeof e.className === "string" && e.className.trim()
      ? "." + e.className.trim().split(/\\s+/).join(".") : "");
  return {scrollWidth: document.documentElement.scrollWidth,
          culprits: culprits.slice(-3).map(name)};
}"""

CHART_TEXT_SCRIPT = """min => {
  const small = [];
  for (const text of document.querySelectorAll("svg text")) {
    const matrix = text.getScreenCTM();
    if (!matrix || text.getBBox().width === 0) continue;
    const size = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(matrix.a, matrix.b);
    if (size < min - 0.05) small.push([text.textContent.trim().slice(0, 30), size.toFixed(1)]);
  }
  return small.slice(0, 3);
}"""


def overflow_findings(page, where, viewport):
    page.set_viewport_size(viewport)
    overflow = page.evaluate(OVERFLOW_SCRIPT)
    if overflow is None:
        return []
    return [
        Finding(
            rule="page-overflow",
            impact="serious",
            page=where,
            target=", ".join(overflow["culprits"]),
            detail=f"the page is {overflow['scrollWidth']} px wide at {viewport['width']} px",
        )
    ]


def chart_findings(page, where):
    """Run at a phone's width: SVG text drawn smaller than MIN_CHART_TEXT_PX."""
    small = page.evaluate(CHART_TEXT_SCRIPT, MIN_CHART_TEXT_PX)
    return [
        Finding(
            rule="chart-text-size",
            impact="serious",
            page=where,
            target=f"svg text {text!r}",
            detail=f"drawn at {size} px on a {PHONE['width']}-px screen",
        )
        for text, size in small
    ]


def check_page(page, where, contrast=True):
    """Every check of one page, the page being open at a laptop's width; leaves it so."""
    findings = csp_findings(page, where)
    findings += axe_findings(page, where, contrast)
    findings += overflow_findings(page, where, PHONE)
    findings += chart_findings(page, where)
    findings += overflow_findings(page, where, LAPTOP)
    return findings
