#pragma once

namespace migcheck {
inline constexpr const char* kVersion = "0.1.0";
}
