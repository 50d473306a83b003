#!/usr/bin/env python3
"""Writes cities.tsv: the exemplar cities of Unicode CLDR's time zones in
Vietnamese, with their country.

    npm pack cldr-dates-full@48.2.0 cldr-core@48.2.0
    tar xzf cldr-dates-full-48.2.0.tgz && mv package dates
    tar xzf cldr-core-48.2.0.tgz && mv package core
    python3 cities_from_cldr.py dates core > cities.tsv

A zone's city is `main/vi/timeZoneNames.json`'s exemplarCity, or, where the
Vietnamese locale gives none, the zone id's last part with `_` as a space
(CLDR's own fallback). Its country is the territory
`supplemental/windowsZones.json` maps the zone to. Left out: Việt Nam's
zones, Antarctica's stations (named after people), zones named with their
state (`Knox, Indiana`), names of countries and territories (they are in
countries.tsv), islands and groups of islands that are no city, and names
the press uses more as a word, a brand or a person's (SKIP). A name with
marks of other languages and none of Vietnamese's own letters (`Bogotá`,
`São Paulo`) is also given without them, as the press often writes it.
"""

VIETNAMESE = set("đăâêôơưĐĂÂÊÔƠƯ")


def bare(name):
    """The name without its marks, if it has marks of other languages."""
    if any(c in VIETNAMESE for c in name):
        return None
    out = "".join(
        c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c)
    )
    return out if out != name and out.isascii() else None

import json
import os
import sys
import unicodedata

# Islands, groups of islands and provinces that are no city.
NOT_CITIES = {
    "Azores", "Bahia", "Bougainville", "Canarias", "Chagos", "Chatham",
    "Chuuk", "Cocos", "Easter", "Efate", "Fakaofo", "Faroe", "Galápagos",
    "Gambier", "Guadalcanal", "Kamchatka", "Kerguelen", "Kiritimati",
    "Kosrae", "Kwajalein", "Lindeman", "Lord Howe", "Macquarie", "Madeira",
    "Marquesas", "Midway", "Pohnpei", "Rarotonga", "Sakhalin", "Tahiti",
    "Tongatapu", "Wake", "Đảo Canton", "Đảo Man", "Nam Georgia", "Antigua",
    "Comores", "Pitcairn", "Norfolk", "Wallis & Futuna", "Grand Turk",
    "Tortola",
}
# Words, brands and names of people the press writes more often than the
# city: `Davis Cup`, `Porsche Cayenne`, `Showa` (a maker of parts).
SKIP = {
    "Casey", "Cayenne", "Cayman", "Center", "Christmas", "Creston",
    "Darwin", "Davis", "Dawson", "Jersey", "Kirov", "Oral", "Palmer", "Phoenix",
    "Regina", "Resolute", "Showa", "Stanley", "Thule",
}


def main(dates, core):
    with open(os.path.join(core, "supplemental/windowsZones.json")) as f:
        maps = json.load(f)["supplemental"]["windowsZones"]["mapTimezones"]
    zones = {}
    for m in maps:
        m = m["mapZone"]
        if m["_territory"] != "001":
            for z in m["_type"].split():
                zones.setdefault(z, m["_territory"])
    with open(os.path.join(dates, "main/vi/timeZoneNames.json")) as f:
        tree = json.load(f)["main"]["vi"]["dates"]["timeZoneNames"]["zone"]
    vi = {}

    def walk(node, path):
        for k, v in node.items():
            if isinstance(v, dict) and "exemplarCity" in v:
                vi["/".join(path + [k])] = v["exemplarCity"]
            elif isinstance(v, dict):
                walk(v, path + [k])

    walk(tree, [])
    here = os.path.dirname(os.path.abspath(__file__))
    known = set()
    for name in ("countries.tsv", "world.tsv"):
        with open(os.path.join(here, name)) as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                cols = line.rstrip("\n").split("\t")
                known.add(cols[1].lower())
    print("# Foreign cities: name TAB country (ISO 3166 code) TAB time zone. The")
    print("# exemplar cities of Unicode CLDR 48's time zones in Vietnamese (npm")
    print("# cldr-dates-full 48.2.0, main/vi/timeZoneNames.json; the zone id's city")
    print("# where the locale gives none), each zone's country from cldr-core 48.2.0")
    print("# supplemental/windowsZones.json; Unicode License v3: see")
    print("# LICENSE-unicode.txt. Written by cities_from_cldr.py, which lists what it")
    print("# leaves out.")
    seen = set()
    for zone, terr in sorted(zones.items(), key=lambda z: z[0]):
        if zone.startswith(("Etc/", "Antarctica/")) or terr == "VN":
            continue
        name = vi.get(zone) or zone.rsplit("/", 1)[1].replace("_", " ")
        if "," in name or name in NOT_CITIES or name in SKIP:
            continue
        if name.lower() in known or name.lower() in seen:
            continue
        seen.add(name.lower())
        print(f"{name}\t{terr}\t{zone}")
        plain = bare(name)
        if plain and plain.lower() not in known and plain.lower() not in seen:
            seen.add(plain.lower())
            print(f"{plain}\t{terr}\t{zone}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
