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
	res.Diags.Sort()
	for _, d := range res.Diags.Items {
		fmt.Fprintln(stdout, d)
	}
	if res.Diags.Dropped > 0 {
		fmt.Fprintf(stdout, "(%d more diagnostics not shown)\n", res.Diags.Dropped)
	}
	t := res.Tally
	fmt.Fprintf(stdout, "checked %d rules: %d errors, %d unsupported\n", t.Rules, t.Errors, t.Unsupported)
	if t.Errors > 0 || (*strict && t.Unsupported > 0) {
		return 1
	}
	return 0
}
