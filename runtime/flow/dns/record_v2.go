package dns

import "fmt"

// RecordsV2 are the "dns" sections Suricata 8 writes for a message in EVE
// DNS version 2: one "query" record per question of a request, one
// "answer" record for a response that repeats a question.
func (m *Message) RecordsV2(txID uint64) []map[string]any {
	if !m.Response {
		out := make([]map[string]any, 0, len(m.Questions))
		for _, q := range m.Questions {
			r := map[string]any{"version": 2, "type": "query", "id": m.ID, "rrname": string(q.Name),
				"rrtype": RRTypeName(q.Type), "tx_id": txID, "opcode": m.Opcode}
			if m.Flags&(1<<6) != 0 {
				r["z"] = true
			}
			out = append(out, r)
		}
		return out
	}
	if len(m.Questions) == 0 {
		return nil
	}
	r := map[string]any{"version": 2, "type": "answer", "id": m.ID, "flags": fmt.Sprintf("%x", m.Flags),
		"opcode": m.Opcode, "rcode": RcodeName(m.Rcode)}
	for bit, name := range map[uint16]string{15: "qr", 10: "aa", 9: "tc", 8: "rd", 7: "ra", 6: "z"} {
		if m.Flags&(1<<bit) != 0 {
			r[name] = true
		}
	}
	r["rrname"], r["rrtype"] = string(m.Questions[0].Name), RRTypeName(m.Questions[0].Type)
	m.answers(r)
	return []map[string]any{r}
}
