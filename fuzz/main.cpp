// A libFuzzer entry point for the target CORRIDOR_FUZZ_TARGET (a function of harness.hpp),
// compiled once per target (fuzz/CMakeLists.txt).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    corridor::fuzz::CORRIDOR_FUZZ_TARGET(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
