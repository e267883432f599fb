package smtp

// Record returns a transaction's EVE sections as Suricata 8 writes them
// in smtp records and alerts: "smtp" (helo, mail_from, rcpt_to) and, once
// DATA started the MIME parser, "email" (from, to, cc, status,
// attachment, url with the last URL found first).
func Record(p *Parser, tx *Tx) map[string]map[string]any {
	s := map[string]any{}
	if p.Helo != nil {
		s["helo"] = string(p.Helo)
	}
	if tx.MailFrom != nil {
		s["mail_from"] = string(tx.MailFrom)
	}
	if len(tx.RcptTo) > 0 {
		s["rcpt_to"] = stringList(tx.RcptTo)
	}
	out := map[string]map[string]any{"smtp": s}
	if m := tx.Mime; m != nil {
		e := map[string]any{}
		if v, ok := m.Main("from"); ok {
			e["from"] = string(v)
		}
		for _, k := range []string{"to", "cc"} {
			if v, ok := m.Main(k); ok {
				if list := splitComma(v); len(list) > 0 {
					e[k] = list
				}
			}
		}
		e["status"] = "PARSE_DONE"
		if len(m.Attachments) > 0 {
			e["attachment"] = stringList(m.Attachments)
		}
		if n := len(m.URLs); n > 0 {
			urls := make([]string, n)
			for i, u := range m.URLs {
				urls[n-1-i] = string(u)
			}
			e["url"] = urls
		}
		out["email"] = e
	}
	return out
}

func stringList(l [][]byte) []string {
	out := make([]string, len(l))
	for i, b := range l {
		out[i] = string(b)
	}
	return out
}

// splitComma splits an address list at commas outside double quotes,
// leading spaces dropped, empty entries left out (log_field_comma).
func splitComma(v []byte) []string {
	const (
		start = iota
		field
		quoted
	)
	var out []string
	st, from := start, 0
	for i, c := range v {
		switch st {
		case start:
			switch c {
			case ' ', '\t':
				from++
			case '"':
				st = quoted
			default:
				st = field
			}
		case field:
			switch c {
			case ',':
				if i > from {
					out = append(out, string(v[from:i]))
				}
				from, st = i+1, start
			case '"':
				st = quoted
			}
		case quoted:
			if c == '"' {
				st = field
			}
		}
	}
	if len(v) > from {
		out = append(out, string(v[from:]))
	}
	return out
}
