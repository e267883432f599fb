package suricata

import (
	"fmt"
	"slices"
	"strings"

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

// unitPoints says where rulec's parsers inspect a protocol's transaction,
// which is why a progress state cannot be matched.
var unitPoints = map[string]string{
	"http": "once the request or response headers and again once the body are complete",
	"tls":  "once per direction for its whole cleartext handshake, not per handshake record",
	"ssh":  "once per direction for its banner and once for its KEXINIT",
}

// app-layer-state ([<|>]state) holds while the transaction's progress in
// the state's direction is before (<) or past (>) the named state; without
// an operator it hooks the rule to that state. rulec inspects transactions
// at fixed points, not at every progress step, so valid rules are refused
// as unsupported with the reason; invalid ones as Suricata refuses them.
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
		if state != "" && (state[0] == '<' || state[0] == '>') {
			state = state[1:]
		}
		names, ok := appStates[app]
		if !ok {
			return fmt.Errorf("app-layer-state: %s has no progress states: %w", app, diag.ErrBadValue)
		}
		if !slices.Contains(names[0], state) && !slices.Contains(names[1], state) {
			return badValue(app+" progress state", state)
		}
		return fmt.Errorf("keyword %q (%s state %s: rulec inspects a %s transaction %s) %w",
			o.Name, app, state, app, unitPoints[app], diag.ErrUnsupported)
	})
}
