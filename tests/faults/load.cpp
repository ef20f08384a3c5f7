#include "load.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>

namespace t2o::faults {
namespace {

using Clock = std::chrono::steady_clock;

struct InFlight {
  CURL* handle = nullptr;
  curl_slist* headers = nullptr;
  std::string body;
  Clock::time_point started;
  int index = 0;
};

size_t keep_body(char* data, size_t size, size_t count, void* target) {
  auto* body = static_cast<std::string*>(target);
  if (body->size() < 512) body->append(data, std::min<size_t>(size * count, 512 - body->size()));
  return size * count;
}

void prepare(InFlight& request, const LoadPlan& plan) {
  request.handle = curl_easy_init();
  CURL* curl = request.handle;
  curl_easy_setopt(curl, CURLOPT_URL, plan.url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);
  const std::string agent = plan.agent_prefix + std::to_string(request.index);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, agent.c_str());  // libcurl copies it
  if (!plan.cookie.empty()) curl_easy_setopt(curl, CURLOPT_COOKIE, plan.cookie.c_str());
  if (plan.ca_file.empty()) {
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  } else {
    curl_easy_setopt(curl, CURLOPT_CAINFO, plan.ca_file.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, keep_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &request.body);
  curl_easy_setopt(curl, CURLOPT_PRIVATE, &request);
  request.started = Clock::now();
}

}  // namespace

int LoadResult::count_2xx() const {
  int total = 0;
  for (const auto& [status, count] : statuses) {
    if (status >= 200 && status < 300) total += count;
  }
  return total;
}

int LoadResult::count_other() const {
  int total = 0;
  for (const auto& [status, count] : statuses) total += count;
  return total - count_2xx();
}

double LoadResult::percentile_ms(double p) const {
  if (latencies_ms.empty()) return 0;
  std::vector<double> sorted = latencies_ms;
  std::sort(sorted.begin(), sorted.end());
  const auto at = static_cast<size_t>(p / 100.0 * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(at, sorted.size() - 1)];
}

std::string LoadResult::summary() const {
  char text[256];
  std::string out;
  std::snprintf(text, sizeof text, "%zu requests in %.2f s:", latencies_ms.size(), seconds);
  out = text;
  for (const auto& [status, count] : statuses) out += " " + std::to_string(status) + " x" + std::to_string(count);
  std::snprintf(text, sizeof text, "; p50 %.1f ms, p99 %.1f ms, max %.1f ms", percentile_ms(50), percentile_ms(99),
                percentile_ms(100));
  return out + text;
}

LoadResult run_load(const LoadPlan& plan) {
  LoadResult result;
  CURLM* multi = curl_multi_init();
  std::vector<std::unique_ptr<InFlight>> slots;
  int next = 0, done = 0, running = 0;
  std::thread fault_thread;
  const auto started = Clock::now();
  auto launch = [&] {
    auto request = std::make_unique<InFlight>();
    request->index = next++;
    prepare(*request, plan);
    curl_multi_add_handle(multi, request->handle);
    slots.push_back(std::move(request));
  };
  while (next < plan.requests && next < plan.concurrency) launch();

  while (done < plan.requests) {
    curl_multi_perform(multi, &running);
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(multi, &left)) {
      if (message->msg != CURLMSG_DONE) continue;
      InFlight* request = nullptr;
      curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &request);
      long status = 0;
      if (message->data.result == CURLE_OK) curl_easy_getinfo(request->handle, CURLINFO_RESPONSE_CODE, &status);
      ++result.statuses[status];
      result.latencies_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - request->started).count());
      if ((status < 200 || status >= 300) && result.failures.size() < 10) {
        result.failures.push_back("request " + std::to_string(request->index) + ": " +
                                  (status ? "HTTP " + std::to_string(status) + " " + request->body
                                          : std::string(curl_easy_strerror(message->data.result))));
      }
      curl_multi_remove_handle(multi, request->handle);
      curl_easy_cleanup(request->handle);
      slots.erase(std::find_if(slots.begin(), slots.end(), [&](const auto& slot) { return slot.get() == request; }));
      ++done;
      // In a thread of its own: the load goes on while the fault happens.
      if (done == plan.fault_at && plan.fault) fault_thread = std::thread(plan.fault);
      if (next < plan.requests) launch();
    }
    curl_multi_poll(multi, nullptr, 0, 100, nullptr);
  }
  result.last_answer = Clock::now();
  result.seconds = std::chrono::duration<double>(result.last_answer - started).count();
  curl_multi_cleanup(multi);
  if (fault_thread.joinable()) fault_thread.join();
  return result;
}

}  // namespace t2o::faults
