// The schema problems of the layers being loaded, gathered so that one run reports them all:
// grouped by file, field and message (a field missing from a million features is one line
// that counts them), listed in file order, at most kListed lines.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/model/load.hpp"

namespace corridor {

// Where in the input a problem was met, for listing in the order a single pass meets them:
// the layer (places before routes), the feature's index in it, then the order of the
// checks on that feature.
struct ProblemOrder {
    std::size_t layer = 0;
    std::size_t feature = 0;
    std::size_t check = 0;
    auto operator<=>(const ProblemOrder&) const = default;
};

class ProblemLog {
public:
    static constexpr std::size_t kListed = kListedProblems;
    static constexpr std::size_t kGroups = 500;  // distinct problems held; beyond, only counted

    void add(const ProblemOrder& at, const Issue& issue);
    // Takes in another log's problems (a part read on another thread).
    void merge(ProblemLog&& other);
    bool empty() const { return groups_.empty() && uncounted_ == 0; }

    // Throws input_errors with the problems in order: one line per distinct problem (its
    // first feature, and how many other features have it), at most kListed lines, then a
    // line counting the rest. Does nothing when the log is empty.
    void raise() const;

private:
    struct Group {
        ProblemOrder first;
        Issue issue;
        std::size_t features = 0;  // features with this problem
    };
    using Key = std::tuple<std::string, std::string, std::string>;  // file, field, message
    void keep(const Key& key, Group group);

    std::map<Key, Group> groups_;
    std::size_t uncounted_ = 0;  // problems beyond kGroups distinct ones
};

}  // namespace corridor
