package main

import (
	"bufio"
	"fmt"
	"io"

	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/runtime/engine"
	"github.com/rulec/rulec/runtime/flow"
	"github.com/rulec/rulec/runtime/pipeline"
)

func init() {
	commands = append(commands, command{
		name:    "inspect",
		summary: "print a compiled object in canonical text form",
		run: func(args []string, stdout, stderr io.Writer) int {
			fs := newFlags("inspect", "OBJECT.rco", stdout, stderr)
			groups := fs.Bool("groups", false, "then list, by family of userspace rule groups, the rules without a usable literal (confirmed on every unit of their group)")
			if code, ok := parseFlags(fs, args); !ok {
				return code
			}
			if fs.NArg() != 1 {
				fmt.Fprintln(stderr, "rulec inspect: give exactly one object file")
				return 2
			}
			o, err := object.ReadFile(fs.Arg(0))
			if err != nil {
				fmt.Fprintf(stderr, "rulec inspect: %v\n", err)
				return 1
			}
			w := bufio.NewWriter(stdout)
			object.Dump(w, o)
			if *groups {
				if err := writeGroups(w, o); err != nil {
					fmt.Fprintf(stderr, "rulec inspect: %v\n", err)
					return 1
				}
			}
			if err := w.Flush(); err != nil {
				fmt.Fprintf(stderr, "rulec inspect: %v\n", err)
				return 1
			}
			return 0
		},
	})
}

// writeGroups lists the rules every unit of their rule group confirms.
func writeGroups(w io.Writer, o *object.Object) error {
	e, err := pipeline.NewEngine(o, flow.DefaultConfig(), engine.Options{})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "rule groups: rules without a usable literal")
	for _, g := range e.NoLiteral() {
		fmt.Fprintf(w, "  %s: %d rules:", g.Family, len(g.SIDs))
		for _, sid := range g.SIDs {
			fmt.Fprintf(w, " %d", sid)
		}
		fmt.Fprintln(w)
	}
	return nil
}
