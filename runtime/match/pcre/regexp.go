package pcre

import (
	"fmt"
	"sync"
	"time"

	"github.com/dlclark/regexp2"
	re2 "github.com/wasilibs/go-re2"
	"github.com/wasilibs/go-re2/experimental"
)

// SearchTimeout bounds one search of the backtracking engine, for the
// patterns compiled after it is set. Its clock ticks every clockPeriod,
// so a search stops within two ticks past it.
var SearchTimeout = time.Millisecond

const clockPeriod = time.Millisecond

func init() { regexp2.SetTimeoutCheckPeriod(clockPeriod) }

// Regexp is a compiled pcre pattern. It is safe for concurrent use.
type Regexp struct {
	anchored bool
	// RE2: the pattern, and the pattern behind one byte of context for
	// searches that start past the subject's first byte.
	re, retry *re2.Regexp
	retryErr  error
	retryOnce sync.Once
	expr      string // the RE2 form, without the anchor
	first     int
	marks     []int
	// groupOf maps the pattern's group numbers to the engine's; named
	// are the pattern's named groups, in order.
	groupOf []int
	named   []int
	// The backtracking engine, when RE2 cannot run the pattern.
	bt *regexp2.Regexp
}

// Compile compiles a pattern with Suricata's pcre flags (i, m, s, x, A, E,
// G; the buffer and relative flags are the caller's).
func Compile(pattern, flagSet string) (*Regexp, error) {
	var fl flags
	anchored := false
	for _, f := range flagSet {
		switch f {
		case 'i':
			fl.caseless = true
		case 'm':
			fl.multiline = true
		case 's':
			fl.dotall = true
		case 'x':
			fl.extended = true
		case 'A':
			anchored = true
		case 'E':
			fl.dollarEndOnly = true
		case 'G':
			fl.ungreedy = true
		default:
			return nil, fmt.Errorf("%q: %w", f, ErrFlag)
		}
	}
	tree, groups, err := parse(pattern, fl)
	if err != nil {
		return nil, err
	}
	r := &Regexp{anchored: anchored, named: groups.named}
	e := &emitter{t: re2Syntax, repeats: 1, groupOf: make([]int, groups.count+1)}
	re2Err := e.emit(tree, true)
	if re2Err == nil {
		r.expr, r.first, r.marks, r.groupOf = e.b.String(), e.first, e.marks, e.groupOf
		if r.re, re2Err = experimental.CompileLatin1(r.anchor(`\A`) + r.expr); re2Err == nil {
			return r, nil
		}
	}
	n := &emitter{t: netSyntax, groupOf: make([]int, groups.count+1)}
	if err := n.emit(tree, true); err != nil {
		return nil, err
	}
	r.groupOf = n.groupOf
	bt, err := regexp2.Compile(r.anchor(`\G`)+n.b.String(), regexp2.None)
	if err != nil {
		return nil, fmt.Errorf("re2: %v; backtracking engine: %w", re2Err, err)
	}
	bt.MatchTimeout = SearchTimeout
	r.bt = bt
	return r, nil
}

// anchor returns the prefix that anchors an /A pattern.
func (r *Regexp) anchor(a string) string {
	if r.anchored {
		return a
	}
	return ""
}

// Backtracking reports whether the pattern runs on the backtracking
// engine.
func (r *Regexp) Backtracking() bool { return r.bt != nil }

// Match reports whether the pattern matches anywhere in subject; err is
// set when the backtracking engine ran out of time.
func (r *Regexp) Match(subject []byte) (bool, error) {
	if r.bt != nil {
		runes := toRunes(subject)
		defer putRunes(runes)
		return r.bt.MatchRunes(*runes)
	}
	return r.re.Match(subject), nil
}

// Find returns the first match that starts at or after from, as PCRE's
// start offset does: the bytes before from are context for assertions, and
// an anchored pattern must match at from.
func (r *Regexp) Find(subject []byte, from int) (start, end int, found bool, err error) {
	if r.bt != nil {
		runes := toRunes(subject)
		defer putRunes(runes)
		m, err := r.bt.FindRunesMatchStartingAt(*runes, from)
		if err != nil || m == nil {
			return 0, 0, false, err
		}
		return m.Index, m.Index + m.Length, true, nil
	}
	if from == 0 {
		return r.find(r.re, subject, 0)
	}
	r.retryOnce.Do(func() {
		r.retry, r.retryErr = compileRetry(r)
	})
	if r.retryErr != nil {
		return 0, 0, false, r.retryErr
	}
	start, end, found, err = r.find(r.retry, subject[from-1:], from-1)
	return start + 1, end, found, err
}

// find runs re on subject, which begins at base in the caller's subject.
func (r *Regexp) find(re *re2.Regexp, subject []byte, base int) (start, end int, found bool, err error) {
	if len(r.marks) == 0 {
		loc := re.FindIndex(subject)
		if loc == nil {
			return 0, 0, false, nil
		}
		return base + loc[0], base + loc[1], true, nil
	}
	loc := re.FindSubmatchIndex(subject)
	if loc == nil {
		return 0, 0, false, nil
	}
	end = loc[1]
	for _, g := range r.marks {
		if loc[2*g] >= 0 {
			end = loc[2*g]
		}
	}
	return base + loc[0], base + end, true, nil
}

// Capture returns the text of the pattern's first capture group in the
// first match, or of the whole match when the pattern has no group.
func (r *Regexp) Capture(subject []byte) ([]byte, bool, error) {
	if r.bt != nil {
		runes := toRunes(subject)
		defer putRunes(runes)
		m, err := r.bt.FindRunesMatch(*runes)
		if err != nil || m == nil {
			return nil, false, err
		}
		g := m.GroupByNumber(1)
		if g == nil || len(g.Captures) == 0 {
			return subject[m.Index : m.Index+m.Length], true, nil
		}
		return subject[g.Index : g.Index+g.Length], true, nil
	}
	loc := r.re.FindSubmatchIndex(subject)
	if loc == nil {
		return nil, false, nil
	}
	if r.first > 0 && loc[2*r.first] >= 0 {
		return subject[loc[2*r.first]:loc[2*r.first+1]], true, nil
	}
	return subject[loc[0]:loc[1]], true, nil
}

// String returns the RE2 or backtracking form of the pattern.
func (r *Regexp) String() string {
	if r.bt != nil {
		return r.bt.String()
	}
	return r.re.String()
}

var runePool = sync.Pool{New: func() any { return new([]rune) }}

// toRunes widens every byte of b to one rune.
func toRunes(b []byte) *[]rune {
	p := runePool.Get().(*[]rune)
	rs := (*p)[:0]
	for _, c := range b {
		rs = append(rs, rune(c))
	}
	*p = rs
	return p
}

func putRunes(p *[]rune) { runePool.Put(p) }
