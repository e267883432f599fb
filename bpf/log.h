/* Structured logging from BPF programs to userspace, decoded by
 * runtime/bpflog. Records go to a dedicated ring buffer (not
 * bpf_printk/trace_pipe); a record that finds the ring full is counted in
 * a per-CPU drop counter. Records below the level the loader sets are
 * dropped in the kernel, before any reservation: the level is a read-only
 * constant, so the verifier removes the dead logging code.
 *
 * Including it: after <linux/bpf.h> and <bpf/bpf_helpers.h>, in one
 * translation unit per object. The names of its maps and of its level
 * variable can be changed by defining these before the #include:
 *
 *	RC_LOG_RING       ring buffer map            (default rc_log)
 *	RC_LOG_DROPS      per-CPU drop counter map   (default rc_log_drops)
 *	RC_LOG_LEVEL      minimum level variable     (default rc_log_level)
 *	RC_LOG_RING_SIZE  ring size in bytes         (default 256 KiB)
 *
 * Use:
 *
 *	struct rc_log_record *r = rc_log_reserve(RC_LOG_INFO, rule, 0);
 *	if (r) {
 *		rc_log_text(r, "runtime exec");   // a literal of < 32 bytes
 *		rc_log_u64(r, 0, pid);            // argument slots 0..3
 *		rc_log_str(r, 1, name);           // kernel, stack or map memory
 *		rc_log_submit(r);
 *	}
 *
 * or rc_log(level, rule, "text") for a record without arguments. A
 * record can carry a format id instead of (or with) a text: userspace
 * maps ids to messages (bpflog.ReaderOptions.Formats), which saves the
 * copy of the text in hot paths.
 *
 * The record layout is mirrored by runtime/bpflog (record.go); its tests
 * check the constants against this file and decode records from a real
 * program. */
#ifndef RULEC_LOG_H
#define RULEC_LOG_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#ifndef RC_LOG_RING
#define RC_LOG_RING rc_log
#endif
#ifndef RC_LOG_DROPS
#define RC_LOG_DROPS rc_log_drops
#endif
#ifndef RC_LOG_LEVEL
#define RC_LOG_LEVEL rc_log_level
#endif
#ifndef RC_LOG_RING_SIZE
#define RC_LOG_RING_SIZE (256 * 1024)
#endif

#define RC_LOG_MSG_LEN 32  /* bytes of the text, NUL-padded */
#define RC_LOG_STR_LEN 32  /* bytes of a string argument, NUL-padded */
#define RC_LOG_MAX_ARGS 4
#define RC_LOG_NO_RULE 0xffffffffu

enum rc_log_level {
	RC_LOG_DEBUG = 1,
	RC_LOG_INFO = 2,
	RC_LOG_WARN = 3,
	RC_LOG_ERROR = 4,
};

enum rc_log_arg_type {
	RC_LOG_ARG_NONE = 0,
	RC_LOG_ARG_U64 = 1,
	RC_LOG_ARG_IP4 = 2,  /* ip[0..3], network order */
	RC_LOG_ARG_IP6 = 3,  /* ip[0..15], network order */
	RC_LOG_ARG_PORT = 4, /* port, host order */
	RC_LOG_ARG_STR = 5,  /* str[0..len) */
};

struct rc_log_arg {
	__u8 type; /* enum rc_log_arg_type */
	__u8 len;  /* RC_LOG_ARG_STR: bytes before the NUL */
	__u8 pad[6];
	union {
		__u64 u64;
		__u16 port;
		__u8 ip[16];
		char str[RC_LOG_STR_LEN];
	};
};

struct rc_log_record {
	__u64 ts_ns;  /* bpf_ktime_get_ns() */
	__u32 rule;   /* rule id, RC_LOG_NO_RULE when none */
	__u16 format; /* format id; 0: the text alone */
	__u8 level;   /* enum rc_log_level */
	__u8 nargs;   /* argument slots used: 1 + the highest slot set */
	char msg[RC_LOG_MSG_LEN];
	struct rc_log_arg args[RC_LOG_MAX_ARGS];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, RC_LOG_RING_SIZE);
} RC_LOG_RING SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 1);
} RC_LOG_DROPS SEC(".maps");

/* Set by the loader (bpflog.SetLevel) before loading. */
const volatile __u8 RC_LOG_LEVEL = RC_LOG_INFO;

static __always_inline struct rc_log_record *rc_log_reserve(__u8 level, __u32 rule, __u16 format)
{
	struct rc_log_record *r;
	__u32 zero = 0;
	__u64 *drops;

	if (level < RC_LOG_LEVEL)
		return 0;
	r = bpf_ringbuf_reserve(&RC_LOG_RING, sizeof(*r), 0);
	if (!r) {
		drops = bpf_map_lookup_elem(&RC_LOG_DROPS, &zero);
		if (drops)
			*drops += 1;
		return 0;
	}
	__builtin_memset(r, 0, sizeof(*r));
	r->ts_ns = bpf_ktime_get_ns();
	r->rule = rule;
	r->format = format;
	r->level = level;
	return r;
}

#define rc_log_text(r, text)                                                   \
	do {                                                                   \
		_Static_assert(sizeof("" text) <= RC_LOG_MSG_LEN, "log text too long"); \
		__builtin_memcpy((r)->msg, "" text, sizeof(text) - 1);         \
	} while (0)

static __always_inline struct rc_log_arg *rc_log_slot(struct rc_log_record *r, __u32 i, __u8 type)
{
	if (i >= RC_LOG_MAX_ARGS)
		return 0;
	if (r->nargs <= i)
		r->nargs = i + 1;
	r->args[i].type = type;
	return &r->args[i];
}

static __always_inline void rc_log_u64(struct rc_log_record *r, __u32 i, __u64 v)
{
	struct rc_log_arg *a = rc_log_slot(r, i, RC_LOG_ARG_U64);

	if (a)
		a->u64 = v;
}

static __always_inline void rc_log_ip4(struct rc_log_record *r, __u32 i, __u32 addr_be)
{
	struct rc_log_arg *a = rc_log_slot(r, i, RC_LOG_ARG_IP4);

	if (a)
		__builtin_memcpy(a->ip, &addr_be, 4);
}

static __always_inline void rc_log_ip6(struct rc_log_record *r, __u32 i, const __u8 *addr)
{
	struct rc_log_arg *a = rc_log_slot(r, i, RC_LOG_ARG_IP6);

	if (a)
		__builtin_memcpy(a->ip, addr, 16);
}

static __always_inline void rc_log_port(struct rc_log_record *r, __u32 i, __u16 port)
{
	struct rc_log_arg *a = rc_log_slot(r, i, RC_LOG_ARG_PORT);

	if (a)
		a->port = port;
}

/* rc_log_str copies a NUL-terminated string from kernel memory (the BPF
 * stack and map values included), truncated to RC_LOG_STR_LEN - 1 bytes. */
static __always_inline void rc_log_str(struct rc_log_record *r, __u32 i, const char *s)
{
	struct rc_log_arg *a = rc_log_slot(r, i, RC_LOG_ARG_STR);
	long n;

	if (!a)
		return;
	n = bpf_probe_read_kernel_str(a->str, sizeof(a->str), s);
	a->len = n > 0 ? n - 1 : 0;
}

static __always_inline void rc_log_submit(struct rc_log_record *r)
{
	bpf_ringbuf_submit(r, 0);
}

#define rc_log(level, rule, text)                                              \
	do {                                                                   \
		struct rc_log_record *rc_log_r_ = rc_log_reserve(level, rule, 0); \
		if (rc_log_r_) {                                               \
			rc_log_text(rc_log_r_, text);                          \
			rc_log_submit(rc_log_r_);                              \
		}                                                              \
	} while (0)

#endif
