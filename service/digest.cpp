#include "digest.hpp"

#include <openssl/evp.h>
#include <sys/random.h>

#include <array>
#include <cerrno>
#include <memory>

namespace quire::service {

namespace {
std::string hex(const unsigned char* bytes, std::size_t n) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[bytes[i] >> 4];
    out += digits[bytes[i] & 0xf];
  }
  return out;
}
}  // namespace

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  // EVP_Digest does init, update and final in one call; it fails only when out of memory.
  if (EVP_Digest(bytes.data(), bytes.size(), md.data(), &len, EVP_sha256(), nullptr) != 1) return {};
  return hex(md.data(), len);
}

std::string random_token() {
  std::array<unsigned char, 32> raw{};
  std::size_t got = 0;
  for (int tries = 0; got < raw.size() && tries < 16; ++tries) {  // bounded: EINTR or short reads
    ssize_t n = getrandom(raw.data() + got, raw.size() - got, 0);
    if (n > 0)
      got += static_cast<std::size_t>(n);
    else if (n < 0 && errno != EINTR)
      return {};
  }
  if (got < raw.size()) return {};
  return hex(raw.data(), raw.size());
}

}  // namespace quire::service
