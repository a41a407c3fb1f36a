// A set of output files that replaces the previous set in a folder as one step a reader can
// check: written into a temporary folder inside it, then renamed in with the manifest last
// (docs/design.md#output-sets). Also the clean-up of temporary folders of dead runs.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "corridor/io/interrupt.hpp"
#include "corridor/io/write_errors.hpp"

namespace corridor::io {

// A file of a set, as a manifest names it.
struct SetFile {
    std::string name;
    std::uint64_t bytes = 0;
    std::string sha256;  // lower-case hex, as sha256sum prints it
};

// The size and SHA-256 of a file (throws output_error naming it when it cannot be read). For
// a folder (a tile tree): the bytes of all its files and the SHA-256 of their sha256sum
// listing in path order.
SetFile describe_file(const std::filesystem::path& file);

// What the manifest says, decided while the folder is locked (so it sees the manifest of any
// run that finished meanwhile): its bytes, and the previous set's files to remove because the
// new set replaces them.
struct ManifestPlan {
    std::string bytes;
    std::vector<std::string> removed;
};
using PlanManifest = std::function<ManifestPlan(const std::vector<SetFile>& new_files)>;

// Whether a name is one of corridor's temporary files or folders (".corridor-tmp-PID-XXXXXX",
// ".NAME.corridor-tmp-PID-XXXXXX"), and the process id in it (0 for the names of older
// versions, which held none).
bool is_temporary_name(const std::string& name);
long temporary_pid(const std::string& name);

// Removes the temporary folders and files in dir left by processes that are no longer
// running (never a live one's), after finishing the commit a dead run was killed in when
// dir has no manifest (the run had removed the old one: its staged set is then the only
// whole one). Temporaries of older versions, without a pid, go when a day old. Returns the
// names removed.
std::vector<std::string> clean_stale_temporaries(const std::filesystem::path& dir, const std::string& manifest);

class OutputSet {
public:
    // dir: the output folder; manifest: the file name written last ("" for none: the files
    // are still staged and renamed in, but no reader can check the set). Cleans dir's stale
    // temporaries; until commit or destruction, SIGINT, SIGTERM and SIGHUP remove the staged
    // files and end the process (InterruptCleanup).
    // digests false: the files are described by name and size only (SetFile::sha256 empty),
    // for sets whose manifest lists no checksums (import's report: hashing its layers took a
    // third of a million-line import).
    OutputSet(std::filesystem::path dir, std::string manifest, bool digests = true);
    ~OutputSet();  // removes the staging folder unless committed
    OutputSet(const OutputSet&) = delete;
    OutputSet& operator=(const OutputSet&) = delete;

    const std::filesystem::path& dir() const { return dir_; }

    // The staging folder ".corridor-tmp-PID-XXXXXX" in dir (created, with dir, on first use).
    const std::filesystem::path& staging();

    // Runs write(staging()); a failure is rethrown naming the final file (never the staged
    // one) and a full disk as "no space left on device" (rethrow_for_final_file).
    template <class Write>
    auto stage(Write&& write) -> decltype(write(std::declval<const std::filesystem::path&>())) {
        const std::filesystem::path& folder = staging();
        try {
            return write(folder);
        } catch (...) {
            rethrow_for_final_file(folder, dir_);
        }
    }

    // One file of the set: runs write(staging() / name) as stage does and returns that path.
    template <class Write>
    std::filesystem::path stage_file(const std::filesystem::path& name, Write&& write) {
        return stage([&](const std::filesystem::path& folder) {
            write(folder / name);
            return folder / name;
        });
    }

    // Makes the staged files dir's, in the order a reader can check: each file's size and
    // SHA-256 are taken and the manifest is staged; then, with dir locked, the old manifest is
    // removed, plan.removed are removed, the files are renamed in (in the order given), and
    // the manifest is renamed in last. Fails before touching dir when a file cannot be
    // replaced (a folder in its place). A staged folder replaces the folder of its name
    // whole. Returns the final paths, in the order given.
    std::vector<std::filesystem::path> commit(const std::vector<std::filesystem::path>& staged,
                                              const PlanManifest& plan);

    // The message and cleanup of a signal (for InterruptCleanup): removes the staging folder.
    std::string interrupted(int signal);

private:
    void remove_staging();
    void check_replaceable(const std::vector<std::filesystem::path>& staged) const;

    std::filesystem::path dir_;
    std::string manifest_;
    std::filesystem::path staging_;
    std::mutex mutex_;  // held while files move into dir, so a signal waits for a whole step
    bool committed_ = false;
    bool digests_ = true;
    std::unique_ptr<InterruptCleanup> interrupt_;
};

}  // namespace corridor::io
