// Output sets: staged, renamed in with the manifest last, checked by size and SHA-256; stale
// temporaries of dead runs removed (a killed commit finished); errors name the final file,
// and a full disk says "no space left on device".
#include "corridor/io/output_set.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <set>

#include "corridor/error.hpp"
#include "corridor/io/detail/sha256.hpp"
#include "corridor/io/write.hpp"
#include "support/fixtures.hpp"

namespace corridor::io {
namespace {
namespace fs = std::filesystem;

constexpr const char* kManifest = ".manifest.json";

std::set<std::string> names_in(const fs::path& dir) {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
    return names;
}

bool has_temporaries(const fs::path& dir) {
    for (const auto& name : names_in(dir))
        if (is_temporary_name(name)) return true;
    return false;
}

// The pid of a process that has ended (a child, waited for).
long dead_pid() {
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    ::waitpid(child, nullptr, 0);
    return child;
}

// A manifest listing the files, one "NAME BYTES SHA256" a line.
ManifestPlan plan_listing(const std::vector<SetFile>& files, std::vector<std::string> removed = {}) {
    std::string text;
    for (const auto& f : files) text += f.name + ' ' + std::to_string(f.bytes) + ' ' + f.sha256 + '\n';
    return {text, std::move(removed)};
}

TEST(Sha256, KnownDigests) {
    EXPECT_EQ(detail::sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(detail::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(detail::sha256_hex(std::string(1000000, 'a')),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    test::TempDir tmp;
    test::write_file(tmp / "f", std::string(100000, 'a') + "tail");
    const SetFile f = describe_file(tmp / "f");
    EXPECT_EQ(f.name, "f");
    EXPECT_EQ(f.bytes, 100004u);
    EXPECT_EQ(f.sha256, detail::sha256_hex(std::string(100000, 'a') + "tail"));
}

TEST(OutputSet, TemporaryNamesCarryThePid) {
    EXPECT_EQ(temporary_pid(".corridor-tmp-4242-Ab12cd"), 4242);
    EXPECT_EQ(temporary_pid(".map.html.corridor-tmp-17-Ab12cd"), 17);
    EXPECT_EQ(temporary_pid(".corridor-tmp-4242-Ab12cd.gone"), 4242);
    EXPECT_EQ(temporary_pid(".corridor-tmp-123456"), 0) << "an older version's name holds no pid";
    EXPECT_EQ(temporary_pid(".corridor-tmp-Ab12cd"), 0);
    EXPECT_TRUE(is_temporary_name(".corridor-tmp-1-x"));
    EXPECT_FALSE(is_temporary_name("corridor-tmp-1-x"));
    EXPECT_FALSE(is_temporary_name("routes.geojson"));
}

TEST(OutputSet, CommitRenamesTheSetInWithTheManifestLastAndReplacesTheOldSet) {
    test::TempDir tmp;
    const fs::path dir = tmp / "out";
    {
        OutputSet set(dir, kManifest);
        const auto staged = set.stage([](const fs::path& s) {
            test::write_file(s / "a.txt", "first a");
            test::write_file(s / "old.txt", "only in the first set");
            return std::vector<fs::path>{s / "a.txt", s / "old.txt"};
        });
        EXPECT_EQ(names_in(dir).size(), 1u) << "only the staging folder before the commit";
        const auto written = set.commit(staged, [](const std::vector<SetFile>& f) { return plan_listing(f); });
        EXPECT_EQ(written, (std::vector<fs::path>{dir / "a.txt", dir / "old.txt"}));
    }
    EXPECT_EQ(names_in(dir), (std::set<std::string>{".manifest.json", "a.txt", "old.txt"}));
    {
        OutputSet set(dir, kManifest);
        const auto staged = set.stage([](const fs::path& s) {
            test::write_file(s / "a.txt", "second a");
            test::write_file(s / "b.txt", "second b");
            return std::vector<fs::path>{s / "a.txt", s / "b.txt"};
        });
        set.commit(staged, [](const std::vector<SetFile>& f) { return plan_listing(f, {"old.txt"}); });
    }
    EXPECT_EQ(names_in(dir), (std::set<std::string>{".manifest.json", "a.txt", "b.txt"}));
    EXPECT_EQ(test::read_file(dir / "a.txt"), "second a");
    EXPECT_EQ(test::read_file(dir / kManifest),
              "a.txt 8 " + detail::sha256_hex("second a") + "\nb.txt 8 " + detail::sha256_hex("second b") + "\n");
}

TEST(OutputSet, AStagedFolderIsOneEntryAndReplacesTheOldFolderWhole) {
    test::TempDir tmp;
    const fs::path dir = tmp / "out";
    auto commit_tree = [&](const std::vector<std::pair<std::string, std::string>>& files) {
        OutputSet set(dir, kManifest);
        const auto staged = set.stage([&](const fs::path& s) {
            for (const auto& [name, text] : files) {
                fs::create_directories((s / "tiles" / name).parent_path());
                test::write_file(s / "tiles" / name, text);
            }
            return std::vector<fs::path>{s / "tiles"};
        });
        set.commit(staged, [](const std::vector<SetFile>& f) { return plan_listing(f); });
    };
    commit_tree({{"0/0/0.mvt", "world"}, {"1/0/0.mvt", "old tile"}, {"metadata.json", "{}"}});
    commit_tree({{"0/0/0.mvt", "world 2"}, {"metadata.json", "{}"}});
    EXPECT_EQ(names_in(dir), (std::set<std::string>{".manifest.json", "tiles"}));
    EXPECT_FALSE(fs::exists(dir / "tiles/1")) << "the old folder's files are gone";
    EXPECT_EQ(test::read_file(dir / "tiles/0/0/0.mvt"), "world 2");
    // The entry: the files' bytes added up, and the SHA-256 of their sha256sum listing in path order.
    const std::string listing =
        detail::sha256_hex("world 2") + "  0/0/0.mvt\n" + detail::sha256_hex("{}") + "  metadata.json\n";
    EXPECT_EQ(test::read_file(dir / kManifest), "tiles 9 " + detail::sha256_hex(listing) + "\n");
}

TEST(OutputSet, AFolderInTheWayFailsBeforeAnythingMovesAndNamesTheFinalFile) {
    test::TempDir tmp;
    const fs::path dir = tmp.path();
    test::write_file(dir / "a.txt", "old a");
    test::write_file(dir / kManifest, "old manifest");
    fs::create_directories(dir / "map.png" / "inside");
    try {
        OutputSet set(dir, kManifest);
        const auto staged = set.stage([](const fs::path& s) {
            test::write_file(s / "a.txt", "new a");
            test::write_file(s / "map.png", "png");
            return std::vector<fs::path>{s / "a.txt", s / "map.png"};
        });
        set.commit(staged, [](const std::vector<SetFile>& f) { return plan_listing(f); });
        FAIL() << "a folder was replaced";
    } catch (const output_error& e) {
        EXPECT_EQ(e.where().file, (dir / "map.png").string());
        EXPECT_EQ(std::string(e.what()).find("corridor-tmp"), std::string::npos) << e.what();
    }
    EXPECT_EQ(test::read_file(dir / "a.txt"), "old a");
    EXPECT_EQ(test::read_file(dir / kManifest), "old manifest");
    EXPECT_FALSE(has_temporaries(dir));
}

TEST(OutputSet, AFailedStageNamesTheFinalFileAndLeavesNoTemporaries) {
    test::TempDir tmp;
    const fs::path dir = tmp.path();
    try {
        OutputSet set(dir, kManifest);
        set.stage([](const fs::path& s) -> int {
            throw output_error({(s / "routes.shp").string(), "", ""},
                               "cannot write: " + (s / "routes.dbf").string() + ": Failure writing DBF record");
        });
        FAIL();
    } catch (const output_error& e) {
        EXPECT_EQ(e.where().file, (dir / "routes.shp").string());
        EXPECT_EQ(std::string(e.what()), (dir / "routes.shp").string() + ": cannot write: " +
                                             (dir / "routes.dbf").string() + ": Failure writing DBF record");
    }
    EXPECT_TRUE(names_in(dir).empty());
}

TEST(OutputSet, StaleTemporariesOfDeadProcessesGoAndLiveOnesStay) {
    test::TempDir tmp;
    const fs::path dir = tmp.path();
    const long dead = dead_pid();
    const std::string dead_folder = fmt::format(".corridor-tmp-{}-aaaaaa", dead);
    const std::string dead_file = fmt::format(".map.html.corridor-tmp-{}-bbbbbb", dead);
    const std::string live_folder = ".corridor-tmp-1-cccccc";  // init is always running
    const std::string mine = fmt::format(".corridor-tmp-{}-dddddd", ::getpid());
    fs::create_directories(dir / dead_folder / "sub");
    test::write_file(dir / dead_folder / "routes.geojson", std::string(1000, 'x'));
    test::write_file(dir / dead_file, "x");
    fs::create_directories(dir / live_folder);
    fs::create_directories(dir / mine);
    fs::create_directories(dir / ".corridor-tmp-oldold");
    fs::last_write_time(dir / ".corridor-tmp-oldold", fs::file_time_type::clock::now() - std::chrono::hours(48));
    fs::create_directories(dir / ".corridor-tmp-newnew");
    test::write_file(dir / "routes.geojson", "kept");

    const auto removed = clean_stale_temporaries(dir, kManifest);
    EXPECT_EQ(removed, (std::vector<std::string>{dead_folder, ".corridor-tmp-oldold", dead_file}));
    EXPECT_EQ(names_in(dir), (std::set<std::string>{".corridor-tmp-newnew", live_folder, mine, "routes.geojson"}));
    EXPECT_EQ(test::read_file(dir / "routes.geojson"), "kept") << "an unfinished set is never moved in";
}

// A run killed after it removed the old manifest: its staged set (with its manifest) is the only
// whole one, so the next run moves the rest of it in.
TEST(OutputSet, ACommitKilledHalfWayIsFinishedByTheNextRun) {
    test::TempDir tmp;
    const fs::path dir = tmp.path();
    const fs::path staging = dir / (fmt::format(".corridor-tmp-{}-eeeeee", dead_pid()));
    fs::create_directories(staging);
    test::write_file(dir / "a.txt", "new a");  // moved in before the kill
    test::write_file(dir / "old.txt", "the old set's");
    test::write_file(staging / "b.txt", "new b");
    test::write_file(staging / ".corridor-removed", "old.txt\n");
    test::write_file(staging / kManifest, "new manifest");

    OutputSet set(dir, kManifest);  // as every run into the folder starts
    EXPECT_EQ(names_in(dir), (std::set<std::string>{".manifest.json", "a.txt", "b.txt"}));
    EXPECT_EQ(test::read_file(dir / kManifest), "new manifest");
    EXPECT_EQ(test::read_file(dir / "b.txt"), "new b");
}

// Killed before the old manifest went: the folder holds the old set whole, which stays.
TEST(OutputSet, ACommitKilledBeforeItBeganLeavesTheOldSet) {
    test::TempDir tmp;
    const fs::path dir = tmp.path();
    const fs::path staging = dir / (fmt::format(".corridor-tmp-{}-ffffff", dead_pid()));
    fs::create_directories(staging);
    test::write_file(dir / "a.txt", "old a");
    test::write_file(dir / kManifest, "old manifest");
    test::write_file(staging / "a.txt", "new a");
    test::write_file(staging / kManifest, "new manifest");
    clean_stale_temporaries(dir, kManifest);
    EXPECT_EQ(names_in(dir), (std::set<std::string>{".manifest.json", "a.txt"}));
    EXPECT_EQ(test::read_file(dir / "a.txt"), "old a");
}

TEST(WriteErrors, DevFullSaysNoSpaceLeftOnDeviceAndNamesTheFinalFile) {
    const int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
    if (fd < 0) GTEST_SKIP() << "no /dev/full";
    try {
        write_descriptor(fd, std::string(100000, 'x'), "/out/map.html");
        ADD_FAILURE() << "/dev/full took the bytes";
    } catch (const output_error& e) {
        EXPECT_EQ(std::string(e.what()), "/out/map.html: cannot write: no space left on device");
    }
    ::close(fd);
    EXPECT_EQ(errno_text(ENOSPC), "no space left on device");
}

// A tiny tmpfs (root only): every format fails with the final file's name and "no space left on
// device", never a temporary path or SQLite's "cannot rollback", and leaves no temporaries.
TEST(WriteErrors, ADiskFullOfEveryFormatNamesTheFinalFile) {
    test::TempDir tmp;
    const fs::path small = tmp / "small";
    fs::create_directories(small);
    if (::mount("tmpfs", small.c_str(), "tmpfs", 0, "size=64k") != 0)
        GTEST_SKIP() << "cannot mount a tmpfs here: " << std::strerror(errno);
    struct Unmount {
        fs::path dir;
        ~Unmount() { ::umount2(dir.c_str(), MNT_DETACH); }
    } unmount{small};
    Table t;
    t.name = "routes";
    t.geom = GeomType::line;
    t.fields = {{"id"}, {"note"}};
    t.count = 3000;
    t.make_row = [](std::size_t i, std::vector<Cell>& row) { row = {fmt::format("r{}", i), std::string(60, 'n')}; };
    const std::vector<LonLat> line{{125.0, 39.0}, {125.5, 39.5}, {126.0, 40.0}};
    t.shape = [&line](std::size_t) { return std::span<const LonLat>(line); };
    for (const Format f : {Format::geojson, Format::shapefile, Format::geopackage, Format::flatgeobuf}) {
        WriteOptions o;
        o.out_dir = small;
        o.formats = {f};
        for (const WriteEngine engine : {WriteEngine::automatic, WriteEngine::ogr}) {
            o.engine = engine;
            try {
                write_tables({t}, o);
                ADD_FAILURE() << format_name(f) << " fit in 64 KiB";
            } catch (const output_error& e) {
                const std::string what = e.what();
                EXPECT_NE(what.find("no space left on device"), std::string::npos) << what;
                EXPECT_EQ(what.find("corridor-tmp"), std::string::npos) << what;
                EXPECT_EQ(what.find("rollback"), std::string::npos) << what;
                EXPECT_EQ(fs::path(e.where().file).parent_path(), small) << what;
            }
            EXPECT_TRUE(names_in(small).empty()) << format_name(f);
        }
    }
}

extern "C" void test_handler(int) {}

// The handlers in place before (serve's, or the default) come back once the outputs are done.
TEST(InterruptCleanup, RestoresThePreviousHandlers) {
    struct sigaction mine {
    }, before{}, after{};
    mine.sa_handler = test_handler;
    sigemptyset(&mine.sa_mask);
    sigaction(SIGTERM, &mine, &before);
    {
        const InterruptCleanup guard([](int) { return std::string(); });
        struct sigaction during {};
        sigaction(SIGTERM, nullptr, &during);
        EXPECT_NE(during.sa_handler, test_handler);
        const InterruptCleanup nested([](int) { return std::string(); });  // only the outermost installs
    }
    sigaction(SIGTERM, &before, &after);
    EXPECT_EQ(after.sa_handler, test_handler);
    struct sigaction interrupt {};
    sigaction(SIGINT, nullptr, &interrupt);
    EXPECT_EQ(interrupt.sa_handler, SIG_DFL);
}

}  // namespace
}  // namespace corridor::io
