#include "corridor/text/facts.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

#include <iterator>

#include "corridor/enum_names.hpp"
#include "corridor/text/numbers.hpp"

namespace corridor {
namespace {

constexpr std::string_view kEnDash = "\xE2\x80\x93";
constexpr std::string_view kEmDash = "\xE2\x80\x94";
constexpr std::string_view kRightDoubleQuote = "\xE2\x80\x9D";
constexpr std::string_view kRightSingleQuote = "\xE2\x80\x99";

constexpr std::array<std::string_view, 12> kMonths{"january",   "february", "march",    "april",
                                                   "may",       "june",     "july",     "august",
                                                   "september", "october",  "november", "december"};

bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_upper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool at(std::string_view text, std::size_t pos, std::string_view s) { return text.substr(pos, s.size()) == s; }

// A word: letters, and hyphens inside ("Korean-flagged").
struct Word {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string lower;  // empty when there is no word
};

// The word after pos, skipping spaces only (any other character stops).
Word word_after(std::string_view text, std::size_t pos) {
    while (pos < text.size() && text[pos] == ' ') ++pos;
    Word w{pos, pos, {}};
    while (w.end < text.size() && (is_alpha(text[w.end]) || (text[w.end] == '-' && w.end > pos &&
                                                             w.end + 1 < text.size() && is_alpha(text[w.end + 1]))))
        ++w.end;
    w.lower = lower(text.substr(w.begin, w.end - w.begin));
    return w;
}

// The word before pos, skipping spaces only.
Word word_before(std::string_view text, std::size_t pos) {
    while (pos > 0 && text[pos - 1] == ' ') --pos;
    Word w{pos, pos, {}};
    while (w.begin > 0 && is_alpha(text[w.begin - 1])) --w.begin;
    w.lower = lower(text.substr(w.begin, w.end - w.begin));
    return w;
}

// 1-12 for a month name or its abbreviation ("Feb"), 0 otherwise.
int month_number(const std::string& w) {
    for (std::size_t m = 0; m < kMonths.size(); ++m) {
        if (w == kMonths[m]) return static_cast<int>(m) + 1;
        if (w.size() >= 3 && w.size() < kMonths[m].size() && kMonths[m].starts_with(w)) return static_cast<int>(m) + 1;
    }
    return 0;
}

// A month written before pos: "September " or "Feb. ", capitalised; its start and number.
std::optional<std::pair<std::size_t, int>> month_before(std::string_view text, std::size_t pos) {
    std::size_t p = pos;
    while (p > 0 && text[p - 1] == ' ') --p;
    if (p == pos) return std::nullopt;  // "Feb.19" is not a date of ours
    const bool dot = p > 0 && text[p - 1] == '.';
    const Word w = word_before(text, dot ? p - 1 : p);
    if (w.lower.empty() || !is_upper(text[w.begin])) return std::nullopt;
    const int m = month_number(w.lower);
    if (m == 0) return std::nullopt;
    return std::make_pair(w.begin, m);
}

struct Unit {
    FactKind kind;
    std::string_view unit;
};

std::optional<Unit> unit_word(const std::string& w) {
    if (w == "tons" || w == "tonnes" || w == "ton" || w == "tonne") return Unit{FactKind::mass, "t"};
    if (w == "passengers" || w == "passenger") return Unit{FactKind::passengers, "passengers"};
    if (w == "percent") return Unit{FactKind::percent, "%"};
    if (w == "km" || w == "kilometers" || w == "kilometres") return Unit{FactKind::distance, "km"};
    if (w == "miles" || w == "mile") return Unit{FactKind::distance, "mi"};
    if (w == "rubles" || w == "roubles") return Unit{FactKind::money, "RUB"};
    if (w == "dollars") return Unit{FactKind::money, "USD"};
    if (w == "years") return Unit{FactKind::duration, "years"};
    return std::nullopt;
}

std::optional<std::string_view> count_noun(const std::string& w) {
    static constexpr std::array<std::string_view, 7> ships{"tankers", "tanker",  "ships", "vessels",
                                                           "boats",   "ferries", "barges"};
    static constexpr std::array<std::string_view, 6> people{"people",  "persons",  "workers",
                                                            "koreans", "russians", "tourists"};
    if (std::find(ships.begin(), ships.end(), w) != ships.end()) return "ships";
    if (std::find(people.begin(), people.end(), w) != people.end()) return "people";
    return std::nullopt;
}

std::string hedge_before(std::string_view text, std::size_t pos) {
    static constexpr std::array<std::string_view, 6> hedges{"about",  "up to",  "at least",
                                                            "nearly", "almost", "more than"};
    const std::string before = lower(text.substr(pos >= 12 ? pos - 12 : 0, pos >= 12 ? 12 : pos));
    for (auto h : hedges) {
        const std::string with_space = fmt::format("{} ", h);
        if (!before.ends_with(with_space)) continue;
        const std::size_t start = before.size() - with_space.size();
        if (start == 0 && pos > 12 && is_alpha(text[pos - 13])) continue;  // "whereabout "
        if (start > 0 && is_alpha(before[start - 1])) continue;
        return std::string(h);
    }
    return {};
}

bool is_preposition(const std::string& w) {
    static constexpr std::array<std::string_view, 14> words{"to",   "in",   "at",  "from", "for",  "by",    "on",
                                                            "with", "into", "via", "per",  "each", "every", "than"};
    return std::find(words.begin(), words.end(), w) != words.end();
}

// Whether the words between two statements [from, to) only join them in a list, so that a
// hedge before the first holds for the second: "up to 200 passengers and 1,000 tons",
// "about 500,000 tons of crude oil and 270,000 tons", "about 5 tons, 7 tons or 9 tons". Allowed: what
// the first is "of" (up to three words, no preposition), then a comma, "and" or "or" (or a comma and one of
// them), nothing else. A verb, another preposition, a semicolon, a bracket, a sentence end
// or another number ends the list: "about 500 tons and loaded 300 tons" carries nothing.
// Without `of`, only the comma and the conjunction: between a bare number and the next.
bool joins_list(std::string_view text, std::size_t from, std::size_t to, bool of_words = true) {
    std::size_t pos = from;
    if (const Word of = word_after(text, pos); of_words && of.lower == "of" && of.end < to) {
        pos = of.end;
        for (int n = 0; n < 3; ++n) {
            const Word w = word_after(text, pos);
            if (w.lower.empty() || w.begin >= to || w.lower == "and" || w.lower == "or" || is_preposition(w.lower))
                break;
            pos = w.end;
        }
    }
    while (pos < to && text[pos] == ' ') ++pos;
    bool joined = false;
    if (pos < to && text[pos] == ',') {
        ++pos;
        joined = true;
    }
    if (const Word c = word_after(text, pos); c.end <= to && (c.lower == "and" || c.lower == "or")) {
        pos = c.end;
        joined = true;
    }
    while (pos < to && text[pos] == ' ') ++pos;
    return joined && pos == to;
}

// The sentences of the line [begin, end): their [start, end) byte ranges.
std::vector<std::pair<std::size_t, std::size_t>> sentences(std::string_view text, std::size_t begin, std::size_t end) {
    static constexpr std::array<std::string_view, 10> abbreviations{"jan", "feb",  "mar", "apr", "aug",
                                                                    "sep", "sept", "oct", "nov", "dec"};
    std::vector<std::pair<std::size_t, std::size_t>> out;
    std::size_t start = begin;
    for (std::size_t i = begin; i < end; ++i) {
        if (text[i] != '.' && text[i] != '!' && text[i] != '?') continue;
        std::size_t j = i + 1;
        while (j < end) {
            if (text[j] == '"' || text[j] == ')') ++j;
            else if (at(text, j, kRightDoubleQuote) || at(text, j, kRightSingleQuote)) j += 3;
            else break;
        }
        if (j >= end || text[j] != ' ') continue;
        if (text[i] == '.') {
            const Word w = word_before(text, i);
            if (w.lower.size() == 1) continue;  // "U.S. President", "U.N. data"
            if (std::find(abbreviations.begin(), abbreviations.end(), w.lower) != abbreviations.end()) continue;
        }
        out.emplace_back(start, j);
        while (j < end && text[j] == ' ') ++j;
        start = j;
    }
    if (start < end) out.emplace_back(start, end);
    return out;
}

bool same(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b)); }

// A number glued to letters or to a hyphenated word: an ordinal, a decade, a name ("70th",
// "1990s", "Six-Party").
bool glued_to_word(std::string_view text, const NumberToken& t) {
    const std::size_t end = t.end;
    return t.scale == 1 && end < text.size() &&
           (is_alpha(text[end]) || (text[end] == '-' && end + 1 < text.size() && is_alpha(text[end + 1])));
}

// A statement being read: the text [begin, end) of its number (with a range and a currency
// sign, once read), and the fact it fills.
struct Reading {
    std::string_view text;
    std::size_t begin, end;
    Fact& f;

    // The statement ends at stop, of this kind and unit.
    bool finish(FactKind kind, std::string_view unit, std::size_t stop) {
        f.kind = kind;
        f.unit = std::string(unit);
        f.offset = begin;
        f.text = std::string(text.substr(begin, stop - begin));
        return true;
    }
};

// A range: "34-40", "34–40"; not "2017-18" or "234-40", whose second number is smaller.
// Takes token k + 1 into the statement (and k past it).
void read_range(Reading& r, const std::vector<NumberToken>& tokens, std::size_t& k) {
    const NumberToken& t = tokens[k];
    if (t.word || k + 1 >= tokens.size() || tokens[k + 1].word) return;
    const NumberToken& u = tokens[k + 1];
    const std::string_view text = r.text;
    const std::size_t end = r.end;
    const std::size_t dash = at(text, end, "-") ? 1 : (at(text, end, kEnDash) || at(text, end, kEmDash)) ? 3 : 0;
    if (dash == 0 || u.begin != end + dash || t.scaled() > u.scaled()) return;
    r.f.low = t.scaled();
    r.f.high = u.scaled();
    r.f.value = (*r.f.low + *r.f.high) / 2;
    r.end = u.end;
    ++k;
}

// Money written before the number ("US$", "$"): taken into the statement.
bool read_currency_sign(Reading& r) {
    if (r.begin >= 3 && at(r.text, r.begin - 3, "US$")) {
        r.begin -= 3;
        return true;
    }
    if (r.begin >= 1 && r.text[r.begin - 1] == '$') {
        r.begin -= 1;
        return true;
    }
    return false;
}

// "N times a month", "N trips per week": false when no period follows.
bool read_frequency(Reading& r, const Word& times) {
    const Word per = word_after(r.text, times.end);
    const Word period = word_after(r.text, per.end);
    static constexpr std::array<std::string_view, 4> pers{"a", "per", "each", "every"};
    static constexpr std::array<std::string_view, 4> periods{"day", "week", "month", "year"};
    if (std::find(pers.begin(), pers.end(), per.lower) == pers.end() ||
        std::find(periods.begin(), periods.end(), period.lower) == periods.end())
        return false;
    return r.finish(FactKind::frequency, fmt::format("times/{}", period.lower), period.end);
}

// A count noun within the next four words: "five North Korean-flagged oil tankers".
bool read_count(Reading& r, Word w) {
    for (int n = 0; n < 4 && !w.lower.empty(); ++n) {
        if (auto noun = count_noun(w.lower)) return r.finish(FactKind::count, *noun, w.end);
        w = word_after(r.text, w.end);
    }
    return false;
}

// A year (1800..2100, with the month before it if any: "May 2017") or a day after a month
// ("May 12").
bool read_date(Reading& r, const NumberToken& t) {
    Fact& f = r.f;
    const bool integer = !t.word && t.scale == 1 && std::floor(t.value) == t.value && !f.low;
    const std::string_view digits = r.text.substr(t.begin, t.end - t.begin);
    if (integer && digits.size() == 4 && t.value >= 1800 && t.value <= 2100) {
        f.date = fmt::format("{:04}", static_cast<int>(t.value));
        if (auto m = month_before(r.text, r.begin)) {
            r.begin = m->first;
            f.date = fmt::format("{}-{:02}", f.date, m->second);
        }
        return r.finish(FactKind::date, "", r.end);
    }
    if (integer && t.value >= 1 && t.value <= 31) {
        if (auto m = month_before(r.text, r.begin)) {
            r.begin = m->first;
            f.date = fmt::format("--{:02}-{:02}", m->second, static_cast<int>(t.value));
            f.value.reset();
            return r.finish(FactKind::date, "", r.end);
        }
    }
    return false;
}

// Reads the statement around number token k (and k + 1 for a range); false when the
// number is not a quantity statement ("38 North", "Six-Party", "70th").
bool read_statement(std::string_view text, const std::vector<NumberToken>& tokens, std::size_t& k, Fact& f) {
    const NumberToken& t = tokens[k];
    if (glued_to_word(text, t)) return false;
    f.value = t.scaled();
    Reading r{text, t.begin, t.end, f};
    read_range(r, tokens, k);
    const bool dollars = read_currency_sign(r);
    f.hedge = hedge_before(text, r.begin);
    const Word next = word_after(text, r.end);
    if (dollars) return r.finish(FactKind::money, "USD", r.end);
    if (r.end < text.size() && text[r.end] == '%') return r.finish(FactKind::percent, "%", r.end + 1);
    if (auto u = unit_word(next.lower)) return r.finish(u->kind, u->unit, next.end);
    if (next.lower == "times" || next.lower == "trips") return read_frequency(r, next);
    if (read_count(r, next) || read_date(r, t)) return true;
    if (t.fold) return r.finish(FactKind::multiple, "x", r.end);
    return false;
}

bool overlaps(const Fact& f, std::size_t begin, std::size_t end) {
    return f.offset < end && begin < f.offset + f.text.size();
}

struct Figure {
    const char* name;
    OptionalNumber value;
    std::array<FactKind, 2> kinds;
};

bool matches(const Fact& f, const Figure& fig) {
    if (!fig.value || std::find(fig.kinds.begin(), fig.kinds.end(), f.kind) == fig.kinds.end()) return false;
    for (const auto& v : {f.value, f.low, f.high})
        if (v && same(*v, *fig.value)) return true;
    return false;
}

void add_use(Fact& f, FactUse use) {
    if (std::find(f.uses.begin(), f.uses.end(), use) == f.uses.end()) f.uses.push_back(std::move(use));
}

// Marks the facts of file that quote's occurrences in the seed overlap.
void mark_quote(std::vector<Fact>& facts, const SeedLibrary& seeds, const std::string& file, const std::string& quote,
                const char* layer, const std::string& id, const char* quote_field, const std::vector<Figure>& figures) {
    if (quote.empty()) return;
    auto it = seeds.texts.find(file);
    if (it == seeds.texts.end()) return;
    const std::string& text = it->second;
    for (std::size_t pos = text.find(quote); pos != std::string::npos; pos = text.find(quote, pos + 1)) {
        for (Fact& f : facts) {
            if (f.file != file || !overlaps(f, pos, pos + quote.size())) continue;
            std::string field = quote_field;
            for (const auto& fig : figures)
                if (matches(f, fig)) {
                    field = fig.name;
                    break;
                }
            add_use(f, {layer, id, field});
        }
    }
}

}  // namespace

std::string_view fact_kind_name(FactKind k) {
    static constexpr Named<FactKind> kNames[] = {
        {FactKind::mass, "mass"},        {FactKind::passengers, "passengers"}, {FactKind::frequency, "frequency"},
        {FactKind::percent, "percent"},  {FactKind::money, "money"},           {FactKind::distance, "distance"},
        {FactKind::count, "count"},      {FactKind::duration, "duration"},     {FactKind::date, "date"},
        {FactKind::multiple, "multiple"}};
    return name_of(kNames, k);
}

std::vector<Fact> extract_facts(const std::string& file, std::string_view text) {
    std::vector<Fact> out;
    const std::vector<NumberToken> tokens = number_tokens(text);
    std::size_t line = 1;
    std::size_t line_begin = 0;
    std::size_t scanned = 0;  // newlines counted up to here
    for (std::size_t k = 0; k < tokens.size(); ++k) {
        for (; scanned < tokens[k].begin; ++scanned)
            if (text[scanned] == '\n') {
                ++line;
                line_begin = scanned + 1;
            }
        Fact f;
        f.file = file;
        f.line = line;
        const std::size_t first = k;  // read_statement moves k past a range's second number
        if (!read_statement(text, tokens, k, f)) continue;
        std::size_t line_end = text.find('\n', line_begin);
        if (line_end == std::string_view::npos) line_end = text.size();
        if (line_end > line_begin && text[line_end - 1] == '\r') --line_end;
        for (const auto& [s, e] : sentences(text, line_begin, line_end))
            if (f.offset >= s && f.offset < e) f.sentence = std::string(text.substr(s, e - s));
        // A hedge carries over a list: "about 300 or 400 tons" (bare numbers before the
        // statement) and "up to 200 passengers and 1,000 tons" (the statement before).
        for (std::size_t j = first, to = f.offset;
             f.hedge.empty() && f.kind != FactKind::date && j > 0 && joins_list(text, tokens[j - 1].end, to, false);
             --j) {
            f.hedge = hedge_before(text, tokens[j - 1].begin);
            to = tokens[j - 1].begin;
        }
        if (f.hedge.empty() && f.kind != FactKind::date && !out.empty()) {
            const Fact& prev = out.back();
            if (!prev.hedge.empty() && joins_list(text, prev.offset + prev.text.size(), f.offset)) f.hedge = prev.hedge;
        }
        out.push_back(std::move(f));
    }
    return out;
}

std::vector<Fact> extract_facts(const SeedLibrary& seeds) {
    std::vector<Fact> out;
    for (const auto& [file, text] : seeds.texts) {  // a std::map: by file name
        auto facts = extract_facts(file, text);
        out.insert(out.end(), std::make_move_iterator(facts.begin()), std::make_move_iterator(facts.end()));
    }
    return out;
}

void mark_uses(std::vector<Fact>& facts, const SeedLibrary& seeds, const Network& net,
               const std::vector<Scenario>& scenarios, const std::vector<Observation>& observations,
               const std::vector<Scenario>& events) {
    using K = FactKind;
    for (const Route& r : net.routes) {
        const Figures& g = r.figures;
        mark_quote(facts, seeds, r.seed, r.quote, "route", r.id, "quote",
                   {{"capacity", g.capacity, {K::mass, K::mass}},
                    {"payload_t", g.payload_t, {K::mass, K::mass}},
                    {"trips_mo", g.trips_mo, {K::frequency, K::frequency}},
                    {"annual_t", g.annual_t, {K::mass, K::mass}},
                    {"pax_trip", g.pax_trip, {K::passengers, K::count}}});
        const std::string& obs_seed = r.obs_seed.empty() ? r.seed.str() : r.obs_seed.str();
        mark_quote(facts, seeds, obs_seed, r.obs_quote, "route", r.id, "obs_quote",
                   {{"observed", g.observed, {K::mass, K::mass}}, {"obs_annual", g.obs_annual, {K::mass, K::mass}}});
    }
    for (const Place& p : net.places)
        for (const auto& [file, text] : seeds.texts)
            mark_quote(facts, seeds, file, p.note, "place", p.id, "note",
                       {{"capacity", p.capacity, {K::mass, K::mass}}});
    for (const Scenario& s : scenarios) {
        std::vector<Figure> values;
        for (const Change& c : s.changes)
            if (c.action != ChangeAction::close && c.action != ChangeAction::drop)
                values.push_back({"changes", c.value,
                                  c.action == ChangeAction::scale ? std::array{K::multiple, K::multiple}
                                  : c.field == "pax_trip"         ? std::array{K::passengers, K::count}
                                  : c.field == "trips_mo"         ? std::array{K::frequency, K::frequency}
                                                                  : std::array{K::mass, K::mass}});
        mark_quote(facts, seeds, s.source, s.quote, "scenario", s.name, "quote", values);
    }
    for (const Scenario& e : events) mark_quote(facts, seeds, e.source, e.quote, "event", e.name, "quote", {});
    for (const Observation& o : observations)
        mark_quote(facts, seeds, o.source, o.quote, "observation", o.id, "quote",
                   {{"tonnes", o.tonnes, {K::mass, K::mass}}});
}

}  // namespace corridor
