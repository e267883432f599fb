package main

import (
	"fmt"
	"io"
	"os"
	"sort"
)

// suites is filled by one file per suite.
var suites = map[string]func(args []string, stdout, stderr io.Writer) int{}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || suites[args[0]] == nil {
		names := make([]string, 0, len(suites))
		for n := range suites {
			names = append(names, n)
		}
		sort.Strings(names)
		fmt.Fprintf(stderr, "usage: conformance SUITE [flags] DIR...\nsuites: %v\n", names)
		return 2
	}
	return suites[args[0]](args[1:], stdout, stderr)
}
