package execwatch

import (
	"errors"
	"fmt"
	"strings"
)

// family is how a runtime is invoked.
type family int

const (
	// ociCLI: runc, crun, youki, runsc, ...:
	//	RUNTIME [global options] COMMAND [options] [CONTAINER-ID [args]]
	ociCLI family = iota
	// shim: containerd-shim-*-v2, Go flags:
	//	SHIM -namespace NS -id ID [-bundle DIR] [...] [start|delete]
	shim
	// conmon: conmon --cid ID --runtime PATH --bundle DIR [...]
	conmon
)

func familyOf(runtime string) family {
	switch {
	case strings.Contains(runtime, "containerd-shim-"):
		return shim
	case runtime == "conmon":
		return conmon
	}
	return ociCLI
}

// invocation is what a runtime's arguments say.
type invocation struct {
	command string // OCI: the command; shim: start, delete or "" (serve)
	id      string // container id, "" when the arguments name none
	bundle  string // bundle directory as given, "" when not given
}

// idAt says where an OCI command takes the container id.
type idAt int

const (
	idNone  idAt = iota
	idFirst      // the first positional argument: more may follow
	idLast       // the only positional argument: the last one
)

// ociCommands are the commands of the OCI runtime command line (runc's
// set, which crun, youki and runsc share).
var ociCommands = map[string]idAt{
	"create": idLast, "run": idLast, "start": idLast, "delete": idLast,
	"state": idLast, "pause": idLast, "resume": idLast, "events": idLast,
	"update": idLast, "checkpoint": idLast, "restore": idLast,
	"exec": idFirst, "kill": idFirst, "ps": idFirst,
	"init": idNone, "list": idNone, "spec": idNone, "features": idNone,
}

// ociValueFlags are options of OCI runtimes that take a value in the
// next argument (unless written --flag=value).
var ociValueFlags = setOf(
	"--root", "--log", "--log-format", "--criu", "--rootless", "--cgroup-manager",
	"--bundle", "-b", "--console-socket", "--pid-file", "--preserve-fds", "--pidfd-socket",
	"--cwd", "--env", "-e", "--user", "-u", "--additional-gids", "-g", "--process", "-p",
	"--apparmor", "--process-label", "--cap", "-c", "--format", "-f", "--cgroup",
	"--image-path", "--work-path", "--parent-path", "--page-server", "--manage-cgroups-mode",
	"--empty-ns", "--status-fd", "--lsm-profile", "--lsm-mount-context",
)

var errShape = errors.New("command line")

// parseInvocation checks that args (the command line after argv[0]) have
// the shape of runtime family f and extracts the invocation.
func parseInvocation(f family, args []string) (invocation, error) {
	switch f {
	case shim:
		return parseShim(args)
	case conmon:
		return parseConmon(args)
	}
	return parseOCI(args)
}

// parseOCI: options, then a known command. Before the command, a
// non-option argument is the value of the option before it when that
// option takes one (ociValueFlags) or is unknown and has no "=value";
// otherwise it must be the command. After the command, options stop at
// "--", and positional arguments are those that are not option values.
func parseOCI(args []string) (invocation, error) {
	i, cmd := 0, ""
	for ; i < len(args) && cmd == ""; i++ {
		a := args[i]
		switch {
		case isOption(a):
		case i > 0 && isOption(args[i-1]) && !strings.Contains(args[i-1], "=") && (ociValueFlags[args[i-1]] || !isCommand(a)):
		case isCommand(a):
			cmd = a
		default:
			return invocation{}, fmt.Errorf("%w: %q is neither an option nor a runtime command", errShape, a)
		}
	}
	if cmd == "" {
		return invocation{}, fmt.Errorf("%w: no runtime command", errShape)
	}
	inv := invocation{command: cmd}
	var positional []string
	for j := i; j < len(args); j++ {
		a := args[j]
		switch {
		case a == "--":
			positional = append(positional, args[j+1:]...)
			j = len(args)
		case isOption(a):
			name, value, inline := strings.Cut(a, "=")
			if !inline && ociValueFlags[name] && j+1 < len(args) {
				j++
				value = args[j]
			}
			if name == "--bundle" || name == "-b" {
				inv.bundle = value
			}
		default:
			positional = append(positional, a)
		}
	}
	switch ociCommands[cmd] {
	case idFirst:
		if len(positional) > 0 {
			inv.id = positional[0]
		}
	case idLast:
		if len(positional) > 0 {
			inv.id = positional[len(positional)-1]
		}
	default:
		return inv, nil
	}
	if inv.id == "" {
		return invocation{}, fmt.Errorf("%w: %s without a container id", errShape, cmd)
	}
	return inv, nil
}

func isCommand(a string) bool {
	_, ok := ociCommands[a]
	return ok
}

func isOption(a string) bool { return len(a) > 1 && a[0] == '-' }

// shimBoolFlags are the shim options without a value.
var shimBoolFlags = setOf("debug", "v", "version", "info")

// parseShim: Go flags (-name, --name, with "=value" or the next argument
// as value), then an optional action. Both -namespace and -id are
// required: containerd always passes them.
func parseShim(args []string) (invocation, error) {
	var inv invocation
	flags := map[string]string{}
	i := 0
	for ; i < len(args) && isOption(args[i]) && args[i] != "--"; i++ {
		name, value, inline := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		if !inline && !shimBoolFlags[name] && i+1 < len(args) {
			i++
			value = args[i]
		}
		flags[name] = value
	}
	if i < len(args) && args[i] == "--" {
		i++
	}
	if i < len(args) {
		inv.command = args[i]
		if inv.command != "start" && inv.command != "delete" {
			return invocation{}, fmt.Errorf("%w: unknown shim action %q", errShape, inv.command)
		}
	}
	inv.id, inv.bundle = flags["id"], flags["bundle"]
	if flags["namespace"] == "" || inv.id == "" {
		return invocation{}, fmt.Errorf("%w: a shim without -namespace and -id", errShape)
	}
	return inv, nil
}

// parseConmon looks for conmon's required options --cid (-c), --runtime
// (-r) and --bundle (-b), each with "=value" or the next argument.
func parseConmon(args []string) (invocation, error) {
	long := map[string]string{"-c": "--cid", "-r": "--runtime", "-b": "--bundle"}
	got := map[string]string{}
	for i := 0; i < len(args) && args[i] != "--"; i++ {
		name, value, inline := strings.Cut(args[i], "=")
		if l, ok := long[name]; ok {
			name = l
		}
		switch name {
		case "--cid", "--runtime", "--bundle":
		default:
			continue
		}
		if !inline && i+1 < len(args) {
			i++
			value = args[i]
		}
		got[name] = value
	}
	if got["--cid"] == "" || got["--runtime"] == "" || got["--bundle"] == "" {
		return invocation{}, fmt.Errorf("%w: conmon without --cid, --runtime and --bundle", errShape)
	}
	return invocation{id: got["--cid"], bundle: got["--bundle"]}, nil
}

func setOf(s ...string) map[string]bool {
	m := make(map[string]bool, len(s))
	for _, v := range s {
		m[v] = true
	}
	return m
}
