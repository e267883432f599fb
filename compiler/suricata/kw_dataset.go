package suricata

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// dataset:cmd,name,type T[,load FILE][,state FILE][,save FILE]
// [,match subdomain][,format csv|ndjson][,value_key K][,memcap M]
// [,hashsize N][,context_key K] tests the sticky buffer against a named
// set, its initial values loaded as Suricata loads them (string values
// base64 per line, md5/sha256 hex, ipv4 and ip as addresses; ndjson: one
// object per line, the value under value_key). Files are relative to the
// rule file's folder.
func init() {
	register("dataset", valueRequired, func(b *builder, o *syntax.Option) error {
		parts := strings.Split(o.Value, ",")
		if len(parts) < 2 {
			return badValue("dataset, want cmd,name,options", o.Value)
		}
		d := &ir.Dataset{Buffer: b.buf, Cmd: strings.TrimSpace(parts[0]), Name: strings.TrimSpace(parts[1])}
		if !slices.Contains([]string{"set", "isset", "isnotset", "unset"}, d.Cmd) {
			return badValue("dataset command", d.Cmd)
		}
		if d.Name == "" || strings.Contains(d.Name, "..") {
			return badValue("dataset name", d.Name)
		}
		var load, format, valueKey string
		for _, p := range parts[2:] {
			k, v, _ := strings.Cut(strings.TrimSpace(p), " ")
			v = strings.TrimSpace(v)
			switch k {
			case "type":
				d.Type = v
			case "load":
				load = v
			case "state":
				load, d.Save = v, v
			case "save":
				d.Save = v
			case "match":
				if v != "subdomain" {
					return badValue("dataset match", v)
				}
				d.Subdomain = true
			case "format":
				format = v
			case "value_key":
				valueKey = v
			case "memcap":
				n, err := sizeValue(v)
				if err != nil {
					return err
				}
				d.Memcap = n
			case "hashsize", "context_key", "enrichment_key":
			default:
				return badValue("dataset option", k)
			}
		}
		if !slices.Contains([]string{"string", "md5", "sha256", "ipv4", "ip"}, d.Type) {
			return badValue("dataset type, want string, md5, sha256, ipv4 or ip", d.Type)
		}
		if d.Save != "" && b.datasets.DenyWrite {
			return fmt.Errorf("dataset %s: %w", d.Name, diag.Engine(diag.ErrConflict, "Rules containing save/state datasets have been disabled"))
		}
		dir := filepath.Dir(b.rule.Pos.File)
		for _, f := range []*string{&load, &d.Save} {
			if *f == "" {
				continue
			}
			switch {
			case f == &d.Save && filepath.IsAbs(*f) && !b.datasets.AllowAbsolute:
				return fmt.Errorf("dataset %s: %w", d.Name, diag.Engine(diag.ErrBadValue, "Absolute paths not allowed: %s", *f))
			case strings.Contains(*f, ".."):
				return fmt.Errorf("dataset %s: %w", d.Name, diag.Engine(diag.ErrBadValue, "Directory traversals not allowed: %s", *f))
			}
			if !filepath.IsAbs(*f) {
				*f = filepath.Join(dir, *f)
			}
		}
		if load != "" {
			vals, err := loadDataset(load, d.Type, format, valueKey)
			if err != nil && !(os.IsNotExist(err) && d.Save == load) {
				return fmt.Errorf("dataset %s: %w", d.Name, err)
			}
			d.Values = vals
		}
		if n := ir.DatasetBytes(d.Values); n > d.MemcapOrDefault() {
			return fmt.Errorf("dataset %s: %d bytes loaded, past its memcap of %d: %w", d.Name, n, d.MemcapOrDefault(), diag.ErrLimit)
		}
		b.add(d)
		return nil
	})
}

// loadDataset reads a dataset file into decoded values.
func loadDataset(path, typ, format, valueKey string) ([]string, error) {
	var vals []string
	err := eachDataLine(path, func(n int, line string) error {
		raw := line
		if format == "ndjson" {
			var obj map[string]any
			if err := json.Unmarshal([]byte(line), &obj); err != nil {
				return fmt.Errorf("%s:%d: %v: %w", path, n, err, diag.ErrBadValue)
			}
			s, _ := obj[valueKey].(string)
			raw = s
		} else if i := strings.IndexByte(line, ','); i >= 0 {
			raw = line[:i] // a datarep value's reputation follows
		}
		v, err := datasetValue(raw, typ, format == "ndjson")
		if err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
		vals = append(vals, v)
		return nil
	})
	return vals, err
}

// datasetValue decodes one value as the set's type stores it.
func datasetValue(s, typ string, plain bool) (string, error) {
	switch typ {
	case "string":
		if plain {
			return s, nil
		}
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return "", fmt.Errorf("string value %q is not base64: %w", s, diag.ErrBadValue)
		}
		return string(b), nil
	case "md5", "sha256":
		b, err := hex.DecodeString(s)
		if err != nil || (typ == "md5" && len(b) != 16) || (typ == "sha256" && len(b) != 32) {
			return "", fmt.Errorf("%s value %q: %w", typ, s, diag.ErrBadValue)
		}
		return string(b), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil || (typ == "ipv4" && !a.Is4()) {
		return "", fmt.Errorf("%s value %q: %w", typ, s, diag.ErrBadValue)
	}
	if typ == "ipv4" {
		b := a.As4()
		return string(b[:]), nil
	}
	b := a.As16()
	return string(b[:]), nil
}
