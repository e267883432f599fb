package suricata

import (
	"slices"
	"strings"

	"github.com/rulec/rulec/diag"
)

// Actions lists the rule actions Suricata accepts.
var Actions = []string{"alert", "drop", "pass", "reject", "rejectsrc", "rejectdst", "rejectboth", "config"}

func isAction(w string) bool { return slices.Contains(Actions, w) }

// ParseRule parses a single rule given as one line of text, commented out
// or not; file names the source in positions.
func ParseRule(file, text string) (*Rule, error) {
	lines := &diag.LineMap{File: file}
	lines.Add(0, 1, 1)
	s := &source{text: text, lines: lines}
	r, err := parseLogical(s)
	switch {
	case err != nil:
		return nil, err
	case r == nil:
		return nil, diag.Errorf(s.pos(0), diag.ErrSyntax, "not a rule")
	}
	return r, nil
}

type ruleParser struct {
	s   *source
	off int
}

func (p *ruleParser) errorf(off int, format string, args ...any) *diag.Diagnostic {
	return diag.Errorf(p.s.pos(off), diag.ErrSyntax, format, args...)
}

func (p *ruleParser) skipSpace() {
	for p.off < len(p.s.text) && isSpace(p.s.text[p.off]) {
		p.off++
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// headerToken reads one white-space separated header field; brackets nest,
// so a list may contain spaces.
func (p *ruleParser) headerToken(what string) (string, int, *diag.Diagnostic) {
	p.skipSpace()
	start, depth := p.off, 0
	text := p.s.text
	for p.off < len(text) {
		c := text[p.off]
		if depth == 0 && (isSpace(c) || c == '(') {
			break
		}
		switch c {
		case '[':
			depth++
		case ']':
			depth--
		}
		p.off++
	}
	if p.off == start {
		return "", start, p.errorf(start, "missing %s", what)
	}
	if depth != 0 {
		return "", start, p.errorf(start, "unbalanced brackets in %s", what)
	}
	return text[start:p.off], start, nil
}

func parseRule(s *source, off int) (*Rule, *diag.Diagnostic) {
	p := &ruleParser{s: s, off: off}
	r := &Rule{}
	var (
		tok string
		at  int
		err *diag.Diagnostic
	)
	if tok, at, err = p.headerToken("action"); err != nil {
		return nil, err
	}
	r.Pos = s.pos(at)
	if !isAction(tok) {
		return nil, p.errorf(at, "unknown action %q", tok)
	}
	r.Action = tok
	if tok, at, err = p.headerToken("protocol"); err != nil {
		return nil, err
	}
	r.Proto, r.ProtoPos = tok, s.pos(at)
	if r.Src, err = p.addr("source address", &r.SrcPos); err != nil {
		return nil, err
	}
	if r.SrcPort, err = p.port("source port", &r.SrcPortPos); err != nil {
		return nil, err
	}
	if tok, at, err = p.headerToken("direction"); err != nil {
		return nil, err
	}
	switch tok {
	case "->":
	case "<>":
		r.Bidir = true
	case "=>":
		r.TxBoth = true
	default:
		return nil, p.errorf(at, "bad direction %q, want ->, <> or =>", tok)
	}
	if r.Dst, err = p.addr("destination address", &r.DstPos); err != nil {
		return nil, err
	}
	if r.DstPort, err = p.port("destination port", &r.DstPortPos); err != nil {
		return nil, err
	}
	if r.Options, err = p.options(); err != nil {
		return nil, err
	}
	return r, nil
}

func (p *ruleParser) addr(what string, pos *diag.Pos) (*AddrExpr, *diag.Diagnostic) {
	tok, at, err := p.headerToken(what)
	if err != nil {
		return nil, err
	}
	*pos = p.s.pos(at)
	e, perr := parseAddr(tok)
	if perr != nil {
		return nil, p.exprErr(what, tok, at, perr)
	}
	return e, nil
}

func (p *ruleParser) port(what string, pos *diag.Pos) (*PortExpr, *diag.Diagnostic) {
	tok, at, err := p.headerToken(what)
	if err != nil {
		return nil, err
	}
	*pos = p.s.pos(at)
	e, perr := parsePort(tok)
	if perr != nil {
		return nil, p.exprErr(what, tok, at, perr)
	}
	return e, nil
}

// options parses the parenthesised body: "name;" or "name:value;" items,
// where a value ends at the first semicolon not escaped with a backslash.
// exprErr positions an address or port expression error; a long
// expression is shortened in the message.
func (p *ruleParser) exprErr(what, tok string, at int, perr *exprError) *diag.Diagnostic {
	sentinel := diag.ErrSyntax
	if perr.limit {
		sentinel = diag.ErrLimit
	}
	if len(tok) > 80 {
		tok = tok[:80] + "..."
	}
	return diag.Errorf(p.s.pos(at+perr.off), sentinel, "%s %q: %s", what, tok, perr.msg)
}

func (p *ruleParser) options() ([]Option, *diag.Diagnostic) {
	p.skipSpace()
	text := p.s.text
	if p.off >= len(text) || text[p.off] != '(' {
		return nil, p.errorf(p.off, "expected ( to open the rule options")
	}
	end := len(strings.TrimRight(text, " \t\r\n")) - 1
	if end <= p.off || text[end] != ')' {
		return nil, p.errorf(end+1, "rule options must end with )")
	}
	p.off++
	var opts []Option
	for {
		p.skipSpace()
		if p.off >= end {
			break
		}
		nameStart := p.off
		for p.off < end && text[p.off] != ':' && text[p.off] != ';' {
			p.off++
		}
		name := strings.TrimSpace(text[nameStart:p.off])
		if !validName(name) {
			return nil, p.errorf(nameStart, "bad option name %q", name)
		}
		o := Option{Name: name, Pos: p.s.pos(nameStart)}
		if p.off < end && text[p.off] == ':' {
			p.off++
			p.skipSpace()
			valStart := p.off
			for p.off < end && text[p.off] != ';' {
				if text[p.off] == '\\' {
					if p.off+1 >= end {
						return nil, p.errorf(p.off, "option value ends with a backslash")
					}
					p.off++
				}
				p.off++
			}
			o.HasValue = true
			o.Value = trimValue(text[valStart:p.off])
			o.ValuePos = p.s.pos(valStart)
		}
		opts = append(opts, o)
		if p.off < end {
			p.off++ // the ';'
		}
	}
	return opts, nil
}

func validName(n string) bool {
	if n == "" {
		return false
	}
	for i := 0; i < len(n); i++ {
		c := n[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

// trimValue drops trailing white space from an option value, but not
// white space escaped with a backslash.
func trimValue(v string) string {
	t := strings.TrimRight(v, " \t\r\n")
	n := len(t) - len(strings.TrimRight(t, `\`))
	if n%2 == 1 {
		return v[:len(t)+1]
	}
	return t
}
