"""The web page in headless Chromium, driven by WebDriver (chromedriver):
a query typed without diacritics, a district filter chosen from the
suggestions, a document opened with its entities highlighted. Screenshots
go to the artefacts directory (VIETDEX_ARTEFACTS, default
target/test-artefacts)."""

import os
import shutil
import tempfile
import urllib.parse

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait


def find(*names):
    for n in names:
        p = shutil.which(n) or (n if os.path.exists(n) else None)
        if p:
            return p
    return None


@pytest.fixture(scope="module")
def browser():
    chromium = os.environ.get("CHROMIUM") or find("chromium", "/usr/bin/chromium", "chromium-browser")
    driver_path = os.environ.get("CHROMEDRIVER") or find("chromedriver", "/usr/bin/chromedriver")
    if not chromium or not driver_path:
        pytest.fail("the browser test needs chromium and chromedriver (apt-get install chromium chromium-driver)")
    profile = tempfile.mkdtemp(prefix="vietdex-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for a in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1400,1000",
              "--lang=vi"]:
        opts.add_argument(a)
    driver = webdriver.Chrome(service=Service(driver_path), options=opts)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def ready(driver, timeout=20):
    WebDriverWait(driver, timeout).until(
        lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") in ("1", "error"))
    assert driver.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1", \
        driver.find_element(By.ID, "error").text


def test_search_filter_and_document(browser, server, artefacts):
    d = browser
    d.get(server + "/")
    ready(d)
    assert d.find_element(By.ID, "go").text == "Tìm"  # Vietnamese by default

    # A query typed without diacritics finds the text with them.
    box = d.find_element(By.ID, "q")
    box.send_keys("nong thon moi")
    d.find_element(By.ID, "go").click()
    WebDriverWait(d, 20).until(lambda d: "q=nong+thon+moi" in d.current_url)
    ready(d)
    hits = d.find_elements(By.CSS_SELECTOR, "#hits li.hit")
    assert len(hits) == 5
    marks = [m.text.lower() for m in d.find_elements(By.CSS_SELECTOR, "#hits mark")]
    assert "nông" in marks and "thôn" in marks, marks
    assert d.find_elements(By.CSS_SELECTOR, "#facet-district li")
    assert d.find_elements(By.CSS_SELECTOR, "#timeline rect")
    assert d.find_elements(By.CSS_SELECTOR, "#cooc table.cooc td")
    d.save_screenshot(str(artefacts / "1-search.png"))

    # The district field suggests the district with diacritics and parent.
    field = d.find_element(By.ID, "f-district")
    field.send_keys("dai tu")
    option = WebDriverWait(d, 20).until(EC.visibility_of_element_located(
        (By.XPATH, "//input[@id='f-district']/following-sibling::ul/li[starts-with(normalize-space(.), 'Đại Từ (Thái Nguyên)')]")))
    d.save_screenshot(str(artefacts / "2-suggestions.png"))
    option.click()
    WebDriverWait(d, 20).until(lambda d: "district=" in d.current_url)
    ready(d)
    state = urllib.parse.parse_qs(urllib.parse.urlparse(d.current_url).query)
    assert state["district"] == ["Đại Từ"], state
    assert state["q"] == ["nong thon moi"], state
    assert "district: Đại Từ" in d.find_element(By.ID, "active").text
    hits = d.find_elements(By.CSS_SELECTOR, "#hits li.hit")
    assert len(hits) == 2, [h.text for h in hits]
    for h in hits:
        assert "Huyện Đại Từ" in h.text
    d.save_screenshot(str(artefacts / "3-filtered.png"))

    # The URL holds the state: opening it afresh gives the same page.
    d.get(d.current_url)
    ready(d)
    assert len(d.find_elements(By.CSS_SELECTOR, "#hits li.hit")) == 2

    # A document with its entities highlighted by kind.
    d.find_element(By.CSS_SELECTOR, "#hits li.hit a.doc-link").click()
    WebDriverWait(d, 20).until(lambda d: "doc=" in d.current_url)
    ready(d)
    ents = d.find_elements(By.CSS_SELECTOR, "#doc .body span.ent")
    kinds = {e.get_attribute("data-kind") for e in ents}
    assert {"district", "province", "program", "organization"} <= kinds, kinds
    districts = [e.text for e in ents if e.get_attribute("data-kind") == "district"]
    assert "Đại Từ" in districts, districts
    colors = {e.get_attribute("data-kind"): e.value_of_css_property("background-color") for e in ents}
    assert len({colors["district"], colors["program"], colors["organization"]}) == 3, colors
    places = d.find_element(By.CSS_SELECTOR, "#doc table.places").text
    assert "Huyện Đại Từ" in places and "Tỉnh Thái Nguyên" in places, places
    assert d.find_elements(By.CSS_SELECTOR, "#doc table.places td.succ"), "2025 successors column"
    d.save_screenshot(str(artefacts / "4-document.png"))
    d.execute_script("arguments[0].scrollIntoView()", d.find_element(By.CSS_SELECTOR, "#doc table.places"))
    d.save_screenshot(str(artefacts / "5-document-places.png"))

    # English is available.
    d.find_element(By.ID, "lang-en").click()
    ready(d)
    assert d.find_element(By.ID, "back").text.startswith("← Back")
