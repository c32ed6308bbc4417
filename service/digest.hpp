// SHA-256 and token randomness, from OpenSSL's libcrypto (never hand-written).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace quire::service {

/// The SHA-256 of `bytes` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

/// A new API token: 32 bytes from the kernel's random source (getrandom), as 64 hex digits.
/// Empty only if the kernel gives no randomness (the caller reports it).
std::string random_token();

}  // namespace quire::service
