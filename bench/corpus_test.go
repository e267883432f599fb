package bench

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/rulec/rulec/compiler"
	"github.com/rulec/rulec/compiler/ir"
)

// corpusDir returns the named corpus folder, skipping tb when it is absent
// outside CI.
func corpusDir(tb testing.TB, name string) string {
	tb.Helper()
	root := os.Getenv("RULEC_CORPUS")
	if root == "" {
		root = filepath.Join("..", "..", "shared", "corpus")
	}
	dir := filepath.Join(root, name)
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("corpus %s missing under CI=true: %v", dir, err)
		}
		tb.Skipf("corpus %s not present: %v", dir, err)
	}
	return dir
}

// etContents returns n distinct content strings of ET Open, shuffled with
// a fixed seed. When ET Open has fewer, the suffixes of its strings (at
// least 4 bytes long) make up the rest.
func etContents(tb testing.TB, n int) [][]byte {
	tb.Helper()
	res, err := compiler.Compile([]string{corpusDir(tb, "etopen")}, compiler.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	seen := map[string]bool{}
	var pats [][]byte
	add := func(p []byte) {
		if len(p) > 0 && !seen[string(p)] {
			seen[string(p)] = true
			pats = append(pats, p)
		}
	}
	for _, r := range res.Rules {
		for _, m := range r.Matchers {
			if c, ok := m.(*ir.Content); ok {
				add(c.Pattern)
			}
		}
	}
	rng := rand.New(rand.NewPCG(7, 7))
	rng.Shuffle(len(pats), func(i, j int) { pats[i], pats[j] = pats[j], pats[i] })
	for k := 1; len(pats) < n; k++ {
		before := len(pats)
		for _, p := range pats[:before] {
			if len(p)-k >= 4 && len(pats) < n {
				add(p[k:])
			}
		}
		if len(pats) == before && k > 256 {
			tb.Fatalf("ET Open yields only %d strings, want %d", len(pats), n)
		}
	}
	return pats[:n]
}

// cleanPackets returns count packets of size bytes of printable text with
// CRLFs, none containing any pattern: contains must report whether a
// packet has a hit, and where the first hit ends.
func cleanPackets(count, size int, contains func([]byte) (int, bool)) [][]byte {
	rng := rand.New(rand.NewPCG(3, 4))
	const text = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 /=&?.-_:;,"
	out := make([][]byte, count)
	for i := range out {
		p := make([]byte, size)
		for j := range p {
			p[j] = text[rng.IntN(len(text))]
			if j%80 == 79 {
				p[j-1], p[j] = '\r', '\n'
			}
		}
		for {
			end, hit := contains(p)
			if !hit {
				break
			}
			p[end-1] = text[rng.IntN(len(text))]
		}
		out[i] = p
	}
	return out
}
