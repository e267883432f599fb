package smtp

import stdstrings "strings"

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
		addCustom(e, m, p.custom)
		out["email"] = e
	}
	return out
}

// emailField is a header the email section may log by configuration
// (Suricata's email_fields): its EVE key, header name and form.
type emailField struct {
	key, header string
	form        byte // 's' first value, 'c' comma-split list, 'a' every value
}

var emailFields = []emailField{
	{"reply_to", "reply-to", 's'}, {"bcc", "bcc", 'c'}, {"message_id", "message-id", 's'},
	{"subject", "subject", 's'}, {"x_mailer", "x-mailer", 's'}, {"user_agent", "user-agent", 's'},
	{"received", "received", 'a'}, {"x_originating_ip", "x-originating-ip", 's'},
	{"in_reply_to", "in-reply-to", 's'}, {"references", "references", 's'}, {"importance", "importance", 's'},
	{"priority", "priority", 's'}, {"sensitivity", "sensitivity", 's'}, {"organization", "organization", 's'},
	{"content_md5", "content-md5", 's'}, {"date", "date", 's'},
}

// customFields picks the fields a custom list names, by EVE key or
// (caselessly) header name.
func customFields(list string) []emailField {
	var out []emailField
	for _, f := range emailFields {
		for _, name := range stdstrings.Fields(list) {
			if name == f.key || stdstrings.EqualFold(name, f.header) {
				out = append(out, f)
				break
			}
		}
	}
	return out
}

func addCustom(e map[string]any, m *Mime, fields []emailField) {
	for _, f := range fields {
		switch f.form {
		case 's':
			if v, ok := m.Main(f.header); ok {
				e[f.key] = string(v)
			}
		case 'c':
			if v, ok := m.Main(f.header); ok {
				if list := splitComma(v); len(list) > 0 {
					e[f.key] = list
				}
			}
		case 'a':
			if all := m.MainAll(f.header); len(all) > 0 {
				e[f.key] = stringList(all)
			}
		}
	}
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
