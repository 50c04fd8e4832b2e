#include "solver/entities.hpp"

#include "solver/names.hpp"

namespace imans::solver {
namespace {

z3::expr bv(z3::context& c, std::uint64_t v, unsigned w) { return c.bv_val(v, w); }
std::uint32_t u32(const z3::model& m, const z3::expr& e) {
  return static_cast<std::uint32_t>(m.eval(e, true).get_numeral_uint64());
}
z3::expr valid_id(const z3::expr& e) { return z3::ule(e, e.ctx().bv_val(kMaxId, kIdBits)); }

}  // namespace

SymSubject fresh_subject(z3::context& c, const std::string& n) {
  auto id = [&](const char* f) { return c.bv_const((n + "." + f).c_str(), kIdBits); };
  return SymSubject{id("uid"),  id("euid"), id("suid"), id("gid"),
                    id("egid"), id("sgid"), c.bool_const((n + ".cap_setuid").c_str()),
                    c.bool_const((n + ".cap_setgid").c_str())};
}

SymSubject trace_subject(z3::context& c, const std::string& n) {
  const z3::expr uid = c.bv_const((n + ".uid").c_str(), kIdBits);
  const z3::expr gid = bv(c, 0, kIdBits);
  const z3::expr cap = c.bool_const((n + ".cap_setuid").c_str());
  return SymSubject{uid, uid, uid, gid, gid, gid, cap, cap};
}

SymSubject constant_subject(z3::context& c, const policy::Subject& s) {
  return SymSubject{bv(c, s.uid, kIdBits),  bv(c, s.euid, kIdBits), bv(c, s.suid, kIdBits),
                    bv(c, s.gid, kIdBits),  bv(c, s.egid, kIdBits), bv(c, s.sgid, kIdBits),
                    c.bool_val(s.cap_setuid), c.bool_val(s.cap_setgid)};
}

policy::Subject subject_from_model(const z3::model& m, const SymSubject& s) {
  policy::Subject out;
  out.uid = u32(m, s.uid);
  out.euid = u32(m, s.euid);
  out.suid = u32(m, s.suid);
  out.gid = u32(m, s.gid);
  out.egid = u32(m, s.egid);
  out.sgid = u32(m, s.sgid);
  out.cap_setuid = m.eval(s.cap_setuid, true).is_true();
  out.cap_setgid = m.eval(s.cap_setgid, true).is_true();
  return out;
}

z3::expr subject_ids_valid(const SymSubject& s) {
  return valid_id(s.uid) && valid_id(s.euid) && valid_id(s.suid) && valid_id(s.gid) &&
         valid_id(s.egid) && valid_id(s.sgid);
}

SymFile fresh_file(z3::context& c, const std::string& n) {
  z3::expr magic = c.bv_const((n + ".fsmagic").c_str(), kMagicBits);
  return SymFile{c.bv_const((n + ".owner").c_str(), kIdBits),
                 c.bv_const((n + ".group").c_str(), kIdBits),
                 magic,
                 c.bv_const((n + ".fsuuid").c_str(), kUuidBits),
                 fsname_term(magic),
                 c.bv_const((n + ".xattr").c_str(), kEnumBits),
                 c.bool_const((n + ".current").c_str())};
}

SymFile constant_file(z3::context& c, const policy::Inode& inode, XattrKind xattr, bool current) {
  z3::expr uuid = bv(c, inode.fsuuid[0], 8);
  for (std::size_t i = 1; i < inode.fsuuid.size(); ++i)
    uuid = z3::concat(uuid, bv(c, inode.fsuuid[i], 8));
  const z3::expr magic = bv(c, inode.fsmagic, kMagicBits);
  unsigned code = kXattrNone;
  switch (xattr) {
    case XattrKind::none:
      code = kXattrNone;
      break;
    case XattrKind::hash:
      code = kXattrHash;
      break;
    case XattrKind::sig:
      code = kXattrSig;
      break;
    case XattrKind::bad:
      code = kXattrBad;
      break;
  }
  return SymFile{bv(c, inode.uid, kIdBits), bv(c, inode.gid, kIdBits), magic, uuid,
                 fsname_term(magic), bv(c, code, kEnumBits), c.bool_val(current)};
}

policy::Inode inode_from_model(const z3::model& m, const SymFile& f) {
  policy::Inode out;
  out.uid = u32(m, f.owner);
  out.gid = u32(m, f.group);
  out.fsmagic = u32(m, f.fsmagic);
  for (unsigned i = 0; i < 16; ++i) {
    const unsigned hi = kUuidBits - 1 - 8 * i;
    out.fsuuid[i] = static_cast<std::uint8_t>(m.eval(f.fsuuid.extract(hi, hi - 7), true).get_numeral_uint64());
  }
  out.fsname = policy::fsname_for_magic(out.fsmagic);
  return out;
}

z3::expr file_ids_valid(const SymFile& f) { return valid_id(f.owner) && valid_id(f.group); }

SymHook constant_hook(z3::context& c, policy::Func func, std::uint8_t mask) {
  return SymHook{bv(c, static_cast<unsigned>(func), kFuncBits), bv(c, mask, kMaskBits)};
}

VerbHooks verb_hooks(const z3::expr& verb) {
  z3::context& c = verb.ctx();
  using policy::Func;
  auto f = [&](Func x) { return bv(c, static_cast<unsigned>(x), kFuncBits); };
  auto m = [&](unsigned x) { return bv(c, x, kMaskBits); };
  auto is = [&](unsigned v) { return verb == bv(c, v, kEnumBits); };
  const SymHook first{
      z3::ite(is(kVerbExec), f(Func::bprm_check),
              z3::ite(is(kVerbMmap), f(Func::mmap_check_reqprot), f(Func::file_check))),
      z3::ite(is(kVerbRead), m(policy::kMayRead),
              z3::ite(is(kVerbWrite), m(policy::kMayWrite), m(policy::kMayExec)))};
  const SymHook second{z3::ite(is(kVerbExec), f(Func::creds_check), f(Func::mmap_check)),
                       m(policy::kMayExec)};
  return VerbHooks{{first, second}, is(kVerbExec) || is(kVerbMmap)};
}

Verb verb_of_code(std::uint64_t code) {
  switch (code) {
    case kVerbExec:
      return Verb::exec;
    case kVerbMmap:
      return Verb::mmap;
    case kVerbRead:
      return Verb::open_read;
    default:
      return Verb::open_write;
  }
}

}  // namespace imans::solver
