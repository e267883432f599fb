// Package execwatch reports executions of container runtimes (runc,
// crun, youki, runsc, containerd shims, conmon, ...) with the container
// they work on, as Events and as EVE "process" records (Event.EVE).
//
// The BPF program of bpf/execwatch runs on every execution
// (sched/sched_process_exec: the tracepoint where tracefs is mounted,
// else the raw tracepoint) and keeps those whose executed path has a
// basename in the watched set (Options.Runtimes, a map userspace fills).
// A name is not proof, so each of them is confirmed from /proc/PID, read
// while the process still runs, by this rule:
//
//  1. /proc/PID/exe resolves to a path whose basename, without the
//     " (deleted)" suffix of unlinked files, is a watched name; it is the
//     reported runtime. A script named runc fails here (its exe is the
//     interpreter), and so does a symlink named runc to another program.
//  2. The file /proc/PID/exe opens is a regular file with a valid ELF
//     header of type ET_EXEC or ET_DYN.
//  3. /proc/PID/cmdline has the shape of the runtime's family, below.
//
// The command line shapes, after argv[0]:
//
//   - OCI runtimes (any name not below): RUNTIME [options] COMMAND ...,
//     where COMMAND is one of create, run, start, delete, state, pause,
//     resume, events, update, checkpoint, restore, exec, kill, ps, init,
//     list, spec, features. Before it, every argument is an option ("-x",
//     "--x", "--x=v") or the value of the option just before it (an option
//     known to take a value such as --root or --log, or any option without
//     "=v" when the argument is not a command name). The commands that act
//     on a container must name one: the last positional argument for
//     create, run, start, delete, state, pause, resume, events, update,
//     checkpoint and restore; the first for exec, kill and ps.
//   - containerd shims (names containing "containerd-shim-"): Go flags
//     with both -namespace and -id set, then nothing, "start" or "delete".
//   - conmon: --cid (-c), --runtime (-r) and --bundle (-b) all set.
//
// A process that fails 1-3 is rejected (Stats.Rejected, an info record
// on Logs); one whose /proc entries cannot be read, usually because it
// already exited, is unconfirmed (Stats.Unconfirmed, a debug record).
//
// The container: its id is the shim's -id, conmon's --cid or the OCI
// command's container argument as above, else the bundle directory's name. The
// bundle is the --bundle/-b value (relative to the process's working
// directory), else the working directory when it holds a config.json;
// config.json gives the hostname and annotations. Paths are read through
// /proc/PID/root, so they are the process's own.
//
// The program also logs through bpf/log.h: a debug record per execution
// ("exec", pid, basename) and an info record per runtime execution sent
// to userspace ("runtime exec", pid, runtime, ppid); Logs delivers them,
// decoded by runtime/bpflog.
package execwatch
