package bodyproc

import (
	"strings"
	"testing"
)

// A part's content is cut from the body, not copied line by line: the
// allocations of a parse do not grow with the lines of a part.
func TestMultipartContentNotCopied(t *testing.T) {
	body := func(lines int) []byte {
		return []byte("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n" +
			strings.Repeat("line of the value\r\n", lines) + "end\r\n--b--\r\n")
	}
	p, _ := Lookup("MULTIPART")
	allocs := func(b []byte) float64 {
		return testing.AllocsPerRun(20, func() {
			if err := p(b, "multipart/form-data; boundary=b", &countSink{}); err != nil {
				t.Fatal(err)
			}
		})
	}
	if one, many := allocs(body(1)), allocs(body(200)); many != one {
		t.Errorf("allocations: %v with 1 line, %v with 200 lines; want equal", one, many)
	}
}

// The values a sink receives stay as they were when the body's bytes are
// overwritten after the parse (its buffer goes back to a pool).
func TestMultipartValuesOutliveBody(t *testing.T) {
	b := []byte("--b\nContent-Disposition: form-data; name=\"a\"\n\nx\r\ny\n--b junk\nz\r\n--b\n" +
		"Content-Disposition: form-data; name=\"e\"\n\n--b--\n")
	s := &sink{}
	if err := run(t, "MULTIPART", "multipart/form-data; boundary=b", string(b), s); err != nil {
		t.Fatal(err)
	}
	p, _ := Lookup("MULTIPART")
	s2 := &sink{}
	if err := p(b, "multipart/form-data; boundary=b", s2); err != nil {
		t.Fatal(err)
	}
	for i := range b {
		b[i] = '#'
	}
	want := [][2]string{{"a", "x\r\ny\n--b junk\nz"}, {"e", ""}}
	for _, got := range [][][2]string{s.args, s2.args} {
		if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
			t.Errorf("args %q, want %q", got, want)
		}
	}
	if !s2.flags[FlagUnmatchedBoundary] {
		t.Errorf("flags %v, want %s", s2.flags, FlagUnmatchedBoundary)
	}
}

// countSink keeps nothing, so a parse's allocations are its own.
type countSink struct{ n int }

func (c *countSink) Arg(_, v string)         { c.n += len(v) }
func (c *countSink) XML(_, _ string)         {}
func (c *countSink) File(_, _ string, _ int) {}
func (c *countSink) PartHeader(_, _ string)  {}
func (c *countSink) Flag(string)             {}
func (c *countSink) Limits() (int, int)      { return 0, 0 }
