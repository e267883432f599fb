package main

import (
	"fmt"
	"io"

	"github.com/rulec/rulec/compiler"
	"github.com/rulec/rulec/compiler/sideconf"
	"github.com/rulec/rulec/compiler/vars"
)

// compileRules loads variables and compiles paths, reporting failures to
// stderr as the named command; a nil result comes with the exit code.
func compileRules(cmd string, paths []string, varsFile string, side sideconf.Paths, stderr io.Writer) (*compiler.Result, int) {
	opts := compiler.Options{Vars: vars.Defaults()}
	if varsFile != "" {
		v, err := vars.LoadFile(varsFile)
		if err != nil {
			fmt.Fprintf(stderr, "rulec %s: %v\n", cmd, err)
			return nil, 2
		}
		opts.Vars = v
	}
	files, err := loadSideFiles(side, varsFile, opts.Vars)
	if err != nil {
		fmt.Fprintf(stderr, "rulec %s: %v\n", cmd, err)
		return nil, 2
	}
	opts.Side = files
	res, err := compiler.Compile(paths, opts)
	if err != nil {
		fmt.Fprintf(stderr, "rulec %s: %v\n", cmd, err)
		return nil, 2
	}
	return res, 0
}
