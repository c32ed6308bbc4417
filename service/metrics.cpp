#include "metrics.hpp"

#include <cstdio>

namespace quire::service {

namespace {

// A label value as the exposition format wants it: backslash, quote and newline escaped.
std::string label(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string or_none(std::string_view v) {
  return v.empty() ? std::string("none") : std::string(v);
}

}  // namespace

void Metrics::count_render(std::string_view template_name, std::string_view format, int status) {
  std::lock_guard lock(mutex_);
  ++renders_[{or_none(template_name), or_none(format), status}];
}

void Metrics::observe_render_seconds(std::string_view template_name, std::string_view format, double seconds) {
  std::lock_guard lock(mutex_);
  Histogram& h = durations_[{or_none(template_name), or_none(format)}];
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) {
      ++h.buckets[i];
      break;
    }
  ++h.count;
  h.sum += seconds;
}

void Metrics::count_check(std::string_view template_name, int status) {
  std::lock_guard lock(mutex_);
  ++checks_[{or_none(template_name), status}];
}

void Metrics::count_refusal(std::string_view limit) {
  std::lock_guard lock(mutex_);
  ++refusals_[std::string(limit)];
}

std::string Metrics::exposition() const {
  std::string out;
  std::lock_guard lock(mutex_);
  out +=
      "# HELP quire_renders_total Render requests answered, by template, format and HTTP status.\n"
      "# TYPE quire_renders_total counter\n";
  for (const auto& [key, n] : renders_) {
    const auto& [t, f, s] = key;
    out += "quire_renders_total{template=\"" + label(t) + "\",format=\"" + label(f) + "\",status=\"" +
           std::to_string(s) + "\"} " + std::to_string(n) + "\n";
  }
  out +=
      "# HELP quire_render_failures_total Render requests answered with an error status, by template, format and "
      "status.\n"
      "# TYPE quire_render_failures_total counter\n";
  for (const auto& [key, n] : renders_) {
    const auto& [t, f, s] = key;
    if (s == 200) continue;
    out += "quire_render_failures_total{template=\"" + label(t) + "\",format=\"" + label(f) + "\",status=\"" +
           std::to_string(s) + "\"} " + std::to_string(n) + "\n";
  }
  out +=
      "# HELP quire_render_duration_seconds Time the renderer took per job (not counting the HTTP exchange).\n"
      "# TYPE quire_render_duration_seconds histogram\n";
  for (const auto& [key, h] : durations_) {
    std::string labels = "template=\"" + label(key.first) + "\",format=\"" + label(key.second) + "\"";
    long long cumulative = 0;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += h.buckets[i];
      out += "quire_render_duration_seconds_bucket{" + labels + ",le=\"" + number(kBuckets[i]) + "\"} " +
             std::to_string(cumulative) + "\n";
    }
    out += "quire_render_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " + std::to_string(h.count) + "\n";
    out += "quire_render_duration_seconds_sum{" + labels + "} " + number(h.sum) + "\n";
    out += "quire_render_duration_seconds_count{" + labels + "} " + std::to_string(h.count) + "\n";
  }
  out +=
      "# HELP quire_checks_total Check requests answered, by template and HTTP status.\n"
      "# TYPE quire_checks_total counter\n";
  for (const auto& [key, n] : checks_)
    out += "quire_checks_total{template=\"" + label(key.first) + "\",status=\"" + std::to_string(key.second) + "\"} " +
           std::to_string(n) + "\n";
  out +=
      "# HELP quire_limit_refusals_total Requests refused for a limit, by error code.\n"
      "# TYPE quire_limit_refusals_total counter\n";
  for (const auto& [code, n] : refusals_)
    out += "quire_limit_refusals_total{code=\"" + label(code) + "\"} " + std::to_string(n) + "\n";
  out +=
      "# HELP quire_http_requests_in_flight Requests being answered now.\n"
      "# TYPE quire_http_requests_in_flight gauge\n"
      "quire_http_requests_in_flight " +
      std::to_string(in_flight_.load(std::memory_order_relaxed)) +
      "\n"
      "# HELP quire_queue_depth Records of jobs waiting in the queue.\n"
      "# TYPE quire_queue_depth gauge\n"
      "quire_queue_depth " +
      std::to_string(queue_depth_.load(std::memory_order_relaxed)) + "\n";
  return out;
}

TokenSlots::Slot TokenSlots::try_take(const std::string& name) {
  std::lock_guard lock(mutex_);
  int& busy = busy_[name];
  if (per_token_ > 0 && busy >= per_token_) {
    if (busy == 0) busy_.erase(name);
    return {};
  }
  ++busy;
  return {this, name};
}

int TokenSlots::in_use(const std::string& name) const {
  std::lock_guard lock(mutex_);
  auto it = busy_.find(name);
  return it == busy_.end() ? 0 : it->second;
}

void TokenSlots::release(const std::string& name) {
  std::lock_guard lock(mutex_);
  auto it = busy_.find(name);
  if (it == busy_.end()) return;
  if (--it->second <= 0) busy_.erase(it);
}

}  // namespace quire::service
