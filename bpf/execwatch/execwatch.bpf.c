//go:build ignore

// SPDX-License-Identifier: GPL-2.0
/* Exec watcher: on every execution (sched/sched_process_exec), take the
 * basename of the executed path and, when it is in ew_runtimes, send an
 * exec_event to userspace, which confirms from /proc that the process
 * really is a container runtime. The same handler runs from the
 * tracepoint, which needs tracefs to attach, and from the raw
 * tracepoint, which does not. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#include "execwatch.h"
#include "../log.h"

char LICENSE[] SEC("license") = "GPL";

/* The kernel types read, reduced to the fields used; CO-RE takes their
 * offsets from the running kernel's BTF. */
struct task_struct {
	int pid;
	int tgid;
	struct task_struct *real_parent;
} __attribute__((preserve_access_index));

struct linux_binprm {
	const char *filename;
} __attribute__((preserve_access_index));

struct trace_event_raw_sched_process_exec {
	__u32 __data_loc_filename; /* offset of the string in the low 16 bits */
	int pid;
	int old_pid;
} __attribute__((preserve_access_index));

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024); /* loader */
} ew_events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, struct runtime_name);
	__type(value, __u8);
	__uint(max_entries, 1); /* loader */
} ew_runtimes SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, enum counter);
	__type(value, __u64);
	__uint(max_entries, C_MAX);
} ew_counters SEC(".maps");

/* The event under construction: too large for the stack. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, struct exec_event);
	__uint(max_entries, 1);
} ew_scratch SEC(".maps");

static __always_inline void count(enum counter c)
{
	__u64 *v = bpf_map_lookup_elem(&ew_counters, &c);

	if (v)
		*v += 1;
}

struct base_ctx {
	const char *path;
	__u32 len;
	__u32 base; /* index after the last '/' */
};

static long find_base(__u32 i, struct base_ctx *c)
{
	if (i >= c->len)
		return 1;
	if (c->path[i & (FILENAME_LEN - 1)] == '/')
		c->base = i + 1;
	return 0;
}

static __always_inline int on_exec(const char *filename, __u32 pid, __u32 old_pid)
{
	struct runtime_name key = {};
	struct rc_log_record *r;
	struct exec_event *e;
	__u32 zero = 0, blen;
	long n;

	e = bpf_map_lookup_elem(&ew_scratch, &zero);
	if (!e)
		return 0;
	count(C_EXECS);
	__builtin_memset(e, 0, sizeof(*e));
	n = bpf_probe_read_kernel_str(e->filename, FILENAME_LEN, filename);
	if (n <= 0) {
		count(C_ERRORS);
		r = rc_log_reserve(RC_LOG_ERROR, RC_LOG_NO_RULE, 0);
		if (r) {
			rc_log_text(r, "exec: unreadable filename");
			rc_log_u64(r, 0, pid);
			rc_log_submit(r);
		}
		return 0;
	}
	if (n >= FILENAME_LEN) {
		count(C_TRUNCATED);
		r = rc_log_reserve(RC_LOG_DEBUG, RC_LOG_NO_RULE, 0);
		if (r) {
			rc_log_text(r, "exec: path too long");
			rc_log_u64(r, 0, pid);
			rc_log_submit(r);
		}
		return 0;
	}
	struct base_ctx b = {.path = e->filename, .len = n - 1};
	bpf_loop(FILENAME_LEN, find_base, &b, 0);
	const char *base = &e->filename[b.base & (FILENAME_LEN - 1)];

	r = rc_log_reserve(RC_LOG_DEBUG, RC_LOG_NO_RULE, 0);
	if (r) {
		rc_log_text(r, "exec");
		rc_log_u64(r, 0, pid);
		rc_log_str(r, 1, base);
		rc_log_submit(r);
	}
	blen = b.len - b.base;
	if (blen == 0 || blen >= RUNTIME_NAME_LEN)
		return 0;
	for (__u32 i = 0; i < RUNTIME_NAME_LEN - 1; i++)
		if (i < blen)
			key.name[i] = e->filename[(b.base + i) & (FILENAME_LEN - 1)];
	if (!bpf_map_lookup_elem(&ew_runtimes, &key))
		return 0;
	count(C_MATCHED);

	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	__u64 uid_gid = bpf_get_current_uid_gid();

	e->ts_ns = bpf_ktime_get_ns();
	e->pid = pid;
	e->old_pid = old_pid;
	e->tgid = bpf_get_current_pid_tgid() >> 32;
	e->ppid = BPF_CORE_READ(task, real_parent, tgid);
	e->uid = uid_gid;
	e->gid = uid_gid >> 32;
	e->filename_len = n - 1;
	e->runtime = key;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	if (bpf_ringbuf_output(&ew_events, e, sizeof(*e), 0)) {
		count(C_LOST);
		r = rc_log_reserve(RC_LOG_WARN, RC_LOG_NO_RULE, 0);
		if (r) {
			rc_log_text(r, "exec event lost: ring full");
			rc_log_u64(r, 0, pid);
			rc_log_str(r, 1, key.name);
			rc_log_submit(r);
		}
		return 0;
	}
	r = rc_log_reserve(RC_LOG_INFO, RC_LOG_NO_RULE, 0);
	if (r) {
		rc_log_text(r, "runtime exec");
		rc_log_u64(r, 0, pid);
		rc_log_str(r, 1, key.name);
		rc_log_u64(r, 2, e->ppid);
		rc_log_submit(r);
	}
	return 0;
}

SEC("tracepoint/sched/sched_process_exec")
int ew_tracepoint(struct trace_event_raw_sched_process_exec *ctx)
{
	__u32 loc = ctx->__data_loc_filename;

	return on_exec((const char *)ctx + (loc & 0xffff), ctx->pid, ctx->old_pid);
}

SEC("raw_tp/sched_process_exec")
int ew_raw_tracepoint(struct bpf_raw_tracepoint_args *ctx)
{
	struct task_struct *p = (struct task_struct *)ctx->args[0];
	struct linux_binprm *bprm = (struct linux_binprm *)ctx->args[2];

	return on_exec(BPF_CORE_READ(bprm, filename), BPF_CORE_READ(p, pid), ctx->args[1]);
}
