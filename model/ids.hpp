#pragma once
// Typed object ids. Each kind numbers its objects in creation order from 0
// (the initial object) and never reuses a number, so a trace can still name
// an object after it is freed.
#include <cstdint>
#include <functional>
#include <string>

namespace imans {

template <class Tag>
struct Id {
  static constexpr std::uint16_t none_value = 0xffff;
  std::uint16_t v = none_value;

  constexpr Id() = default;
  constexpr explicit Id(std::uint16_t value) : v(value) {}
  [[nodiscard]] constexpr bool none() const { return v == none_value; }
  [[nodiscard]] constexpr bool some() const { return v != none_value; }
  friend constexpr bool operator==(Id, Id) = default;
  friend constexpr auto operator<=>(Id, Id) = default;
};

struct UserNsTag;
struct MntNsTag;
struct ImaNsTag;
struct NsproxyTag;
struct TaskTag;
struct FileTag;
struct KeyTag;
struct CacheTag;

using UserNsId = Id<UserNsTag>;
using MntNsId = Id<MntNsTag>;
using ImaNsId = Id<ImaNsTag>;
using NsproxyId = Id<NsproxyTag>;
using TaskId = Id<TaskTag>;
using FileId = Id<FileTag>;
using KeyId = Id<KeyTag>;
using CacheId = Id<CacheTag>;

// The kinds of kernel objects the model allocates and frees.
enum class ObjKind : std::uint8_t { user, mnt, ima, nsproxy, cache };

// A reference to any object, for faults, drawings and reports.
struct ObjRef {
  ObjKind kind{};
  std::uint16_t id = 0;
  friend constexpr bool operator==(ObjRef, ObjRef) = default;
  friend constexpr auto operator<=>(ObjRef, ObjRef) = default;
};

inline ObjRef ref(UserNsId i) { return {ObjKind::user, i.v}; }
inline ObjRef ref(MntNsId i) { return {ObjKind::mnt, i.v}; }
inline ObjRef ref(ImaNsId i) { return {ObjKind::ima, i.v}; }
inline ObjRef ref(NsproxyId i) { return {ObjKind::nsproxy, i.v}; }
inline ObjRef ref(CacheId i) { return {ObjKind::cache, i.v}; }

// "user", "mnt", "ima", "nsproxy", "ns_status_cache"
const char* kind_name(ObjKind k);
// "ima#2"
std::string to_string(ObjRef r);

}  // namespace imans
