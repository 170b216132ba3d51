#!/usr/bin/python3
"""Arabic names (label and synonyms) of the codes of CL_AREA and CL_REGION, and the helpers that
rulebooks/generate/countries.py shares with them (clean(), norm(), package_version(), the iso-codes
and CLDR readers).

countries.py imports this module and writes its names into rulebooks/comesa-migration.json (the "ar"
label and synonyms of every code of CL_AREA and CL_REGION). Run alone, it writes nothing and prints
them as JSON for inspection:

    rulebooks/generate/arabic_names.py > /tmp/ar-areas.json

arabic_names(rulebook) reads the parsed rulebook (which codes, their alpha-2 and M49 numbers, their
English and French texts; its Arabic texts are ignored, so that the result does not depend on an
earlier run), Debian's iso-codes (/usr/share/iso-codes/json/iso_3166-1.json and its Arabic gettext
catalogue iso_3166-1.mo) and Debian's unicode-cldr-core (common/main/ar.xml: territory names by
alpha-2 code and by M49 number, with their alt="short" and alt="variant" forms). Python 3 standard
library only. Label choices, dropped synonyms and counts go to `notes` (stderr when run alone).

Result (and the JSON printed):
    {"provenance": {"iso-codes": "...", "cldr": "...", "hand": "..."},
     "CL_AREA":   {"<id>": {"label": "...", "synonyms": ["...", ...]}, ...},
     "CL_REGION": {"<id>": {"label": "...", "synonyms": [...]}, ...}}
every code of both lists, in the rulebook's order.

Label: CLDR's Arabic name; where CLDR's differs notably from the short name the UN uses in its
Arabic documents (UN_LABEL below: "الكونغو - كينشاسا", "الأراضي الفلسطينية", "ميانمار (بورما)" ...)
the UN's; else iso-codes' Arabic name; codes with no ISO 3166-1 or M49 entry (NAT, FOR, STLS, _O,
_U, _T, UN DESA's and the World Bank's groups) have Arabic written by hand (HAND_LABEL).

Synonyms: the other names of both sources (CLDR's main, short and variant forms; iso-codes'
name, official_name and common_name translated), the UN's Arabic names (UN_NAMES), national
usage (NATIONAL: "السعودية", "جزر القمر"/"القمر", Egyptian spellings with ج for a hard g ...),
the form without (or with) the article ال for the one-word names that appear both ways
(ARTICLE_BOTH), and the spelling twins ديمقراطية/ديموقراطية and أمريكا/أميركا. A synonym equal to
the code's label or to an earlier synonym after normalisation (norm(): the matcher's, see
core/src/util/normalize.cpp) is left out. A synonym equal after normalisation to a text of
another code of the same list (its Arabic label or synonyms, or its id, numeric, alpha-2, English
or French texts in the rulebook) is ambiguous: it is dropped from every code that has it as a
synonym (and reported in the notes); two codes with one label is an error (exit 1).
"""
import gettext
import json
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ElementTree
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RULEBOOK = REPO / "rulebooks" / "comesa-migration.json"
ISO_JSON = Path("/usr/share/iso-codes/json/iso_3166-1.json")
LOCALE_DIR = "/usr/share/locale"
CLDR_COMMON = Path("/usr/share/unicode/cldr/common")
LISTS = ("CL_AREA", "CL_REGION")
PROG = Path(sys.argv[0]).name or "arabic_names.py"  # countries.py or arabic_names.py, for messages

# M49 numbers the rulebook uses for a region whose CLDR code is another (UN DESA's World is 900).
CLDR_REGION_CODE = {"900": "001"}

# Labels where CLDR's Arabic name differs notably from the UN's Arabic short name (UNTERM, the
# Arabic M49 list): the UN's name, with the reason. CLDR's and iso-codes' forms stay synonyms.
UN_LABEL = {
    "COD": ("جمهورية الكونغو الديمقراطية",
            "CLDR's name is the disambiguation 'الكونغو - كينشاسا'; the UN's (and CLDR's variant) is "
            "'جمهورية الكونغو الديمقراطية'"),
    "COG": ("الكونغو",
            "CLDR's name is the disambiguation 'الكونغو - برازافيل'; the UN's (and iso-codes') is 'الكونغو', "
            "as the English label is 'Congo'"),
    "PSE": ("دولة فلسطين",
            "CLDR's name is 'الأراضي الفلسطينية' (short form 'فلسطين'); the UN's and iso-codes' is 'دولة فلسطين'"),
    "MMR": ("ميانمار", "CLDR's name carries '(بورما)'; the UN's and iso-codes' is 'ميانمار'"),
    "CIV": ("كوت ديفوار",
            "CLDR's name translates the name ('ساحل العاج'); the UN writes the country's own name "
            "'كوت ديفوار' (CLDR's variant), as the English label 'Côte d'Ivoire' does"),
    "CPV": ("كابو فيردي",
            "CLDR's name translates the name ('الرأس الأخضر'); the UN writes 'كابو فيردي' since the "
            "country asked for 'Cabo Verde' (2013), as the English label does"),
    "HKG": ("هونغ كونغ",
            "CLDR's name is 'هونغ كونغ الصينية (منطقة إدارية خاصة)'; its short form, as the English label 'Hong Kong'"),
    "MAC": ("مكاو",
            "CLDR's name is 'منطقة ماكاو الإدارية الخاصة'; its short form, as the English label 'Macao'"),
    "LATIN_AMERICA_CARIBBEAN": ("أمريكا اللاتينية ومنطقة البحر الكاريبي",
                                "CLDR's 419 is 'أمريكا اللاتينية' (Latin America) without the Caribbean"),
    "AUSTRALIA_NEW_ZEALAND": ("أستراليا ونيوزيلندا",
                              "CLDR's 053 is 'أسترالاسيا' (Australasia); the M49 name is Australia and New Zealand"),
}

# Codes with neither an ISO 3166-1 nor a CLDR entry: Arabic written by hand.
HAND_LABEL = {
    # CL_AREA: the aggregates of the return.
    "NAT": "البلد المبلغ",
    "FOR": "البلدان الأجنبية",
    "STLS": "عديم الجنسية",
    "_O": "بلدان أخرى",
    "_U": "غير معروف",
    "_T": "المجموع",
    # CL_REGION: UN DESA's and the World Bank's groups, in the UN's Arabic terms.
    "MORE_DEVELOPED": "المناطق الأكثر نموا",
    "LESS_DEVELOPED": "المناطق الأقل نموا",
    "LEAST_DEVELOPED": "أقل البلدان نموا",
    "LESS_DEVELOPED_EXCL_LDC": "المناطق الأقل نموا، باستثناء أقل البلدان نموا",
    "LESS_DEVELOPED_EXCL_CHINA": "المناطق الأقل نموا، باستثناء الصين",
    "LLDC": "البلدان النامية غير الساحلية",
    "SIDS": "الدول الجزرية الصغيرة النامية",
    "SDG_REGIONS": "مناطق أهداف التنمية المستدامة",
    "NORTHERN_AFRICA_WESTERN_ASIA": "شمال أفريقيا وغرب آسيا",
    "CENTRAL_SOUTHERN_ASIA": "آسيا الوسطى والجنوبية",
    "EASTERN_SOUTH_EASTERN_ASIA": "شرق آسيا وجنوب شرقها",
    "EUROPE_NORTHERN_AMERICA": "أوروبا وأمريكا الشمالية",
    "OCEANIA_EXCL_AUS_NZL": "أوقيانوسيا باستثناء أستراليا ونيوزيلندا",
    "HIGH_INCOME": "البلدان المرتفعة الدخل",
    "MIDDLE_INCOME": "البلدان المتوسطة الدخل",
    "UPPER_MIDDLE_INCOME": "البلدان المتوسطة الدخل من الشريحة العليا",
    "LOWER_MIDDLE_INCOME": "البلدان المتوسطة الدخل من الشريحة الدنيا",
    "LOW_INCOME": "البلدان المنخفضة الدخل",
    "NO_INCOME_GROUP": "لا تتوفر فئة دخل",
}

# The UN's Arabic short and formal names (UNTERM, the Arabic M49 list, UN DESA's Arabic tables),
# where they differ from CLDR's and iso-codes'.
UN_NAMES = {
    "BOL": ["بوليفيا (دولة - المتعددة القوميات)", "دولة بوليفيا المتعددة القوميات"],
    "BRN": ["بروني دار السلام"],
    "CAF": ["جمهورية أفريقيا الوسطى"],
    "CZE": ["تشيكيا", "الجمهورية التشيكية"],
    "DOM": ["الجمهورية الدومينيكية"],
    "FSM": ["ميكرونيزيا (ولايات - الموحدة)"],
    "GBR": ["المملكة المتحدة لبريطانيا العظمى وآيرلندا الشمالية"],
    "GNB": ["غينيا - بيساو"],
    "HKG": ["الصين، منطقة هونغ كونغ الإدارية الخاصة", "منطقة هونغ كونغ الإدارية الخاصة"],
    "IRN": ["إيران (جمهورية - الإسلامية)", "جمهورية إيران الإسلامية"],
    "KOR": ["جمهورية كوريا"],
    "LAO": ["جمهورية لاو الديمقراطية الشعبية"],
    "MAC": ["الصين، منطقة ماكاو الإدارية الخاصة", "ماكاو"],
    "MDA": ["جمهورية مولدوفا"],
    "PRK": ["جمهورية كوريا الشعبية الديمقراطية"],
    "RUS": ["الاتحاد الروسي"],
    "STP": ["سان تومي وبرينسيبي"],
    "SYC": ["سيشيل"],
    "SYR": ["الجمهورية العربية السورية"],
    "TZA": ["جمهورية تنزانيا المتحدة"],
    "USA": ["الولايات المتحدة الأمريكية"],
    "VAT": ["الكرسي الرسولي"],
    "VEN": ["فنزويلا (جمهورية - البوليفارية)", "جمهورية فنزويلا البوليفارية"],
    "VNM": ["فييت نام"],
    "BLR": ["بيلاروس"],
    "GRC": ["الجمهورية الهيلينية"],
    "FRA": ["الجمهورية الفرنسية"],
    "SOM": ["جمهورية الصومال الاتحادية"],
    "ETH": ["جمهورية إثيوبيا الديمقراطية الاتحادية"],
    "ERI": ["دولة إريتريا"],
    "PSE": ["الأرض الفلسطينية المحتلة"],
}

# Names that national offices and the press use (short forms without "جمهورية", older names,
# regional spellings: Egyptian ج for a hard g, Sudanese يوغندا ...).
NATIONAL = {
    # COMESA members and the Arab region first.
    "EGY": ["جمهورية مصر العربية", "ج.م.ع"],
    "SDN": ["جمهورية السودان"],
    "SSD": ["جمهورية جنوب السودان", "دولة جنوب السودان"],
    "LBY": ["دولة ليبيا", "الجماهيرية العربية الليبية", "الجماهيرية الليبية"],
    "TUN": ["الجمهورية التونسية"],
    "DJI": ["جمهورية جيبوتي"],
    "COM": ["جزر القمر", "القمر", "اتحاد جزر القمر", "جمهورية القمر المتحدة"],
    "SOM": ["جمهورية الصومال"],
    "ERI": ["إرتريا", "دولة إرتريا"],
    "ETH": ["الحبشة"],
    "KEN": ["جمهورية كينيا"],
    "UGA": ["يوغندا", "أوغاندا"],
    "COD": ["الكونغو الديمقراطية", "كونغو الديمقراطية", "الكونغو - كينشاسا", "الكونغو كينشاسا",
            "الكونغو (كينشاسا)", "الكونجو الديمقراطية", "جمهورية الكونجو الديمقراطية", "زائير"],
    "COG": ["جمهورية الكونغو", "الكونغو - برازافيل", "الكونغو برازافيل", "الكونغو (برازافيل)",
            "الكونجو", "كونجو", "الكونجو برازافيل"],
    "SWZ": ["إسواتيني", "إيسواتيني", "سوازيلاند", "سوازيلند", "مملكة سوازيلاند"],
    "MUS": ["جزيرة موريشيوس"],
    "SYC": ["جزر سيشل", "جزر سيشيل", "جزر السيشل", "جمهورية سيشيل"],
    "MDG": ["جزيرة مدغشقر"],
    "ZMB": ["جمهورية زامبيا"],
    "ZWE": ["زيمبابوي", "زمبابوي"],
    "MWI": ["مالاوي"],
    "RWA": ["جمهورية رواندا"],
    "BDI": ["جمهورية بوروندي"],
    "TZA": ["تنزانيا"],
    "SYR": ["سورية", "سوريا"],
    "YEM": ["الجمهورية اليمنية"],
    "PSE": ["فلسطين", "دولة فلسطين", "الأراضي الفلسطينية", "الأراضي الفلسطينية المحتلة"],
    "ARE": ["الإمارات", "دولة الإمارات العربية المتحدة", "الإمارات العربية"],
    "SAU": ["السعودية", "المملكة العربية السعودية"],
    "JOR": ["الأردن", "المملكة الأردنية الهاشمية"],
    "OMN": ["سلطنة عمان"],
    "BHR": ["مملكة البحرين"],
    "QAT": ["دولة قطر"],
    "KWT": ["دولة الكويت"],
    "IRQ": ["جمهورية العراق"],
    "LBN": ["الجمهورية اللبنانية"],
    "MAR": ["المملكة المغربية"],
    "DZA": ["الجمهورية الجزائرية"],
    "MRT": ["الجمهورية الإسلامية الموريتانية"],
    "CIV": ["ساحل العاج", "كوت ديفوار", "الكوت ديفوار"],
    "CPV": ["الرأس الأخضر", "جزر الرأس الأخضر", "كاب فيردي"],
    "CZE": ["جمهورية التشيك", "التشيك"],
    "MMR": ["بورما", "ميانمار (بورما)"],
    "CAF": ["أفريقيا الوسطى"],
    "DOM": ["الدومينيكان"],
    "ZAF": ["جمهورية جنوب أفريقيا"],
    "HUN": ["المجر", "هنغاريا"],
    "USA": ["أمريكا", "الولايات المتحدة الأمريكية"],
    "GBR": ["بريطانيا", "بريطانيا العظمى"],
    "RUS": ["روسيا الاتحادية"],
    "KOR": ["كوريا الجنوبية"],
    "PRK": ["كوريا الشمالية"],
    "CHN": ["جمهورية الصين الشعبية", "الصين الشعبية"],
    "TWN": ["تايوان"],
    "IRN": ["إيران"],
    "TUR": ["تركيا", "الجمهورية التركية"],
    "LKA": ["سري لانكا"],
    "NLD": ["هولاندا"],
    "MDV": ["المالديف", "مالديف"],
    "PHL": ["الفيليبين"],
    "MKD": ["مقدونيا", "جمهورية مقدونيا اليوغوسلافية السابقة"],
    "VAT": ["الفاتيكان", "دولة الفاتيكان", "دولة مدينة الفاتيكان"],
    "TLS": ["تيمور ليشتي", "تيمور-ليشتي", "تيمور الشرقية"],
    # Egyptian spellings: ج for a hard g.
    "AGO": ["أنجولا"],
    "GMB": ["جامبيا"],
    "GIN": ["جينيا"],
    "GNB": ["جينيا بيساو"],
    "GNQ": ["جينيا الاستوائية"],
    "GAB": ["الجابون"],
    "TGO": ["توجو"],
    "BGD": ["بنجلاديش"],
    "URY": ["أوروجواي"],
    "PRY": ["باراجواي"],
    "GTM": ["جواتيمالا"],
    "SGP": ["سنجافورة"],
    "HKG": ["هونج كونج"],
    # CL_AREA: the aggregates of the return.
    "NAT": ["المواطنون", "مواطنون", "الرعايا الوطنيون", "المولودون في البلد", "مولودون في البلد",
            "المولودون محليا", "البلد نفسه"],
    "FOR": ["الأجانب", "أجانب", "أجنبي", "غير المواطنين", "الرعايا الأجانب", "المولودون في الخارج",
            "مولودون في الخارج", "الخارج", "بلدان أجنبية", "الدول الأجنبية", "دول أجنبية",
            "مجموع الأجانب", "جملة الأجانب", "إجمالي الأجانب"],
    "STLS": ["عديمو الجنسية", "عديمي الجنسية", "الأشخاص عديمو الجنسية", "بدون جنسية", "بلا جنسية"],
    "_O": ["أخرى", "بلد آخر", "دول أخرى", "بلدان أجنبية أخرى", "دول أجنبية أخرى", "باقي العالم",
           "بقية العالم", "باقي الدول", "جنسيات أخرى", "غير ذلك"],
    "_U": ["بلد غير معروف", "غير مبين", "غير مذكور", "غير محدد", "غير معلوم", "لم يذكر", "لم يبين", "غير مصرح", "غير مصرح به"],
    "_T": ["الإجمالي", "إجمالي", "مجموع", "المجموع الكلي", "الجملة", "جملة", "جميع البلدان",
           "كل البلدان", "العالم"],
    # CL_REGION.
    "WORLD": ["العالم كله", "مجموع العالم"],
    "AFRICA": ["قارة أفريقيا"],
    "SUB_SAHARAN_AFRICA": ["أفريقيا جنوب الصحراء", "أفريقيا جنوبي الصحراء الكبرى"],
    "EASTERN_AFRICA": ["أفريقيا الشرقية", "شرقي أفريقيا"],
    "MIDDLE_AFRICA": ["وسط إفريقيا"],
    "NORTHERN_AFRICA": ["أفريقيا الشمالية", "شمالي أفريقيا"],
    "SOUTHERN_AFRICA": ["الجنوب الأفريقي", "جنوبي أفريقيا"],
    "WESTERN_AFRICA": ["أفريقيا الغربية", "غربي أفريقيا"],
    "AMERICAS": ["الأمريكيتان", "القارة الأمريكية"],
    "CARIBBEAN": ["منطقة البحر الكاريبي", "البحر الكاريبي", "منطقة الكاريبي"],
    "NORTHERN_AMERICA": ["أمريكا الشمالية"],
    "CENTRAL_ASIA": ["آسيا الوسطى"],
    "EASTERN_ASIA": ["آسيا الشرقية"],
    "SOUTH_EASTERN_ASIA": ["جنوب شرقي آسيا"],
    "WESTERN_ASIA": ["آسيا الغربية", "غربي آسيا"],
    "EASTERN_EUROPE": ["أوروبا الشرقية"],
    "NORTHERN_EUROPE": ["أوروبا الشمالية"],
    "SOUTHERN_EUROPE": ["أوروبا الجنوبية"],
    "WESTERN_EUROPE": ["أوروبا الغربية"],
    "EUROPE": ["أوربا"],
    "OCEANIA": ["أوقيانيا"],
    "MICRONESIA": ["ميكرونيزيا"],
    "MORE_DEVELOPED": ["المناطق المتقدمة النمو", "المناطق الأكثر تقدما"],
    "LESS_DEVELOPED": ["المناطق النامية", "المناطق الأقل تقدما"],
    "LEAST_DEVELOPED": ["البلدان الأقل نموا", "البلدان الأقل تقدما"],
    "LLDC": ["البلدان النامية غير الساحلية (LLDC)"],
    "SIDS": ["الدول الجزرية الصغيرة النامية (SIDS)"],
    "SDG_REGIONS": ["مناطق أهداف التنمية المستدامة (SDG)"],
    "CENTRAL_SOUTHERN_ASIA": ["وسط وجنوب آسيا"],
    "EASTERN_SOUTH_EASTERN_ASIA": ["شرق وجنوب شرق آسيا"],
    "OCEANIA_EXCL_AUS_NZL": ["أوقيانوسيا (باستثناء أستراليا ونيوزيلندا)"],
    "HIGH_INCOME": ["البلدان ذات الدخل المرتفع", "الدخل المرتفع", "مرتفعة الدخل"],
    "MIDDLE_INCOME": ["البلدان ذات الدخل المتوسط", "الدخل المتوسط", "متوسطة الدخل"],
    "UPPER_MIDDLE_INCOME": ["البلدان ذات الدخل المتوسط الأعلى", "الدخل المتوسط الأعلى",
                            "الشريحة العليا من البلدان المتوسطة الدخل"],
    "LOWER_MIDDLE_INCOME": ["البلدان ذات الدخل المتوسط الأدنى", "الدخل المتوسط الأدنى",
                            "الشريحة الدنيا من البلدان المتوسطة الدخل"],
    "LOW_INCOME": ["البلدان ذات الدخل المنخفض", "الدخل المنخفض", "منخفضة الدخل"],
    "NO_INCOME_GROUP": ["بدون فئة دخل", "غير مصنف حسب الدخل"],
}

# One-word names met both with and without the article ال in Arabic tables: each one-word name
# of these codes also gets its twin (السودان -> سودان, بيرو -> البيرو).
ARTICLE_BOTH = {"SDN", "SOM", "COG", "SEN", "CMR", "GAB", "NER", "SYC", "PER", "PRY", "URY",
                "ECU", "SLV", "VNM", "PHL"}

# iso-codes translations that are wrong and would mislead the matcher: (code, translation).
ISO_WRONG = {
    ("MDA", "المالديف"),  # 'Moldova' translated as the Maldives
    ("GRC", "الجمهوريّة الهلنستيّة"),  # 'Hellenic' as 'Hellenistic'; the UN's is in UN_NAMES
    ("FRA", "جمهوريّة الفرنسيّة"),  # article missing; the right form is in UN_NAMES
    ("VAT", "المقعد المقدّس (ولاية مدينة الفاتيكان)"),  # 'Holy See' word for word ('the holy seat')
}

# ---------------------------------------------------------------- shared with countries.py

BIDI_AND_INVISIBLE = re.compile(r"[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f\u3000]+")
ARABIC_INVISIBLE = re.compile(r"[\u064b-\u065f\u0670\u0640]")
# normalize.cpp's kFold: Latin-1 Supplement and Latin Extended-A, U+00C0..U+017F, to ASCII.
LATIN_FOLD = (
    "a a a a a a ae c e e e e i i i i d n o o o o o x o u u u u y th ss "  # C0
    "a a a a a a ae c e e e e i i i i d n o o o o o / o u u u u y th y "  # E0
    "a a a a a a c c c c c c c c d d d d e e e e e e e e e e g g g g "  # 100
    "g g g g h h h h i i i i i i i i i i ij ij j j k k k l l l l l l l "  # 120
    "l l l n n n n n n n n n o o o o o o oe oe r r r r r r s s s s s s "  # 140
    "s s t t t t t t u u u u u u u u u u u u w w y y y z z z z z z s"  # 160
).split()
assert len(LATIN_FOLD) == 0x180 - 0xC0
FOLD = str.maketrans({
    "\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0671": "\u0627",  # آ أ إ ٱ -> ا
    "\u0629": "\u0647",  # ة -> ه
    "\u0649": "\u064a", "\u06cc": "\u064a", "\u0626": "\u064a",  # ى ی ئ -> ي
    "\u0624": "\u0648",  # ؤ -> و
    "\u06a9": "\u0643",  # ک -> ك
    "\u060c": ",", "\u066c": ",", "\u066b": ".", "\u066a": "%", "\u061b": ";",
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06f0 + i): str(i) for i in range(10)},
    **{chr(0xC0 + i): s for i, s in enumerate(LATIN_FOLD)},
    **{ch: "'" for ch in "\u2018\u2019\u201b\u2032\u02bc\u00b4`"},
    **{ch: "-" for ch in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"},
    **{ch: '"' for ch in "\u201c\u201d\u00ab\u00bb"},
    "\u2026": "...",
})


def clean(text):
    """Output form: no bidi controls or zero-width marks, one plain space between words."""
    return SPACES.sub(" ", BIDI_AND_INVISIBLE.sub("", text)).strip()


def norm(text):
    """The matcher's key (core/src/util/normalize.cpp), for Latin and Arabic script alike: Arabic
    diacritics, tatweel, bidi and zero-width marks removed; hamza forms of alef, ta marbuta, alef
    maqsura, hamza seats, Arabic digits and separators folded; Latin-1 and Latin Extended-A letters
    folded to ASCII (é -> e, æ -> ae, ß -> ss); apostrophe, dash and quotation mark kinds, the
    ellipsis and spaces made one. A little more eagerly than the matcher, as the collision check of
    tests/node/rulebook-schema.test.mjs, so that what is left out here as a duplicate is one for the
    matcher too: every case, the accents of any letter, and surrounding punctuation ignored."""
    t = ARABIC_INVISIBLE.sub("", BIDI_AND_INVISIBLE.sub("", text)).translate(FOLD)
    t = unicodedata.normalize("NFD", t)
    t = "".join(ch for ch in t if not unicodedata.combining(ch)).lower()
    t = SPACES.sub(" ", t).strip()
    return t.strip(".,;:!?\"'()[]{} ")


def package_version(package):
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package],
                             check=True, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as e:
        sys.exit(f"{PROG}: cannot read the version of Debian's {package} package: {e}")
    if not out:
        sys.exit(f"{PROG}: Debian's {package} package is not installed")
    return out


def iso_entries():
    """iso-codes' ISO 3166-1 entries (alpha_2, alpha_3, numeric, name, official_name, common_name)."""
    with open(ISO_JSON, encoding="utf-8") as f:
        return json.load(f)["3166-1"]


def iso_catalog(language):
    """iso-codes' gettext catalogue of ISO 3166-1 names in `language`: English name -> translation."""
    catalog = gettext.translation("iso_3166-1", LOCALE_DIR, [language])._catalog
    return {k: v for k, v in catalog.items() if isinstance(k, str) and isinstance(v, str) and v}


def cldr_territories(language):
    """CLDR's territory names in `language` (common/main/<language>.xml): territory type (alpha-2
    code or M49 number) -> {alt: name}, alt None (the name), "short" or "variant", in the file's
    order; names clean()ed."""
    root = ElementTree.parse(CLDR_COMMON / "main" / f"{language}.xml").getroot()
    names = {}
    for t in root.iter("territory"):
        if t.text and t.get("alt") in (None, "short", "variant"):
            names.setdefault(t.get("type"), {})[t.get("alt")] = clean(t.text)
    return names


# ---------------------------------------------------------------- Arabic names

def package_licence(package):
    """The first License: field of the package's Debian copyright file."""
    path = Path("/usr/share/doc") / package / "copyright"
    try:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("License:"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def cldr_version():
    try:
        m = re.search(r'cldrVersion CDATA #FIXED "([^"]+)"',
                      (CLDR_COMMON / "dtd" / "ldml.dtd").read_text(encoding="utf-8"))
        return m.group(1) if m else "unknown"
    except OSError:
        return "unknown"


def load_iso():
    """alpha-3 -> (iso-codes entry, [Arabic translations of name, official_name, common_name])."""
    catalog = iso_catalog("ar")
    out = {}
    for e in iso_entries():
        translated = []
        for key in ("name", "official_name", "common_name"):
            value = catalog.get(e.get(key)) if key in e else None
            if value and (e["alpha_3"], value) not in ISO_WRONG:
                translated.append(clean(value))
        out[e["alpha_3"]] = (e, translated)
    return out


def spelling_twins(name):
    """The same name in the other common spelling of ديمقراطية and أمريكا."""
    twins = []
    for a, b in (("ديمقراط", "ديموقراط"), ("أمريك", "أميرك")):
        if a in name:
            twins.append(name.replace(a, b))
        elif b in name:
            twins.append(name.replace(b, a))
    return twins


def article_twin(name):
    if " " in name or "-" in name:
        return None
    if name.startswith("ال") and len(name) > 4:
        return name[2:]
    if not name.startswith("ال"):
        return "ال" + name
    return None


def build_code(code, cldr, iso):
    """(label, label source, [synonym candidates]) of one rulebook code."""
    cid = code["id"]
    cldr_forms = []  # CLDR's main name first, then its alt forms
    key = code.get("alpha2") or (CLDR_REGION_CODE.get(code.get("numeric"), code.get("numeric"))
                                 if code.get("numeric") else None)
    if key and key in cldr:
        entry = cldr[key]
        cldr_forms = [entry[a] for a in (None, "short", "variant") if a in entry]
    iso_forms = iso[cid][1] if code.get("alpha2") and cid in iso else []

    if cid in UN_LABEL:
        label = UN_LABEL[cid][0]
    elif cldr_forms:
        label = cldr_forms[0]
    elif iso_forms:
        label = iso_forms[0]
    elif cid in HAND_LABEL:
        label = HAND_LABEL[cid]
    else:
        sys.exit(f"{PROG}: no Arabic name for {cid} ({code['label'].get('en')}); add it to HAND_LABEL")
    n = norm(label)
    if any(norm(f) == n for f in cldr_forms):
        source = "cldr"
    elif any(norm(f) == n for f in iso_forms):
        source = "iso-codes"
    else:
        source = "hand"

    # Hand-written forms before iso-codes', so that of two forms differing only in diacritics
    # (iso-codes' translators write shadda: "جمهوريّة") the plain one is kept.
    sourced = cldr_forms + UN_NAMES.get(cid, []) + iso_forms
    candidates = cldr_forms + UN_NAMES.get(cid, []) + NATIONAL.get(cid, []) + iso_forms
    derived = []
    for name in [label] + candidates:
        derived += spelling_twins(name)
    if cid in ARTICLE_BOTH:  # the article twins of the sources' names only
        derived += [t for t in map(article_twin, [label] + sourced) if t]
    candidates += derived

    seen = {norm(label)} | {norm(t) for t in existing_texts(code)}
    synonyms = []
    for s in map(clean, candidates):
        k = norm(s)
        if not k or k in seen:
            continue
        seen.add(k)
        synonyms.append(s)
    return clean(label), source, synonyms


def existing_texts(code):
    """The rulebook's own texts of a code (id, numeric, alpha-2, labels and synonyms), its Arabic
    ones (an earlier run's) aside."""
    out = [code["id"]] + [code[k] for k in ("numeric", "alpha2") if code.get(k)]
    out += [text for lang, text in code.get("label", {}).items() if lang != "ar"]
    for lang, names in code.get("synonyms", {}).items():
        if lang != "ar":
            out += names
    return out


def resolve_collisions(list_id, codes, result, notes):
    """Drop every synonym that matches a text of another code of the list; returns the drops."""
    owners = {}  # norm key -> {code id: "label" | "synonym" | "rulebook"}
    for c in codes:
        cid = c["id"]
        for t in existing_texts(c):
            owners.setdefault(norm(t), {}).setdefault(cid, "rulebook")
        owners.setdefault(norm(result[cid]["label"]), {})[cid] = "label"
        for s in result[cid]["synonyms"]:
            owners.setdefault(norm(s), {}).setdefault(cid, "synonym")
    dropped = []
    for key, who in owners.items():
        if len(who) < 2:
            continue
        labels = [cid for cid, role in who.items() if role == "label"]
        if len(labels) > 1:
            sys.exit(f"{PROG}: {list_id}: the Arabic labels of {labels} are one text after "
                     f"normalisation ({key!r}); change one in UN_LABEL or HAND_LABEL")
        for cid, role in who.items():
            if role != "synonym":
                continue
            syns = result[cid]["synonyms"]
            for s in [s for s in syns if norm(s) == key]:
                syns.remove(s)
                others = ", ".join(f"{o} ({r})" for o, r in who.items() if o != cid)
                dropped.append((cid, s, others))
                note(notes, f"{list_id}: dropped synonym {s!r} of {cid}: also {others}")
    return dropped


def words_key(key, connectors):
    """The matcher's second chance (core/src/recognition/code_matcher.cpp): the sorted distinct
    words of a normalised text, connectors aside, split at ASCII non-alphanumerics; "" under two."""
    words = {w for w in re.split(r"[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+", key) if w and w not in connectors}
    return " ".join(sorted(words)) if len(words) >= 2 else ""


def word_set_notes(list_id, codes, result, connectors, notes):
    """Texts of two codes with the same words in another order: not dropped (an exact match still
    works), but the matcher's any-order fallback is lost for them; printed for a look."""
    owners = {}
    for c in codes:
        for t in existing_texts(c)[1:] + [result[c["id"]]["label"]] + result[c["id"]]["synonyms"]:
            k = words_key(norm(t), connectors)
            if k:
                owners.setdefault(k, {}).setdefault(c["id"], t)
    notes = 0
    for k, who in owners.items():
        if len(who) > 1 and re.search(r"[\u0600-\u06ff]", k):  # the rulebook's own en/fr are its tests' business
            notes += 1
            note(notes, f"note: {list_id}: same words in another order: "
                 + ", ".join(f"{cid} {t!r}" for cid, t in who.items()))
    return notes


def note(notes, text):
    if notes is not None:
        print(text, file=notes)


def arabic_names(rulebook, codes=None, notes=None):
    """The Arabic label and synonyms of every code of CL_AREA and CL_REGION (the dict described at
    the top, with its provenance). `rulebook`: the parsed rulebook; `codes`: {list id: [code]} to
    use instead of the rulebook's codes of a list (countries.py passes the CL_AREA it is writing);
    `notes`: a file for label choices, dropped synonyms and counts (None: silent). Exits (status 1,
    with a message) when two codes of a list would have one label or a code has no Arabic name."""
    codes = codes or {}
    cldr = cldr_territories("ar")
    iso = load_iso()
    iso_v, cldr_pkg_v, cldr_v = package_version("iso-codes"), package_version("unicode-cldr-core"), cldr_version()

    out = {"provenance": {
        "iso-codes": (f"Debian iso-codes {iso_v} (https://salsa.debian.org/iso-codes-team/iso-codes): "
                      "ISO 3166-1 names and their Arabic translation (iso_3166-1.mo: name, official_name, "
                      f"common_name). Licence: {package_licence('iso-codes')}."),
        "cldr": (f"Unicode CLDR {cldr_v} (Debian unicode-cldr-core {cldr_pkg_v}), common/main/ar.xml: Arabic "
                 "territory names by ISO 3166-1 alpha-2 code and UN M49 region number, with their short and "
                 f"variant forms. Copyright Unicode, Inc. Licence: {package_licence('unicode-cldr-core')} "
                 "(Unicode License Agreement - Data Files and Software)."),
        "hand": ("Written for migcheck (rulebooks/generate/arabic_names.py): the UN's Arabic short names "
                 "where CLDR's differ notably, names of the return's aggregates and of UN DESA's and the World "
                 "Bank's groups, and national spellings of country names."),
    }}
    counts = {"cldr": 0, "iso-codes": 0, "hand": 0}
    total_synonyms = 0
    all_dropped = []
    keys_by_list = {}
    connectors = {norm(w) for words in rulebook.get("connector_words", {}).values() for w in words}
    for list_id in LISTS:
        list_codes = codes[list_id] if list_id in codes else rulebook["codelists"][list_id]["codes"]
        result = {}
        for c in list_codes:
            label, source, synonyms = build_code(c, cldr, iso)
            counts[source] += 1
            result[c["id"]] = {"label": label, "synonyms": synonyms}
            if c["id"] in UN_LABEL:
                note(notes, f"{list_id}: label of {c['id']} is {label!r}: {UN_LABEL[c['id']][1]}")
        all_dropped += resolve_collisions(list_id, list_codes, result, notes)
        word_set_notes(list_id, list_codes, result, connectors, notes)
        for cid, entry in result.items():
            if not entry["label"]:
                sys.exit(f"{PROG}: {list_id} {cid} has an empty Arabic label")
            total_synonyms += len(entry["synonyms"])
        missing = [c["id"] for c in list_codes if c["id"] not in result]
        if missing:
            sys.exit(f"{PROG}: {list_id} codes without Arabic: {missing}")
        out[list_id] = result
        keys_by_list[list_id] = {}
        for cid, entry in result.items():
            for t in [entry["label"]] + entry["synonyms"]:
                keys_by_list[list_id].setdefault(norm(t), set()).add(cid)

    # Texts shared across the two lists are not ambiguous (a column uses one list), but worth a look.
    shared = sorted(set(keys_by_list["CL_AREA"]) & set(keys_by_list["CL_REGION"]))
    for key in shared:
        note(notes, f"note: {key!r} is both CL_AREA {sorted(keys_by_list['CL_AREA'][key])} and "
                    f"CL_REGION {sorted(keys_by_list['CL_REGION'][key])} (different lists, kept)")

    note(notes, f"codes: CL_AREA {len(out['CL_AREA'])}, CL_REGION {len(out['CL_REGION'])}; labels from CLDR "
                f"{counts['cldr']}, from iso-codes {counts['iso-codes']}, by hand {counts['hand']}; "
                f"UN forms chosen over CLDR's main name: {len(UN_LABEL)}; synonyms {total_synonyms}; "
                f"collisions dropped {len(all_dropped)}")
    return out


def main():
    rulebook = json.loads(RULEBOOK.read_text(encoding="utf-8"))
    json.dump(arabic_names(rulebook, notes=sys.stderr), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
