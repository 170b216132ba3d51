#!/usr/bin/python3
"""Regenerates the countries of code list CL_AREA in rulebooks/comesa-migration.json, and the Arabic
names of CL_AREA's other codes and of CL_REGION.

Sources: Debian's iso-codes package (ISO 3166-1): the alpha-3 code is the code id, `numeric`
(the UN M49 number of the country) and `alpha_2` are kept as `numeric` and `alpha2`, the
English `name` is the English label (`common_name` and `official_name` become English
synonyms when they differ), and the French translations of these names (iso-codes'
gettext catalogue) give the French label and synonyms. CLDR (Debian's unicode-cldr-core: the
English and French territory names, with their short and variant forms: `Congo (DRC)`, `Hong
Kong`, `Czech Republic`, `Congo-Kinshasa`, `Corée du Sud`) gives further synonyms. Hand-written
synonyms that people really type (`DRC`, `Tanzanie`, UN DESA's and the World Bank's abbreviations
…) are added from EXTRA below. The Arabic label and synonyms come from rulebooks/generate/
arabic_names.py (imported): CLDR's ar.xml and iso-codes' Arabic catalogue, the UN's Arabic names
where they differ, national spellings, and hand-written names for the codes no source has.

Only the `codes` array of CL_AREA (and its `generated_by`) and the "ar" label and synonyms of
CL_REGION's codes are rewritten: the codes of CL_AREA that are not countries (NAT, FOR, STLS, _O,
_U, _T: every code without `alpha2`) are kept, in their order, after the countries, with only their
"ar" label and synonyms set; the rest of the file is loaded and dumped unchanged (indent 2, UTF-8,
trailing newline), so a rerun with the same iso-codes and CLDR is byte-stable. A country is written
as {id, label {en, fr, ar}, synonyms {en, fr, ar}, numeric, alpha2}.

    rulebooks/generate/countries.py           install iso-codes and CLDR if missing, rewrite the file
    rulebooks/generate/countries.py --check   rewrite nothing; exit 1 if the file is not
                                              what this script would write (for tests)
"""
import json
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside the generators
import arabic_names  # noqa: E402  (rulebooks/generate/, the script's directory, is on sys.path)
from arabic_names import REPO, clean, cldr_territories, iso_catalog, iso_entries, norm, package_version  # noqa: E402

RULEBOOK = REPO / "rulebooks" / "comesa-migration.json"
CODELIST = "CL_AREA"
REGIONS = "CL_REGION"

# Names people use that iso-codes does not give (alpha-3 -> language -> synonyms). A synonym
# equal (after normalisation, see arabic_names.norm()) to the code's label or to an earlier
# synonym of the same language is dropped, so listing a name that is already the label is harmless.
EXTRA = {
    "ARE": {"en": ["UAE", "U.A.E.", "Emirates"], "fr": ["EAU", "Émirats"]},
    "BOL": {"en": ["Bolivia"], "fr": ["Bolivie"]},
    "BRN": {"en": ["Brunei"], "fr": ["Brunei", "Brunéi"]},
    "BDI": {"en": ["Burundi"], "fr": ["Burundi"]},
    "CAF": {"en": ["Central African Rep.", "CAR"], "fr": ["Centrafrique"]},
    "CCK": {"fr": ["Îles Cocos"]},
    "CIV": {"en": ["Ivory Coast"], "fr": ["Côte-d'Ivoire"]},
    "COD": {"en": ["DR Congo", "DRC", "Congo-Kinshasa", "Congo Kinshasa", "Congo (Kinshasa)",
                   "Democratic Republic of Congo", "Democratic Republic of the Congo", "Congo, Dem. Rep.",
                   "Congo DR"],
            "fr": ["RD Congo", "RDC", "Congo-Kinshasa", "Congo Kinshasa", "République démocratique du Congo"]},
    "COG": {"en": ["Congo Brazzaville", "Congo-Brazzaville", "Congo (Brazzaville)", "Republic of Congo",
                   "Congo, Rep."],
            "fr": ["Congo", "Congo Brazzaville", "Congo-Brazzaville"]},
    "COM": {"fr": ["Comores"]},
    "CPV": {"en": ["Cape Verde"], "fr": ["Cap Vert"]},
    "CXR": {"fr": ["Île Christmas"]},
    "CZE": {"en": ["Czech Republic"], "fr": ["République tchèque"]},
    "DJI": {"en": ["Djibouti"], "fr": ["Djibouti"]},
    "EGY": {"fr": ["Égypte"]},
    "ERI": {"fr": ["Érythrée"]},
    "ETH": {"fr": ["Éthiopie"]},
    "FLK": {"en": ["Falkland Islands"], "fr": ["Îles Malouines", "Îles Falkland"]},
    "FSM": {"en": ["Micronesia"], "fr": ["Micronésie"]},
    "GBR": {"en": ["UK", "Great Britain", "Britain"], "fr": ["Royaume-Uni", "Grande-Bretagne"]},
    "IRN": {"en": ["Iran"], "fr": ["Iran"]},
    "KEN": {"en": ["Kenya"], "fr": ["Kenya"]},
    "KOR": {"en": ["South Korea", "Republic of Korea"], "fr": ["Corée du Sud"]},
    "LAO": {"en": ["Laos"], "fr": ["Laos"]},
    "LBY": {"fr": ["Libye"]},
    "MDA": {"en": ["Moldova"], "fr": ["Moldavie"]},
    "MDG": {"en": ["Madagascar"], "fr": ["Madagascar"]},
    "MKD": {"en": ["Macedonia"], "fr": ["Macédoine"]},
    "MMR": {"en": ["Burma"], "fr": ["Myanmar"]},
    "MUS": {"fr": ["Maurice", "Île Maurice"]},
    "MWI": {"en": ["Malawi"], "fr": ["Malawi"]},
    "NLD": {"en": ["Holland"], "fr": ["Hollande"]},
    "PRK": {"en": ["North Korea"], "fr": ["Corée du Nord"]},
    "PSE": {"en": ["Palestine", "State of Palestine"], "fr": ["Palestine", "État de Palestine"]},
    "REU": {"fr": ["La Réunion", "Île de la Réunion"]},
    "RUS": {"en": ["Russia"], "fr": ["Russie"]},
    "RWA": {"en": ["Rwanda"], "fr": ["Rwanda"]},
    "SDN": {"fr": ["Soudan"]},
    "SLB": {"fr": ["Îles Salomon"]},
    "SOM": {"fr": ["Somalie"]},
    "SWZ": {"en": ["Swaziland"], "fr": ["Swaziland"]},
    "SYC": {"en": ["Seychelles"], "fr": ["Seychelles"]},
    "SYR": {"en": ["Syria"], "fr": ["Syrie"]},
    "TLS": {"en": ["East Timor"], "fr": ["Timor-Leste"]},
    "TUN": {"fr": ["Tunisie"]},
    "TUR": {"en": ["Turkey"], "fr": ["Turquie"]},
    "TWN": {"en": ["Taiwan"], "fr": ["Taïwan"]},
    "TZA": {"en": ["Tanzania"], "fr": ["Tanzanie"]},
    "UGA": {"fr": ["Ouganda"]},
    "USA": {"en": ["USA", "United States", "United States of America", "U.S.A.", "U.S."],
            "fr": ["États-Unis", "Etats-Unis", "États-Unis d'Amérique"]},
    "VAT": {"en": ["Vatican", "Holy See"], "fr": ["Vatican", "Saint-Siège"]},
    "VEN": {"en": ["Venezuela"], "fr": ["Venezuela"]},
    "VNM": {"en": ["Vietnam"], "fr": ["Vietnam"]},
    "ZMB": {"fr": ["Zambie"]},
    "ZWE": {"en": ["Zimbabwe"], "fr": ["Zimbabwe"]},
    "ALA": {"fr": ["Îles Åland"]},
}

# French label when iso-codes has no French translation of the English name (the translation
# wins as soon as iso-codes has one).
# The short names UN DESA (International Migrant Stock), UNHCR (Refugee Data Finder) and the
# French UN terminology print, as people copy them into returns.
UN_NAMES = {
    "BOL": {"en": ["Bolivia (Plurinational State of)"]},
    "COD": {"en": ["Dem. Rep. of the Congo", "Democratic Rep. of the Congo", "Congo, Democratic Republic of the"],
            "fr": ["Rép. dém. du Congo"]},
    "FSM": {"en": ["Micronesia (Fed. States of)"]},
    "GBR": {"en": ["United Kingdom of Great Britain and Northern Ireland"]},
    "IRN": {"en": ["Iran (Islamic Rep. of)", "Iran (Islamic Republic of)"], "fr": ["Iran (République islamique d')"]},
    "KOR": {"en": ["Rep. of Korea"], "fr": ["République de Corée"]},
    "LAO": {"en": ["Lao People's Dem. Rep."]},
    "MDA": {"en": ["Rep. of Moldova", "Republic of Moldova"], "fr": ["République de Moldova"]},
    "PSE": {"en": ["Palestinian"]},  # UNHCR's origin label
    "PRK": {"en": ["Dem. People's Rep. of Korea", "Dem. People's Republic of Korea"],
            "fr": ["République populaire démocratique de Corée"]},
    "RUS": {"fr": ["Fédération de Russie"]},
    "SYR": {"en": ["Syrian Arab Rep."], "fr": ["République arabe syrienne"]},
    "TUR": {"en": ["Türkiye", "Turkiye"], "fr": ["Türkiye"]},
    "TZA": {"en": ["United Rep. of Tanzania", "United Republic of Tanzania"], "fr": ["République-Unie de Tanzanie"]},
    "VEN": {"en": ["Venezuela (Bolivarian Rep. of)", "Venezuela (Bolivarian Republic of)"]},
    "VNM": {"en": ["Viet Nam"]},
    # Eurostat's own country codes where they differ from ISO alpha-2 (GR, GB).
    "GRC": {"en": ["EL"]},
}
for _code, _names in UN_NAMES.items():
    for _lang, _list in _names.items():
        EXTRA.setdefault(_code, {}).setdefault(_lang, []).extend(_list)

FR_LABEL_FALLBACK = {"TUR": "Turquie"}

# Synonyms iso-codes yields that would match two countries; none at present (see the
# collision check in tests/node/rulebook-schema.test.mjs). Format: {(alpha3, lang): {text}}.
DROP = {}


def strip_article(text):
    """Official names such as 'the State of Eritrea' / "l'État d'Érythrée" lose their article."""
    for prefix in ("the ", "The ", "l'", "l\u2019"):
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


def iso_version():
    return f"{package_version('iso-codes')} and unicode-cldr-core {package_version('unicode-cldr-core')}"


def build_countries():
    entries = iso_entries()
    fr = iso_catalog("fr").get
    cldr = {lang: cldr_territories(lang) for lang in ("en", "fr")}
    unknown_extra = sorted(set(EXTRA) - {e["alpha_3"] for e in entries})
    if unknown_extra:
        sys.exit(f"countries.py: EXTRA names codes iso-codes does not have: {unknown_extra}")

    codes = []
    for e in sorted(entries, key=lambda e: e["alpha_3"]):
        a3 = e["alpha_3"]
        label = {"en": e["name"], "fr": fr(e["name"]) or FR_LABEL_FALLBACK.get(a3) or e["name"]}
        candidates = {"en": [], "fr": []}
        for key in ("common_name", "official_name"):
            if key in e:
                candidates["en"].append(strip_article(e[key]))
                translated = fr(e[key])
                if translated:
                    candidates["fr"].append(strip_article(translated))
        if not fr(e["name"]) and label["fr"] != e["name"]:
            candidates["fr"].append(e["name"])  # the untranslated name is still what some type
        for lang in ("en", "fr"):
            candidates[lang] += cldr[lang].get(e["alpha_2"], {}).values()
            candidates[lang] += EXTRA.get(a3, {}).get(lang, [])

        synonyms = {}
        for lang in ("en", "fr"):
            seen = {norm(label[lang])}
            kept = []
            for s in map(clean, candidates[lang]):
                n = norm(s)
                if n in seen or s in DROP.get((a3, lang), ()):
                    continue
                seen.add(n)
                kept.append(s)
            if kept:
                synonyms[lang] = kept

        code = {"id": a3, "label": label}
        if synonyms:
            code["synonyms"] = synonyms
        code["numeric"] = e["numeric"]
        code["alpha2"] = e["alpha_2"]
        codes.append(code)
    return codes


def with_arabic(country, arabic):
    """A country of build_countries() with its Arabic label and synonyms, keys in the file's order:
    id, label {en, fr, ar}, synonyms {en, fr, ar}, numeric, alpha2."""
    code = {"id": country["id"], "label": {**country["label"], "ar": arabic["label"]}}
    synonyms = dict(country.get("synonyms", {}))
    if arabic["synonyms"]:
        synonyms["ar"] = arabic["synonyms"]
    if synonyms:
        code["synonyms"] = synonyms
    code["numeric"] = country["numeric"]
    code["alpha2"] = country["alpha2"]
    return code


def set_arabic(code, arabic):
    """Sets the "ar" label and synonyms of a code that is not a country (an aggregate of CL_AREA, a
    region), in place: its other keys stay as they are, in their order; a code that had no
    synonyms gets them last."""
    code["label"]["ar"] = arabic["label"]
    if arabic["synonyms"]:
        code.setdefault("synonyms", {})["ar"] = arabic["synonyms"]
    elif "ar" in code.get("synonyms", {}):
        del code["synonyms"]["ar"]
        if not code["synonyms"]:
            del code["synonyms"]


def render(rulebook_text, countries, version, notes=None):
    rulebook = json.loads(rulebook_text)
    try:
        codelist = rulebook["codelists"][CODELIST]
        regions = rulebook["codelists"][REGIONS]["codes"]
    except (KeyError, TypeError):
        sys.exit(f"countries.py: {RULEBOOK} has no code list {CODELIST} or {REGIONS}")
    kept = [c for c in codelist.get("codes", []) if "alpha2" not in c]
    missing = [i for i in ("NAT", "FOR", "STLS", "_U", "_T") if i not in {c["id"] for c in kept}]
    if missing:
        sys.exit(f"countries.py: {CODELIST} lacks its aggregate codes {missing}; add them by hand first")

    arabic = arabic_names.arabic_names(rulebook, codes={CODELIST: countries + kept}, notes=notes)
    countries = [with_arabic(c, arabic[CODELIST][c["id"]]) for c in countries]
    for c in kept:
        set_arabic(c, arabic[CODELIST][c["id"]])
    for c in regions:
        set_arabic(c, arabic[REGIONS][c["id"]])

    generated_by = f"rulebooks/generate/countries.py from Debian iso-codes {version}"
    new = {}
    for key, value in codelist.items():
        if key == "codes":
            if "generated_by" not in codelist:
                new["generated_by"] = generated_by
            new["codes"] = countries + kept
        elif key == "generated_by":
            new["generated_by"] = generated_by
        else:
            new[key] = value
    if "codes" not in new:
        new["generated_by"] = generated_by
        new["codes"] = countries + kept
    rulebook["codelists"][CODELIST] = new
    return json.dumps(rulebook, indent=2, ensure_ascii=False) + "\n"


def main(argv):
    check = argv[1:] == ["--check"]
    if argv[1:] and not check:
        sys.exit(__doc__)
    if not check:
        subprocess.run([str(REPO / "scripts" / "setup.sh"), "--writers"], check=True)
    current = RULEBOOK.read_text(encoding="utf-8")
    countries = build_countries()
    text = render(current, countries, iso_version(), notes=None if check else sys.stderr)
    if check:
        if text != current:
            print(f"{RULEBOOK.relative_to(REPO)} is not what rulebooks/generate/countries.py writes; "
                  "run it", file=sys.stderr)
            return 1
        return 0
    if text != current:
        RULEBOOK.write_text(text, encoding="utf-8")
    print(f"{CODELIST}: {len(countries)} countries from iso-codes {iso_version()} -> "
          f"{RULEBOOK.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
