#include "http.hpp"

#include <httplib.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <thread>

#include "service.hpp"

namespace quire::service {

struct HttpServer::Impl {
  Service& service;
  std::unique_ptr<httplib::Server> server;
  bool tls = false;
  // cpp-httplib's stop() does nothing until the server runs: a SIGTERM between bind() and
  // run() was lost and the service never exited. stop() records the request and waits for
  // the server to run (or for run() to end) before stopping it.
  std::atomic<bool> stop_requested{false};
  std::atomic<bool> finished{false};
  explicit Impl(Service& s, const TlsFiles& files) : service(s) {
    if (!files.cert.empty() || !files.key.empty()) {
      // cpp-httplib as Debian builds it has OpenSSL support (CPPHTTPLIB_OPENSSL_SUPPORT, from pkg-config).
      server = std::make_unique<httplib::SSLServer>(files.cert.c_str(), files.key.c_str());
      tls = true;
    } else {
      server = std::make_unique<httplib::Server>();
    }
  }
};

namespace {
void answer(Service& service, const httplib::Request& req, httplib::Response& res) {
  Request r{req.method, req.path, req.get_header_value("Authorization"), req.body};
  r.content_type = req.get_header_value("Content-Type");
  for (const auto& [name, value] : req.params) r.query.emplace(name, value);
  Response out = service.handle(r);
  res.status = out.status;
  for (auto& [name, value] : out.headers) res.set_header(name, value);
  res.set_content(std::move(out.body), out.content_type);
}
}  // namespace

HttpServer::HttpServer(Service& service, const TlsFiles& tls) : impl_(std::make_unique<Impl>(service, tls)) {
  auto& svr = *impl_->server;
  auto handler = [this](const httplib::Request& req, httplib::Response& res) { answer(impl_->service, req, res); };
  // Every method and path goes to Service::handle, whose route table is the one list of routes.
  svr.Get(".*", handler);
  svr.Post(".*", handler);
  svr.Put(".*", handler);
  svr.Patch(".*", handler);
  svr.Delete(".*", handler);
  svr.Options(".*", handler);
  // Answers go out at once: without TCP_NODELAY, Nagle's algorithm holds the body back until
  // the client's delayed ACK of the headers, about 40 ms per request (bench/README.md).
  svr.set_tcp_nodelay(true);
  // httplib refuses a body over this length itself (413) before any handler runs.
  svr.set_payload_max_length(impl_->service.limits().max_body_bytes);
  svr.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    if (res.status == 413)
      res.set_content(error_body("request.too-large", "the request body is larger than the service's limit"),
                      "application/json");
    else
      res.set_content(
          error_body("http.error", "the request could not be read (HTTP " + std::to_string(res.status) + ")"),
          "application/json");
    return httplib::Server::HandlerResponse::Handled;
  }));
  svr.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    res.status = 500;
    res.set_content(error_body("service.internal", "the service failed to answer this request"), "application/json");
  });
}

HttpServer::~HttpServer() = default;

bool HttpServer::ok(std::string& error) const {
  if (impl_->server->is_valid()) return true;
  error = "cannot load the TLS certificate or key (PEM files, the key unencrypted, matching the certificate)";
  return false;
}

bool HttpServer::tls() const {
  return impl_->tls;
}

int HttpServer::bind(const std::string& host, int port, std::string& error) {
  int bound = port == 0 ? impl_->server->bind_to_any_port(host) : (impl_->server->bind_to_port(host, port) ? port : -1);
  if (bound <= 0) {
    error = "cannot listen on " + host + ":" + std::to_string(port) + " (address in use or not local?)";
    return -1;
  }
  return bound;
}

bool HttpServer::run() {
  bool ran = true;
  if (!impl_->stop_requested) ran = impl_->server->listen_after_bind();
  impl_->finished = true;
  return ran;
}

void HttpServer::stop() {
  impl_->stop_requested = true;
  while (!impl_->server->is_running() && !impl_->finished) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  impl_->server->stop();
}

bool parse_listen(const std::string& listen, std::string& host, int& port) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size()) return false;
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const char* first = listen.data() + colon + 1;
  const char* last = listen.data() + listen.size();
  auto [end, ec] = std::from_chars(first, last, port);
  return ec == std::errc() && end == last && port >= 0 && port <= 65535;
}

}  // namespace quire::service
