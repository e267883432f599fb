/* Layouts shared by the exec watcher and its loader (runtime/execwatch).
 * Every type here is exported to Go by bpf2go. */
#ifndef EXECWATCH_H
#define EXECWATCH_H

#include <linux/types.h>

#define COMM_LEN 16
#define FILENAME_LEN 256 /* a power of two: indexes are masked with it */
#define RUNTIME_NAME_LEN 32

/* A key of ew_runtimes: an executable basename, NUL-padded. */
struct runtime_name {
	char name[RUNTIME_NAME_LEN];
};

enum exec_flags {
	EXEC_FILENAME_TRUNCATED = 1, /* the path filled filename: not matched */
};

/* Ring buffer record of an execution whose basename is in ew_runtimes. */
struct exec_event {
	__u64 ts_ns;  /* bpf_ktime_get_ns() */
	__u32 pid;    /* the tracepoint's pid: the task after exec */
	__u32 old_pid; /* the thread that called execve */
	__u32 tgid;
	__u32 ppid;   /* real parent's tgid */
	__u32 uid;
	__u32 gid;
	enum exec_flags flags;
	__u32 filename_len; /* bytes before the NUL */
	char comm[COMM_LEN];
	char filename[FILENAME_LEN];
	struct runtime_name runtime; /* the basename that matched */
};

/* Keys of ew_counters. */
enum counter {
	C_EXECS,     /* executions seen */
	C_MATCHED,   /* ... whose basename is a runtime name */
	C_LOST,      /* matched but the event ring was full */
	C_TRUNCATED, /* paths of FILENAME_LEN bytes or more */
	C_ERRORS,    /* reads of the filename that failed */
	C_MAX,
};

#endif
