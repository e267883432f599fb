package lower

import (
	"fmt"

	"github.com/rulec/rulec/compiler/ir"
)

// BufDNSQuery is the app-layer buffer the classifier parses itself: the
// name of a DNS-over-UDP query's question.
const BufDNSQuery = "dns.query"

// BsizeOps are the bsize comparisons the classifier has.
var BsizeOps = map[string]bool{"=": true, "!=": true, "<": true, ">": true, "<=": true, ">=": true, "<>": true}

// onDNSQuery reports whether r inspects dns.query.
func onDNSQuery(r *ir.Rule) bool {
	for _, m := range r.Matchers {
		if b, ok := matcherBuffer(m); ok && b.Name == BufDNSQuery {
			return true
		}
	}
	return false
}

func matcherBuffer(m ir.Matcher) (ir.Buffer, bool) {
	switch m := m.(type) {
	case *ir.Content:
		return m.Buffer, true
	case *ir.IsDataAt:
		return m.Buffer, true
	case *ir.Size:
		return m.Buffer, m.What == "bsize"
	}
	return ir.Buffer{}, false
}

// dnsReason returns why the classifier cannot decide a dns.query rule,
// or "" when it can: every matcher is a content, isdataat or bsize on
// dns.query (optionally dotprefixed, the same for all), contents are not
// relative, a relative isdataat follows a plain content, and the header
// is dns, udp, tcp or ip (DNS over TCP is copied up at run time).
func dnsReason(r *ir.Rule) string {
	h := r.Header
	switch {
	case h.Proto.App != "" && h.Proto.App != "dns":
		return fmt.Sprintf("app-layer protocol %s needs the userspace parser", h.Proto.App)
	case h.Proto.L4 != "udp" && h.Proto.L4 != "tcp" && h.Proto.L4 != "ip":
		return fmt.Sprintf("dns.query on %s", h.Proto.L4)
	case h.Proto.Mode != "":
		return fmt.Sprintf("dns.query on %s-%s", h.Proto.L4, h.Proto.Mode)
	}
	var (
		first      *ir.Buffer
		contents   int
		prev       ir.Matcher
		lengths    int
		restGE     = map[*ir.Content]bool{}
		restLT     = map[*ir.Content]bool{}
		transforms string
	)
	for _, m := range r.Matchers {
		b, ok := matcherBuffer(m)
		if !ok {
			return fmt.Sprintf("%s runs in the userspace matcher", m.Kind())
		}
		if b.Name != BufDNSQuery {
			return fmt.Sprintf("dns.query with %s in buffer %s", m.Kind(), b.Name)
		}
		t := transformKey(b)
		if t != "" && t != "dotprefix" {
			return fmt.Sprintf("dns.query transformed by %s", t)
		}
		if first == nil {
			first, transforms = &b, t
		} else if t != transforms {
			return "dns.query with and without dotprefix"
		}
		if reason := dnsMatcherReason(m, prev, restGE, restLT, &contents, &lengths); reason != "" {
			return reason
		}
		prev = m
	}
	if contents > MaxContents {
		return fmt.Sprintf("%d contents, the kernel confirms at most %d per rule", contents, MaxContents)
	}
	return ""
}

func transformKey(b ir.Buffer) string {
	s := ""
	for i, t := range b.Transforms {
		if i > 0 {
			s += ","
		}
		s += t.Name
		if t.Arg != "" {
			s += " " + t.Arg
		}
	}
	return s
}

func dnsMatcherReason(m, prev ir.Matcher, restGE, restLT map[*ir.Content]bool, contents, lengths *int) string {
	switch m := m.(type) {
	case *ir.Content:
		*contents++
		switch {
		case m.Relative():
			return "relative content (distance/within)"
		case len(m.Pattern) > MaxPatternLen:
			return fmt.Sprintf("content of %d bytes, the kernel confirms at most %d", len(m.Pattern), MaxPatternLen)
		case m.Offset != nil && m.Offset.Var != "", m.Depth != nil && m.Depth.Var != "":
			return "content position from a byte_extract variable"
		}
	case *ir.IsDataAt:
		if m.At.Var != "" {
			return "isdataat from a byte_extract variable"
		}
		if m.At.Val < 1 || m.At.Val > MaxScan {
			return fmt.Sprintf("isdataat %d has no kernel form", m.At.Val)
		}
		if !m.Relative {
			*lengths++
			break
		}
		c, ok := prev.(*ir.Content)
		if !ok || c.Negated {
			return "relative isdataat not after a plain content"
		}
		seen := restGE
		if m.Negated {
			seen = restLT
		}
		if seen[c] {
			return "two relative isdataat on one content"
		}
		seen[c] = true
	case *ir.Size:
		*lengths++
		if !BsizeOps[m.Cmp.Op] {
			return fmt.Sprintf("bsize comparison %q has no kernel form", m.Cmp.Op)
		}
	}
	if *lengths > 1 {
		return "two buffer length checks (bsize, absolute isdataat), the kernel holds one"
	}
	return ""
}
