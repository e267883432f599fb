package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/pflag"
)

// newFlags returns a flag set for a subcommand that prints its usage to
// stdout on --help and errors to stderr.
func newFlags(name, argsUsage string, stdout, stderr io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stdout, "Usage: rulec %s [flags] %s\n\nFlags:\n", name, argsUsage)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fs.SetOutput(stderr)
	}
	return fs
}

// parseFlags parses args, returning an exit code when the command should
// stop: 0 after --help, 2 on a usage error.
func parseFlags(fs *pflag.FlagSet, args []string) (int, bool) {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, pflag.ErrHelp):
		return 0, false
	case err != nil:
		fmt.Fprintf(fs.Output(), "rulec: %v\n", err)
		return 2, false
	}
	return 0, true
}
