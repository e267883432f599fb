package http2

import (
	"slices"
	"testing"
)

// An HTTP2-Settings header that is not base64 of whole settings raises
// http2.invalid_http1_settings on the last transaction (stream 1 here);
// one that decodes to a partial setting still makes the SETTINGS
// transaction of the whole ones.
func TestUpgradeSettingsEvents(t *testing.T) {
	for _, c := range []struct {
		value    string
		txs      int
		settings int
	}{
		{"AAMAAABk", 2, 1},
		{"not base64!", 1, 0},
		{"AAMAAABkAA==", 2, 1},
	} {
		p := NewParser()
		txs := p.Upgrade([]byte("GET"), []byte("/"), []Field{{Name: []byte("HTTP2-Settings"), Value: []byte(c.value)}})
		if len(txs) != c.txs || txs[0].Stream != 1 || txs[0].State != StateHalfClosedClient {
			t.Fatalf("%q: transactions %+v", c.value, txs)
		}
		bad := slices.Contains(txs[0].Events, "http2.invalid_http1_settings")
		if bad != (c.value != "AAMAAABk") {
			t.Errorf("%q: stream 1 events %v", c.value, txs[0].Events)
		}
		if c.txs == 2 && len(txs[1].Frames[0][0].Settings) != c.settings {
			t.Errorf("%q: settings %+v", c.value, txs[1].Frames[0])
		}
	}
}
