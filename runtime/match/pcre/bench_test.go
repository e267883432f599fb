package pcre

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/rulec/rulec/compiler"
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/internal/corpus"
)

// etPatterns returns ET Open's pcre patterns that run on RE2, compiled,
// with the same RE2 form compiled by Go's regexp.
func etPatterns(tb testing.TB) ([]*Regexp, []*regexp.Regexp) {
	res, err := compiler.Compile([]string{corpus.Dir(tb, "etopen")}, compiler.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	var ours []*Regexp
	var std []*regexp.Regexp
	for _, r := range res.Rules {
		for _, m := range r.Matchers {
			p, ok := m.(*ir.PCRE)
			if !ok {
				continue
			}
			re, err := Compile(p.Pattern, p.Flags)
			if err != nil || re.Backtracking() {
				continue
			}
			s, err := regexp.Compile(re.anchor(`\A`) + re.expr)
			if err != nil {
				continue
			}
			ours, std = append(ours, re), append(std, s)
		}
	}
	return ours, std
}

// httpSubjects returns request-like ASCII texts of about size bytes.
func httpSubjects(n, size int) [][]byte {
	rng := rand.New(rand.NewPCG(9, 9))
	words := []string{"GET", "/index.php?id=", "Host: www.example.com\r\n", "User-Agent: Mozilla/5.0\r\n",
		"Accept: */*\r\n", "&session=", "Cookie: sid=", "lang=en", "/static/app.js", "Content-Length: 120\r\n"}
	out := make([][]byte, n)
	for i := range out {
		var b strings.Builder
		for b.Len() < size {
			b.WriteString(words[rng.IntN(len(words))])
			fmt.Fprintf(&b, "%x", rng.Uint32())
		}
		out[i] = []byte(b.String()[:size])
	}
	return out
}

// BenchmarkEngines runs every ET Open pcre that RE2 takes over 1 KB
// request-like texts, with go-re2 in Latin-1 mode and with Go's regexp on
// the same expressions.
func BenchmarkEngines(b *testing.B) {
	ours, std := etPatterns(b)
	subjects := httpSubjects(16, 1024)
	b.Logf("%d patterns", len(ours))
	b.Run("go-re2", func(b *testing.B) {
		b.SetBytes(int64(1024 * len(ours)))
		i := 0
		for b.Loop() {
			s := subjects[i%len(subjects)]
			for _, re := range ours {
				if _, err := re.Match(s); err != nil {
					b.Fatal(err)
				}
			}
			i++
		}
	})
	b.Run("regexp", func(b *testing.B) {
		b.SetBytes(int64(1024 * len(std)))
		i := 0
		for b.Loop() {
			s := subjects[i%len(subjects)]
			for _, re := range std {
				re.Match(s)
			}
			i++
		}
	})
}
