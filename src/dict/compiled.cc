// The compiled dictionary form: one binary file holding every table of a Dictionary (and its
// tokenised phrase table), a format version and the SHA-256 of the sources, so a stale file
// is detected and rebuilt. Layout (little-endian; "str" = u32 length + bytes):
//
//   "DYADDICT" u32:version                      <- stable across versions
//   str:source_sha256_hex str:format u32:n str*n:inputs u8:with_iso str:iso_json
//   u64:payload_size u64:payload_xxh3_64
//   payload: fingerprint, sources, actors, agents, patterns, sequence patterns, noun sets,
//            discards, negations, phrases, problems (see Serialize/Deserialize below, same order)
//
// Everything up to the payload keeps its layout in every version, so a file written by
// another version still names its sources and can be recompiled.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "dyad/dictionary.h"
#include "src/dict/dict_util.h"
#include "src/dict/sha256.h"
#include "src/util/hash.h"

namespace dyad {
namespace {

constexpr char kMagic[8] = {'D', 'Y', 'A', 'D', 'D', 'I', 'C', 'T'};
constexpr char kIsoCodesJson[] = "/usr/share/iso-codes/json/iso_3166-1.json";

class Writer {
 public:
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U32(uint32_t v) {
    for (int i = 0; i < 4; ++i) out_.push_back(static_cast<char>(v >> (8 * i)));
  }
  void U64(uint64_t v) {
    for (int i = 0; i < 8; ++i) out_.push_back(static_cast<char>(v >> (8 * i)));
  }
  void I32(int32_t v) { U32(static_cast<uint32_t>(v)); }
  void Str(const std::string& s) {
    U32(static_cast<uint32_t>(s.size()));
    out_ += s;
  }
  void Strs(const std::vector<std::string>& v) {
    U32(static_cast<uint32_t>(v.size()));
    for (const auto& s : v) Str(s);
  }
  std::string& out() { return out_; }

 private:
  std::string out_;
};

// Bounds-checked reader: a read past the end sets failed() and returns zeros, so damaged
// files end in one check instead of a crash.
class Reader {
 public:
  Reader(const char* p, size_t n) : p_(p), end_(p + n) {}
  bool failed() const { return failed_; }
  size_t remaining() const { return static_cast<size_t>(end_ - p_); }
  const char* pos() const { return p_; }
  uint8_t U8() {
    if (!Need(1)) return 0;
    return static_cast<uint8_t>(*p_++);
  }
  uint32_t U32() {
    if (!Need(4)) return 0;
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= uint32_t{static_cast<uint8_t>(p_[i])} << (8 * i);
    p_ += 4;
    return v;
  }
  uint64_t U64() {
    if (!Need(8)) return 0;
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= uint64_t{static_cast<uint8_t>(p_[i])} << (8 * i);
    p_ += 8;
    return v;
  }
  int32_t I32() { return static_cast<int32_t>(U32()); }
  std::string Str() {
    uint32_t n = U32();
    if (!Need(n)) return std::string();
    std::string s(p_, n);
    p_ += n;
    return s;
  }
  // A count of items each at least `min_bytes` long: guards reserve() against garbage.
  uint32_t Count(size_t min_bytes = 4) {
    uint32_t n = U32();
    if (static_cast<uint64_t>(n) * min_bytes > remaining()) {
      failed_ = true;
      return 0;
    }
    return n;
  }
  std::vector<std::string> Strs() {
    std::vector<std::string> v(Count());
    for (auto& s : v) s = Str();
    return v;
  }
  bool Need(size_t n) {
    if (failed_ || remaining() < n) {
      failed_ = true;
      return false;
    }
    return true;
  }

 private:
  const char* p_;
  const char* end_;
  bool failed_ = false;
};

void WritePattern(const VerbPattern& p, Writer* w) {
  w->Str(p.code);
  w->Str(p.verb);
  w->Strs(p.particles);
  w->U8(p.object_target);
  w->U8(p.object_source);
  w->Strs(p.object_nouns);
  w->U32(static_cast<uint32_t>(p.object_mods.size()));
  for (const auto& m : p.object_mods) w->Strs(m);
  w->U32(static_cast<uint32_t>(p.slots.size()));
  for (const auto& s : p.slots) {
    w->Str(s.prep);
    w->U8(static_cast<uint8_t>(s.kind));
    w->Strs(s.nouns);
  }
  w->Str(p.xcomp);
  w->U8(p.negated);
  w->Str(p.text);
  w->Str(p.origin);
}

VerbPattern ReadPattern(Reader* r) {
  VerbPattern p;
  p.code = r->Str();
  p.verb = r->Str();
  p.particles = r->Strs();
  p.object_target = r->U8() != 0;
  p.object_source = r->U8() != 0;
  p.object_nouns = r->Strs();
  p.object_mods.resize(r->Count(4));
  for (auto& m : p.object_mods) m = r->Strs();
  p.slots.resize(r->Count(9));
  for (auto& s : p.slots) {
    s.prep = r->Str();
    uint8_t kind = r->U8();
    if (kind > static_cast<uint8_t>(PatternSlot::Kind::kAny))
      kind = static_cast<uint8_t>(PatternSlot::Kind::kAny);
    s.kind = static_cast<PatternSlot::Kind>(kind);
    s.nouns = r->Strs();
  }
  p.xcomp = r->Str();
  p.negated = r->U8() != 0;
  p.text = r->Str();
  p.origin = r->Str();
  return p;
}

void WriteElements(const std::vector<SequenceElement>& v, Writer* w) {
  w->U32(static_cast<uint32_t>(v.size()));
  for (const auto& e : v) {
    w->U8(static_cast<uint8_t>(e.kind));
    w->Strs(e.words);
    w->Str(e.synset);
    w->I32(e.group);
    w->U8(e.noun_phrase);
  }
}

std::vector<SequenceElement> ReadElements(Reader* r) {
  std::vector<SequenceElement> v(r->Count(14));
  for (auto& e : v) {
    uint8_t kind = r->U8();
    if (kind > static_cast<uint8_t>(SequenceElement::Kind::kSkip)) kind = 0;
    e.kind = static_cast<SequenceElement::Kind>(kind);
    e.words = r->Strs();
    e.synset = r->Str();
    e.group = r->I32();
    e.noun_phrase = r->U8() != 0;
  }
  return v;
}

std::string SerializePayload(const Dictionary& d) {
  Writer w;
  w.Str(d.format);
  w.Str(d.fingerprint);
  w.Strs(d.sources);
  w.U32(static_cast<uint32_t>(d.actors.size()));
  for (const auto& a : d.actors) {
    w.Str(a.name);
    w.Str(ActorTypeName(a.type));  // by name: the layout does not depend on the enum's order
    w.Strs(a.aliases);
    w.U32(static_cast<uint32_t>(a.codes.size()));
    for (const auto& c : a.codes) {
      w.Str(c.code);
      w.Str(c.start);
      w.Str(c.end);
      w.Str(c.note);
    }
    w.U32(static_cast<uint32_t>(a.attrs.size()));
    for (const auto& [k, v] : a.attrs) {
      w.Str(k);
      w.Str(v);
    }
    w.Str(a.origin);
  }
  w.U32(static_cast<uint32_t>(d.agents.size()));
  for (const auto& a : d.agents) {
    w.Str(a.noun);
    w.Str(a.code);
    w.Strs(a.variants);
    w.Str(a.sector);
    w.Str(a.origin);
  }
  std::vector<const VerbPattern*> patterns = d.patterns.All();  // grouped by verb, file order kept
  w.U32(static_cast<uint32_t>(patterns.size()));
  for (const VerbPattern* p : patterns) WritePattern(*p, &w);
  w.U32(static_cast<uint32_t>(d.sequence_patterns.size()));
  for (const auto& p : d.sequence_patterns) {
    w.Str(p.code);
    w.Str(p.paired_code);
    w.Str(p.verb);
    WriteElements(p.before, &w);
    WriteElements(p.after, &w);
    w.Str(p.text);
    w.Str(p.origin);
  }
  w.U32(static_cast<uint32_t>(d.noun_sets.size()));
  for (const auto& [name, lemmas] : d.noun_sets) {
    w.Str(name);
    w.Strs(lemmas);
  }
  w.U32(static_cast<uint32_t>(d.discards.size()));
  for (const auto& r : d.discards) {
    w.Str(r.kind);
    w.Strs(r.tokens);
    w.Str(r.origin);
  }
  w.U32(static_cast<uint32_t>(d.negations.size()));
  for (const auto& [code, neg] : d.negations) {
    w.Str(code);
    w.Str(neg);
  }
  w.U32(static_cast<uint32_t>(d.phrases.size()));
  for (const auto& p : d.phrases) {
    w.Strs(p.raw);  // the lowercased tokens are recomputed on load
    w.U8(p.exact_case);
    w.I32(p.actor);
    w.I32(p.agent);
  }
  w.U32(static_cast<uint32_t>(d.problems.size()));
  for (const auto& p : d.problems) {
    w.Str(p.where);
    w.Str(p.message);
    w.U8(p.error);
  }
  return std::move(w.out());
}

void WriteHeader(const CompiledHeader& h, Writer* w) {
  w->out().append(kMagic, sizeof(kMagic));
  w->U32(h.version);
  w->Str(h.source_hash);
  w->Str(h.format);
  w->Strs(h.inputs);
  w->U8(h.options.with_iso_countries);
  w->Str(h.options.iso_codes_json);
}

Result<CompiledHeader> ParseHeader(Reader* r) {
  if (r->remaining() < sizeof(kMagic) || std::memcmp(r->pos(), kMagic, sizeof(kMagic)) != 0) {
    return Status::Corruption("not a compiled dyad dictionary (bad magic)");
  }
  r->Need(sizeof(kMagic));
  for (size_t i = 0; i < sizeof(kMagic); ++i) r->U8();
  CompiledHeader h;
  h.version = r->U32();
  h.source_hash = r->Str();
  h.format = r->Str();
  h.inputs = r->Strs();
  h.options.with_iso_countries = r->U8() != 0;
  h.options.iso_codes_json = r->Str();
  if (r->failed()) return Status::Corruption("compiled dictionary: truncated header");
  return h;
}

Status WriteFileAtomically(const std::string& path, const std::string& bytes) {
  std::string tmp = path + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IOError(tmp + ": cannot write");
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return Status::IOError(tmp + ": write failed");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return Status::IOError(path + ": cannot replace: " + ec.message());
  }
  return Status::OK();
}

std::vector<std::string> Absolute(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const auto& p : paths) {
    std::error_code ec;
    auto a = std::filesystem::absolute(p, ec);
    out.push_back(ec ? p : a.lexically_normal().string());
  }
  return out;
}

// The running program's size and modification time: a rebuilt loader may read the same
// sources differently, so its compiled files must not outlive it.
std::string BuildIdentity() {
  struct stat st;
  if (::stat("/proc/self/exe", &st) != 0) return std::string();
  return std::to_string(st.st_size) + "@" + std::to_string(st.st_mtime);
}

}  // namespace

Result<std::string> DictionarySourceHash(const std::vector<std::string>& paths,
                                         const std::string& format, const Ontology& ontology,
                                         const DictionaryOptions& options) {
  Sha256 h;
  h.Update("dyad-dict-sources\n");
  h.Update(format);
  h.Update("\n");
  std::vector<std::string> files = ExpandDictionaryPaths(paths);
  if (format == "dyad" && options.with_iso_countries) {
    std::string iso = options.iso_codes_json.empty() ? kIsoCodesJson : options.iso_codes_json;
    std::error_code ec;
    if (std::filesystem::exists(iso, ec)) files.push_back(iso);
  }
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) return Status::NotFound(f + ": cannot read dictionary source");
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string content = ss.str();
    // Names without directories: moving a checkout does not make its compiled form stale.
    h.Update(std::filesystem::path(f).filename().string());
    h.Update(std::string(1, '\0'));
    h.Update(std::to_string(content.size()));
    h.Update(std::string(1, '\0'));
    h.Update(content);
  }
  h.Update("ontology:");
  h.Update(ontology.fingerprint());
  h.Update("build:");
  h.Update(BuildIdentity());
  return h.HexDigest();
}

std::string SerializeDictionary(const Dictionary& dict, const std::vector<std::string>& paths,
                                const std::string& format, const DictionaryOptions& options,
                                const std::string& source_hash) {
  CompiledHeader h;
  h.version = kCompiledDictionaryVersion;
  h.source_hash = source_hash;
  h.format = format;
  h.inputs = Absolute(paths);
  h.options = options;
  Writer w;
  WriteHeader(h, &w);
  std::string payload = SerializePayload(dict);
  w.U64(payload.size());
  w.U64(Hash64(payload));
  w.out() += payload;
  return std::move(w.out());
}

Result<CompiledHeader> ReadCompiledHeader(const std::string& bytes) {
  Reader r(bytes.data(), bytes.size());
  return ParseHeader(&r);
}

Result<Dictionary> DeserializeDictionary(const std::string& bytes) {
  Reader r(bytes.data(), bytes.size());
  DYAD_ASSIGN_OR_RETURN(CompiledHeader h, ParseHeader(&r));
  if (h.version != kCompiledDictionaryVersion) {
    return Status::NotSupported("compiled dictionary version " + std::to_string(h.version) +
                                ", this build reads " + std::to_string(kCompiledDictionaryVersion));
  }
  uint64_t size = r.U64();
  uint64_t sum = r.U64();
  if (r.failed() || size != r.remaining())
    return Status::Corruption("compiled dictionary: truncated payload");
  if (Hash64(std::string_view(r.pos(), r.remaining())) != sum) {
    return Status::Corruption("compiled dictionary: payload checksum mismatch");
  }
  Dictionary d;
  d.format = r.Str();
  d.fingerprint = r.Str();
  d.sources = r.Strs();
  d.actors.resize(r.Count(24));
  bool bad_type = false;
  for (auto& a : d.actors) {
    a.name = r.Str();
    bad_type |= !ParseActorType(r.Str(), &a.type);
    a.aliases = r.Strs();
    a.codes.resize(r.Count(16));
    for (auto& c : a.codes) {
      c.code = r.Str();
      c.start = r.Str();
      c.end = r.Str();
      c.note = r.Str();
    }
    for (uint32_t n = r.Count(8), i = 0; i < n; ++i) {
      std::string k = r.Str();
      a.attrs[k] = r.Str();
    }
    a.origin = r.Str();
  }
  if (r.failed() || bad_type) return Status::Corruption("compiled dictionary: damaged actors section");
  d.agents.resize(r.Count(20));
  for (auto& a : d.agents) {
    a.noun = r.Str();
    a.code = r.Str();
    a.variants = r.Strs();
    a.sector = r.Str();
    a.origin = r.Str();
  }
  if (r.failed()) return Status::Corruption("compiled dictionary: damaged agents section");
  for (uint32_t n = r.Count(40), i = 0; i < n && !r.failed(); ++i) d.patterns.Add(ReadPattern(&r));
  if (r.failed()) return Status::Corruption("compiled dictionary: damaged patterns section");
  d.sequence_patterns.resize(r.Count(28));
  for (auto& p : d.sequence_patterns) {
    p.code = r.Str();
    p.paired_code = r.Str();
    p.verb = r.Str();
    p.before = ReadElements(&r);
    p.after = ReadElements(&r);
    p.text = r.Str();
    p.origin = r.Str();
  }
  if (r.failed())
    return Status::Corruption("compiled dictionary: damaged sequence patterns section");
  for (uint32_t n = r.Count(8), i = 0; i < n; ++i) {
    std::string name = r.Str();
    d.noun_sets[name] = r.Strs();
  }
  d.discards.resize(r.Count(12));
  for (auto& x : d.discards) {
    x.kind = r.Str();
    x.tokens = r.Strs();
    x.origin = r.Str();
  }
  for (uint32_t n = r.Count(8), i = 0; i < n; ++i) {
    std::string code = r.Str();
    d.negations[code] = r.Str();
  }
  d.phrases.resize(r.Count(13));
  for (auto& p : d.phrases) {
    p.raw = r.Strs();
    p.tokens.reserve(p.raw.size());
    for (const auto& t : p.raw) p.tokens.push_back(dict_internal::Lower(t));
    p.exact_case = r.U8() != 0;
    p.actor = r.I32();
    p.agent = r.I32();
    if (p.actor >= static_cast<int32_t>(d.actors.size()) ||
        p.agent >= static_cast<int32_t>(d.agents.size()) || (p.actor < 0) == (p.agent < 0) ||
        p.tokens.empty()) {
      return Status::Corruption("compiled dictionary: phrase table points outside the entries");
    }
  }
  d.problems.resize(r.Count(9));
  for (auto& p : d.problems) {
    p.where = r.Str();
    p.message = r.Str();
    p.error = r.U8() != 0;
  }
  if (r.failed()) return Status::Corruption("compiled dictionary: damaged tables");
  if (r.remaining() != 0) return Status::Corruption("compiled dictionary: trailing bytes");
  return d;
}

Result<Dictionary> CompileDictionaries(const std::vector<std::string>& paths,
                                       const std::string& format_in, const Ontology& ontology,
                                       const DictionaryOptions& options,
                                       const std::string& out_path) {
  std::string format =
      format_in.empty() || format_in == "auto" ? DetectDictionaryFormat(paths) : format_in;
  auto loader = MakeDictionaryLoader(format);
  if (loader == nullptr) return Status::NotSupported("dictionary format '" + format + "'");
  format = loader->format();  // canonical name, not an alias
  DYAD_ASSIGN_OR_RETURN(std::string hash, DictionarySourceHash(paths, format, ontology, options));
  DYAD_ASSIGN_OR_RETURN(Dictionary d, loader->Load(paths, ontology, options));
  DYAD_RETURN_IF_ERROR(
      WriteFileAtomically(out_path, SerializeDictionary(d, paths, format, options, hash)));
  return d;
}

Result<Dictionary> LoadCompiled(const std::string& path, const Ontology& ontology,
                                const CompiledLoadOptions& options,
                                CompiledLoadReport* report_out) {
  CompiledLoadReport local;
  CompiledLoadReport& report = report_out != nullptr ? *report_out : local;
  report = CompiledLoadReport();
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::NotFound(path + ": cannot read compiled dictionary");
    std::ostringstream ss;
    ss << in.rdbuf();
    bytes = ss.str();
  }
  auto header = ReadCompiledHeader(bytes);
  if (!header.ok()) return Status::Corruption(path + ": " + header.status().message());
  const CompiledHeader& h = *header;
  bool sources_present = !h.inputs.empty();
  for (const auto& p : h.inputs) {
    std::error_code ec;
    sources_present = sources_present && std::filesystem::exists(p, ec);
  }
  if (h.version != kCompiledDictionaryVersion) {
    report.stale = true;
    report.reason = "written by format version " + std::to_string(h.version) +
                    ", this build reads " + std::to_string(kCompiledDictionaryVersion);
  } else if (options.check_sources && sources_present) {
    DYAD_ASSIGN_OR_RETURN(std::string now,
                     DictionarySourceHash(h.inputs, h.format, ontology, h.options));
    report.sources_checked = true;
    if (now != h.source_hash) {
      report.stale = true;
      report.reason = "sources changed since compilation (sha256 " + h.source_hash.substr(0, 12) +
                      " -> " + now.substr(0, 12) + ")";
    }
  } else if (options.check_sources) {
    report.reason = "sources not found: not checked";
  }
  if (!report.stale) {
    auto d = DeserializeDictionary(bytes);
    if (d.ok()) return d;
    if (!sources_present) return Status::Corruption(path + ": " + d.status().message());
    report.stale = true;
    report.reason = d.status().message();
  }
  if (!sources_present) {
    return Status::NotSupported(path + ": " + report.reason +
                                "; its sources are unavailable to recompile");
  }
  report.from_text = true;
  if (options.recompile) {
    auto d = CompileDictionaries(h.inputs, h.format, ontology, h.options, path);
    if (d.ok()) {
      report.recompiled = true;
      return d;
    }
    if (d.status().code() != Status::Code::kIOError) return d.status();
    report.reason += "; not rewritten: " + d.status().message();
  }
  return LoadDictionaries(h.inputs, h.format, ontology, h.options);
}

std::string DefaultDictionaryCacheDir() {
  if (const char* d = std::getenv("DYAD_CACHE_DIR"); d != nullptr && *d) return d;
  if (const char* d = std::getenv("XDG_CACHE_HOME"); d != nullptr && *d)
    return std::string(d) + "/dyad";
  if (const char* d = std::getenv("HOME"); d != nullptr && *d)
    return std::string(d) + "/.cache/dyad";
  return std::string();
}

Result<Dictionary> LoadDictionariesCached(const std::vector<std::string>& paths,
                                          const std::string& format_in, const Ontology& ontology,
                                          const DictionaryOptions& options,
                                          const std::string& cache_dir,
                                          CompiledLoadReport* report_out) {
  CompiledLoadReport local;
  CompiledLoadReport& report = report_out != nullptr ? *report_out : local;
  report = CompiledLoadReport();
  std::string format =
      format_in.empty() || format_in == "auto" ? DetectDictionaryFormat(paths) : format_in;
  auto loader = MakeDictionaryLoader(format);
  if (loader == nullptr) return Status::NotSupported("dictionary format '" + format + "'");
  format = loader->format();
  if (cache_dir.empty()) {
    report.from_text = true;
    report.reason = "no cache directory";
    return LoadDictionaries(paths, format, ontology, options);
  }
  // One cache file per (absolute paths, format, options): two checkouts never share one.
  std::string key =
      format + "\n" + std::to_string(options.with_iso_countries) + "\n" + options.iso_codes_json;
  for (const auto& p : Absolute(paths)) key += "\n" + p;
  std::string file = cache_dir + "/dict-" + Hex64(Hash64(key)) + ".bin";
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) {
    auto d = LoadCompiled(file, ontology, {}, &report);
    if (d.ok()) return d;
    report.reason = d.status().ToString();  // damaged beyond repair: compile afresh below
  }
  std::filesystem::create_directories(cache_dir, ec);
  auto d = CompileDictionaries(paths, format, ontology, options, file);
  report.from_text = true;
  if (d.ok()) {
    report.recompiled = true;
    return d;
  }
  if (d.status().code() != Status::Code::kIOError) return d.status();
  report.reason += (report.reason.empty() ? "" : "; ") + std::string("cache not written: ") +
                   d.status().message();
  return LoadDictionaries(paths, format, ontology, options);
}

}  // namespace dyad
