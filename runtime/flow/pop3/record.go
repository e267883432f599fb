package pop3

import "github.com/rulec/rulec/runtime/flow/dns"

// Record is the transaction's EVE pop3 section as Suricata 8 writes it:
// request (command, args) when a command made it, response (success,
// status, header, data) once answered; bytes that are not UTF-8 as
// Suricata's JSON builder writes them.
func Record(tx *Tx) map[string]any {
	m := map[string]any{}
	if c := tx.Request; c != nil {
		args := make([]any, 0, len(c.Args))
		for _, a := range c.Args {
			args = append(args, dns.Text(a))
		}
		m["request"] = map[string]any{"command": c.Name, "args": args}
	}
	if r := tx.Response; r != nil {
		status := "ERR"
		if r.OK {
			status = "OK"
		}
		data := make([]any, 0, len(r.Data))
		for _, d := range r.Data {
			data = append(data, dns.Text(d))
		}
		m["response"] = map[string]any{"success": r.OK, "status": status, "header": dns.Text(r.Header), "data": data}
	}
	return m
}
