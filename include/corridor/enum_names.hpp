// The names of an enum's values, described once as a table ({value, "name"}, ...): the name
// of a value and the value of a name, so that an enum's printer and parser cannot disagree.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace corridor {

template <class E>
struct Named {
    E value;
    const char* name;
};

// The name of value in table; fallback for a value the table lacks.
template <class E, std::size_t N>
constexpr const char* name_of(const Named<E> (&table)[N], E value, const char* fallback = "?") {
    for (const Named<E>& n : table)
        if (n.value == value) return n.name;
    return fallback;
}

// The value table names `name` (exactly); none for a name it lacks.
template <class E, std::size_t N>
constexpr std::optional<E> value_named(const Named<E> (&table)[N], std::string_view name) {
    for (const Named<E>& n : table)
        if (name == n.name) return n.value;
    return std::nullopt;
}

}  // namespace corridor
