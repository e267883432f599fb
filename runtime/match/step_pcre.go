package match

import "github.com/rulec/rulec/runtime/match/pcre"

// pcreStep is pcre: /R searches from the cursor, and a match moves the
// cursor to its end.
type pcreStep struct {
	re       *pcre.Regexp
	negated  bool
	relative bool
	relNext  bool // a later matcher is relative to this one
	needEnd  bool // a later matcher reads the cursor
	vars     []capVar
}

func (p *pcreStep) inspect(in *inspector, i, prev int) int {
	base := 0
	if p.relative {
		base = prev
	}
	subject := in.buf[base:]
	capture := len(p.vars) > 0 && !p.negated && in.fx != nil
	if p.negated || !p.needEnd && !p.relNext && !capture {
		found, ok := false, true
		if p.re.Backtracking() {
			ok = in.backtrack(func() (err error) {
				found, err = p.re.Match(subject)
				return err
			})
		} else {
			found, _ = p.re.Match(subject)
		}
		if !ok {
			return aborted
		}
		if found != !p.negated {
			return noMatch
		}
		r := in.next(i, prev)
		if r != noMatch || !p.relNext || in.stop {
			return r
		}
		// Suricata retries a negated pcre with the same result until the
		// recursion limit ends the inspection.
		return aborted
	}
	from := 0
	for from <= len(subject) {
		var (
			start, end int
			found      bool
			err        error
		)
		if capture {
			var ok bool
			if start, end, found, ok = p.findCaptures(in, subject, from); !ok {
				return aborted
			}
		} else if p.re.Backtracking() {
			if !in.backtrack(func() error {
				start, end, found, err = p.re.Find(subject, from)
				return err
			}) {
				return aborted
			}
		} else {
			start, end, found, err = p.re.Find(subject, from)
		}
		if err != nil || !found {
			return noMatch
		}
		r := in.next(i, base+end)
		if r != noMatch || !p.relNext || in.stop {
			return r
		}
		from = start + 1
	}
	return noMatch
}
