#include "render/pdf/conformance.h"

#include "core/files.h"

namespace jakpum::render {

std::string xml_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string file_id(const std::string& seed) {
  // Two FNV-1a hashes with different offsets make the 16 bytes.
  std::string id;
  for (std::uint64_t h : {1469598103934665603ull, 1099511628211ull * 31}) {
    for (char c : seed) {
      h ^= static_cast<unsigned char>(c);
      h *= 1099511628211ull;
    }
    for (int i = 0; i < 8; ++i) id += static_cast<char>((h >> (8 * i)) & 0xFF);
  }
  return id;
}

namespace {

// The trailer's file ID (PDF 1.7 §14.4), the same twice for a new file.
void set_file_id(HPDF_Doc pdf, const std::string& seed) {
  std::string id = file_id(seed);
  HPDF_Array ids = HPDF_Array_New(pdf->mmgr);
  for (int i = 0; i < 2; ++i)
    HPDF_Array_Add(ids, HPDF_Binary_New(pdf->mmgr, reinterpret_cast<HPDF_BYTE*>(id.data()), static_cast<HPDF_UINT>(id.size())));
  HPDF_Dict_Add(pdf->trailer, "ID", ids);
}

}  // namespace

Status make_pdfa(HPDF_Doc pdf, const page::Info& info, const std::string& creation_date, const std::string& seed) {
  HPDF_MMgr mm = pdf->mmgr;
  pdf->pdf_version = HPDF_VER_14;  // PDF/A-1 is PDF 1.4

  // The output intent (ISO 19005-1 §6.2.2), with its ICC profile.
  auto profile = read_file(srgb_profile);
  if (!profile)
    return error(srgb_profile, {}, "cannot write PDF/A: the sRGB profile is missing", "install icc-profiles-free");
  HPDF_Dict icc = haru::new_stream(pdf, haru::deflate(*profile));
  HPDF_Dict_AddNumber(icc, "N", 3);
  HPDF_Dict intent = haru::new_dict(pdf);
  HPDF_Dict_AddName(intent, "Type", "OutputIntent");
  HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
  HPDF_Dict_Add(intent, "OutputConditionIdentifier", HPDF_String_New(mm, "sRGB IEC61966-2.1", nullptr));
  HPDF_Dict_Add(intent, "Info", HPDF_String_New(mm, "sRGB IEC61966-2.1", nullptr));
  HPDF_Dict_Add(intent, "DestOutputProfile", icc);
  HPDF_Array intents = HPDF_Array_New(mm);
  HPDF_Array_Add(intents, intent);
  HPDF_Dict_Add(pdf->catalog, "OutputIntents", intents);

  // XMP metadata (§6.7), saying what the document information says.
  std::string xmp =
      "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
      "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
      "<dc:format>application/pdf</dc:format>\n";
  if (!info.title.empty())
    xmp += "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(info.title) + "</rdf:li></rdf:Alt></dc:title>\n";
  if (!info.author.empty())
    xmp += "<dc:creator><rdf:Seq><rdf:li>" + xml_escape(info.author) + "</rdf:li></rdf:Seq></dc:creator>\n";
  if (!info.subject.empty())
    xmp += "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(info.subject) +
           "</rdf:li></rdf:Alt></dc:description>\n";
  xmp += "</rdf:Description>\n<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n"
         "<xmp:CreatorTool>" + xml_escape(info.creator) + "</xmp:CreatorTool>\n";
  if (!creation_date.empty())
    xmp += "<xmp:CreateDate>" + creation_date + "</xmp:CreateDate>\n<xmp:ModifyDate>" + creation_date +
           "</xmp:ModifyDate>\n";
  xmp += "</rdf:Description>\n<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
         "<pdf:Producer>" + xml_escape(info.creator + " with libharu " HPDF_VERSION_TEXT) + "</pdf:Producer>\n"
         "</rdf:Description>\n<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
         "<pdfaid:part>1</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n</rdf:Description>\n"
         "</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>\n";
  HPDF_Dict metadata = HPDF_DictStream_New(mm, pdf->xref);
  metadata->filter = HPDF_STREAM_FILTER_NONE;  // §6.7.2: a metadata stream is not filtered
  HPDF_Stream_Write(metadata->stream, reinterpret_cast<const HPDF_BYTE*>(xmp.data()), static_cast<HPDF_UINT>(xmp.size()));
  HPDF_Dict_AddName(metadata, "Type", "Metadata");
  HPDF_Dict_AddName(metadata, "Subtype", "XML");
  HPDF_Dict_Add(pdf->catalog, "Metadata", metadata);

  // §6.1.3: a file ID in the trailer.
  set_file_id(pdf, seed);
  return ok();
}

Status make_pdfx(HPDF_Doc pdf, const style::PrintingCondition& condition, const std::string& seed) {
  HPDF_MMgr mm = pdf->mmgr;
  pdf->pdf_version = HPDF_VER_14;  // PDF/X-1a:2003 is PDF 1.4

  // The output intent (ISO 15930-4): a registered characterization
  // needs no embedded profile, only its identifier and the registry's name.
  const std::string identifier(condition.identifier), description(condition.description);
  HPDF_Dict intent = haru::new_dict(pdf);
  HPDF_Dict_AddName(intent, "Type", "OutputIntent");
  HPDF_Dict_AddName(intent, "S", "GTS_PDFX");
  HPDF_Dict_Add(intent, "OutputConditionIdentifier", HPDF_String_New(mm, identifier.c_str(), nullptr));
  HPDF_Dict_Add(intent, "RegistryName", HPDF_String_New(mm, "http://www.color.org", nullptr));
  HPDF_Dict_Add(intent, "Info", HPDF_String_New(mm, description.c_str(), nullptr));
  HPDF_Array intents = HPDF_Array_New(mm);
  HPDF_Array_Add(intents, intent);
  HPDF_Dict_Add(pdf->catalog, "OutputIntents", intents);

  // The version, and whether the file is trapped (jakpum traps nothing).
  HPDF_Dict_Add(pdf->info, "GTS_PDFXVersion", HPDF_String_New(mm, "PDF/X-1a:2003", nullptr));
  HPDF_Dict_AddName(pdf->info, "Trapped", "False");

  set_file_id(pdf, seed);
  return ok();
}

}  // namespace jakpum::render
