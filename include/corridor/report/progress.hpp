// What a long run says on the side: a progress display on a terminal and the wall time and
// peak memory of its named phases. Both write to the stream given (the CLI's stderr) and
// do nothing when disabled, so a caller holds one whether or not it is shown.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <ostream>
#include <string>

#include "corridor/model/load.hpp"
#include "corridor/option_text.hpp"

namespace corridor {

// Whether to show progress: as asked (--progress, --no-progress), else only when err is the
// process' stderr and that is a terminal (so never in tests that capture err).
bool progress_wanted(std::optional<bool> asked, const std::ostream& err);

// A progress display for work that takes more than a second, when enabled: "LABEL
// [#####.....] 45% 640,000 of 1,417,504 UNIT", or "LABEL 640,000 UNIT" while the total is
// not known; redrawn at most ten times a second on one line, cleared at the end.
class Progress {
public:
    Progress(bool enabled, std::ostream& err, std::string label, std::size_t total = 0, std::string unit = "rows");
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;
    void update(std::size_t done);
    // A layer being read: the label names its file, the total is its feature count.
    void update(const ReadProgress& read);
    std::function<void(std::size_t)> callback() {
        return [this](std::size_t n) { update(n); };
    }
    std::function<void(const ReadProgress&)> read_callback() {
        return [this](const ReadProgress& r) { update(r); };
    }

private:
    std::ostream& err_;
    std::string label_;
    std::string file_;  // the file being read, after the label
    std::size_t total_;
    std::string unit_;
    bool enabled_;
    bool shown_ = false;
    double start_;
    double last_ = 0;
};

// Wall time and memory after each phase, one line per phase when enabled (--timings):
// "timing: PHASE  S s  RSS M MiB  peak RSS M MiB" (RSS from /proc/self/status; 0 without it).
class Phases {
public:
    Phases(bool enabled, std::ostream& err);
    void done(const char* phase);

private:
    bool enabled_;
    std::ostream& err_;
    double last_;
};

// What a run says on the side, as asked: --progress / --no-progress (none: on a terminal
// only), --quiet (no notes), --timings.
struct Messages {
    std::optional<bool> progress;
    bool quiet = false;
    bool timings = false;
};

// The side channel of one run, on err: notes ("corridor: note: ...", unless quiet), lines
// ("corridor: ..."), progress displays (progress_wanted) and the phases' timings. The
// library's steps that take long report through it (a const handle: saying something does
// not change it); a front end prints nothing else there.
class Feedback {
public:
    Feedback(const Messages& messages, std::ostream& err);
    void note(const std::string& text) const;
    void say(const std::string& text) const;
    Progress progress(std::string label, std::size_t total = 0, std::string unit = "rows") const;
    Progress reading() const { return progress("corridor: reading", 0, "features"); }  // layers being read
    void done(const char* phase) const { phases_.done(phase); }
    std::function<void(const char*)> phase_done() const {
        return [this](const char* phase) { done(phase); };
    }
    bool quiet() const { return quiet_; }
    std::ostream& err() const { return err_; }

private:
    std::ostream& err_;
    bool progress_;
    bool quiet_;
    mutable Phases phases_;  // a phase's timing is a line said, not a change of the channel
};

// What a run says on stderr besides its results: --progress, --no-progress, --quiet, --timings.
namespace progress_flags {
extern const OptionText kProgress, kNoProgress, kQuiet, kTimings;
}  // namespace progress_flags

}  // namespace corridor
