package prefilter

import (
	"regexp/syntax"
	"slices"
	"strings"
)

const (
	maxSet   = 16 // largest exact set kept while combining
	maxClass = 4  // largest character class expanded into literals
	// MinLen is the shortest literal worth a prefilter.
	MinLen = 2
)

// info describes what a sub-expression can match: exact, when not nil, is
// every string it matches (lower-cased); req, when not nil, is a set one
// of which every match contains. Neither set means no constraint.
type info struct {
	exact []string
	req   []string
}

var none = info{}

// Required returns the literals one of which every match of pattern
// contains, or false when there is no such set of literals of at least
// MinLen bytes.
func Required(pattern string) ([]string, bool) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil, false
	}
	lits := analyse(re.Simplify()).required()
	if len(lits) == 0 {
		return nil, false
	}
	for _, l := range lits {
		if len(l) < MinLen {
			return nil, false
		}
	}
	slices.Sort(lits)
	return slices.Compact(lits), true
}

// required is the requirement an info carries.
func (in info) required() []string {
	if in.exact != nil {
		if slices.Contains(in.exact, "") {
			return nil
		}
		return in.exact
	}
	return in.req
}

func analyse(re *syntax.Regexp) info {
	switch re.Op {
	case syntax.OpLiteral:
		return literal(re.Rune)
	case syntax.OpCharClass:
		return class(re.Rune)
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return info{exact: []string{""}}
	case syntax.OpCapture:
		return analyse(re.Sub[0])
	case syntax.OpQuest:
		sub := analyse(re.Sub[0])
		if sub.exact != nil && len(sub.exact) < maxSet {
			return info{exact: union(sub.exact, []string{""})}
		}
		return none
	case syntax.OpPlus:
		return info{req: analyse(re.Sub[0]).required()}
	case syntax.OpRepeat:
		if re.Min == 0 {
			return none
		}
		return info{req: analyse(re.Sub[0]).required()}
	case syntax.OpConcat:
		return concat(re.Sub)
	case syntax.OpAlternate:
		return alternate(re.Sub)
	}
	return none
}

func literal(rs []rune) info {
	var b strings.Builder
	for _, r := range rs {
		if r >= 0x80 {
			return none
		}
		b.WriteByte(lower(byte(r)))
	}
	return info{exact: []string{b.String()}}
}

// class expands a small ASCII class into its (lower-cased) bytes.
func class(ranges []rune) info {
	var set []string
	for i := 0; i+1 < len(ranges); i += 2 {
		lo, hi := ranges[i], ranges[i+1]
		if hi >= 0x80 || hi-lo > 2*maxClass {
			return none
		}
		for r := lo; r <= hi; r++ {
			s := string(lower(byte(r)))
			if !slices.Contains(set, s) {
				set = append(set, s)
			}
		}
		if len(set) > maxClass {
			return none
		}
	}
	if len(set) == 0 {
		return none
	}
	return info{exact: set}
}

// concat combines exact sets while they stay small, and otherwise keeps
// the strongest requirement of the pieces.
func concat(subs []*syntax.Regexp) info {
	cur := info{exact: []string{""}}
	var best []string
	keep := func(in info) {
		if r := in.required(); better(r, best) {
			best = r
		}
	}
	exactAll := true
	for _, s := range subs {
		in := analyse(s)
		if cur.exact != nil && in.exact != nil && len(cur.exact)*len(in.exact) <= maxSet {
			cur = info{exact: product(cur.exact, in.exact)}
			continue
		}
		exactAll = false
		keep(cur)
		cur = in
	}
	if exactAll {
		return cur
	}
	keep(cur)
	return info{req: best}
}

func alternate(subs []*syntax.Regexp) info {
	var exact, req []string
	exactOK, reqOK := true, true
	for _, s := range subs {
		in := analyse(s)
		if exactOK && in.exact != nil && len(exact)+len(in.exact) <= maxSet {
			exact = union(exact, in.exact)
		} else {
			exactOK = false
		}
		r := in.required()
		if r == nil {
			reqOK = false
		}
		if reqOK {
			req = union(req, r)
		}
	}
	switch {
	case exactOK:
		return info{exact: exact}
	case reqOK:
		return info{req: req}
	}
	return none
}

// better reports whether set a is a stronger requirement than b: a longer
// shortest literal, then fewer literals.
func better(a, b []string) bool {
	if a == nil {
		return false
	}
	if b == nil {
		return true
	}
	ma, mb := shortest(a), shortest(b)
	if ma != mb {
		return ma > mb
	}
	return len(a) < len(b)
}

func shortest(set []string) int {
	n := -1
	for _, s := range set {
		if n < 0 || len(s) < n {
			n = len(s)
		}
	}
	return n
}

func product(a, b []string) []string {
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return out
}

func union(a, b []string) []string {
	out := slices.Clone(a)
	for _, s := range b {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
