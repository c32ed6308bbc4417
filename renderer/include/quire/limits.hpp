// Job limits that work in progress polls: a cancellation flag the caller sets, a
// deadline, and StopCheck, the one object a stage asks "should I stop now?".
// Header-only so any stage may poll it without linking the api.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "quire/diagnostic.hpp"
#include "quire/world.hpp"

namespace quire {

/// Set by the caller (any thread) to stop a job or a batch; polled by the engine.
class CancelToken {
 public:
  void cancel() noexcept { flag_.store(true, std::memory_order_release); }
  [[nodiscard]] bool cancelled() const noexcept { return flag_.load(std::memory_order_acquire); }

 private:
  std::atomic<bool> flag_{false};
};

/// A point in monotonic time after which work must stop; default-constructed = never.
class Deadline {
 public:
  using Clock = std::chrono::steady_clock;
  Deadline() = default;
  explicit Deadline(Clock::time_point at) : at_(at) {}
  /// `budget` from `now` (a World's monotonic_now()).
  static Deadline after(std::chrono::milliseconds budget, Clock::time_point now) { return Deadline(now + budget); }

  [[nodiscard]] bool is_set() const { return at_.has_value(); }
  [[nodiscard]] bool expired(Clock::time_point now) const { return at_ && now >= *at_; }
  /// The earlier of the two (a record's own deadline inside its batch's).
  [[nodiscard]] Deadline earliest(const Deadline& other) const {
    if (!at_) return other;
    if (!other.at_) return *this;
    return Deadline(std::min(*at_, *other.at_));
  }

 private:
  std::optional<Clock::time_point> at_;
};

/// What a long-running step polls between units of work. Cheap to copy; never blocks.
/// The clock is the World's, so tests can drive it.
class StopCheck {
 public:
  StopCheck() = default;
  StopCheck(const World* world, Deadline deadline, const CancelToken* cancel)
      : world_(world), deadline_(deadline), cancel_(cancel) {}

  /// True when the work should stop (cancelled, or past the deadline).
  [[nodiscard]] bool stop_requested() const { return reason() != nullptr; }

  /// The diagnostic code of the reason to stop ("job.cancelled", "job.deadline"), or nullptr.
  /// Cancellation wins over the deadline: it is what the caller asked for.
  [[nodiscard]] const char* reason() const {
    if (cancel_ && cancel_->cancelled()) return "job.cancelled";
    if (world_ && deadline_.expired(world_->monotonic_now())) return "job.deadline";
    return nullptr;
  }

  /// Adds the Limit error for the reason to stop to `diags` and returns true, or returns false.
  /// `where` names the point reached ("before layout"), for the message.
  bool stop_here(Diagnostics& diags, const std::string& where) const {
    const char* code = reason();
    if (!code) return false;
    std::string why = std::string(code) == "job.cancelled" ? "the job was cancelled" : "the job ran past its deadline";
    diags.error(Origin::Limit, code, why + " (stopped " + where + ")");
    return true;
  }

  /// The check as a callback ("keep going?" = false), for a stage that takes a hook.
  [[nodiscard]] std::function<bool()> as_callback() const {
    return [copy = *this] { return !copy.stop_requested(); };
  }

  [[nodiscard]] const Deadline& deadline() const { return deadline_; }
  [[nodiscard]] const CancelToken* cancel_token() const { return cancel_; }

 private:
  const World* world_ = nullptr;
  Deadline deadline_;
  const CancelToken* cancel_ = nullptr;
};

/// What a stage polls inside its long loops (per block, per line, per page): asks its
/// "keep going?" callback (StopCheck::as_callback) only every `every` calls, so the clock
/// is cheap to watch. Once told to stop it stays stopped; the stage returns early and
/// makes no error of its own: the api, at the stage's end, reports why (`StopCheck::stop_here`)
/// and drops the bytes. Default-constructed: never stops.
class StopPoll {
 public:
  StopPoll() = default;
  explicit StopPoll(std::function<bool()> keep_going, unsigned every = 8)
      : keep_going_(std::move(keep_going)), every_(every > 0 ? every : 1) {}

  /// True once the work should stop.
  bool stop() {
    if (stopped_) return true;
    if (!keep_going_ || ++calls_ % every_ != 0) return false;
    stopped_ = !keep_going_();
    return stopped_;
  }
  [[nodiscard]] bool stopped() const { return stopped_; }

 private:
  std::function<bool()> keep_going_;
  unsigned every_ = 8;
  unsigned long long calls_ = 0;
  bool stopped_ = false;
};

}  // namespace quire
