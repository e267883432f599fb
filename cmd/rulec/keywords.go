package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/rulec/rulec/compiler/suricata"
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
			tw := tabwriter.NewWriter(stdout, 0, 8, 2, ' ', 0)
			fmt.Fprintln(tw, "KEYWORD\tSTATUS\tNOTE")
			counts := map[string]int{}
			for _, k := range suricata.KeywordTable() {
				counts[k.Status]++
				if *status == "" || *status == k.Status {
					fmt.Fprintf(tw, "%s\t%s\t%s\n", k.Name, k.Status, k.Note)
				}
			}
			tw.Flush()
			fmt.Fprintf(stdout, "%d kernel, %d userspace, %d meta, %d unsupported\n",
				counts["kernel"], counts["userspace"], counts["meta"], counts["unsupported"])
			return 0
		},
	})
}
