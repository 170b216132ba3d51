// The key under which people's text is matched against rulebook labels:
// case, accents, apostrophe and dash kinds, space kinds (no-break, narrow)
// and repeated spaces do not matter, nor do surrounding spaces and a
// trailing ':' or '.'. "  Côte d’Ivoire " and "cote d'ivoire" get one key.
// Arabic: diacritics, tatweel and bidi marks do not matter, nor do the hamza
// forms of alef, ta marbuta against ha, alef maqsura against ya; Arabic-Indic
// digits and separators are the Latin ones ("٢٠٢٤" is "2024").
#pragma once

#include <string>
#include <string_view>

namespace migcheck::util {

std::string normalize_label(std::string_view text);
// The same into `out` (cleared first), for hot loops that reuse a buffer.
void normalize_label_into(std::string_view text, std::string& out);

// Levenshtein distance of two keys, capped at `cap` (returns cap when >= cap).
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t cap = 8);

}  // namespace migcheck::util
