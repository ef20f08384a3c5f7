#include "session/revocation_epoch.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <stdexcept>

namespace t2o {

RevocationEpoch::RevocationEpoch(const std::string& run_dir, const std::string& file_name) {
  if (run_dir.empty()) return;
  const std::string path = run_dir + "/" + file_name;
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot open " + path);
  // Page-sized so that every process maps the same, already-zeroed page.
  if (::ftruncate(fd, 4096) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot size " + path);
  }
  void* mapped = ::mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  ::close(fd);
  if (mapped == MAP_FAILED) throw std::runtime_error("cannot map " + path);
  counter_ = static_cast<std::uint64_t*>(mapped);
}

RevocationEpoch::~RevocationEpoch() {
  if (counter_) ::munmap(counter_, 4096);
}

std::uint64_t RevocationEpoch::current() const {
  if (!counter_) return ++local_fallback_;
  return std::atomic_ref<std::uint64_t>(*counter_).load(std::memory_order_acquire);
}

void RevocationEpoch::bump() {
  if (counter_) std::atomic_ref<std::uint64_t>(*counter_).fetch_add(1, std::memory_order_acq_rel);
}

}  // namespace t2o
