package main

import (
	"fmt"
	"io"
	"runtime"
)

// version is set at link time with -ldflags "-X main.version=...".
var version = "dev"

func init() {
	commands = append(commands, command{
		name:    "version",
		summary: "print the version",
		run: func(args []string, stdout, stderr io.Writer) int {
			fs := newFlags("version", "", stdout, stderr)
			if code, ok := parseFlags(fs, args); !ok {
				return code
			}
			fmt.Fprintf(stdout, "rulec %s %s/%s %s\n", version, runtime.GOOS, runtime.GOARCH, runtime.Version())
			return 0
		},
	})
}
