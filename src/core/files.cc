#include "core/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace jakpum {

Result<std::string> read_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    return error(path, {}, std::string("cannot read input: ") + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) return error(path, {}, "cannot read input: is a directory");
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return error(path, {}, std::string("cannot read input: ") + std::strerror(errno));
  std::string bytes;
  if (S_ISREG(st.st_mode)) bytes.reserve(static_cast<std::size_t>(st.st_size));
  char buffer[65536];
  while (true) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string reason = std::strerror(errno);
      ::close(fd);
      return error(path, {}, "cannot read input: " + reason);
    }
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return bytes;
}

namespace {

// The temporary files being written, for the signal handler: fixed slots, a
// path each, claimed and released through lock-free flags (all a handler may
// touch).
struct PartialFile {
  std::atomic<bool> used{false};
  std::atomic<bool> ready{false};
  char path[4096] = {};
};
PartialFile partial_files[64];

// Creates a temporary file from a mkstemp template inside a claimed slot,
// so that from before the file exists until it is renamed, a signal handler
// knows its name. Without a free slot (only a batch of 64 writes at once
// could meet that), the file is made all the same, unknown to the handler.
int make_partial(std::string& temp, PartialFile*& slot) {
  slot = nullptr;
  if (temp.size() < sizeof(PartialFile::path))
    for (PartialFile& s : partial_files) {
      bool expected = false;
      if (s.used.compare_exchange_strong(expected, true)) {
        slot = &s;
        break;
      }
    }
  if (!slot) return ::mkstemp(temp.data());
  std::memcpy(slot->path, temp.c_str(), temp.size() + 1);
  slot->ready.store(true, std::memory_order_release);
  int fd = ::mkstemp(slot->path);  // fills in the name, then creates the file
  temp = slot->path;
  return fd;
}

void forget_partial(PartialFile* slot) {
  if (!slot) return;
  slot->ready.store(false, std::memory_order_release);
  slot->used.store(false, std::memory_order_release);
}

extern "C" void remove_partials_and_die(int signal) {
  for (PartialFile& slot : partial_files)
    if (slot.ready.load(std::memory_order_acquire)) ::unlink(slot.path);
  ::signal(signal, SIG_DFL);
  ::raise(signal);
}

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

// Bytes into a file through a buffer (a producer may hand over a few bytes at
// a time); the first failure is kept, with its errno, and stops the rest.
class FileSink {
 public:
  explicit FileSink(int fd) : fd_(fd) { buffer_.reserve(capacity); }
  bool put(std::string_view bytes) {
    if (failed_) return false;
    if (buffer_.size() + bytes.size() > capacity && !flush()) return false;
    if (bytes.size() >= capacity) return write(bytes);
    buffer_.append(bytes);
    return true;
  }
  bool flush() {
    if (failed_) return false;
    bool done = write(buffer_);
    buffer_.clear();
    return done;
  }
  bool failed() const { return failed_; }
  int error_number() const { return errno_; }

 private:
  static constexpr std::size_t capacity = whole_write;
  bool write(std::string_view bytes) {
    if (write_all(fd_, bytes)) return true;
    failed_ = true, errno_ = errno;
    return false;
  }
  int fd_;
  std::string buffer_;
  bool failed_ = false;
  int errno_ = 0;
};

}  // namespace

Status write_file_atomically(const std::string& path, std::string_view bytes) {
  return write_file_atomically(path, [&](const ByteSink& sink) -> Status {
    if (!sink(bytes)) return error(path, {}, "cannot write output");  // the sink's own error is reported
    return ok();
  });
}

Status write_file_atomically(const std::string& path, const std::function<Status(const ByteSink&)>& produce) {
  // Runs the producer into fd. A failed write stops it and is the error
  // reported (its errno in `failed`), before whatever the producer says.
  auto produce_into = [&](int fd, int& failed) -> Status {
    FileSink file(fd);
    Status made = produce([&](std::string_view bytes) { return file.put(bytes); });
    if (made) file.flush();
    failed = file.failed() ? file.error_number() : 0;
    return made;
  };
  if (path == standard_stream) {
    std::string bytes;
    Status made = produce([&](std::string_view piece) {
      bytes += piece;
      return true;
    });
    if (!made) return made;
    FileSink out(STDOUT_FILENO);
    if (!out.put(bytes) || !out.flush())
      return error("<stdout>", {}, std::string("cannot write output: ") + std::strerror(out.error_number()));
    return ok();
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    return error(path, {}, "cannot write output: is a directory");
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    // A device or pipe (/dev/stdout, /dev/full) is written in place: it cannot be renamed over.
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return error(path, {}, std::string("cannot write output: ") + std::strerror(errno));
    int failed = 0;
    Status made = produce_into(fd, failed);
    if (::close(fd) != 0 && failed == 0 && made) failed = errno;
    if (failed != 0) return error(path, {}, std::string("cannot write output: ") + std::strerror(failed));
    return made;
  }
  std::string folder = parent_folder(path);
  if (::stat(folder.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    return error(path, {}, "cannot write output: folder '" + folder + "' does not exist");
  std::string temp = path + ".partial-XXXXXX";
  struct Forget {
    PartialFile* slot = nullptr;
    ~Forget() { forget_partial(slot); }
  } partial;
  int fd = make_partial(temp, partial.slot);
  if (fd < 0) return error(path, {}, std::string("cannot write output: ") + std::strerror(errno));
  auto fail = [&](const char* what) -> Status {
    std::string reason = std::string(what) + ": " + std::strerror(errno);
    ::close(fd);
    ::unlink(temp.c_str());
    return error(path, {}, "cannot write output: " + reason);
  };
  int failed = 0;
  Status made = produce_into(fd, failed);
  if (failed != 0) {
    errno = failed;
    return fail("write failed");
  }
  if (!made) {
    ::close(fd);
    ::unlink(temp.c_str());
    return made;
  }
  // mkstemp creates the file 0600; give it the usual permissions (umask
  // applies). The umask is read once: reading it means setting it, which
  // threads writing side by side must not see.
  static const mode_t mask = [] {
    mode_t m = ::umask(0);
    ::umask(m);
    return m;
  }();
  if (::fchmod(fd, 0666 & ~mask) != 0) return fail("chmod failed");
  // Not forced to disk (fsync) before the rename: a PDF can be made again,
  // and forcing it took a millisecond a document here (a twentieth of a
  // booklet's run, and a batch's thousand documents each wait for it).
  // Replacing a file, ext4 writes its data before the rename is committed.
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

void write_out(std::string_view text) { std::fwrite(text.data(), 1, text.size(), stdout); }
void write_err(std::string_view text) { std::fwrite(text.data(), 1, text.size(), stderr); }

void remove_partial_files_on_signal() {
  struct sigaction action {};
  action.sa_handler = remove_partials_and_die;
  sigemptyset(&action.sa_mask);
  for (int signal : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(signal, &action, nullptr);
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
