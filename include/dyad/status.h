// Status and Result<T>: how every dyad function reports failure.
//
//   dyad::Result<Article> r = ReadOne(path);
//   if (!r.ok()) { std::cerr << r.status().ToString() << "\n"; return 1; }
//   Article a = std::move(r).value();
//
//   Status Work() {
//     DYAD_RETURN_IF_ERROR(Step());
//     DYAD_ASSIGN_OR_RETURN(auto doc, Parse(text));
//     ...
//   }
//
// Library exceptions never cross dyad's public API: adapters catch them and return a Status.
#ifndef DYAD_STATUS_H_
#define DYAD_STATUS_H_

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace dyad {

class Status {
 public:
  enum class Code : int {
    kOk = 0,
    kNotFound = 1,
    kCorruption = 2,       // malformed input data
    kInvalidArgument = 3,  // bad option or argument from the caller
    kIOError = 4,
    kNotSupported = 5,
    kAlreadyExists = 6,
    kInternal = 7,
    kUnavailable = 8,  // a server or resource that may come back
  };

  // An OK status. Cheap to copy.
  Status() = default;

  static Status OK() { return Status(); }
  static Status NotFound(std::string_view msg) { return Status(Code::kNotFound, msg); }
  static Status Corruption(std::string_view msg) { return Status(Code::kCorruption, msg); }
  static Status InvalidArgument(std::string_view msg) {
    return Status(Code::kInvalidArgument, msg);
  }
  static Status IOError(std::string_view msg) { return Status(Code::kIOError, msg); }
  static Status NotSupported(std::string_view msg) { return Status(Code::kNotSupported, msg); }
  static Status AlreadyExists(std::string_view msg) { return Status(Code::kAlreadyExists, msg); }
  static Status Internal(std::string_view msg) { return Status(Code::kInternal, msg); }
  static Status Unavailable(std::string_view msg) { return Status(Code::kUnavailable, msg); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }
  bool IsCorruption() const { return code_ == Code::kCorruption; }
  bool IsInvalidArgument() const { return code_ == Code::kInvalidArgument; }
  bool IsIOError() const { return code_ == Code::kIOError; }

  // The message alone, without the code name.
  const std::string& message() const { return message_; }

  // "OK" or "<Code name>: <message>".
  std::string ToString() const;

  // Returns a copy whose message is "<context>: <message>"; OK stays OK.
  Status WithContext(std::string_view context) const;

  static const char* CodeName(Code code);

 private:
  Status(Code code, std::string_view msg) : code_(code), message_(msg) {}
  Code code_ = Code::kOk;
  std::string message_;
};

inline bool operator==(const Status& a, const Status& b) {
  return a.code() == b.code() && a.message() == b.message();
}

// A value or the Status saying why there is none. Constructing a Result from an OK
// Status is a programming error (asserts in debug builds, becomes Internal otherwise).
template <typename T>
class Result {
 public:
  Result(const T& value) : v_(value) {}                      // NOLINT(runtime/explicit)
  Result(T&& value) : v_(std::move(value)) {}                // NOLINT(runtime/explicit)
  Result(const Status& status) : v_(Checked(status)) {}      // NOLINT(runtime/explicit)
  Result(Status&& status) : v_(Checked(std::move(status))) {}  // NOLINT(runtime/explicit)
  template <typename U, typename = std::enable_if_t<std::is_convertible_v<U&&, T> &&
                                                    !std::is_same_v<std::decay_t<U>, Status> &&
                                                    !std::is_same_v<std::decay_t<U>, T>>>
  Result(U&& value) : v_(T(std::forward<U>(value))) {}  // NOLINT(runtime/explicit)

  bool ok() const { return v_.index() == 1; }

  // The error; OK when a value is held.
  Status status() const { return ok() ? Status::OK() : std::get<0>(v_); }

  // The value. Requires ok().
  const T& value() const& {
    assert(ok());
    return std::get<1>(v_);
  }
  T& value() & {
    assert(ok());
    return std::get<1>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<1>(std::move(v_));
  }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  // The value, or `fallback` when there is none.
  T value_or(T fallback) const& { return ok() ? value() : fallback; }

 private:
  static Status Checked(Status s) {
    assert(!s.ok());
    if (s.ok()) return Status::Internal("Result constructed from an OK status");
    return s;
  }
  std::variant<Status, T> v_;
};

namespace internal {
inline Status AsStatus(const Status& s) { return s; }
template <typename T>
Status AsStatus(const Result<T>& r) {
  return r.status();
}
}  // namespace internal

}  // namespace dyad

#define DYAD_CONCAT_INNER_(a, b) a##b
#define DYAD_CONCAT_(a, b) DYAD_CONCAT_INNER_(a, b)

// Returns the Status of `expr` (a Status or Result) from the enclosing function when it
// is not OK.
#define DYAD_RETURN_IF_ERROR(expr)                                             \
  do {                                                                    \
    ::dyad::Status dyad_status_ = ::dyad::internal::AsStatus((expr));     \
    if (!dyad_status_.ok()) return dyad_status_;                          \
  } while (0)

// `DYAD_ASSIGN_OR_RETURN(auto x, F());` declares x from F()'s value, or returns F()'s error.
#define DYAD_ASSIGN_OR_RETURN(lhs, rexpr) \
  DYAD_ASSIGN_OR_RETURN_IMPL_(DYAD_CONCAT_(dyad_result_, __LINE__), lhs, rexpr)
#define DYAD_ASSIGN_OR_RETURN_IMPL_(result, lhs, rexpr) \
  auto result = (rexpr);                                \
  if (!result.ok()) return result.status();             \
  lhs = std::move(result).value()

#endif  // DYAD_STATUS_H_
