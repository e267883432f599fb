package suricata

import (
	"slices"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// app-layer-event matches an anomaly event an app-layer parser raised on
// the transaction (proto.event), or one the app layer raised on the
// packet while detecting the flow's protocol (applayer_..., no protocol).
// Event names are Suricata's, in any case.
func init() {
	register("app-layer-event", valueRequired, func(b *builder, o *syntax.Option) error {
		ev := strings.TrimSpace(o.Value)
		proto, name, ok := strings.Cut(ev, ".")
		switch {
		case !ok && !slices.Contains(appPacketEvents, strings.ToLower(ev)):
			return badValue("app-layer-event, want proto.event or an applayer_ packet event", ev)
		case ok && (proto == "" || name == ""):
			return badValue("app-layer-event, want proto.event", ev)
		case ok:
			ev = proto + "." + strings.ToLower(name)
		default:
			ev = strings.ToLower(ev)
		}
		opt := *o
		opt.Value = ev
		return eventKeyword(b, &opt, ir.EventAppLayer, "")
	})
}

// appPacketEvents are Suricata 8's app-layer events of no protocol.
var appPacketEvents = []string{
	"applayer_mismatch_protocol_both_directions", "applayer_wrong_direction_first_data",
	"applayer_detect_protocol_only_one_direction", "applayer_proto_detection_skipped",
	"applayer_no_tls_after_starttls", "applayer_unexpected_protocol",
}
