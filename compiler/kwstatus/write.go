package kwstatus

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// Write prints the table, only the keywords of status when it is not
// empty, and the count of each status.
func Write(w io.Writer, table []Status, status string) error {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "KEYWORD\tSTATUS\tNOTE")
	counts := map[string]int{}
	for _, k := range table {
		counts[k.Status]++
		if status == "" || status == k.Status {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", k.Name, k.Status, k.Note)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "%d kernel, %d userspace, %d meta, %d unsupported\n",
		counts[Kernel], counts[Userspace], counts[Meta], counts[Unsupported])
	return err
}
