package dns

// RecordsV2 are the "dns" sections Suricata 8 writes for a message in EVE
// DNS version 2 with cfg: one "query" record per question of a request
// of a logged type, one "answer" record for a response whose questions
// include a logged type.
func (m *Message) RecordsV2(txID uint64, response bool, cfg LogConfig) []map[string]any {
	if !response {
		if cfg.NoRequests {
			return nil
		}
		var out []map[string]any
		for _, q := range m.Questions {
			if !cfg.rrtype(q.Type) {
				continue
			}
			r := map[string]any{"version": 2, "type": "query", "id": m.ID, "rrname": Text(q.Name),
				"rrtype": RRTypeName(q.Type), "tx_id": txID, "opcode": m.Opcode}
			if m.Flags&(1<<6) != 0 {
				r["z"] = true
			}
			out = append(out, r)
		}
		return out
	}
	if cfg.NoResponses || !cfg.anyQuestion(m) {
		return nil
	}
	r := map[string]any{"version": 2, "type": "answer", "id": m.ID, "opcode": m.Opcode, "rcode": RcodeName(m.Rcode)}
	m.headerFlags(r)
	if len(m.Questions) > 0 {
		r["rrname"], r["rrtype"] = Text(m.Questions[0].Name), RRTypeName(m.Questions[0].Type)
	}
	m.answers(r, cfg)
	m.sections(r)
	return []map[string]any{r}
}
