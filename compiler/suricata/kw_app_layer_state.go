package suricata

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// appStates are the transaction progress names Suricata 8 accepts in
// app-layer-state, by protocol, to-server then to-client. Protocols not
// listed have no names: Suricata rejects the keyword for them.
var appStates = map[string][2][]string{
	"http": {
		{"request_started", "request_line", "request_headers", "request_body", "request_trailer", "request_complete"},
		{"response_started", "response_line", "response_headers", "response_body", "response_trailer", "response_complete"},
	},
	"tls": {
		{"client_in_progress", "client_hello_done", "client_cert_done", "client_handshake_done", "client_finished"},
		{"server_in_progress", "server_hello", "server_cert_done", "server_hello_done", "server_handshake_done", "server_finished"},
	},
	"ssh": {
		{"in_progress", "banner_wait_eol", "banner_done", "finished"},
		{"in_progress", "banner_wait_eol", "banner_done", "finished"},
	},
}

// unitPoints says where rulec's parsers inspect the transactions of the
// protocols whose progress steps it does not follow, which is why a
// progress state of theirs cannot be matched.
var unitPoints = map[string]string{
	"http": "once the request or response headers and again once the body are complete",
	"ssh":  "once per direction for its banner and once for its KEXINIT",
}

// stateFields are the ir.Field names of the progress rulec follows step
// by step, by protocol, to-server then to-client.
var stateFields = map[string][2]string{
	"tls": {ir.FieldTLSClientState, ir.FieldTLSServerState},
}

// app-layer-state ([<|>]state) holds while the transaction's progress in
// the state's direction is before (<) or past (>) the named state, in
// that direction; without an operator it hooks the rule to that state
// (ir.Rule.StateHook). rulec follows TLS's progress step by step; the
// other protocols' valid states are refused as unsupported with the
// reason, invalid ones as Suricata refuses them.
func init() {
	register("app-layer-state", valueRequired, func(b *builder, o *syntax.Option) error {
		app := b.rule.Header.Proto.App
		if app == "" {
			app = b.app
		}
		if app == "" {
			return fmt.Errorf("app-layer-state needs an app-layer protocol: %w", diag.ErrMissing)
		}
		if app == "http1" || app == "http2" {
			app = "http"
		}
		state := strings.TrimSpace(o.Value)
		op := ">="
		if state != "" && (state[0] == '<' || state[0] == '>') {
			op, state = state[:1], state[1:]
		}
		names, ok := appStates[app]
		if !ok {
			return fmt.Errorf("app-layer-state: %s has no progress states: %w", app, diag.ErrBadValue)
		}
		dir := 0
		n := slices.Index(names[0], state)
		if n < 0 {
			dir, n = 1, slices.Index(names[1], state)
		}
		if n < 0 {
			return badValue(app+" progress state", state)
		}
		fields, ok := stateFields[app]
		if !ok {
			return fmt.Errorf("keyword %q (%s state %s: rulec inspects a %s transaction %s) %w",
				o.Name, app, state, app, unitPoints[app], diag.ErrUnsupported)
		}
		f := &b.rule.Flow
		if dir == 0 && f.ToClient || dir == 1 && f.ToServer {
			return fmt.Errorf("app-layer-state %s is not a state of the rule's direction: %w", state, diag.ErrConflict)
		}
		f.ToServer, f.ToClient = f.ToServer || dir == 0, f.ToClient || dir == 1
		b.rule.StateHook = b.rule.StateHook || op == ">="
		b.add(&ir.Field{Name: fields[dir], Cmp: ir.Cmp{Op: op, A: int64(n)}})
		return nil
	})
}

// checkAppStates refuses a rule that compares a transaction's progress
// and inspects anything else of it: rulec inspects the progress steps on
// units of their own, which carry no buffers.
func checkAppStates(b *builder) error {
	r := b.rule
	state, other := false, false
	for _, m := range r.Matchers {
		f, ok := m.(*ir.Field)
		if ok && ir.IsStateField(f.Name) {
			state = true
		} else {
			other = true
		}
	}
	if state && other {
		return fmt.Errorf("keyword %q with other inspection keywords (rulec inspects a transaction's progress steps without its buffers) %w",
			"app-layer-state", diag.ErrUnsupported)
	}
	return nil
}
