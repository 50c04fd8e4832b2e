/*
 * escape.pml: the no-appraisal-escape search of imans, as a Promela model for SPIN.
 *
 * Written for the imans peer benchmark (bench/spin/run_spin.py). It abstracts the
 * imans state-machine model down to what the escape question needs: tasks with
 * their credentials and namespaces, the user/mount/IMA namespace trees, one
 * unsigned file (/usr/bin/tool, uid 0) and the BPRM_CHECK appraisal decision of
 * each IMA namespace's policy. See README.md beside this file.
 *
 * Compile-time parameters (spin -a -DNAME=value):
 *   DESIGN    1 = rfc2018 (IMA ns bound to the mount ns, created by CLONE_NEWNS,
 *                 only the current namespace's policy is evaluated)
 *             2 = userns-hierarchical (IMA ns bound to the user ns, created by
 *                 CLONE_NEWUSER, the current namespace and every ancestor)
 *             3 = rfc2018-root-to-init (as rfc2018; kuid 0 is evaluated against
 *                 every ancestor, everyone else against the current ns only)
 *   MAXSTEPS  the step bound: the world stops after that many steps (0 = no
 *             bound and no step counter: the whole finite state space)
 *   MAXTASKS  task slots, t0 included (1..3, default 3)
 *   MAXNS     namespaces of each kind, the initial one included (2..7, default 4)
 *   SCRIPTED  replay the fixed steps of script.pml (a translated trace) instead
 *             of searching; run_spin.py uses it to check the conformance traces
 *
 * A step is one verb of one live task. Every verb is a single d_step, so one
 * step is one transition and the trail replays as a list of steps. A verb that
 * the kernel refuses (EPERM, EINVAL, ENOSPC at the model's bound) is still a
 * step: it changes nothing but the step counter, as a failing step does in an
 * imans trace.
 */

#ifndef DESIGN
#define DESIGN 1
#endif
#ifndef MAXSTEPS
#define MAXSTEPS 4
#endif
#ifndef MAXTASKS
#define MAXTASKS 3
#endif
#ifndef MAXNS
#define MAXNS 4
#endif

#if MAXTASKS < 1 || MAXTASKS > 3
#error "MAXTASKS must be 1..3"
#endif
#if MAXNS < 2 || MAXNS > 7
#error "MAXNS must be 2..7"
#endif

#define D_RFC2018      1
#define D_HIERARCHICAL 2
#define D_ROOT_TO_INIT 3

/* The BPRM_CHECK decision of an IMA namespace's policy for the unsigned file:
 * the first matching rule decides (ima_match_policy), so the abstract policy is
 * the first BPRM_CHECK appraise/dont_appraise rule written, or none. */
#define P_EMPTY    0   /* no rule: nothing appraised */
#define P_DONT     1   /* dont_appraise func=BPRM_CHECK */
#define P_APPRAISE 2   /* appraise func=BPRM_CHECK appraise_type=imasig: unsigned => EACCES */

/* kuid values: 0 = root (kuid 0), 1 = kuid 1000 */

/* The objects are packed by hand into bit fields of short and byte arrays:
 * pan lays a typedef of `unsigned` fields out as a C struct of at least 4
 * bytes, which would more than double the state vector. GET/PUT read and write
 * the field of W bits at bit offset O. */
#define MASK(W) ((1 << (W)) - 1)
#define GET(X, O, W) (((X) >> (O)) & MASK(W))
#define PUT(X, O, W, V) X = (((X) & ~(MASK(W) << (O))) | ((V) << (O)))

/* task[t]: a task slot. */
short task[MAXTASKS];
#define T_ALIVE(t) GET(task[t], 0, 1)
#define T_KUID(t)  GET(task[t], 1, 1)   /* cred->uid, as a kernel id */
#define T_EUID(t)  GET(task[t], 2, 1)   /* cred->euid, as a kernel id */
#define T_CAP(t)   GET(task[t], 3, 1)   /* full capabilities in its own user ns, else none */
#define T_USER(t)  GET(task[t], 4, 3)   /* cred->user_ns */
#define T_MNT(t)   GET(task[t], 7, 3)   /* nsproxy->mnt_ns */
#define SET_T_ALIVE(t, v) PUT(task[t], 0, 1, v)
#define SET_T_KUID(t, v)  PUT(task[t], 1, 1, v)
#define SET_T_EUID(t, v)  PUT(task[t], 2, 1, v)
#define SET_T_CAP(t, v)   PUT(task[t], 3, 1, v)
#define SET_T_USER(t, v)  PUT(task[t], 4, 3, v)
#define SET_T_MNT(t, v)   PUT(task[t], 7, 3, v)

/* userns[n]: user namespace n (0 = init_user_ns). */
short userns[MAXNS];
#define U_PARENT(n) GET(userns[n], 0, 3)
#define U_OWNER(n)  GET(userns[n], 3, 1)  /* kuid of the creator's euid */
#define U_LEVEL(n)  GET(userns[n], 4, 3)
#define U_IMA(n)    GET(userns[n], 7, 3)  /* its IMA ns (hierarchical design) */
#define SET_U_PARENT(n, v) PUT(userns[n], 0, 3, v)
#define SET_U_OWNER(n, v)  PUT(userns[n], 3, 1, v)
#define SET_U_LEVEL(n, v)  PUT(userns[n], 4, 3, v)
#define SET_U_IMA(n, v)    PUT(userns[n], 7, 3, v)

/* mntns[n]: mount namespace n (0 = the initial one). */
byte mntns[MAXNS];
#define M_OWNER(n) GET(mntns[n], 0, 3)    /* owning user ns */
#define M_IMA(n)   GET(mntns[n], 3, 3)    /* its IMA ns (rfc2018 designs) */
#define SET_M_OWNER(n, v) PUT(mntns[n], 0, 3, v)
#define SET_M_IMA(n, v)   PUT(mntns[n], 3, 3, v)

/* imans[n]: IMA namespace n (0 = init_ima_ns). */
byte imans[MAXNS];
#define I_PARENT(n) GET(imans[n], 0, 3)
#define I_OWNER(n)  GET(imans[n], 3, 3)   /* owning user ns (ima_ns->user_ns) */
#define I_POLICY(n) GET(imans[n], 6, 2)
#define SET_I_PARENT(n, v) PUT(imans[n], 0, 3, v)
#define SET_I_OWNER(n, v)  PUT(imans[n], 3, 3, v)
#define SET_I_POLICY(n, v) PUT(imans[n], 6, 2, v)

/* namespaces are numbered in creation order and never freed (no reference
 * counts in this abstraction); n* is the next free number */
unsigned nuser : 3;
unsigned nmnt  : 3;
unsigned nima  : 3;
#if MAXSTEPS > 0
#if MAXSTEPS > 250
short steps;
#else
byte steps;
#endif
#define STEP_OK (steps < MAXSTEPS)
#define STEP_DONE CLEAR_SCRATCH; steps++
#else
#define STEP_OK true
#define STEP_DONE CLEAR_SCRATCH
#endif

/* scratch for the d_steps. Not `hidden` (pan's BFS refuses hidden variables):
 * every step clears them again, so they never tell two states apart. */
unsigned h_ns   : 3;
unsigned h_c    : 2;
unsigned h_ok   : 1;
unsigned h_deny : 1;
unsigned h_err  : 3;
#define CLEAR_SCRATCH h_ns = 0; h_c = 0; h_ok = 0; h_deny = 0; h_err = 0

/* kernel/capability.c cap_capable(): may task T use CAP_SYS_ADMIN over user ns
 * TARGET? Its own ns: if it holds the capability; a descendant: if the task's
 * ns is its parent and the task's euid owns it, or walking up reaches the task's
 * ns that way; anything else: no. Result in h_ok. */
inline cap_capable(T, TARGET) {
  h_ns = TARGET;
  do
  :: h_ns == T_USER(T) -> h_ok = T_CAP(T); break
  :: else ->
     if
     :: U_LEVEL(h_ns) <= U_LEVEL(T_USER(T)) -> h_ok = 0; break
     :: else -> skip
     fi;
     if
     :: U_PARENT(h_ns) == T_USER(T) && U_OWNER(h_ns) == T_EUID(T) ->
        h_ok = 1; break
     :: else -> h_ns = U_PARENT(h_ns)
     fi
  od
}

/* create_user_ns(): a child of T's user ns owned by T's euid; T gets full
 * capabilities inside it. The hierarchical design binds a new IMA ns to it,
 * child of the parent user ns's IMA ns, with an empty policy. */
inline new_user_ns(T) {
  SET_U_PARENT(nuser, T_USER(T));
  SET_U_OWNER(nuser, T_EUID(T));
  SET_U_LEVEL(nuser, U_LEVEL(T_USER(T)) + 1);
#if DESIGN == D_HIERARCHICAL
  SET_I_PARENT(nima, U_IMA(T_USER(T)));
  SET_I_OWNER(nima, nuser);
  SET_I_POLICY(nima, P_EMPTY);
  SET_U_IMA(nuser, nima);
  nima++;
#endif
  SET_T_USER(T, nuser);
  SET_T_CAP(T, 1);
  nuser++
}

/* copy_mnt_ns() with CLONE_NEWNS: a mount ns owned by T's (new) user ns. The
 * rfc2018 designs bind a new IMA ns to it (alloc_mnt_ns -> copy_ima ->
 * clone_ima_ns), child of the old mount ns's IMA ns, owned by that user ns,
 * with an empty policy. */
inline new_mnt_ns(T) {
  SET_M_OWNER(nmnt, T_USER(T));
#if DESIGN != D_HIERARCHICAL
  SET_I_PARENT(nima, M_IMA(T_MNT(T)));
  SET_I_OWNER(nima, T_USER(T));
  SET_I_POLICY(nima, P_EMPTY);
  SET_M_IMA(nmnt, nima);
  nima++;
#endif
  SET_T_MNT(T, nmnt);
  nmnt++
}

/* Is there room for the namespaces a clone/unshare with these flags makes?
 * (the model's bound; the kernel's ucounts limit answers ENOSPC) */
#if DESIGN == D_HIERARCHICAL
#define ROOM(U, M) ((!(U) || (nuser < MAXNS && nima < MAXNS)) && (!(M) || nmnt < MAXNS))
#else
#define ROOM(U, M) ((!(U) || nuser < MAXNS) && (!(M) || (nmnt < MAXNS && nima < MAXNS)))
#endif

/* The task's current IMA namespace. */
#if DESIGN == D_HIERARCHICAL
#define CUR_IMA(T) U_IMA(T_USER(T))
#else
#define CUR_IMA(T) M_IMA(T_MNT(T))
#endif

/* Each step prints one line, "STEP t=<task> v=<verb> a=<arg> f=<flags> e=<errno>
 * ima=<ns>", that a trail replay (spin -t) turns back into a trace step;
 * run_spin.py decodes it. ima is the current IMA ns, after the step, of the
 * task (of the child, for a successful clone). */
#define V_CLONE   1   /* a = the child's slot */
#define V_UNSHARE 2
#define V_SETUID  3   /* setuid 1000 */
#define V_POLICY  4   /* a = P_DONT or P_APPRAISE */
#define V_EXEC    5   /* exec /usr/bin/tool */
#define V_EXIT    6
#define E_OK      0
#define E_PERM    1
#define E_INVAL   2
#define E_NOSPC   3
#define E_AGAIN   4
#define E_ACCES   5
#define LOG(T, V, A, F, X) \
  printf("STEP t=%d v=%d a=%d f=%d e=%d ima=%d\n", T, V, A, F, h_err, CUR_IMA(X))

/* unshare(2) / clone(2) namespace part on task X (the caller itself, or the
 * child that already holds a copy of the parent's credentials and nsproxy):
 * CLONE_NEWUSER first, needing no privilege; then CLONE_NEWNS, needing
 * CAP_SYS_ADMIN in the (possibly new) current user ns. A refused CLONE_NEWNS
 * fails the whole call: the new user ns is never committed. Checks against
 * task C's credentials (the caller), applies to X. Outcome: h_err. */
inline ns_part(C, X, U, M) {
  if
  :: !ROOM(U, M) -> h_err = E_NOSPC
  :: M && !U && !T_CAP(C) -> h_err = E_PERM
  :: else ->
     h_err = E_OK;
     if
     :: U -> new_user_ns(X)
     :: else -> skip
     fi;
     if
     :: M -> new_mnt_ns(X)
     :: else -> skip
     fi
  fi
}

inline do_unshare(T, U, M) {
  ns_part(T, T, U, M);
  LOG(T, V_UNSHARE, 0, U + 2 * M, T);
  STEP_DONE
}

/* copy_process(): the child is the lowest free task slot; it copies the
 * parent's credentials and namespaces, then gets the new ones. */
inline do_clone(T, U, M) {
  h_c = 0;
  do
  :: h_c < MAXTASKS - 1 && T_ALIVE(h_c) -> h_c++
  :: else -> break
  od;
  if
  :: T_ALIVE(h_c) -> h_err = E_AGAIN   /* every slot taken */
  :: else ->
     if
     :: !ROOM(U, M) -> h_err = E_NOSPC
     :: M && !U && !T_CAP(T) -> h_err = E_PERM
     :: else ->
        SET_T_ALIVE(h_c, 1);
        SET_T_KUID(h_c, T_KUID(T));
        SET_T_EUID(h_c, T_EUID(T));
        SET_T_CAP(h_c, T_CAP(T));
        SET_T_USER(h_c, T_USER(T));
        SET_T_MNT(h_c, T_MNT(T));
        ns_part(h_c, h_c, U, M)
     fi
  fi;
  LOG(T, V_CLONE, h_c, U + 2 * M, (h_err == E_OK -> h_c : T));
  STEP_DONE
}

/* sys_setuid(1000): 1000 is mapped only in init_user_ns (a child maps uid 0
 * alone); needs CAP_SETUID in the caller's ns (held with full caps) or an
 * unchanged uid; leaving root drops every capability (cap_emulate_setxuid). */
inline do_setuid(T) {
  if
  :: T_USER(T) != 0 -> h_err = E_INVAL
  :: else ->
     if
     :: T_CAP(T) || T_KUID(T) == 1 ->
        SET_T_KUID(T, 1); SET_T_EUID(T, 1); SET_T_CAP(T, 0);
        h_err = E_OK
     :: else -> h_err = E_PERM
     fi
  fi;
  LOG(T, V_SETUID, 0, 0, T);
  STEP_DONE
}

/* ima_write_policy(): to the task's current IMA ns, with CAP_SYS_ADMIN over the
 * namespace's owning user ns (for init_ima_ns: over init_user_ns). Rules are
 * appended; the first BPRM_CHECK rule decides, so a write to a namespace that
 * already has one changes no decision (init_ima_ns's host rule stays first). */
inline do_policy(T, P) {
  cap_capable(T, I_OWNER(CUR_IMA(T)));
  if
  :: h_ok ->
     if
     :: I_POLICY(CUR_IMA(T)) == P_EMPTY -> SET_I_POLICY(CUR_IMA(T), P)
     :: else -> skip
     fi;
     h_err = E_OK
  :: else -> h_err = E_PERM
  fi;
  LOG(T, V_POLICY, P, 0, T);
  STEP_DONE
}

/* exec /usr/bin/tool (BPRM_CHECK, unsigned): denied if any evaluated level's
 * policy appraises it. The property: if init_ima_ns's policy alone denies it,
 * the exec is denied. */
inline do_exec(T) {
  h_ns = CUR_IMA(T);
  h_deny = (I_POLICY(h_ns) == P_APPRAISE);
#if DESIGN == D_HIERARCHICAL
  do
  :: h_ns != 0 -> h_ns = I_PARENT(h_ns); h_deny = h_deny || (I_POLICY(h_ns) == P_APPRAISE)
  :: else -> break
  od;
#elif DESIGN == D_ROOT_TO_INIT
  if
  :: T_KUID(T) == 0 ->
     do
     :: h_ns != 0 -> h_ns = I_PARENT(h_ns); h_deny = h_deny || (I_POLICY(h_ns) == P_APPRAISE)
     :: else -> break
     od
  :: else -> skip
  fi;
#endif
  if
  :: h_deny -> h_err = E_ACCES
  :: else -> h_err = E_OK
  fi;
  LOG(T, V_EXEC, 0, 0, T);
  /* no-appraisal-escape */
  assert(h_deny || I_POLICY(0) != P_APPRAISE);
  STEP_DONE
}

/* do_exit(): t0 is init, the model refuses its exit (as imans does). The slot
 * is cleared so a later clone may reuse it. Namespaces are not freed. */
inline do_exit(T) {
  if
  :: T == 0 -> h_err = E_PERM
  :: else ->
     task[T] = 0;
     h_err = E_OK
  fi;
  LOG(T, V_EXIT, 0, 0, T);
  STEP_DONE
}

#define CAN(T) (STEP_OK && T_ALIVE(T))
#define VERBS(T) \
  :: d_step { CAN(T) -> do_unshare(T, 0, 1) } \
  :: d_step { CAN(T) -> do_exec(T) } \
  :: d_step { CAN(T) -> do_unshare(T, 1, 0) } \
  :: d_step { CAN(T) -> do_unshare(T, 1, 1) } \
  :: d_step { CAN(T) -> do_clone(T, 0, 0) } \
  :: d_step { CAN(T) -> do_clone(T, 1, 0) } \
  :: d_step { CAN(T) -> do_clone(T, 0, 1) } \
  :: d_step { CAN(T) -> do_clone(T, 1, 1) } \
  :: d_step { CAN(T) -> do_setuid(T) } \
  :: d_step { CAN(T) -> do_policy(T, P_DONT) } \
  :: d_step { CAN(T) -> do_policy(T, P_APPRAISE) } \
  :: d_step { CAN(T) -> do_exit(T) }

active proctype world()
{
  /* boot: t0 is global root in every initial namespace; init_ima_ns holds the
   * host policy "appraise func=BPRM_CHECK appraise_type=imasig" */
  d_step {
    SET_T_ALIVE(0, 1); SET_T_KUID(0, 0); SET_T_EUID(0, 0); SET_T_CAP(0, 1);
    SET_T_USER(0, 0); SET_T_MNT(0, 0);
    SET_I_POLICY(0, P_APPRAISE);
    nuser = 1; nmnt = 1; nima = 1
  };
#ifdef SCRIPTED
  /* a fixed list of steps instead of the search (run_spin.py's conformance
   * check writes script.pml from a trace: one d_step { do_...(...) } a line) */
#include "script.pml"
#else
end_world:
  do
  VERBS(0)
#if MAXTASKS > 1
  VERBS(1)
#endif
#if MAXTASKS > 2
  VERBS(2)
#endif
  od
#endif
}
