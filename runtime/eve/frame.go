package eve

import (
	"encoding/base64"
	"fmt"
	"maps"

	"github.com/rulec/rulec/runtime/inspect"
)

// maxFramePayload is the frame payload an alert logs (Suricata's alert
// payload buffer, 4 KiB), maxDatagramPayload a UDP frame's.
const (
	maxFramePayload    = 4096
	maxDatagramPayload = 256
)

// withFrame returns the unit's sections with the EVE frame object of a
// frame unit's alert, as Suricata's FrameJsonLogOneFrame writes it.
func withFrame(sections map[string]map[string]any, u *inspect.Unit) map[string]map[string]any {
	fr := u.Frame
	obj := map[string]any{"type": fr.Type, "id": fr.ID, "direction": "toserver", "length": fr.Length}
	if !fr.Datagram {
		obj["stream_offset"] = fr.Offset
	}
	if u.Dir == inspect.ToClient {
		obj["direction"] = "toclient"
	}
	var p []byte
	if fr.Missing > 0 {
		p = fmt.Appendf(p, "[%d bytes missing]", fr.Missing)
	}
	limit := maxFramePayload
	if fr.Datagram {
		limit = maxDatagramPayload
	}
	p = append(p, fr.Payload[:min(len(fr.Payload), max(0, limit-len(p)))]...)
	if len(p) > 0 {
		obj["payload"] = base64.StdEncoding.EncodeToString(p)
		obj["payload_printable"] = printable(p)
		obj["complete"] = fr.Complete
	}
	if fr.Tx >= 0 {
		obj["tx_id"] = fr.Tx
	}
	out := maps.Clone(sections)
	if out == nil {
		out = map[string]map[string]any{}
	}
	out["frame"] = obj
	return out
}
