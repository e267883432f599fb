package main

import (
	"bufio"
	"fmt"
	"io"

	"github.com/rulec/rulec/codegen/object"
)

func init() {
	commands = append(commands, command{
		name:    "inspect",
		summary: "print a compiled object in canonical text form",
		run: func(args []string, stdout, stderr io.Writer) int {
			fs := newFlags("inspect", "OBJECT.rco", stdout, stderr)
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
			if err := w.Flush(); err != nil {
				fmt.Fprintf(stderr, "rulec inspect: %v\n", err)
				return 1
			}
			return 0
		},
	})
}
