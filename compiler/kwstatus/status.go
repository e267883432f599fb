package kwstatus

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"slices"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/compiler/lower"
	"github.com/rulec/rulec/compiler/suricata"
	"github.com/rulec/rulec/compiler/vars"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// Statuses of a keyword.
const (
	Kernel      = "kernel"
	Userspace   = "userspace"
	Meta        = "meta"
	Unsupported = "unsupported"
)

// Status says where a keyword runs in rulec, or why it does not.
type Status struct {
	Name   string
	Status string // Kernel, Userspace, Meta or Unsupported
	Note   string // the minimal rule's tier decision, or why unsupported
}

// Table lists every Suricata 8 keyword and alias and every keyword rulec
// registers, sorted by name.
func Table() []Status {
	names := slices.Concat(suricata8, suricata8Aliases, suricata.Keywords())
	slices.Sort(names)
	names = slices.Compact(names)
	registered := suricata.Keywords()
	c := suricata.New(vars.Defaults())
	out := make([]Status, 0, len(names))
	for _, n := range names {
		if _, ok := slices.BinarySearch(registered, n); ok {
			out = append(out, supported(c, n))
		} else {
			out = append(out, Status{n, Unsupported, unsupportedReason(n)})
		}
	}
	return out
}

// protos are the rule protocols a keyword's minimal rule is tried with,
// the single-packet ones first (those the kernel tier may take).
var protos = []string{"udp", "icmp", "ip", "tcp", "http", "dns", "tls"}

// values are the generic values tried: none, a number, a string, a word.
var values = []string{`:"a"`, ":1", ":a", ""}

// supported compiles minimal rules using name and reports the best tier
// one of them gets: kernel if any, else userspace with its reason; meta
// when no rule using the keyword detects differently from the same rule
// without it.
func supported(c *suricata.Compiler, name string) Status {
	var user, kernelBase *Status
	changed, unchanged := false, false
	var refused error
	for _, cand := range candidates(name) {
		for _, proto := range protos {
			text := cand.before + cand.opt + cand.after
			r, err := compile(c, proto, text)
			if r == nil {
				if refused == nil || (errors.Is(err, diag.ErrUnsupported) && !errors.Is(refused, diag.ErrUnsupported)) {
					refused = err
				}
				continue
			}
			d := lower.Decide(r)
			note := fmt.Sprintf("kernel for e.g. alert %s ... (%s)", proto, strings.TrimSpace(text))
			if base, _ := compile(c, proto, cand.before+cand.after); base != nil && sameDetection(r, base) {
				unchanged = true
				if d.Tier == lower.Kernel && cand.after != "" && kernelBase == nil {
					kernelBase = &Status{name, Kernel, note}
				}
				continue
			}
			changed = true
			if d.Tier == lower.Kernel {
				return Status{name, Kernel, note}
			}
			if user == nil {
				user = &Status{name, Userspace, d.Reason}
			}
		}
	}
	switch {
	case changed && kernelBase != nil:
		return *kernelBase
	case user != nil:
		return *user
	case unchanged:
		return Status{name, Meta, "rule metadata: does not change what matches"}
	case errors.Is(refused, fs.ErrNotExist):
		// a keyword reading a side file (a hash list) the minimal rule has not
		return Status{name, Userspace, "runs in the userspace matcher, with the file it names"}
	}
	return Status{name, Unsupported, refused.Error()}
}

// candidate is a keyword option with options before and after it.
type candidate struct{ before, opt, after string }

// contexts are what a keyword's option is tried between: alone, after a
// content (a modifier), before one (a sticky buffer), and between a sticky
// buffer and its content (a transformation).
var contexts = []candidate{
	{"", "", ""}, {`content:"a"; `, "", ""}, {"", "", ` content:"a";`},
	{"dns.query; ", "", ` content:"a";`}, {"http.uri; ", "", ` content:"a";`},
}

// candidates are name's options in every context: its sample when it has
// one, else each generic value.
func candidates(name string) []candidate {
	opts := []string{}
	if s, ok := samples[name]; ok {
		opts = append(opts, name+":"+s+";")
	} else {
		for _, v := range values {
			opts = append(opts, name+v+";")
		}
	}
	var out []candidate
	for _, o := range opts {
		for _, c := range contexts {
			out = append(out, candidate{c.before, o, c.after})
		}
	}
	return out
}

// compile returns the rule of proto with opts, or nil and why it does not
// compile.
func compile(c *suricata.Compiler, proto, opts string) (*ir.Rule, error) {
	text := fmt.Sprintf("alert %s any any -> any any (%s sid:1;)", proto, opts)
	parsed, err := syntax.ParseRule("keywords", text)
	if err != nil {
		return nil, err
	}
	r, ds := c.Rule(parsed)
	if r == nil {
		return nil, ds[0].Err
	}
	return r, nil
}

// sameDetection reports whether two rules match the same: all but their
// metadata is equal.
func sameDetection(a, b *ir.Rule) bool {
	x, y := *a, *b
	x.Meta, y.Meta, x.Target, y.Target = ir.Meta{}, ir.Meta{}, "", ""
	return reflect.DeepEqual(x, y)
}

// unsupportedReason says why rulec does not take a keyword.
func unsupportedReason(name string) string {
	if why, ok := notDone[name]; ok {
		return why
	}
	prefixes := make([]string, 0, len(unparsed))
	for p := range unparsed {
		prefixes = append(prefixes, p)
	}
	slices.SortFunc(prefixes, func(a, b string) int { return cmp.Or(len(b)-len(a), strings.Compare(a, b)) })
	for _, p := range prefixes {
		if strings.HasPrefix(name, p) {
			return "rulec does not parse " + unparsed[p]
		}
	}
	return "not implemented"
}
