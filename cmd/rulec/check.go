package main

import (
	"fmt"
	"io"

	"github.com/rulec/rulec/compiler"
	"github.com/rulec/rulec/compiler/vars"
)

func init() {
	commands = append(commands, command{
		name:    "check",
		summary: "parse, resolve and check rule files and folders",
		run:     runCheck,
	})
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", "PATH...", stdout, stderr)
	varsFile := fs.String("vars", "", "suricata.yaml-style file with vars: address-groups and port-groups")
	strict := fs.Bool("strict", false, "also fail when rules use unsupported keywords")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "rulec check: no rule files or folders given")
		return 2
	}
	opts := compiler.Options{Vars: vars.Defaults()}
	if *varsFile != "" {
		v, err := vars.LoadFile(*varsFile)
		if err != nil {
			fmt.Fprintf(stderr, "rulec check: %v\n", err)
			return 2
		}
		opts.Vars = v
	}
	res, err := compiler.Compile(fs.Args(), opts)
	if err != nil {
		fmt.Fprintf(stderr, "rulec check: %v\n", err)
		return 2
	}
	res.WriteReport(stdout)
	t := res.Tally
	if t.Errors > 0 || (*strict && t.Unsupported > 0) {
		return 1
	}
	return 0
}
