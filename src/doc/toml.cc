// toml++'s implementation, compiled once into the program from the package's
// headers (the headers elsewhere declare it only: TOML_HEADER_ONLY=0).
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
