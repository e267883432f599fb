package main

import (
	"fmt"
	"io"
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
	verbose := fs.BoolP("verbose", "v", false, "say why each userspace rule is not in the kernel")
	side := addSideFlags(fs)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "rulec check: no rule files or folders given")
		return 2
	}
	res, code := compileRules("check", fs.Args(), *varsFile, *side, stderr)
	if res == nil {
		return code
	}
	if err := checkRuntime(res); err != nil {
		fmt.Fprintf(stderr, "rulec check: %v\n", err)
		return 1
	}
	res.WriteReport(stdout, *verbose)
	t := res.Tally
	if t.Errors > 0 || (*strict && t.Unsupported > 0) {
		return 1
	}
	return 0
}
