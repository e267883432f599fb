package eve

import (
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// TestFlowAppFailed: a flow record says app_proto "failed" once detection
// gave up on the flow, as Suricata's ALPROTO_FAILED: a UDP flow when its
// direction failed, a TCP flow only when both did.
func TestFlowAppFailed(t *testing.T) {
	for _, c := range []struct {
		proto  uint8
		app    string
		ts, tc string
		want   string
	}{
		{17, "", "failed", "", "failed"},
		{17, "dns", "dns", "", "dns"},
		{17, "", "", "", ""},
		{6, "", "failed", "", ""},
		{6, "", "failed", "failed", "failed"},
		{6, "http", "http", "failed", "http"},
	} {
		f := &inspect.Flow{Proto: c.proto, App: c.app}
		f.AppDir[inspect.ToServer], f.AppDir[inspect.ToClient] = c.ts, c.tc
		if got := FlowEvent(f).AppProto; got != c.want {
			t.Errorf("proto %d app %q directions %q/%q: app_proto %q, want %q", c.proto, c.app, c.ts, c.tc, got, c.want)
		}
	}
}
