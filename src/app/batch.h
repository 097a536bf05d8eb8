// `jakpum batch MANIFEST`: many publications, each with its own output and
// layout, typeset side by side on worker threads, with progress as they
// finish and a summary of failures at the end (one failure stops nothing
// else). `--shard K/N` takes only the K-th of N slices of the manifest, so a
// large batch can be spread over machines by any scheduler; the PDFs are the
// same whatever the threads and shards.
//
// The manifest is TOML; paths are relative to it:
//
//   layout = "handout-a4"        # for every document that names none (optional)
//   output-folder = "out"        # where outputs go by default (optional; made if missing)
//
//   [[document]]
//   input = "essays/a.md"        # or inputs = ["a.md", "b.md"], or a publication manifest
//   output = "a.pdf"             # optional: OUTPUT-FOLDER/a.pdf, or beside the input
//   layout = "booklet-a5"        # optional
#pragma once

#include <string>
#include <vector>

#include "app/job.h"
#include "core/diagnostics.h"

namespace jakpum::app {

struct Batch {
  std::string path;
  std::vector<JobSpec> jobs;
};

// Reads a batch manifest; every problem names the file, line and column.
Result<Batch> read_batch(const std::string& path);

// The documents [begin, end) of the K-th (1-based) of N slices of `count`.
std::pair<std::size_t, std::size_t> shard_range(std::size_t count, std::size_t k, std::size_t n);

// The `jakpum batch` command: its arguments after "batch"; returns the exit code.
int run_batch(const std::vector<std::string>& args);

std::string batch_usage();

}  // namespace jakpum::app
