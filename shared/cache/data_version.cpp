#include "cache/data_version.hpp"

namespace t2o {

DataVersion::DataVersion(const std::string& run_dir, db::ChangeFeed& feed) : epoch_(run_dir, "data-epoch"), feed_(feed) {
  feed_.listen(kDataChannel);
}

std::uint64_t DataVersion::current() {
  if (!epoch_.shared()) return epoch_.current();  // never the same twice: nothing cached is trusted
  // Both terms only grow, so the sum moves whenever either does.
  return epoch_.current() + feed_.version(kDataChannel);
}

}  // namespace t2o
