"""Moving through a page with the keyboard only (Tab, Shift+Tab, Enter, Space, arrows and
typing), checking at every step that the focused element can be seen and shows a focus ring."""

FOCUS_SCRIPT = """() => {
  const element = document.activeElement;
  if (!element || element === document.body || element === document.documentElement) {
    return {ok: false, why: "nothing has the focus"};
  }
  const box = element.getBoundingClientRect();
  const style = getComputedStyle(element);
  const shown = element.checkVisibility({opacityProperty: true, visibilityProperty: true});
  const inView = box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 &&
    box.top < window.innerHeight && box.left < window.innerWidth;
  const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) ||
    style.boxShadow !== "none";
  const text = (element.innerText || element.value || element.getAttribute("aria-label") || "");
  return {
    ok: shown && inView && ring, shown, inView, ring,
    tag: element.tagName.toLowerCase(), type: element.type || "", name: element.name || "",
    value: element.value || "", id: element.id, href: element.getAttribute("href") || "",
    text: text.replace(/\\s+/g, " ").trim().slice(0, 80),
  };
}"""


class KeyboardError(AssertionError):
    pass


def focused(page):
    return page.evaluate(FOCUS_SCRIPT)


def describe(info):
    name = info.get("id") or info.get("name") or info.get("href")
    return f"<{info.get('tag')} {name}> {info.get('text', '')!r}"


def check_focus(page, where=""):
    """The focused element is shown, in view, and drawn with a focus ring."""
    info = focused(page)
    if not info["ok"]:
        raise KeyboardError(f"focus not visible on {page.url} {where}: {info}")
    return info


def press(page, key):
    page.keyboard.press(key)
    return check_focus(page, f"after {key}")


def tab_to(page, matches, limit=120, backwards=False):
    """Press Tab (or Shift+Tab) until the focused element `matches(info)`; every element on
    the way must show its focus. Returns the element's description."""
    key = "Shift+Tab" if backwards else "Tab"
    passed = []
    for _ in range(limit):
        page.keyboard.press(key)
        if focused(page).get("why"):
            passed.append("(out of the page: the browser's own controls)")
            continue
        info = check_focus(page, f"after {key}")
        if matches(info):
            return info
        passed.append(describe(info))
    raise KeyboardError(f"Tab never reached the element on {page.url}; passed: {passed[-15:]}")


def activate(page, key="Enter"):
    """Press Enter (a link or a button) and wait for the page it opens."""
    with page.expect_navigation():
        page.keyboard.press(key)
    page.wait_for_load_state()


def href_has(fragment):
    return lambda info: fragment in info["href"]


def button(name=None, value=None, text=None):
    def matches(info):
        if info["tag"] != "button" and info["type"] != "submit":
            return False
        if name is not None and info["name"] != name:
            return False
        if value is not None and info["value"] != value:
            return False
        return text is None or text in info["text"]

    return matches


def field(name):
    return lambda info: info["name"] == name
