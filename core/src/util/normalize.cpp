#include "util/normalize.hpp"
#include "util/utf8.hpp"

#include <algorithm>
#include <vector>

#include "util/text.hpp"

namespace migcheck::util {
namespace {

// Latin-1 Supplement and Latin Extended-A, U+00C0..U+017F, folded to ASCII.
constexpr const char* kFold[] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",     // C0
    "d", "n", "o", "o", "o", "o", "o", "x", "o", "u", "u", "u", "u", "y", "th", "ss",   // D0
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",     // E0
    "d", "n", "o", "o", "o", "o", "o", "/", "o", "u", "u", "u", "u", "y", "th", "y",    // F0
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",     // 100
    "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",     // 110
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",     // 120
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",  // 130
    "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",     // 140
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",   // 150
    "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",     // 160
    "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",     // 170
};

// Characters that change nothing a reader sees in a label: Arabic diacritics
// (tashkeel, U+064B..U+065F, and the superscript alef U+0670), the tatweel
// that stretches a word (U+0640), and the bidirectional marks and isolates
// that Excel and Arabic keyboards put around numbers and Latin words.
bool is_invisible_cp(std::uint32_t cp) {
  return (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640 || cp == 0x200E || cp == 0x200F ||
         cp == 0x061C || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

// Arabic letters typed in several ways for one word: the hamza forms of alef
// (أ إ آ ٱ) are alef, ta marbuta (ة) is ha, alef maqsura (ى) and the Persian
// ya (ی) are ya, hamza on waw (ؤ) is waw, hamza on ya (ئ) is ya, the Persian
// kaf (ک) is kaf. Arabic-Indic (٠..٩) and Eastern Arabic-Indic (۰..۹) digits
// are digits, and the Arabic comma, decimal and thousands separators, percent
// and semicolon are their Latin marks, so "١٢٬٣٤٥" reads as "12,345".
// 0 when cp is none of these.
std::uint32_t arabic_fold(std::uint32_t cp) {
  if (cp >= 0x0660 && cp <= 0x0669) return '0' + (cp - 0x0660);
  if (cp >= 0x06F0 && cp <= 0x06F9) return '0' + (cp - 0x06F0);
  switch (cp) {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671: return 0x0627;
    case 0x0629: return 0x0647;
    case 0x0649: case 0x06CC: case 0x0626: return 0x064A;
    case 0x0624: return 0x0648;
    case 0x06A9: return 0x0643;
    case 0x060C: case 0x066C: return ',';
    case 0x066B: return '.';
    case 0x066A: return '%';
    case 0x061B: return ';';
    default: return 0;
  }
}

bool is_space_cp(std::uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x2007 || cp == 0x2009 ||
         cp == 0x202F || cp == 0x200B || cp == 0x3000 || cp == 0xFEFF;
}

}  // namespace

void normalize_label_into(std::string_view text, std::string& out) {
  out.clear();
  bool pending_space = false;
  std::size_t i = 0;
  while (i < text.size()) {
    std::uint32_t cp = next_code_point(text, i);
    if (cp >= 0x0600 && cp <= 0x206F) {
      if (is_invisible_cp(cp)) continue;
      if (const std::uint32_t folded = arabic_fold(cp)) cp = folded;
    }
    if (is_space_cp(cp)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out.push_back(' ');
      pending_space = false;
    }
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp));
    } else if (cp >= 0xC0 && cp <= 0x17F) {
      out += kFold[cp - 0xC0];
    } else if (cp == 0x2018 || cp == 0x2019 || cp == 0x201B || cp == 0x2032 || cp == 0x02BC || cp == 0xB4 || cp == 0x60) {
      out.push_back('\'');
    } else if (cp == 0x2010 || cp == 0x2011 || cp == 0x2012 || cp == 0x2013 || cp == 0x2014 || cp == 0x2212) {
      out.push_back('-');
    } else if (cp == 0x201C || cp == 0x201D || cp == 0xAB || cp == 0xBB) {
      out.push_back('"');
    } else if (cp == 0x2026) {
      out += "...";
    } else {
      append_utf8(out, cp);
    }
  }
  // A label typed as "Sex:" or "Total." is the same label; a text of these marks alone (Eurostat's
  // ":" for not available) stays itself, never empty.
  while (out.size() > 1 && (out.back() == ':' || out.back() == '.' || out.back() == ' ') && out != "..." && out != "..")
    out.pop_back();
  if (out == " ") out.clear();
}

std::string normalize_label(std::string_view text) {
  std::string out;
  normalize_label_into(text, out);
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t cap) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() >= cap) return cap;
  std::vector<std::size_t> row(a.size() + 1);
  for (std::size_t i = 0; i <= a.size(); ++i) row[i] = i;
  for (std::size_t j = 1; j <= b.size(); ++j) {
    std::size_t diagonal = row[0];
    row[0] = j;
    std::size_t best = row[0];
    for (std::size_t i = 1; i <= a.size(); ++i) {
      const std::size_t up = row[i];
      row[i] = std::min({row[i] + 1, row[i - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
      best = std::min(best, row[i]);
    }
    if (best >= cap) return cap;
  }
  return std::min(row[a.size()], cap);
}

}  // namespace migcheck::util
