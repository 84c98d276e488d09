#include "common/config/pem_file.h"

#include <fstream>
#include <sstream>

namespace engage::config {

std::optional<std::string> ReadPemFile(const std::string& path, const std::string& label) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::stringstream contents;
  contents << in.rdbuf();
  if (!in || (!label.empty() && contents.str().find(label) == std::string::npos)) {
    return std::nullopt;
  }
  return contents.str();
}

}  // namespace engage::config
