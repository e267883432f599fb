package main

import (
	"fmt"
	"io"
	"time"

	"github.com/rulec/rulec/runtime/live"
)

func init() {
	commands = append(commands, command{
		name:    "reload",
		summary: "make a live rulec run load its rules again, atomically",
		run:     runReload,
	})
}

func runReload(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("reload", "", stdout, stderr)
	iface := fs.String("iface", "", "interface of the live run (its control socket is /run/rulec/IFACE.sock)")
	control := fs.String("control", "", "control socket of the live run")
	timeout := fs.Duration("timeout", time.Minute, "how long to wait for the reload")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	path := *control
	if path == "" && *iface != "" {
		path = live.ControlPath(*iface)
	}
	if path == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "rulec reload: want --iface IF or --control PATH")
		return 2
	}
	msg, err := live.RequestReload(path, *timeout)
	if err != nil {
		fmt.Fprintf(stderr, "rulec reload: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "reloaded: %s\n", msg)
	return 0
}
