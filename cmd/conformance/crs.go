package main

import (
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/rulec/rulec/internal/ftw"
)

func init() { suites["crs"] = runCRS }

// runCRS runs go-ftw tests: conformance crs --rules DIR --setup FILE
// [--overrides FILE] TESTDIR...
func runCRS(args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("crs", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	rules := fs.String("rules", "", "folder (or file) of SecLang rules, such as CRS's rules/")
	setup := fs.String("setup", "", "setup file read before the rules, such as crs-setup.conf.example")
	overrides := fs.String("overrides", "", "go-ftw platform override file (meta/*-overrides.yaml) to apply")
	if err := fs.Parse(args); err != nil || *rules == "" || *setup == "" || fs.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: conformance crs --rules DIR --setup FILE [--overrides FILE] TESTDIR...")
		return 2
	}
	w, err := ftw.Compile(*setup, []string{*rules}, ftw.CRSConfig())
	if err != nil {
		fmt.Fprintf(stderr, "crs: %v\n", err)
		return 2
	}
	r := &ftw.Runner{WAF: w}
	if *overrides != "" {
		if r.Overrides, err = ftw.LoadOverrides(*overrides); err != nil {
			fmt.Fprintf(stderr, "crs: %v\n", err)
			return 2
		}
	}
	paths, err := ftw.Files(fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "crs: %v\n", err)
		return 2
	}
	var files []*ftw.File
	for _, p := range paths {
		f, err := ftw.Load(p)
		if err != nil {
			fmt.Fprintf(stderr, "crs: %v\n", err)
			return 2
		}
		files = append(files, f)
	}
	passed, failed := 0, 0
	for _, res := range r.Run(files) {
		if !res.Passed {
			failed++
			fmt.Fprintf(stdout, "FAIL %s: %s\n", res.Name, res.Reason)
			continue
		}
		passed++
	}
	fmt.Fprintf(stdout, "crs: %d passed, %d failed\n", passed, failed)
	if failed > 0 {
		return 1
	}
	return 0
}
