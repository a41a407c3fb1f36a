// Serve tests' support: one MapService per test suite over a network directory, built
// before the suite's first test and deleted after its last (a service loads and measures
// its network once; building it per test would multiply the suite's time).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <sstream>

#include "corridor/serve/service.hpp"

namespace corridor::test {

template <std::filesystem::path (*Network)()>
class ServiceSuite : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        ServeOptions o;
        o.input.geodata = Network();
        std::ostringstream sink;
        service_ = std::make_unique<MapService>(o, sink);
    }
    static void TearDownTestSuite() { service_.reset(); }
    static const MapService& service() { return *service_; }

private:
    static inline std::unique_ptr<MapService> service_;
};

}  // namespace corridor::test
