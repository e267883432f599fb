package suricata

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// datarep:name,op,value,type T[,load FILE][,memcap M][,hashsize N] tests
// the sticky buffer's value's reputation, as Suricata 8 does: op is >, <
// or ==, value 0..65535; the file has "value,reputation" lines, values
// encoded as for dataset. Files are relative to the rule file's folder.
func init() {
	register("datarep", valueRequired, func(b *builder, o *syntax.Option) error {
		if b.buf.Name == ir.BufPayload {
			return fmt.Errorf("datarep is only supported for sticky buffers: %w", diag.ErrMissing)
		}
		parts := strings.Split(o.Value, ",")
		if len(parts) < 4 {
			return badValue("datarep, want name,op,value,type T[,load FILE]", o.Value)
		}
		d := &ir.Datarep{Buffer: b.buf, Name: strings.TrimSpace(parts[0]), Op: strings.TrimSpace(parts[1])}
		if d.Name == "" || strings.Contains(d.Name, "..") || strings.ContainsAny(d.Name, " \t") {
			return badValue("datarep name", d.Name)
		}
		if !slices.Contains([]string{">", "<", "=="}, d.Op) {
			return badValue("datarep operation, want >, < or ==", d.Op)
		}
		v, err := strconv.ParseUint(strings.TrimSpace(parts[2]), 10, 16)
		if err != nil {
			return badValue("datarep value, want 0..65535", parts[2])
		}
		d.Value = uint16(v)
		load := ""
		for _, p := range parts[3:] {
			k, val, _ := strings.Cut(strings.TrimSpace(p), " ")
			val = strings.TrimSpace(val)
			switch k {
			case "type":
				d.Type = val
				if val == "ipv6" {
					d.Type = "ip"
				}
			case "load":
				load = val
			case "memcap", "hashsize":
			default:
				return badValue("datarep option", k)
			}
		}
		if !slices.Contains([]string{"string", "md5", "sha256", "ipv4", "ip"}, d.Type) {
			return badValue("datarep type, want string, md5, sha256, ipv4 or ip", d.Type)
		}
		if load != "" {
			if strings.Contains(load, "..") {
				return fmt.Errorf("datarep %s: directory traversals not allowed: %s: %w", d.Name, load, diag.ErrBadValue)
			}
			if !filepath.IsAbs(load) {
				load = filepath.Join(filepath.Dir(b.rule.Pos.File), load)
			}
			if d.Values, d.Reps, err = loadDatarep(load, d.Type); err != nil {
				return fmt.Errorf("datarep %s: %w", d.Name, err)
			}
		}
		b.add(d)
		return nil
	})
}

// loadDatarep reads "value,reputation" lines into decoded values and
// their reputations.
func loadDatarep(path, typ string) ([]string, []uint16, error) {
	var vals []string
	var reps []uint16
	err := eachDataLine(path, func(n int, line string) error {
		i := strings.LastIndexByte(line, ',')
		if i < 0 {
			return fmt.Errorf("%s:%d: want value,reputation: %w", path, n, diag.ErrBadValue)
		}
		rep, err := strconv.ParseUint(strings.TrimSpace(line[i+1:]), 10, 16)
		if err != nil {
			return fmt.Errorf("%s:%d: reputation %q, want 0..65535: %w", path, n, line[i+1:], diag.ErrBadValue)
		}
		v, err := datasetValue(strings.TrimSpace(line[:i]), typ, false)
		if err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
		vals, reps = append(vals, v), append(reps, uint16(rep))
		return nil
	})
	return vals, reps, err
}
