// What the PDF standards jakpum writes add to a file, built with libharu's
// object layer.
//
// PDF/A-1b (ISO 19005-1), mended where libharu 2.3.0 writes it wrong: its
// HPDF_PDFA_SetPDFAConformance names the metadata stream's subtype "SubType",
// leaves XML special characters unescaped and takes the file ID from the
// clock; its HPDF_PDFA_AppendOutputIntents writes the key "DestOutputProfile "
// with a trailing space. So the XMP packet, the output intent and the ID are
// built here.
//
// PDF/X-1a:2003 (ISO 15930-4), for the press: libharu has nothing for it.
#pragma once

#include <string>

#include "core/diagnostics.h"
#include "page/model.h"
#include "render/pdf/haru.h"
#include "style/layout.h"

namespace jakpum::render {

// The sRGB profile from Debian's icc-profiles-free.
constexpr const char* srgb_profile = "/usr/share/color/icc/sRGB.icc";

// Adds the sRGB output intent, the XMP metadata (matching the document
// information), PDF 1.4 as the version, and a file ID derived from `seed`.
Status make_pdfa(HPDF_Doc pdf, const page::Info& info, const std::string& creation_date, const std::string& seed);

// Adds the PDF/X output intent for `condition`, the version and trapping
// state in the document information, PDF 1.4 as the version, and a file ID
// derived from `seed`. The information's title and dates, which PDF/X also
// asks for, are the caller's.
Status make_pdfx(HPDF_Doc pdf, const style::PrintingCondition& condition, const std::string& seed);

// A file ID: 16 bytes that depend only on `seed`, so equal inputs give equal files.
std::string file_id(const std::string& seed);

// Escapes text for XML.
std::string xml_escape(const std::string& text);

}  // namespace jakpum::render
