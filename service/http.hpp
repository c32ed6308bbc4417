// The HTTP shell around Service, on cpp-httplib: binds, answers every request through
// Service::handle, stops on request. Keeps httplib.h out of the CLI.
#pragma once

#include <memory>
#include <string>

namespace quire::service {

class Service;

/// The certificate chain and private key (PEM files) to serve HTTPS with; both empty = HTTP.
struct TlsFiles {
  std::string cert;
  std::string key;
};

class HttpServer {
 public:
  explicit HttpServer(Service& service, const TlsFiles& tls = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// False (with a message) when the TLS files could not be loaded.
  [[nodiscard]] bool ok(std::string& error) const;
  [[nodiscard]] bool tls() const;

  /// Binds to host:port (port 0 = any free port); returns the port, or -1 with a message.
  int bind(const std::string& host, int port, std::string& error);
  /// Answers requests until stop(); returns false if the server could not run.
  bool run();
  /// Safe from any thread (not from a signal handler).
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Splits "HOST:PORT" ("127.0.0.1:8080", "[::1]:8080"); false if it is not of that form.
bool parse_listen(const std::string& listen, std::string& host, int& port);

}  // namespace quire::service
