package main

import (
	"fmt"
	"io"

	"github.com/rulec/rulec/compiler/kwstatus"
)

func init() {
	commands = append(commands, command{
		name:    "keywords",
		summary: "list every Suricata 8 keyword with where it runs in rulec, or why it does not",
		run: func(args []string, stdout, stderr io.Writer) int {
			fs := newFlags("keywords", "", stdout, stderr)
			status := fs.String("status", "", "only keywords of this status: kernel, userspace, meta or unsupported")
			if code, ok := parseFlags(fs, args); !ok {
				return code
			}
			if err := kwstatus.Write(stdout, kwstatus.Table(), *status); err != nil {
				fmt.Fprintf(stderr, "rulec keywords: %v\n", err)
				return 1
			}
			return 0
		},
	})
}
