package http2

import (
	"math"

	"github.com/rulec/rulec/compiler/ir"
)

// Codes are the integers the http2.* keywords compare, from a
// transaction's frames in one direction (0 to server), as Suricata 8's
// detect-http2 reads them: a keyword holds when one value does.
// http2.frametype has every frame's type, http2.errorcode the error codes
// of GOAWAY and RST_STREAM frames, http2.priority the weights of PRIORITY
// frames and of HEADERS frames with a priority, http2.window the size
// increments of WINDOW_UPDATE frames, http2.size_update the dynamic table
// size updates of header blocks, and http2.settings.ID the values of
// setting ID in SETTINGS frames.
func Codes(tx *Tx, d int) map[string][]int64 {
	out := map[string][]int64{}
	for _, f := range tx.Frames[d] {
		out["http2.frametype"] = append(out["http2.frametype"], int64(f.Type))
		if f.HasError {
			out["http2.errorcode"] = append(out["http2.errorcode"], int64(f.ErrorCode))
		}
		if f.HasPriority {
			out["http2.priority"] = append(out["http2.priority"], int64(f.Weight))
		}
		if f.HasWindow {
			out["http2.window"] = append(out["http2.window"], int64(f.Window))
		}
		for _, n := range f.SizeUpdates {
			out["http2.size_update"] = append(out["http2.size_update"], int64(min(n, math.MaxInt64)))
		}
		for _, s := range f.Settings {
			k := ir.HTTP2SettingCode(int(s.ID))
			out[k] = append(out[k], int64(s.Value))
		}
	}
	return out
}
