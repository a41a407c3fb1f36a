// corridor's one exception root: a failure to read or write, located by file, feature and field.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace corridor {

// Where a problem is: any part may be empty when it does not apply.
struct Location {
    std::string file;
    std::string feature;  // feature id, or "#N" (1-based) when the feature has no usable id
    std::string field;
};

// One line: "FILE: feature ID: field NAME: message".
std::string format_location(const Location& where, const std::string& message);

class error : public std::runtime_error {
public:
    error(Location where, const std::string& message);
    explicit error(const std::string& message) : error(Location{}, message) {}
    const Location& where() const noexcept { return where_; }
    const std::string& detail() const noexcept { return detail_; }

protected:
    // what() is `text` (several lines, say); where() and detail() are the first problem's.
    error(Location where, std::string message, const std::string& text);

private:
    Location where_;
    std::string detail_;
};

// Bad input data (schema): refused by every command.
class input_error : public error {
    using error::error;
};

// A finding of validation: a value, not an exception (GEOS TopologyValidationError style).
struct Issue {
    Location where;
    std::string message;
    std::string line() const { return format_location(where, message); }
};

// Several problems of the input at once (every schema problem of a layer, not one per
// run): what() is `lines`, one per problem (which may add to the problem's own line, such
// as how many features share it, and end with a count of those not listed); where() and
// detail() are the first problem's.
class input_errors : public input_error {
public:
    input_errors(std::vector<Issue> listed, const std::vector<std::string>& lines);
    const std::vector<Issue>& listed() const noexcept { return listed_; }

private:
    std::vector<Issue> listed_;
};

// A request that cannot be answered as asked: an unknown scenario, route id, mode or
// parameter value. The CLI exits 2 (usage), the server answers 400.
class request_error : public error {
    using error::error;
};

// An output that could not be written.
class output_error : public error {
    using error::error;
};

}  // namespace corridor
