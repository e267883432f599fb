package main

import (
	"fmt"
	"io"

	"github.com/rulec/rulec/runtime/live"
)

func init() {
	commands = append(commands, command{
		name:    "unpin",
		summary: "remove what a pinned live run left on an interface, detaching its classifier",
		run:     runUnpin,
	})
}

func runUnpin(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("unpin", "", stdout, stderr)
	iface := fs.String("iface", "", "interface of the pinned run")
	dir := fs.String("pin-dir", "", "bpffs folder of the pinned run (default /sys/fs/bpf/rulec/IFACE)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	path := *dir
	if path == "" && *iface != "" {
		path = live.DefaultPinDir(*iface)
	}
	if path == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "rulec unpin: want --iface IF or --pin-dir DIR")
		return 2
	}
	if err := live.Unpin(path); err != nil {
		fmt.Fprintf(stderr, "rulec unpin: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "unpinned %s\n", path)
	return 0
}
