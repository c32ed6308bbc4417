// The service's counters for GET /metrics, in the Prometheus text exposition format 0.0.4
// (docs/SERVICE.md lists them). Labels take only values from fixed sets (built-in template
// names, "pdf"/"docx", HTTP statuses), never what a caller typed, so the series stay few and
// hold no case content. Thread-safe.
#pragma once

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace quire::service {

class Metrics {
 public:
  /// Upper bounds (seconds) of the render-duration histogram's buckets; +Inf follows.
  static constexpr std::array<double, 12> kBuckets = {0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  /// One answered render request: `template_name` empty when it was not a built-in template,
  /// `format` empty when the request never got that far.
  void count_render(std::string_view template_name, std::string_view format, int status);
  /// How long the renderer itself took on one job (whatever its outcome).
  void observe_render_seconds(std::string_view template_name, std::string_view format, double seconds);
  /// One answered check request.
  void count_check(std::string_view template_name, int status);
  /// One request refused for a limit (413, 429, 422 deadline/pages): `limit` is its error code.
  void count_refusal(std::string_view limit);

  /// Requests being answered now (RAII: InFlight).
  class InFlight {
   public:
    explicit InFlight(Metrics& m) : m_(m) { m_.in_flight_.fetch_add(1, std::memory_order_relaxed); }
    ~InFlight() { m_.in_flight_.fetch_sub(1, std::memory_order_relaxed); }
    InFlight(const InFlight&) = delete;
    InFlight& operator=(const InFlight&) = delete;

   private:
    Metrics& m_;
  };

  /// Records waiting in the job queue (JobQueue::depth()), set by GET /metrics each time it is answered.
  void set_queue_depth(long long depth) { queue_depth_.store(depth, std::memory_order_relaxed); }

  /// The exposition text (Content-Type: text/plain; version=0.0.4).
  [[nodiscard]] std::string exposition() const;

 private:
  struct Histogram {
    std::array<long long, kBuckets.size()> buckets{};  // per bucket (not cumulative)
    long long count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, long long> renders_;  // template, format, status
  std::map<std::pair<std::string, std::string>, Histogram> durations_;      // template, format
  std::map<std::pair<std::string, int>, long long> checks_;                 // template, status
  std::map<std::string, long long> refusals_;                               // limit code
  std::atomic<long long> in_flight_{0};
  std::atomic<long long> queue_depth_{0};
};

/// How many renders (and checks) each token has in progress, against a limit per token:
/// one more is refused with 429 `request.too-many` rather than queued. Thread-safe.
class TokenSlots {
 public:
  /// `per_token` <= 0: no limit.
  explicit TokenSlots(int per_token) : per_token_(per_token) {}

  /// A slot held until destroyed; false when the token had none free.
  class Slot {
   public:
    Slot() = default;
    Slot(TokenSlots* owner, std::string name) : owner_(owner), name_(std::move(name)) {}
    Slot(Slot&& o) noexcept : owner_(o.owner_), name_(std::move(o.name_)) { o.owner_ = nullptr; }
    Slot& operator=(Slot&&) = delete;
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot() {
      if (owner_) owner_->release(name_);
    }
    explicit operator bool() const { return owner_ != nullptr; }

   private:
    TokenSlots* owner_ = nullptr;
    std::string name_;
  };

  /// A slot for the token named `name`, or an empty Slot when it has `per_token` in use.
  Slot try_take(const std::string& name);
  /// Slots the token has in use now.
  int in_use(const std::string& name) const;
  [[nodiscard]] int per_token() const { return per_token_; }

 private:
  void release(const std::string& name);
  int per_token_;
  mutable std::mutex mutex_;
  std::map<std::string, int> busy_;
};

}  // namespace quire::service
