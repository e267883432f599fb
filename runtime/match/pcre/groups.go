package pcre

import (
	re2 "github.com/wasilibs/go-re2"
	"github.com/wasilibs/go-re2/experimental"
)

// Groups returns the number of the pattern's capture groups.
func (r *Regexp) Groups() int { return len(r.groupOf) - 1 }

// Named returns the pattern's named groups, by number, in pattern order.
func (r *Regexp) Named() []int { return r.named }

// FindGroups is Find that also gives where the pattern's groups matched:
// spans[2g] and spans[2g+1] are group g's start and end (-1 when it took
// no part), spans[0] and spans[1] the match's. spans is reused when it
// has room.
func (r *Regexp) FindGroups(subject []byte, from int, spans []int) ([]int, bool, error) {
	n := 2 * len(r.groupOf)
	spans = append(spans[:0], make([]int, n)...)
	for i := range spans {
		spans[i] = -1
	}
	if r.bt != nil {
		runes := toRunes(subject)
		defer putRunes(runes)
		m, err := r.bt.FindRunesMatchStartingAt(*runes, from)
		if err != nil || m == nil {
			return spans, false, err
		}
		spans[0], spans[1] = m.Index, m.Index+m.Length
		for g := 1; g < len(r.groupOf); g++ {
			if c := m.GroupByNumber(r.groupOf[g]); c != nil && len(c.Captures) > 0 {
				spans[2*g], spans[2*g+1] = c.Index, c.Index+c.Length
			}
		}
		return spans, true, nil
	}
	re, base := r.re, 0
	if from > 0 {
		r.retryOnce.Do(func() {
			r.retry, r.retryErr = compileRetry(r)
		})
		if r.retryErr != nil {
			return spans, false, r.retryErr
		}
		re, base = r.retry, from-1
	}
	loc := re.FindSubmatchIndex(subject[base:])
	if loc == nil {
		return spans, false, nil
	}
	if from > 0 {
		loc[0]++ // the retry pattern's byte of context
	}
	end := loc[1]
	for _, g := range r.marks {
		if loc[2*g] >= 0 {
			end = loc[2*g]
		}
	}
	spans[0], spans[1] = base+loc[0], base+end
	for g := 1; g < len(r.groupOf); g++ {
		if eg := r.groupOf[g]; eg > 0 && loc[2*eg] >= 0 {
			spans[2*g], spans[2*g+1] = base+loc[2*eg], base+loc[2*eg+1]
		}
	}
	return spans, true, nil
}

// compileRetry compiles the pattern behind one byte of context.
func compileRetry(r *Regexp) (*re2.Regexp, error) {
	return experimental.CompileLatin1(r.anchor(`\A`) + `[\x00-\xFF]` + r.expr)
}
