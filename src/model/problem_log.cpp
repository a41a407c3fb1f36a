#include "problem_log.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace corridor {

void ProblemLog::keep(const Key& key, Group group) {
    auto it = groups_.find(key);
    if (it == groups_.end()) {
        if (groups_.size() >= kGroups) {
            uncounted_ += group.features;
            return;
        }
        groups_.emplace(key, std::move(group));
        return;
    }
    Group& g = it->second;
    if (group.first < g.first) {
        g.first = group.first;
        g.issue = std::move(group.issue);
    }
    g.features += group.features;
}

void ProblemLog::add(const ProblemOrder& at, const Issue& issue) {
    keep({issue.where.file, issue.where.field, issue.message}, Group{at, issue, 1});
}

void ProblemLog::merge(ProblemLog&& other) {
    for (auto& [key, group] : other.groups_) keep(key, std::move(group));
    uncounted_ += other.uncounted_;
}

void ProblemLog::raise() const {
    if (empty()) return;
    std::vector<const Group*> order;
    order.reserve(groups_.size());
    for (const auto& [key, group] : groups_) order.push_back(&group);
    std::sort(order.begin(), order.end(), [](const Group* a, const Group* b) { return a->first < b->first; });

    std::vector<Issue> listed;
    std::vector<std::string> lines;
    std::size_t unlisted = uncounted_;
    for (const Group* g : order) {
        if (listed.size() == kListed) {
            unlisted += g->features;
            continue;
        }
        listed.push_back(g->issue);
        lines.push_back(g->issue.line());
        if (g->features > 1)
            lines.back() += fmt::format(" (and {} other feature{})", g->features - 1, g->features == 2 ? "" : "s");
    }
    if (unlisted > 0)
        lines.push_back(fmt::format("and {} more problem{} not listed (the first {} kinds are)", unlisted,
                                    unlisted == 1 ? "" : "s", kListed));
    throw input_errors(std::move(listed), lines);
}

}  // namespace corridor
