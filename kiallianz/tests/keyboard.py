"""Keyboard-only helpers for the browser tests (issue 16).

Only ``page.keyboard`` moves and acts; the page is read (which element has
the focus, its computed outline) but never clicked or filled.
"""

import re

from playwright.sync_api import expect

# The focused element, its outline and the colour behind the outline (the
# first opaque background of its ancestors). A visually hidden control (the
# capture screen's file inputs) shows its focus on its label.
FOCUSED = r"""() => {
  let el = document.activeElement;
  if (!el || el === document.body) return null;
  const own = el.getBoundingClientRect();
  if ((own.width <= 1 || own.height <= 1) && el.labels && el.labels.length) el = el.labels[0];
  const style = getComputedStyle(el);
  let background = getComputedStyle(document.body).backgroundColor;
  for (let node = el.parentElement; node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (/^rgba\(.*,\s*0\)$/.test(colour) || colour === "transparent") continue;
    background = colour;
    break;
  }
  const box = el.getBoundingClientRect();
  const label = (el.getAttribute("aria-label") || el.innerText || el.value || "").trim();
  return {
    name: el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + " " + label.slice(0, 40),
    style: style.outlineStyle, width: parseFloat(style.outlineWidth),
    colour: style.outlineColor, background: background,
    visible: box.width > 0 && box.height > 0,
  };
}"""


def _rgb(colour: str) -> tuple[float, ...]:
    return tuple(float(v) for v in re.findall(r"[\d.]+", colour)[:3])


def _luminance(colour: str) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in _rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def focus_problems(page, stops: int) -> list[str]:
    """Press Tab ``stops`` times; name every stop whose focus is not clearly
    visible: no outline, thinner than 2px, or below 3:1 against the colour
    behind it (WCAG 2.4.7, 1.4.11)."""
    problems = []
    for _ in range(stops):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            continue
        name = focused["name"]
        if not focused["visible"]:
            problems.append(f"{name}: unsichtbar fokussiert")
        elif focused["style"] == "none" or focused["width"] < 2:
            problems.append(f"{name}: kein Umriss ({focused['style']} {focused['width']}px)")
        elif (ratio := contrast(focused["colour"], focused["background"])) < 3:
            behind = focused["background"]
            problems.append(f"{name}: Umriss {focused['colour']} auf {behind} {ratio:.1f}:1")
    return problems


def tab_to(page, selector: str, limit: int = 80, key: str = "Tab") -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate("s => !!document.activeElement?.matches(s)", selector):
            return
    raise AssertionError(f"{selector} nach {limit}× {key} nicht erreicht")


def skip_to_content(page) -> None:
    """The first Tab stop of every page is the visible skip link; Enter moves
    the focus to the main content."""
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Zum Inhalt springen")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()


def login_with_keyboard(page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    # The user name field has the focus (autofocus): type at once.
    expect(page.locator("#id_username")).to_be_focused()
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    expect(page.locator("#id_password")).to_be_focused()
    page.keyboard.type(password)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base_url}/")
