#include "core/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace jakpum {

Result<std::string> read_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    return error(path, {}, std::string("cannot read input: ") + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) return error(path, {}, "cannot read input: is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) return error(path, {}, std::string("cannot read input: ") + std::strerror(errno));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return error(path, {}, "cannot read input: read failed");
  return buffer.str();
}

namespace {

bool write_all(int fd, std::string_view bytes) {
  const char* data = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

Status write_file_atomically(const std::string& path, std::string_view bytes) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    return error(path, {}, "cannot write output: is a directory");
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    // A device or pipe (/dev/stdout, /dev/full) is written in place: it cannot be renamed over.
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return error(path, {}, std::string("cannot write output: ") + std::strerror(errno));
    bool written = write_all(fd, bytes);
    std::string reason = std::strerror(errno);
    if (::close(fd) != 0 && written) written = false, reason = std::strerror(errno);
    if (!written) return error(path, {}, "cannot write output: " + reason);
    return ok();
  }
  std::string folder = parent_folder(path);
  if (::stat(folder.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    return error(path, {}, "cannot write output: folder '" + folder + "' does not exist");
  std::string temp = path + ".partial-XXXXXX";
  int fd = ::mkstemp(temp.data());
  if (fd < 0) return error(path, {}, std::string("cannot write output: ") + std::strerror(errno));
  auto fail = [&](const char* what) -> Status {
    std::string reason = std::string(what) + ": " + std::strerror(errno);
    ::close(fd);
    ::unlink(temp.c_str());
    return error(path, {}, "cannot write output: " + reason);
  };
  if (!write_all(fd, bytes)) return fail("write failed");
  // mkstemp creates the file 0600; give it the usual permissions (umask applies).
  mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(fd, 0666 & ~mask) != 0) return fail("chmod failed");
  if (::fsync(fd) != 0 && errno != EINVAL) return fail("flush failed");
  if (::close(fd) != 0) {
    ::unlink(temp.c_str());
    return error(path, {}, std::string("cannot write output: ") + std::strerror(errno));
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    std::string reason = std::strerror(errno);
    ::unlink(temp.c_str());
    return error(path, {}, "cannot write output: " + reason);
  }
  return ok();
}

std::string parent_folder(const std::string& path) {
  std::string folder = std::filesystem::path(path).parent_path().string();
  return folder.empty() ? "." : folder;
}

std::string resolve_relative(const std::string& base_folder, const std::string& path) {
  std::filesystem::path p(path);
  if (p.is_absolute() || base_folder.empty() || base_folder == ".") return p.lexically_normal().string();
  return (std::filesystem::path(base_folder) / p).lexically_normal().string();
}

}  // namespace jakpum
