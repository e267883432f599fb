package sideconf

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/compiler/vars"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// Directive is one line of threshold.config.
type Directive struct {
	Pos      diag.Pos
	Kind     string // threshold, event_filter, rate_filter, suppress
	GID, SID uint64
	// Limit is the setting of threshold, event_filter and rate_filter.
	Limit ir.Threshold
	// Suppress is the track and addresses of a suppress; its Track is ""
	// when the suppress has none (every alert of the rule).
	Suppress ir.Suppress
}

// item is one comma-separated "key value" of a directive, with the
// offset of its first character in the line.
type item struct {
	key, val string
	off      int
}

// ParseThreshold reads threshold.config. Suppress addresses may name
// variables, resolved by res.
func ParseThreshold(file string, src []byte, res *vars.Resolver) ([]Directive, *diag.List) {
	var out []Directive
	ds := &diag.List{}
	for _, l := range lines(file, src) {
		d, err := parseDirective(l, res)
		if err != nil {
			ds.Add(err)
			continue
		}
		out = append(out, d)
	}
	return out, ds
}

func parseDirective(l line, res *vars.Resolver) (Directive, *diag.Diagnostic) {
	d := Directive{Pos: l.at(leading(l.text))}
	items := splitItems(l.text)
	first := items[0]
	kind, gidText := first.key, first.val
	switch kind {
	case "threshold", "event_filter", "rate_filter", "suppress":
		d.Kind = kind
	default:
		return d, diag.Errorf(d.Pos, diag.ErrSyntax, "unknown directive %q, want suppress, threshold, event_filter or rate_filter", kind)
	}
	gidItem := item{off: first.off + strings.Index(l.text[first.off:], gidText)}
	gidItem.key, gidItem.val = keyValue(gidText)
	items[0] = gidItem
	want := map[string][]string{
		"threshold":    {"gen_id", "sig_id", "type", "track", "count", "seconds"},
		"event_filter": {"gen_id", "sig_id", "type", "track", "count", "seconds"},
		"rate_filter":  {"gen_id", "sig_id", "track", "count", "seconds", "new_action", "timeout"},
		"suppress":     {"gen_id", "sig_id", "track", "ip"},
	}[kind]
	if kind == "suppress" && len(items) == 2 {
		want = want[:2]
	}
	if len(items) != len(want) {
		return d, diag.Errorf(d.Pos, diag.ErrSyntax, "%s takes %s", kind, strings.Join(want, ", "))
	}
	d.Limit.Kind = kind
	if kind == "rate_filter" {
		d.Limit.NewAction = ir.ActAlert
	}
	for i, it := range items {
		pos := l.at(it.off)
		if it.key != want[i] {
			return d, diag.Errorf(pos, diag.ErrSyntax, "want %s, got %q", want[i], it.key)
		}
		if err := d.set(it, res); err != nil {
			return d, &diag.Diagnostic{Pos: pos, Err: err}
		}
	}
	if d.SID > 0 && d.GID == 0 {
		return d, diag.Errorf(d.Pos, diag.ErrBadValue, "sig_id %d with gen_id 0", d.SID)
	}
	return d, nil
}

// set applies one item to d.
func (d *Directive) set(it item, res *vars.Resolver) error {
	num := func(lo uint64) (uint64, error) {
		n, err := strconv.ParseUint(it.val, 10, 32)
		if err != nil || n < lo {
			return 0, fmt.Errorf("%s %q, want %d..%d: %w", it.key, it.val, lo, math.MaxUint32, diag.ErrBadValue)
		}
		return n, nil
	}
	var err error
	var n uint64
	switch it.key {
	case "gen_id":
		d.GID, err = num(0)
	case "sig_id":
		d.SID, err = num(0)
	case "count":
		n, err = num(1)
		d.Limit.Count = int(n)
	case "seconds":
		n, err = num(0)
		d.Limit.Seconds = int(n)
	case "timeout":
		n, err = num(0)
		d.Limit.Timeout = int(n)
	case "type":
		if it.val != "limit" && it.val != "both" && it.val != "threshold" {
			return fmt.Errorf("type %q, want limit, both or threshold: %w", it.val, diag.ErrBadValue)
		}
		d.Limit.Kind = it.val
	case "track":
		ok := []string{"by_src", "by_dst", "by_both", "by_rule", "by_flow"}
		if d.Kind == "suppress" {
			ok = []string{"by_src", "by_dst", "by_either"}
		}
		if !slices.Contains(ok, it.val) {
			return fmt.Errorf("track %q, want one of %s: %w", it.val, strings.Join(ok, ", "), diag.ErrBadValue)
		}
		d.Limit.Track, d.Suppress.Track = it.val, it.val
	case "new_action":
		switch it.val {
		case "alert", "drop", "pass", "reject":
			d.Limit.NewAction = ir.Action(it.val)
		case "log", "sdrop":
			return fmt.Errorf("new_action %s (Suricata does not implement it either) %w", it.val, diag.ErrUnsupported)
		default:
			return fmt.Errorf("new_action %q, want alert, drop, pass or reject: %w", it.val, diag.ErrBadValue)
		}
	case "ip":
		expr, perr := syntax.ParseAddr(it.val)
		if perr != nil {
			return fmt.Errorf("ip %q: %w", it.val, perr)
		}
		d.Suppress.Addrs, err = res.Addr(expr)
		if err != nil {
			err = fmt.Errorf("ip %q: %w", it.val, err)
		}
	}
	return err
}

// splitItems splits a line at the commas outside brackets; each item is
// its first word and the rest.
func splitItems(s string) []item {
	var out []item
	depth, start := 0, 0
	add := func(end int) {
		raw := s[start:end]
		off := start + leading(raw)
		key, val := keyValue(raw)
		out = append(out, item{key: key, val: val, off: off})
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[':
			depth++
		case ']':
			depth--
		case ',':
			if depth == 0 {
				add(i)
				start = i + 1
			}
		}
	}
	add(len(s))
	return out
}

// keyValue splits s into its first word and the trimmed rest.
func keyValue(s string) (string, string) {
	s = strings.TrimSpace(s)
	i := strings.IndexAny(s, " \t")
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i:])
}
