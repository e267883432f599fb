package lower

import (
	"fmt"

	"github.com/rulec/rulec/compiler/ir"
)

// The app-layer buffers the classifier parses itself: the name of a
// DNS-over-UDP query's question, and the host_name of a TLS ClientHello.
const (
	BufDNSQuery = "dns.query"
	BufTLSSNI   = "tls.sni"
)

// BsizeOps are the bsize comparisons the classifier has.
var BsizeOps = map[string]bool{"=": true, "!=": true, "<": true, ">": true, "<=": true, ">=": true, "<>": true}

// kernelApp returns the app-layer buffer the classifier parses that r
// inspects (dns.query or tls.sni; the first one), or "".
func kernelApp(r *ir.Rule) string {
	for _, m := range r.Matchers {
		if b, ok := matcherBuffer(m); ok && (b.Name == BufDNSQuery || b.Name == BufTLSSNI) {
			return b.Name
		}
	}
	return ""
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

// appReason returns why the classifier cannot decide a rule on buf, its
// app-layer buffer (dns.query or tls.sni), or "" when it can: every
// matcher is a content, isdataat or bsize on buf (optionally dotprefixed,
// the same for all), contents are not relative, a relative isdataat
// follows a plain content, and the header is the buffer's app protocol
// or a transport it runs on (dns: udp, tcp, ip; tls: tcp, ip; DNS over
// TCP and undecided hellos are copied up at run time).
func appReason(r *ir.Rule, buf string) string {
	h := r.Header
	app, l4ok := "dns", h.Proto.L4 == "udp" || h.Proto.L4 == "tcp" || h.Proto.L4 == "ip"
	if buf == BufTLSSNI {
		app, l4ok = "tls", h.Proto.L4 == "tcp" || h.Proto.L4 == "ip"
	}
	switch {
	case h.Proto.App != "" && h.Proto.App != app:
		return fmt.Sprintf("app-layer protocol %s needs the userspace parser", h.Proto.App)
	case !l4ok:
		return fmt.Sprintf("%s on %s", buf, h.Proto.L4)
	case h.Proto.Mode != "":
		return fmt.Sprintf("%s on %s-%s", buf, h.Proto.L4, h.Proto.Mode)
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
		if b.Name != buf {
			return fmt.Sprintf("%s with %s in buffer %s", buf, m.Kind(), b.Name)
		}
		t := transformKey(b)
		if t != "" && t != "dotprefix" {
			return fmt.Sprintf("%s transformed by %s", buf, t)
		}
		if first == nil {
			first, transforms = &b, t
		} else if t != transforms {
			return buf + " with and without dotprefix"
		}
		if reason := appMatcherReason(m, prev, restGE, restLT, &contents, &lengths); reason != "" {
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

func appMatcherReason(m, prev ir.Matcher, restGE, restLT map[*ir.Content]bool, contents, lengths *int) string {
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
