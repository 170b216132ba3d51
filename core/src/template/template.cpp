// The blank return template: every sheet, header and pre-filled label comes
// from the rulebook; each text is checked against the recognition's own
// matcher, so that what the template writes reads back as what it means.
#include "migcheck/template.hpp"

#include <algorithm>
#include <set>

#include "migcheck/messages.hpp"
#include "recognition/matcher.hpp"
#include "template/template_workbook.hpp"
#include "util/text.hpp"

namespace migcheck {
namespace templates {
namespace {

using recognition::HeaderKind;
using recognition::Matcher;
using xlsx::CellStyle;

constexpr std::uint32_t kLastRow = xlsx::kMaxRows - 1;
constexpr double kMinWidth = 10, kMaxWidth = 60;

// migcheck's own words for the Codes sheet of a rulebook without codes_sheet ("template.*" in the catalogue).
struct CodesSheetWords {
  explicit CodesSheetWords(std::string_view language)
      : codes_sheet(builtin_word(language, "template.codes_sheet")),
        code_list(builtin_word(language, "template.code_list")),
        code(builtin_word(language, "template.code")),
        label(builtin_word(language, "template.label")) {}
  const std::string& codes_sheet;
  const std::string& code_list;
  const std::string& code;
  const std::string& label;
};

std::string text_in(const Label& label, std::string_view language, const std::string& fallback) {
  const std::string& t = label.in(language);
  return t.empty() ? fallback : t;
}

double width_for(std::size_t characters) {
  return std::clamp(static_cast<double>(characters) + 2, kMinWidth, kMaxWidth);
}

// Column widths from the longest text of each column.
void fit_columns(xlsx::SheetSpec& sheet) {
  std::vector<std::size_t> longest;
  for (const auto& [at, cell] : sheet.cells) {
    if (at.second >= longest.size()) longest.resize(at.second + 1, 0);
    const std::size_t n = cell.is_text ? util::utf8_length(cell.text) : 10;
    // A title row spans the sheet; it does not widen its first column.
    if (cell.style != CellStyle::title) longest[at.second] = std::max(longest[at.second], n);
  }
  for (std::uint32_t c = 0; c < longest.size(); ++c) sheet.columns[c].width = width_for(longest[c]);
}

// Where each code list sits on the Codes sheet.
struct CodesRange {
  std::uint32_t first_row = 0, last_row = 0;
};

class Builder {
 public:
  Builder(const Rulebook& rulebook, std::string_view language, const ReturnContent* content = nullptr)
      : rb_(rulebook), language_(language), matcher_(rulebook), words_(language), content_(content) {}

  TemplateWorkbook build() {
    // Sheet names and the Codes sheet's rows first: every drop-down refers to them.
    plan_codes();
    if (rb_.metadata_sheet.present)
      metadata_name_ = name(candidates(rb_.metadata_sheet.label, rb_.metadata_sheet.synonyms, "Metadata"),
                            [&](const std::string& n) { return matcher_.is_metadata_sheet(n); });
    if (rb_.sources_sheet.present)
      sources_name_ = name(candidates(rb_.sources_sheet.label, rb_.sources_sheet.synonyms, "Sources"),
                           [&](const std::string& n) { return matcher_.is_sources_sheet(n); });
    for (const TableTemplate& t : rb_.tables) {
      auto names = candidates(t.label, t.synonyms, t.id);
      names.insert(names.begin(), t.id);  // the id first: short, and the same in every language
      table_names_.push_back(name(names, [&](const std::string& n) { return matcher_.table_by_name(n) == &t; }));
    }
    if (rb_.codes_sheet.present) {
      codes_name_ = name(candidates(rb_.codes_sheet.label, rb_.codes_sheet.synonyms, words_.codes_sheet),
                         [&](const std::string& n) { return matcher_.is_codes_sheet(n); });
    } else {
      codes_name_ = name({words_.codes_sheet}, [](const std::string&) { return true; });
    }

    if (rb_.metadata_sheet.present) metadata();
    if (rb_.sources_sheet.present) sources();
    for (std::size_t i = 0; i < rb_.tables.size(); ++i) {
      if (!content_) {
        table(rb_.tables[i], table_names_[i]);
        continue;
      }
      for (const RecognisedTable* given : content_->tables)
        if (given->table == rb_.tables[i].id) filled_table(rb_.tables[i], table_names_[i], *given);
    }
    codes();
    return std::move(out_);
  }

 private:
  // The label in the language and its synonyms in the language, then the other languages' labels
  // and synonyms: an English template names a sheet in English when an English name fits.
  std::vector<std::string> candidates(const Label& label, const Synonyms& synonyms, const std::string& fallback) const {
    std::vector<std::string> out = {text_in(label, language_, fallback)};
    for (const auto& [lang, list] : synonyms.texts)
      if (lang == language_) out.insert(out.end(), list.begin(), list.end());
    recognition::for_each_text(label, synonyms, [&](const std::string& t) { out.push_back(t); });
    return out;
  }

  // The first candidate that, made a valid sheet name, still reads back as
  // what it names (Excel cuts names at 31 characters); else the first.
  template <class Recognised>
  std::string name(const std::vector<std::string>& wanted, Recognised recognised) {
    std::string chosen;
    for (const std::string& w : wanted) {
      std::string n = xlsx::safe_sheet_name(w, taken_);
      if (recognised(n)) {
        chosen = std::move(n);
        break;
      }
    }
    if (chosen.empty()) chosen = xlsx::safe_sheet_name(wanted.empty() ? std::string() : wanted.front(), taken_);
    taken_.push_back(chosen);
    return chosen;
  }

  xlsx::SheetSpec& add_sheet(const std::string& sheet_name, std::size_t& index) {
    index = out_.workbook.sheets.size();
    xlsx::SheetSpec& sheet = out_.workbook.add_sheet(sheet_name);
    sheet.right_to_left = right_to_left(language_);
    return sheet;
  }

  // A code's label, when it reads back as that code; its id otherwise.
  std::string code_text(const CodeList& list, const Code& code) const {
    const std::string label = text_in(code.label, language_, code.id);
    const auto* codes = matcher_.codes_of_list(list.id);
    const Code* back = codes ? codes->match(label) : nullptr;
    return back && back->id == code.id ? label : code.id;
  }

  // A header's label, when it reads back as that dimension, measure or attribute.
  std::string header_text(const Label& label, HeaderKind kind, const std::string& id) const {
    const std::string text = text_in(label, language_, id);
    const auto back = matcher_.header(text);
    return back && back->kind == kind && back->id == id ? text : id;
  }

  std::string field_text(const SheetField& field, bool metadata) const {
    const std::string text = text_in(field.label, language_, field.id);
    const SheetField* back = metadata ? matcher_.metadata_field(text) : matcher_.sources_field(text);
    return back && back->id == field.id ? text : field.id;
  }

  // A drop-down of a code list's labels (column 2 of the Codes sheet) or codes (column 1).
  void drop_down(xlsx::SheetSpec& sheet, const std::string& codelist, std::uint32_t column, std::uint32_t first_row,
                 std::uint32_t last_row, bool codes) {
    auto it = std::find_if(codes_ranges_.begin(), codes_ranges_.end(),
                           [&](const auto& r) { return r.first == codelist; });
    if (it == codes_ranges_.end()) return;
    const std::uint32_t source_column = codes ? 1 : 2;
    sheet.validations.push_back({first_row, last_row, column, column,
                                 xlsx::range_reference(codes_name_, it->second.first_row, source_column,
                                                       it->second.last_row, source_column)});
  }

  // Metadata: a title, then one row per field, its label and an empty value.
  void metadata() {
    xlsx::SheetSpec& s = add_sheet(metadata_name_, out_.metadata_sheet);
    s.text(0, 0, text_in(rb_.title, language_, rb_.id), CellStyle::title);
    s.text(1, 0, rb_.id + " " + rb_.version);
    std::uint32_t row = 3;
    for (const SheetField& f : rb_.metadata_sheet.fields) {
      s.text(row, 0, field_text(f, true), CellStyle::header);
      if (f.kind == FieldKind::coded && !f.codelist.empty()) drop_down(s, f.codelist, 1, row, row, false);
      if (content_)
        for (const auto& [id, value] : content_->metadata)
          if (id == f.id && !value.empty()) s.text(row, 1, value, CellStyle::text);
      out_.metadata_rows.emplace_back(f.id, row);
      ++row;
    }
    fit_columns(s);
    s.columns[1].width = std::max(s.columns[1].width, 40.0);
  }

  // Sources: a header naming the fields, then one row per table with its id.
  void sources() {
    xlsx::SheetSpec& s = add_sheet(sources_name_, out_.sources_sheet);
    out_.sources_header_row = 0;
    const auto& fields = rb_.sources_sheet.fields;
    for (std::uint32_t c = 0; c < fields.size(); ++c) {
      s.text(0, c, field_text(fields[c], false), CellStyle::header);
      out_.sources_columns.push_back(fields[c].id);
      s.columns[c].style = CellStyle::text;
    }
    std::uint32_t row = 1;
    if (content_) {
      // The return's own rows: each table's, as its agency wrote it.
      for (const auto& values : content_->sources) {
        std::string table;
        for (std::uint32_t c = 0; c < fields.size(); ++c)
          for (const auto& [id, value] : values)
            if (id == fields[c].id && !value.empty()) {
              s.text(row, c, value, CellStyle::text);
              if (fields[c].kind == FieldKind::table) table = value;
            }
        out_.sources_rows.emplace_back(table, row);
        ++row;
      }
    } else {
      for (const TableTemplate& t : rb_.tables) {
        for (std::uint32_t c = 0; c < fields.size(); ++c)
          if (fields[c].kind == FieldKind::table) s.text(row, c, t.id, CellStyle::text);
        out_.sources_rows.emplace_back(t.id, row);
        ++row;
      }
    }
    // Coded fields take codes: the rules compare what is written with codes ("12M").
    for (std::uint32_t c = 0; c < fields.size(); ++c)
      if (fields[c].kind == FieldKind::coded && !fields[c].codelist.empty())
        drop_down(s, fields[c].codelist, c, 1, kLastRow, true);
    s.frozen_rows = 1;
    fit_columns(s);
  }

  // A table sheet's header row: the dimensions, the measure, the attributes, each
  // with its drop-down; the code list of each dimension.
  std::vector<const CodeList*> header(xlsx::SheetSpec& s, TemplateTable& layout, const std::vector<std::string>& dimensions) {
    std::vector<const CodeList*> lists;
    std::uint32_t c = 0;
    for (const std::string& id : dimensions) {
      const Dimension* d = rb_.dimension(id);
      const CodeList* list = d ? rb_.codelist(d->codelist) : nullptr;
      s.text(layout.header_row, c, d ? header_text(d->label, HeaderKind::dimension, d->id) : id, CellStyle::header);
      s.columns[c].style = CellStyle::text;
      if (list) drop_down(s, list->id, c, layout.first_row, kLastRow, false);
      layout.columns.push_back(id);
      lists.push_back(list);
      ++c;
    }
    layout.measure_column = c;
    s.text(layout.header_row, c, header_text(rb_.measure.label, HeaderKind::measure, rb_.measure.id), CellStyle::header);
    layout.columns.push_back(rb_.measure.id);
    ++c;
    for (const Attribute& a : rb_.attributes) {
      s.text(layout.header_row, c, header_text(a.label, HeaderKind::attribute, a.id), CellStyle::header);
      s.columns[c].style = CellStyle::text;
      if (!a.codelist.empty()) drop_down(s, a.codelist, c, layout.first_row, kLastRow, false);
      layout.columns.push_back(a.id);
      ++c;
    }
    return lists;
  }

  // A table: its title, a header (dimensions, measure, attributes), and one
  // row per combination of the codes the rulebook fixes.
  void table(const TableTemplate& t, const std::string& sheet_name) {
    TemplateTable layout;
    layout.table = t.id;
    xlsx::SheetSpec& s = add_sheet(sheet_name, layout.sheet);
    s.text(0, 0, text_in(t.label, language_, t.id), CellStyle::title);
    layout.header_row = 1;
    layout.first_row = 2;

    const std::vector<const CodeList*> lists = header(s, layout, t.dimensions);
    std::vector<std::vector<const Code*>> codes;  // per dimension
    for (const CodeList* list : lists) codes.push_back(list ? prefilled_codes(*list) : std::vector<const Code*>{});

    // Every combination, the last dimension varying fastest.
    std::size_t combinations = codes.empty() ? 0 : 1;
    for (const auto& list : codes) {
      if (list.empty() || combinations > kMaxPrefilledRows / list.size()) combinations = 0;
      else combinations *= list.size();
      if (combinations == 0) break;
    }
    if (combinations > 0) {
      std::vector<std::vector<std::string>> labels(codes.size());
      for (std::size_t d = 0; d < codes.size(); ++d)
        for (const Code* code : codes[d]) labels[d].push_back(code_text(*lists[d], *code));
      std::vector<std::size_t> at(codes.size(), 0);
      std::uint32_t row = layout.first_row;
      for (std::size_t n = 0; n < combinations; ++n, ++row) {
        std::vector<std::string> key(codes.size());
        for (std::size_t d = 0; d < codes.size(); ++d) {
          s.text(row, static_cast<std::uint32_t>(d), labels[d][at[d]], CellStyle::text);
          key[d] = codes[d][at[d]]->id;
        }
        layout.rows.push_back(std::move(key));
        for (std::size_t d = codes.size(); d-- > 0;) {
          if (++at[d] < codes[d].size()) break;
          at[d] = 0;
        }
      }
    }
    s.frozen_rows = layout.first_row;
    fit_columns(s);
    s.columns[layout.measure_column].width = std::max(s.columns[layout.measure_column].width, 14.0);
    out_.tables.push_back(std::move(layout));
  }

  // A table given: the template's header for the dimensions it has (and the
  // time when an observation is of another year than the return's), then one
  // row per observation.
  void filled_table(const TableTemplate& t, const std::string& sheet_name, const RecognisedTable& given) {
    TemplateTable layout;
    layout.table = t.id;
    xlsx::SheetSpec& s = add_sheet(sheet_name, layout.sheet);
    s.text(0, 0, text_in(t.label, language_, t.id), CellStyle::title);
    layout.header_row = 1;
    layout.first_row = 2;
    std::vector<std::string> dimensions;
    for (const std::string& id : t.dimensions)
      if (given.dimension_index(id) < given.dimensions.size()) dimensions.push_back(id);
    std::string time_id;
    for (const Dimension& d : rb_.dimensions)
      if (d.kind == DimensionKind::time && time_id.empty()) time_id = d.id;
    if (const std::size_t d = given.dimension_index(time_id); d < given.dimensions.size())
      for (std::size_t i = 0; i < given.size(); ++i)
        if (given.code(i, d) != content_->reference_year) {
          dimensions.push_back(time_id);
          break;
        }
    const std::vector<const CodeList*> lists = header(s, layout, dimensions);
    std::vector<std::size_t> positions;
    for (const std::string& id : dimensions) positions.push_back(given.dimension_index(id));
    // The status columns, and the statuses a cell has when its column is empty (SDMX: A, F).
    std::uint32_t obs_column = UINT32_MAX, conf_column = UINT32_MAX;
    std::string default_obs, default_conf;
    for (std::uint32_t c = layout.measure_column + 1; c < layout.columns.size(); ++c) {
      const Attribute* a = nullptr;
      for (const Attribute& candidate : rb_.attributes)
        if (candidate.id == layout.columns[c]) a = &candidate;
      const CodeList* list = a ? rb_.codelist(a->codelist) : nullptr;
      const std::string first = list && !list->codes.empty() ? list->codes.front().id : std::string();
      if (a && a->role == AttributeRole::observation_status) obs_column = c, default_obs = first;
      if (a && a->role == AttributeRole::confidentiality) conf_column = c, default_conf = first;
    }
    std::uint32_t row = layout.first_row;
    for (std::size_t i = 0; i < given.size() && row <= kLastRow; ++i, ++row) {
      std::vector<std::string> key;
      for (std::size_t k = 0; k < dimensions.size(); ++k) {
        const std::string& code = given.code(i, positions[k]);
        const Code* known = lists[k] ? lists[k]->find(code) : nullptr;
        s.text(row, static_cast<std::uint32_t>(k), known ? code_text(*lists[k], *known) : code, CellStyle::text);
        key.push_back(code);
      }
      layout.rows.push_back(std::move(key));
      const std::string obs = i < given.obs_status.size() ? given.symbols[given.obs_status[i]] : std::string();
      const std::string conf = i < given.conf_status.size() ? given.symbols[given.conf_status[i]] : std::string();
      if (given.values[i] == given.values[i]) s.number(row, layout.measure_column, given.values[i]);
      else s.text(row, layout.measure_column, marker_for(obs, conf), CellStyle::text);
      if (obs_column != UINT32_MAX && !obs.empty() && obs != default_obs) s.text(row, obs_column, obs, CellStyle::text);
      if (conf_column != UINT32_MAX && !conf.empty() && conf != default_conf) s.text(row, conf_column, conf, CellStyle::text);
    }
    s.frozen_rows = layout.first_row;
    fit_columns(s);
    s.columns[layout.measure_column].width = std::max(s.columns[layout.measure_column].width, 14.0);
    out_.tables.push_back(std::move(layout));
  }

  // The marker of a value missing with these statuses: the one that implies them,
  // else the first marker that stands for no number ("..").
  std::string marker_for(const std::string& obs, const std::string& conf) const {
    const Marker* fallback = nullptr;
    for (const Marker& m : rb_.markers) {
      if (m.value || m.texts.empty()) continue;
      if (!fallback) fallback = &m;
      if ((!m.obs_status.empty() && m.obs_status == obs) || (!m.conf_status.empty() && m.conf_status == conf))
        return m.texts.front();
    }
    return fallback ? fallback->texts.front() : std::string("..");
  }

  // Codes: every code list, code by code, with its label.
  void codes() {
    xlsx::SheetSpec& s = add_sheet(codes_name_, out_.codes_sheet);
    const auto& fields = rb_.codes_sheet.fields;  // CODELIST, CODE, LABEL (the loader checks)
    const std::string* const own[] = {&words_.code_list, &words_.code, &words_.label};
    for (std::uint32_t c = 0; c < 3; ++c)
      s.text(0, c, fields.size() == 3 ? text_in(fields[c].label, language_, *own[c]) : *own[c], CellStyle::header);
    std::uint32_t row = 1;
    for (const CodeList& list : rb_.codelists) {
      if (list.codes.empty()) continue;
      for (const Code& code : list.codes) {
        s.text(row, 0, list.id);
        s.text(row, 1, code.id, CellStyle::text);
        s.text(row, 2, text_in(code.label, language_, code.id));
        ++row;
      }
    }
    for (std::uint32_t c = 0; c < 3; ++c) s.columns[c].style = CellStyle::text;
    s.frozen_rows = 1;
    fit_columns(s);
  }

  void plan_codes() {
    std::uint32_t row = 1;
    for (const CodeList& list : rb_.codelists) {
      if (list.codes.empty()) continue;
      const auto n = static_cast<std::uint32_t>(list.codes.size());
      codes_ranges_.emplace_back(list.id, CodesRange{row, row + n - 1});
      row += n;
    }
  }

 private:
  const Rulebook& rb_;
  std::string language_;
  Matcher matcher_;
  const CodesSheetWords words_;
  const ReturnContent* content_ = nullptr;
  TemplateWorkbook out_;
  std::vector<std::string> taken_;
  std::string metadata_name_, sources_name_, codes_name_;
  std::vector<std::string> table_names_;
  std::vector<std::pair<std::string, CodesRange>> codes_ranges_;
};

}  // namespace

std::vector<const Code*> prefilled_codes(const CodeList& list) {
  std::vector<const Code*> out;
  if (list.hierarchies.empty()) {
    const bool whole = list.codes.size() <= kMaxListedCodes;
    for (const Code& c : list.codes)
      if (whole || c.role != CodeRole::individual) out.push_back(&c);
    return out;
  }
  // One partition: the group of the first grouped hierarchy (5-year ages before broad ones).
  std::string group;
  for (const Hierarchy& h : list.hierarchies)
    if (!h.group.empty()) {
      group = h.group;
      break;
    }
  std::set<std::string> named;
  for (const Hierarchy& h : list.hierarchies) {
    if (!h.group.empty() && h.group != group) continue;
    named.insert(h.total);
    named.insert(h.parts.begin(), h.parts.end());  // members taken by role are left to the user
  }
  for (const Code& c : list.codes)
    if (named.count(c.id)) out.push_back(&c);
  return out;
}

TemplateWorkbook build_template(const Rulebook& rulebook, std::string_view language) {
  return Builder(rulebook, language).build();
}

TemplateWorkbook build_filled(const Rulebook& rulebook, std::string_view language, const ReturnContent& content) {
  return Builder(rulebook, language, &content).build();
}

}  // namespace templates

std::string return_template(const Rulebook& rulebook, std::string_view language) {
  auto bytes = xlsx::write_xlsx(templates::build_template(rulebook, language).workbook);
  return bytes ? std::move(bytes).value() : std::string();
}

}  // namespace migcheck
